"""Bodies that are not what a JSON endpoint takes: always a 4xx in the error shape, never a
5xx, and nothing stored."""

from __future__ import annotations

import pytest

from .corpus import RAW_BODIES

# (method, path, role); {order} and {user} are filled in from the site.
JSON_ENDPOINTS = [
    ("POST", "/api/v1/configure", "sales"),
    ("POST", "/api/v1/orders", "sales"),
    ("PATCH", "/api/v1/orders/{order}", "sales"),
    ("POST", "/api/v1/spec.pdf", "sales"),
    ("POST", "/api/v1/users", "admin"),
    ("PATCH", "/api/v1/users/{user}", "admin"),
    ("POST", "/api/v1/users/{user}/tokens", "admin"),
]
EXPECTED = {  # the status where one status is right; any other 4xx is fine for the rest
    "huge-string": 413,
    "huge-padding": 413,
    "form-encoded": 415,
    "text-plain": 415,
    "xml": 415,
    "multipart": 415,
    "truncated": 400,
    "deep-arrays": 400,
    "deep-objects": 400,
    "deep-in-field": 400,
    "empty": 400,
}


@pytest.mark.parametrize(("method", "path", "role"), JSON_ENDPOINTS,
                         ids=[f"{m} {p}" for m, p, _ in JSON_ENDPOINTS])  # fmt: skip
def test_bad_bodies_are_refused_with_nothing_stored(site, order, method, path, role):
    client = site.app.test_client()
    url = path.format(order=order["id"], user=_victim(site))
    wrong = []
    for name, (body, content_type) in RAW_BODIES.items():
        before = site.rows()
        response = client.open(
            url, method=method, data=body, content_type=content_type, headers=site.headers(role)
        )
        problem = _problem(response, EXPECTED.get(name))
        if problem or site.rows() != before:
            wrong.append(f"{name}: {response.status_code} {problem or 'rows changed'}")
    assert wrong == [], "\n".join(wrong)


def _problem(response, expected: int | None) -> str:
    if expected is not None and response.status_code != expected:
        return f"expected {expected}: {response.get_data(as_text=True)[:300]}"
    if not 400 <= response.status_code < 500:
        return response.get_data(as_text=True)[:300]
    body = response.get_json(silent=True)
    if not isinstance(body, dict) or set(body) != {"code", "status", "message", "errors"}:
        return f"not the error shape: {response.get_data(as_text=True)[:300]}"
    return ""


def _victim(site) -> int:
    """The engineer's user id: the users API calls act on it."""
    client = site.app.test_client()
    listed = client.get("/api/v1/users", headers=site.headers("admin")).json
    return next(u["id"] for u in listed if u["name"] == "web-engineer")
