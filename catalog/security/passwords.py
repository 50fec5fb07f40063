"""The password policy: long enough and not one that guessers try first.

The common list is zxcvbn's 30,000 most frequent leaked passwords (the `zxcvbn` package
ships it), compared case-insensitively.
"""

from __future__ import annotations

from functools import cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 200


@cache
def _common() -> frozenset[str]:
    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def problem(password: str, user_name: str | None = None) -> str | None:
    """What makes this password unacceptable, or None."""
    if len(password) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"at most {MAX_LENGTH} characters"
    lowered = password.lower()
    if lowered in _common() or len(set(lowered)) < 4:
        return "this password is on the list of common passwords; choose another"
    if user_name and user_name.lower() in lowered:
        return "the password must not contain the user name"
    return None
