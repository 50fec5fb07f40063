"""An independent checker: bench/reference.py's clauses with every rule behind a switch, so any
subset of the rules can be asked (no engine code)."""

from __future__ import annotations

from collections.abc import Iterable

from pysat.card import CardEnc, EncType
from pysat.solvers import Solver

from bench.reference import Encoding, Problem, Reference


class Checker:
    """Rules behind switches in one solver, so any subset of them can be asked."""

    def __init__(self, book: object, market: str, model: str):
        self.ref = Reference(book, market, model)
        self.problem: Problem = self.ref.problem
        self.enc: Encoding = self.ref.enc
        self.top = self.enc.top
        self.act: dict[str, int] = {}
        self.clauses = [list(c) for c in self.enc.structure]
        for rule_id, clauses in self.enc.rules.items():
            self.top += 1
            self.act[rule_id] = self.top
            self.clauses += [[*c, -self.top] for c in clauses]
        self.solver = Solver(name="m22", bootstrap_with=self.clauses)

    def lits(self, choices: dict[str, str]) -> list[int]:
        return [self.enc.var[(g, v)] for g, v in choices.items()]

    def consistent(self, choices: dict[str, str], rule_ids: Iterable[str] | None = None) -> bool:
        ids = list(self.act) if rule_ids is None else list(rule_ids)
        unknown = [r for r in ids if r not in self.act]
        assert not unknown, f"cited rules that are not hard rules of this model: {unknown}"
        return bool(self.solver.solve(assumptions=self.lits(choices) + [self.act[r] for r in ids]))

    def drop_of(self, choices: dict[str, str], keep: str | None, size: int) -> bool:
        """Some `size` choices (never `keep`) can go so that the rest is consistent."""
        soft = [self.enc.var[(g, v)] for g, v in choices.items() if g != keep]
        hard = [self.enc.var[(keep, choices[keep])]] if keep in choices else []
        card = CardEnc.atleast(
            soft, bound=len(soft) - size, top_id=self.top, encoding=EncType.seqcounter
        )
        with Solver(name="m22", bootstrap_with=self.clauses + card.clauses) as solver:
            return bool(solver.solve(assumptions=hard + list(self.act.values())))


def parse(labels: Iterable[str]) -> dict[str, str]:
    return dict(label.split("=", 1) for label in labels)
