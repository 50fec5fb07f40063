"""The analysis as text for a terminal or a CI log, and as Markdown for a pull request.

Every finding is one `path:line: item: message` line (editors and CI annotate from it), under
its severity and its market; the counts close the report as a table.
"""

from __future__ import annotations

from .findings import ALL, ERROR, INFO, WARNING, Analysis, Finding

TITLES = {ERROR: "Errors", WARNING: "Warnings", INFO: "Notes"}


def summary(analysis: Analysis) -> str:
    n = {level: len(analysis.of(level)) for level in TITLES}
    return (
        f"{n[ERROR]} error(s), {n[WARNING]} warning(s), {n[INFO]} note(s) in "
        f"{len(analysis.markets)} market(s) x {len(analysis.models)} model(s); "
        f"rules version {analysis.version}; analysed in {analysis.seconds:.2f} s"
    )


def _by_market(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    markets = sorted({f.market for f in findings})
    return [(m, [f for f in findings if f.market == m]) for m in markets]


def _market_title(code: str) -> str:
    return "All analysed markets" if code == ALL else f"Market {code}"


def text_report(analysis: Analysis, notes: bool = True) -> str:
    lines = [summary(analysis)]
    for level, title in TITLES.items():
        found = analysis.of(level)
        if not found or (level == INFO and not notes):
            continue
        lines += ["", f"{title} ({len(found)})"]
        for market, items in _by_market(found):
            lines.append(f"  {_market_title(market)}")
            lines += [f"    {f.line()}" for f in items]
    if analysis.counted:
        lines += ["", "Valid configurations", *count_table(analysis)]
    return "\n".join(lines)


def markdown_report(analysis: Analysis, notes: bool = True) -> str:
    ok = "passed" if analysis.ok else "FAILED"
    lines = [f"## Rule check {ok}", "", summary(analysis)]
    for level, title in TITLES.items():
        found = analysis.of(level)
        if not found or (level == INFO and not notes):
            continue
        lines += ["", f"### {title} ({len(found)})"]
        for market, items in _by_market(found):
            lines += ["", f"**{_market_title(market)}**", ""]
            lines += [f"- `{f.source}` **{f.item}**: {_md(f.message)}" for f in items]
    if analysis.counted:
        lines += ["", "### Valid configurations", "", *count_table(analysis)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def count_text(analysis: Analysis, market: str, model: str) -> str:
    facts = analysis.spaces[(market, model)]
    count = facts.count
    if not facts.buyable:
        return "0 (never)"
    if count is None:
        return "-"
    if count.value is None:  # unknown: the bounds the budget allowed
        return f"≥ {count.lower:,}, ≤ {count.upper:.3g}"
    return f"{count.value:,}"


def count_table(analysis: Analysis) -> list[str]:
    head = ["model", *analysis.markets]
    rows = [
        [model, *(count_text(analysis, m, model) for m in analysis.markets)]
        for model in analysis.models
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [row(head), rule, *(row(r) for r in rows)]
