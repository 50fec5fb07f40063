"""Which hard rules cause a fact, asked of a `Probe`: the rules that block an option (or the whole
model), and the rules a redundant rule follows from. Cores are shrunk to subset-minimal sets
while they are small enough for that to stay cheap.
"""

from __future__ import annotations

from ..model import Rule
from .probe import Clause, Probe, split_aux


def blocking_rules(
    probe: Probe, lits: list[int], on: list[int] | None = None, shrink: int = 64
) -> list[Rule]:
    """Hard rules that, with `lits`, leave no valid configuration; subset-minimal when the
    first core has at most `shrink` rules. [] when `lits` are consistent."""
    ok, _, core = probe.solve([*(probe.all_on if on is None else on), *lits])
    if ok:
        return []
    acts = probe.rules_in(core)
    ok, _, core = probe.solve([*acts, *lits])  # refine: only the rules of the core's blocks
    acts = [c for c in core if c in probe.rule_of]
    if len(acts) <= shrink:
        for act in list(acts):
            trial = [a for a in acts if a != act]
            if not probe.solve([*trial, *lits])[0]:
                acts = trial
    return [probe.rule_of[a] for a in acts]


def implied_by(
    probe: Probe, rule: Rule, clauses: list[Clause], explain: bool = True
) -> tuple[bool, set[str]]:
    """Whether `clauses` (of `rule`) follow from the other hard rules, and (if `explain`)
    from which."""
    others = probe.all_but(rule.id)
    main, defs = split_aux(clauses, probe.nvalues)
    used: set[str] = set()
    for clause in main:
        assume = [-lit for lit in clause if abs(lit) <= probe.nvalues]
        rows = [lit for lit in clause if lit > probe.nvalues]
        if rows:
            guard = probe.fresh()
            probe.add([[-guard, *(-c for c in defs.get(r, []))] for r in rows])
            assume.append(guard)
        ok, _, core = probe.solve([*others, *assume])
        if ok:
            return False, set()
        if not explain:
            continue
        own = [a for a in probe.rules_in(core) if probe.rule_of[a].id != rule.id]
        used |= {r.id for r in _shrink(probe, own, assume)}
    return True, used


def _shrink(probe: Probe, acts: list[int], lits: list[int], limit: int = 12) -> list[Rule]:
    ok, _, core = probe.solve([*acts, *lits])
    acts = [c for c in core if c in probe.rule_of] if not ok else acts
    if len(acts) <= limit:
        for act in list(acts):
            trial = [a for a in acts if a != act]
            if not probe.solve([*trial, *lits])[0]:
                acts = trial
    return [probe.rule_of[a] for a in acts]
