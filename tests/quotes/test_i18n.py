"""Every string of the quote pages and the quote PDF has a Russian and a Chinese translation,
and the PDF speaks the quote's language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = [
    *[("jinja2", p) for p in sorted((ROOT / "templates" / "quotes").glob("*.html"))],
    ("jinja2", ROOT / "templates" / "orders" / "_revisions.html"),
    *[("python", ROOT / "catalog" / p) for p in ("specsheet/quote.py", "web/quotes.py",
                                                  "web/quote_forms.py", "web/rates.py",
                                                  "web/quote_problems.py",
                                                  "web/problem_fields.py")],
]  # fmt: skip
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}


def strings() -> set[str]:
    found = set()
    for method, path in SOURCES:
        options = {"trim_blocks": "true", "lstrip_blocks": "true"}
        extra = {"options": options} if method == "jinja2" else {"keywords": KEYWORDS}
        for _line, message, _c, _x in extract_from_file(method, str(path), **extra):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_quote_string_is_translated(lang: str) -> None:
    path = ROOT / "catalog" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found = strings()
    assert len(found) > 100
    assert sorted(m for m in found if not (catalog.get(m) and catalog.get(m).string)) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", ["редакция A", "Условия оплаты"]),
     ("zh", ["版本 A", "付款条件", "有效期至"])],
)  # fmt: skip
def test_the_sent_pdf_is_in_the_quotes_language(client, headers, draft, lang, words):
    quote = draft(lang=lang)
    client.post(f"/api/v1/quotes/{quote['id']}/send", json={"version": 1}, headers=headers("sales"))
    response = client.get(f"/api/v1/quotes/{quote['id']}/quote.pdf", headers=headers("sales"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = re.sub(r"\s+", " ", " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages))  # fmt: skip
    for word in words:
        assert word in text, word
