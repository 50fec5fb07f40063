"""One compiled space as every call shares it: its pool of solvers and the answers worth keeping.

`Solving` lives as long as the rules version; each call borrows an oracle (`Solving.step`)
and asks its questions through a `Step`, so no lock is held across a call. What is kept across
calls is bounded: the empty selection's domains (computed once, with the compiled space), a few
proven reasons per value (each with its texts) and every option's texts per language.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..model import Rule
from .compiler import Space
from .domains import alternatives, domains
from .drop import smallest_drop
from .explain import Causes, Conflict, conflict, together
from .oracle import Oracle, Pool
from .results import Reason

REASONS_PER_VALUE = 4  # proven reasons kept per blocked value, reused while their selections hold
SWITCHES = 256  # answers about alternatives (value sets) kept per space, for a session's next step

Domains = tuple[frozenset[int], frozenset[int]]
Reasons = dict[int, list[tuple[frozenset[int], tuple[Rule, ...]]]]
EMPTY_BUDGET = 0.5  # seconds of solves minimising the reasons of values blocked from the start
STEP_BUDGET = 0.03  # seconds of solves minimising the reasons of one call's blocked values
# seconds into a call after which values still unexplained share one conflict (true for each,
# not minimised, not kept: a later call explains them one by one again)
REASONS_UNTIL = 0.15


class Known:
    """A proven reason for a blocked value: its rules and the selections they need. Its texts
    are built once per language (`texts`), as every later step showing it reads them again."""

    __slots__ = ("rules", "texts", "used")

    def __init__(self, rules: tuple[Rule, ...], used: frozenset[int]):
        self.rules = rules
        self.used = used
        self.texts: dict[str, tuple[Reason, ...]] = {}


class Memo:
    """A small least-recently-used map, safe to share between threads."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[object, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object) -> object | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: object, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class Solving:
    """`empty` and `reasons` come from an earlier process's compile when cached on disk."""

    def __init__(self, space: Space, empty: Domains | None = None, reasons: Reasons | None = None):
        self.space = space
        self.pool = Pool(space)
        self.options: dict[str, Any] = {}  # per language, every option's fixed texts (states.py)
        self.switches = Memo(SWITCHES)  # selections -> the values that could replace each
        self._lock = threading.Lock()  # orders writers of the reasons (readers need none)
        if empty is None or reasons is None:
            empty, reasons = self._empty_answer()
        self.empty = empty
        self._reasons = {
            v: tuple(Known(rules, used) for used, rules in known) for v, known in reasons.items()
        }

    def _empty_answer(self) -> tuple[Domains, Reasons]:
        """The domains with nothing chosen, and why each value blocked from the start is: the
        same in every session, so worked out once with the compiled space."""
        reasons: Reasons = {}
        with self.pool.oracle() as oracle:
            possible, blocked = domains(oracle, [])
            causes = Causes(oracle, time.perf_counter() + EMPTY_BUDGET, settle=False)
            for value in sorted(blocked):
                found = causes.explain([], value)
                if found is not None:
                    reasons[value] = [(frozenset(), found.rules)]
        return (frozenset(possible), frozenset(blocked)), reasons

    def stored(self) -> tuple[Space, Domains, Reasons]:
        """What a later process needs to skip the compile and the empty answer."""
        with self._lock:
            reasons = {v: [(k.used, k.rules) for k in known] for v, known in self._reasons.items()}
        return self.space, self.empty, reasons

    def close(self) -> None:
        self.pool.close()

    def consistent(self, lits: Sequence[int]) -> bool:
        with self.pool.oracle() as oracle:
            return oracle.consistent(lits)

    @contextmanager
    def step(self) -> Iterator[Step]:
        with self.pool.oracle() as oracle:
            yield Step(self, oracle)

    def known_reason(self, value: int, chosen: frozenset[int]) -> Known | None:
        # no lock: each value's reasons are a tuple, replaced whole (keep_reason)
        for known in self._reasons.get(value, ()):
            if known.used <= chosen:
                return known
        return None

    def keep_reason(self, value: int, found: Known) -> None:
        with self._lock:
            known = self._reasons.get(value, ())
            self._reasons[value] = (*known[1 - REASONS_PER_VALUE :], found)


