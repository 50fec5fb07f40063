"""Spec sheets: the PDF a manufacturer sends the customer, in the customer's language.

Data flows one way: (rulebook, configuration, document facts) -> Sheet (facts.py, figures.py,
drawing.py) -> HTML (render.py, templates/spec/) -> PDF (WeasyPrint through fetcher.py, which serves
the project's static files and nothing else). Nothing here needs Flask or the database, and
WeasyPrint is imported only when the first PDF is made.
"""

from .facts import Document, Sheet, build_sheet
from .pipeline import SheetRequest, issue_time, make_sheet, sheet_lang, spec_html, spec_pdf
from .render import Printer, printer, render_html

__all__ = [
    "Document",
    "Printer",
    "Sheet",
    "SheetRequest",
    "build_sheet",
    "issue_time",
    "make_sheet",
    "printer",
    "render_html",
    "sheet_lang",
    "spec_html",
    "spec_pdf",
]
