"""The hostile inputs, as data: bodies, field values, path parameters, tokens.

Each entry has an id (the pytest id, and what a failure message names). Strings are what a
client sends after JSON decoding; RAW_BODIES are bytes exactly as they go on the wire.
"""

from __future__ import annotations

from typing import Any

MiB = 1024 * 1024

# Text a person could type, or paste: free-text fields must store it verbatim and escape it
# wherever it is shown; every other field must refuse it with a 4xx.
MARKUP = {
    "script": '<script>alert("pwned")</script>',
    "img-onerror": '<img src=x onerror="alert(1)">',
    "attr-breakout": '"><svg onload=alert(1)>',
    "file-url": '<img src="file:///etc/passwd">',
    "style-import": "<style>@import url(http://127.0.0.1:1/x.css)</style>",
    "jinja": "{{ 7*7 }}{% raw %}",
    "template": "${7*7} #{7*7} %(x)s %s %n",
    "html-entity": "&lt;b&gt; &amp; &#x3C;",
}
SQL = {
    "sql-quote": "' OR '1'='1",
    "sql-drop": "Robert'); DROP TABLE orders;--",
    "sql-union": "x' UNION SELECT name, password_hash FROM users --",
    "sql-comment": "KZ' --",
    "sql-like": "%_%\\",
}
UNICODE = {
    "rtl-marks": "\u202eevil\u202c \u200f\u200e",
    "emoji-4-byte": "Грузовик 🚚🇰🇿 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "zero-width": "Ac\u200bme\ufeff",
    "combining": "Z\u0351\u0310\u0300a\u0336\u0325l\u0489go",
    "cjk": "陕汽重卡 有限公司",
    "longest-name": "Ж" * 200,
}
REFUSED_TEXT = {  # never acceptable anywhere
    "nul": "Acme\x00Corp",
    "lone-surrogate": "Acme \ud800",
    "low-surrogate": "\udfff",
    "crlf-header": "Acme\r\nSet-Cookie: session=evil",
    "bell-escape": "\x07\x1b[31mred",
    "blank": "   ",
    "empty": "",
    "long-201": "Ж" * 201,
    "long-100k": "x" * 100_000,
}
TRAVERSAL = {
    "dotdot": "../../etc/passwd",
    "dotdot-encoded": "..%2F..%2Fetc%2Fpasswd",
    "dotdot-backslash": "..\\..\\windows\\win.ini",
    "absolute": "/etc/passwd",
    "file-url": "file:///etc/passwd",
}
TEXT: dict[str, str] = MARKUP | SQL | UNICODE | REFUSED_TEXT | TRAVERSAL

# JSON values of the wrong type for any field.
WRONG_TYPES: dict[str, Any] = {
    "null": None,
    "true": True,
    "zero": 0,
    "negative": -1,
    "float": 2.5,
    "huge-int": 2**70,
    "huge-float": 1e308,
    "list": ["KZ"],
    "object": {"$gt": ""},
    "nested": {"a": [{"b": [None]}]},
}
VALUES: dict[str, Any] = TEXT | WRONG_TYPES

XXE = b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"
MULTIPART = b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--b--"

# Whole request bodies for the JSON endpoints, as bytes (content type in the second place).
JSON = "application/json"
RAW_BODIES: dict[str, tuple[bytes, str]] = {
    "truncated": (b'{"market": "KZ", "model": ', JSON),
    "trailing-comma": (b'{"market": "KZ",}', JSON),
    "single-quotes": (b"{'market': 'KZ'}", JSON),
    "nan": (b'{"quantity": NaN}', JSON),
    "infinity": (b'{"quantity": Infinity}', JSON),
    "comment": (b'{"market": "KZ" /* x */}', JSON),
    "bom": (b'\xef\xbb\xbf{"market": "KZ"}', JSON),
    "utf16": ('{"market": "KZ"}'.encode("utf-16"), JSON),
    "latin1": ('{"customer": "Müller"}'.encode("latin-1"), JSON),
    "nul-byte": (b'{"market": "K\x00Z"}', JSON),
    "empty": (b"", JSON),
    "whitespace": (b" \n\t ", JSON),
    "null": (b"null", JSON),
    "number": (b"42", JSON),
    "string": (b'"KZ"', JSON),
    "array": (b'[{"market": "KZ"}]', JSON),
    "deep-arrays": (b"[" * 100_000 + b"]" * 100_000, JSON),
    "deep-objects": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, JSON),
    "deep-in-field": (b'{"selections": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", JSON),
    "long-number": (b'{"quantity": ' + b"9" * 100_000 + b"}", JSON),
    "duplicate-keys": (b'{"quantity": 1, "quantity": "x"}', JSON),
    "many-keys": (b"{" + b",".join(b'"k%d": 1' % i for i in range(5_000)) + b"}", JSON),
    "huge-string": (b'{"customer": "' + b"A" * (2 * MiB) + b'"}', JSON),
    "huge-padding": (b" " * (2 * MiB) + b"{}", JSON),
    "form-encoded": (b"market=KZ&model=x", "application/x-www-form-urlencoded"),
    "text-plain": (b'{"market": "KZ"}', "text/plain"),
    "xml": (XXE, "application/xml"),
    "multipart": (MULTIPART, "multipart/form-data; boundary=b"),
}  # fmt: skip

# Path parameters: every one must answer 404 (or 405), never 5xx, never a file's content.
BAD_IDS = {
    "zero": "0",
    "negative": "-1",
    "huge": "9" * 30,
    "int64-max-plus-1": str(2**63),
    "float": "1.5",
    "hex": "0x10",
    "word": "abc",
    "sql": "1%20OR%201=1",
    "nul": "1%00",
    "emoji": "%F0%9F%9A%9A",
    "dotdot": "..",
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "long": "1" * 5_000,
}
BAD_CODES = {
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "dotdot": "..",
    "sql": "KZ'%20OR%20'1'='1",
    "nul": "K%00",
    "script": "%3Cscript%3E",
    "emoji": "%F0%9F%9A%9A",
    "long": "K" * 5_000,
    "lower-unknown": "xx",
}
STATIC_PATHS = {
    "dotdot": "/static/../../etc/passwd",
    "encoded": "/static/..%2F..%2Fcatalog%2F__init__.py",
    "double-encoded": "/static/%252e%252e/%252e%252e/etc/passwd",
    "backslash": "/static/..\\..\\catalog\\config.py",
    "absolute": "/static//etc/passwd",
    "nul": "/static/css/app.css%00.py",
    "instance": "/static/../../instance/secret_key",
    "docs-dotdot": "/api/docs/assets/..%2F..%2F__init__.py",
    "docs-absolute": "/api/docs/assets//etc/passwd",
}
# What a leaked file would contain.
LEAKS = ("root:x:0:0", "from __future__", "import ", "[extensions]", "SECRET")

BAD_AUTH = {
    "no-scheme": "cat_abc",
    "basic": "Basic YWRtaW46YWRtaW4=",
    "bearer-only": "Bearer",
    "bearer-spaces": "Bearer      ",
    "unknown-token": "Bearer cat_" + "A" * 43,
    "no-prefix": "Bearer " + "A" * 43,
    "sql": "Bearer cat_' OR '1'='1",
    "long": "Bearer cat_" + "A" * 100_000,
    "latin1": "Bearer cat_\xe9\xff",
    "two-tokens": "Bearer cat_a, Bearer cat_b",
    "jwt-none": "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.",
}