class Step:
    """The questions of one call, asked of one borrowed oracle."""

    def __init__(self, solving: Solving, oracle: Oracle):
        self.solving = solving
        self.space = solving.space
        self.oracle = oracle
        # one call's solves for minimising reasons stop here; propagation still shrinks them
        start = time.perf_counter()
        free = solving.empty[0]
        self.causes = Causes(oracle, start + STEP_BUDGET, free=free, cutoff=start + REASONS_UNTIL)
        self.truck: frozenset[int] | None = None  # a valid truck with the selections, once known

    def consistent(self, lits: Sequence[int]) -> bool:
        return self.oracle.consistent(lits)

    def model(self, lits: Sequence[int], prefer: Sequence[int] = ()) -> list[int] | None:
        return self.oracle.model(lits, prefer)

    def domains(self, lits: Sequence[int]) -> tuple[set[int], set[int]]:
        possible, blocked = self.solving.empty
        if not lits:
            return set(possible), set(blocked)
        self.truck = self._remembered(lits) or self.oracle.truck(lits)  # alternatives start here
        if self.truck is None:
            return set(), set(self.oracle.group_of)
        return domains(self.oracle, lits, blocked, self.truck)

    def _remembered(self, lits: Sequence[int]) -> frozenset[int] | None:
        """A valid truck with the selections from the latest trucks of the selected values,
        the newest selection's first: last step's answer showed it with all the others, so
        its truck usually has every selection already (checked without a solve)."""
        key = frozenset(lits)
        for lit in reversed(lits):
            truck = self.oracle.proof.get(lit)
            if truck is not None and (fixed := self.oracle.repair(truck, key)) is not None:
                return fixed
        return None

    def alternatives(self, lits: Sequence[int], others: dict[int, list[int]]) -> set[int]:
        """Values that could replace a selection, all others kept. The answer for the same
        selections but one (the session's step before, if kept) narrows the search; the answer
        is exact either way."""
        key = frozenset(lits)
        kept = self.solving.switches
        earlier = next((e for lit in lits if (e := kept.get(key - {lit})) is not None), None)
        assert earlier is None or isinstance(earlier, dict)
        found = alternatives(self.oracle, lits, others, self.solving.empty[1], earlier, self.truck)
        kept.put(key, found)
        return {value for values in found.values() for value in values}

    def conflict(self, lits: Sequence[int]) -> Conflict | None:
        return conflict(self.oracle, lits)

    def blocked_by(
        self, lits: Sequence[int], values: Sequence[int], chosen: frozenset[int]
    ) -> list[Known]:
        """Why each of `values` cannot join `lits` (`chosen` is their set): a minimised
        conflict, reused while it still holds. Past the call's cutoff, the values no conflict
        found so far explains share one."""
        out: dict[int, Known] = {}
        rest: list[int] = []
        for value in values:
            known = self.solving.known_reason(value, chosen)
            if known is None:
                found = self.causes.explain(lits, value)
                if found is None:
                    rest.append(value)
                    continue
                known = Known(found.rules, frozenset(found.selections))
                self.solving.keep_reason(value, known)
            out[value] = known
        if rest:
            found = together(self.oracle, lits, rest)
            if found is None:  # pragma: no cover - callers ask only about blocked values
                raise AssertionError("every value asked about must be blocked")
            out.update(dict.fromkeys(rest, Known(found.rules, frozenset(found.selections))))
        return [out[value] for value in values]

    def smallest_drop(self, lits: Sequence[int], keep: Sequence[int]) -> tuple[list[int], bool]:
        return smallest_drop(self.oracle, lits, keep)
