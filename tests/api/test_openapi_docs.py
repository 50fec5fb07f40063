"""The OpenAPI document and the docs page, whose assets the app serves itself."""

from __future__ import annotations

import re


def test_openapi_declares_bearer_security_and_every_route(app, client):
    spec = client.get("/api/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert spec["security"] == [{"bearerAuth": []}]
    for path in ("/api/v1/orders", "/api/v1/orders/{order_id}", "/api/v1/users", "/api/v1/ping"):
        assert path in spec["paths"]
    patch = spec["paths"]["/api/v1/orders/{order_id}"]["patch"]
    assert set(patch["responses"]) >= {"200", "401", "403", "404", "409", "422"}
    assert patch["x-roles"] == ["sales", "admin"]
    body = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][body.rsplit("/", 1)[1]]
    assert "version" in schema["required"]
    assert "409" in schema["properties"]["version"]["description"]


def test_docs_page_loads_only_local_assets(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith(("/api/docs/assets/", "/static/js/")) for url in urls)
    assert "/api/openapi.json" in html
    assert "<script>" not in html  # the starter is a file: the CSP allows no inline script
    for url in urls:
        with client.get(url) as asset:
            assert asset.status_code == 200, url
            assert len(asset.get_data()) > (1000 if "/assets/" in url else 100)
