"""Rule review pages for engineers (and admins): per market its rules, what it inherits from its
layers, the analysis findings and counts; per rule what it blocks. Issue 7.

The analysis is cached per rules version (review.analysis.cached_analysis), so only the first
visit after a start pays for it; what a rule blocks is cached the same way.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Blueprint, abort, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..auth import roles_required
from ..db import get_db
from ..roles import REVIEW_RULES
from ..rulebook.dates import today
from ..rulebook.model import Market, Rule, Rulebook, text_in
from ..rulebook.review.analysis import cached_analysis
from ..rulebook.review.findings import ALL, ERROR, INFO, WARNING, Analysis, Finding
from ..rulebook.review.impact import Effect, rule_effect
from ..rulebook.review.reporting import count_text
from ..rulebook.review.rule_judging import relevant
from ..services import regulatory_calendar
from ..services.active_rules import engine, engines
from .order_view import STATUS_NAMES

bp = Blueprint("review", __name__, url_prefix="/review")
FACT_NAMES = {
    "min_emission": _l("Minimum emission class (Euro)"),
    "language": _l("Language of the documents"),
    "mass_limits": _l("Mass limits"),
}
LEVELS = ((ERROR, _l("Errors")), (WARNING, _l("Warnings")), (INFO, _l("Notes")))
_EFFECTS: dict[tuple[str, str], list[Effect]] = {}
_LOCK = threading.Lock()


def _lang() -> str:
    return str(g.get("lang", "en"))


def _book_and_analysis() -> tuple[Rulebook, Analysis]:
    book = engine().book
    return book, cached_analysis(book)


@bp.get("/")
@roles_required(*REVIEW_RULES)
def index() -> Any:
    book, analysis = _book_and_analysis()
    return render_template(
        "review/index.html",
        analysis=analysis,
        markets=[(m.code, text_in(m.name, _lang())) for m in book.markets.values()],
        levels=_levels(analysis.findings),
        counts=_counts(analysis, analysis.markets),
    )


@bp.get("/markets/<code>")
@roles_required(*REVIEW_RULES)
def market(code: str) -> Any:
    book, analysis = _book_and_analysis()
    found = book.markets.get(code.upper())
    if found is None:
        abort(404, _("Unknown market %(code)s.", code=code))
    findings = [f for f in analysis.findings if f.market == found.code]
    everywhere = [f for f in analysis.findings if f.market == ALL]
    return render_template(
        "review/market.html",
        market=found,
        name=text_in(found.name, _lang()),
        sections=_sections(book, found),
        levels=_levels(findings),
        everywhere=_levels(everywhere),
        counts=_counts(analysis, [found.code]),
        version=analysis.version,
    )


@bp.get("/rules/<rule_id>")
@roles_required(*REVIEW_RULES)
def rule(rule_id: str) -> Any:
    book, analysis = _book_and_analysis()
    found = next((r for r in book.rules if r.id == rule_id), None)
    if found is None:
        abort(404, _("Unknown rule %(rule)s.", rule=rule_id))
    return render_template(
        "review/rule.html",
        rule=found,
        message=text_in(found.message, _lang()),
        markets=relevant(book, found, sorted(book.markets)),
        effects=_effects(book, found),
        levels=_levels(analysis.for_rule(found.id)),
    )


@bp.get("/calendar")
@roles_required(*REVIEW_RULES)
def calendar() -> Any:
    """What starts and ends being in force per market, and the open orders a change rejects."""
    months = request.args.get("months", regulatory_calendar.MONTHS, type=int)
    months = min(max(months, 1), 600)
    found = regulatory_calendar.build(
        engines(), regulatory_calendar.open_orders(get_db()), today(), months, lang=_lang()
    )
    markets = sorted({c.market for c in found.changes})
    return render_template(
        "review/calendar.html",
        calendar=found,
        months=months,
        by_market=[(m, [c for c in found.changes if c.market == m]) for m in markets],
        version=engines().version,
        fact_names=FACT_NAMES,
        statuses=STATUS_NAMES,
    )


def _effects(book: Rulebook, rule: Rule) -> list[Effect]:
    key = (book.version, rule.id)
    with _LOCK:
        if key not in _EFFECTS:
            if len(_EFFECTS) > 256:
                _EFFECTS.clear()
            _EFFECTS[key] = rule_effect(book, rule)
        return _EFFECTS[key]


def _levels(findings: list[Any]) -> list[tuple[str, str, list[Any]]]:
    return [
        (level, str(title), [f for f in findings if f.severity == level]) for level, title in LEVELS
    ]


def _sections(book: Rulebook, market: Market) -> list[tuple[str, list[Rule]]]:
    """The market's own rules, then each included layer's, then the catalogue's."""
    rules = [r for r in book.rules_for(market) if not r.markets or r.markets.matches(market.attr)]
    own = [(_("Rules of this market"), [r for r in rules if r.owner == f"market:{market.code}"])]
    layers = [
        (
            _("Inherited from layer %(layer)s", layer=layer),
            [r for r in rules if r.owner == f"layer:{layer}"],
        )
        for layer in market.layers
    ]
    catalogue = [
        (_("Catalogue rules (every market)"), [r for r in rules if r.owner == "catalogue"])
    ]
    return own + layers + catalogue


def _counts(analysis: Analysis, markets: list[str]) -> list[tuple[str, list[str]]]:
    return [(model, [_count(analysis, m, model) for m in markets]) for model in analysis.models]


def _count(analysis: Analysis, market: str, model: str) -> str:
    """One cell of the counts table; the words in it translated (the numbers as the CLI prints)."""
    if not analysis.spaces[(market, model)].buyable:
        return _("0 (never)")
    return count_text(analysis, market, model)


@bp.app_template_filter("rule_text")
def rule_text(rule: Rule) -> str:
    return text_in(rule.message, _lang())


@bp.app_template_filter("in_lang")
def in_lang(text: dict[str, str]) -> str:
    return text_in(text, _lang())


@bp.app_template_filter("finding_text")
def finding_text(finding: Finding) -> str:
    """A finding in the reader's language: its template translated, then filled in."""
    if not finding.text:
        return finding.message
    params = dict(finding.params)
    if "options" in params:
        params["what"] = _("choosing %(options)s", options=params["options"])
    elif "what" in params:
        params["what"] = _(params["what"])
    return str(_(finding.text, **params))
