"""The rule engine: load rule files, compile them to clauses, configure and validate trucks.

Pure Python over python-sat: nothing here imports Flask or touches the database.
"""

from .engine import Engine, ModelOffer, SelectionError
from .loader import RulebookError, load_rulebook, rules_version
from .model import Rulebook
from .yamlread import Problem

__all__ = [
    "Engine",
    "ModelOffer",
    "Problem",
    "Rulebook",
    "RulebookError",
    "SelectionError",
    "load_rulebook",
    "rules_version",
]
