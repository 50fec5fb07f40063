"""Free text a person typed (a customer name, a password): visible characters only.

One rule for the API schemas and the page forms: no control characters (C0, DEL, C1: they break
headers, logs and PDFs) and no lone surrogates (SQLite cannot store them).
"""

from __future__ import annotations

import re

INVISIBLE = r"\x00-\x1f\x7f-\x9f\ud800-\udfff"
VISIBLE_TEXT = re.compile(f"^[^{INVISIBLE}]*$")


def is_visible(value: str) -> bool:
    return VISIBLE_TEXT.match(value) is not None
