"""The only way WeasyPrint reaches a resource: files under catalog/static/, nothing else.

Refused (and logged on the "catalog.specsheet" logger): any scheme but file: (http, https, ftp,
data…), file URLs with a host, a query or a `..` segment, and paths that resolve outside the
static folder (symlinks included). Fonts do not come through here: WeasyPrint finds them with
fontconfig.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"
log = logging.getLogger("catalog.specsheet")


class Refused(ValueError):
    """A resource outside the project's static files was asked for."""


def static_path(url: str, root: Path = STATIC_ROOT) -> Path | None:
    """The file a URL names if it is one of the static files, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    raw = unquote(parts.path)
    if "\\" in raw or "\x00" in raw or ".." in raw.split("/"):
        return None
    path = Path(raw).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    return path


class StaticFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves the static folder and refuses everything else."""

    def __init__(self, root: Path = STATIC_ROOT):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()
        self.base_url = self.root.as_uri() + "/"

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = static_path(url, self.root)
        if path is None:
            log.warning("spec sheet: refused to fetch %r (only static files are served)", url[:200])
            raise Refused(f"refused: {url[:200]}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
