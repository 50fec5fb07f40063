"""The rule engine: load rule files, compile them to clauses, configure and validate trucks.

Pure Python over python-sat: nothing here imports Flask or touches the database.
"""

from .asof import DatedEngines
from .engine.engine import Engine, ModelOffer, SelectionError
from .format.loader import RulebookError, load_rulebook, rules_version
from .format.nodes import Problem
from .model import Rulebook

__all__ = [
    "DatedEngines",
    "Engine",
    "ModelOffer",
    "Problem",
    "Rulebook",
    "RulebookError",
    "SelectionError",
    "load_rulebook",
    "rules_version",
]
