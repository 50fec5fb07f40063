"""PDFs off the request path: made in a separate, lower-priority process; cached by order,
version, language, rules version and options; at most SPEC_PER_USER at once per user (429) and
SPEC_QUEUE in all (503), both with Retry-After."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.services import spec_sheets
from catalog.specsheet import pool
from catalog.specsheet.cache import SheetCache, key
from catalog.specsheet.slots import slot

from .conftest import KZ_TRACTOR

Headers = dict[str, str]


@pytest.fixture
def order(client: FlaskClient, make_user: Callable[..., str]) -> tuple[dict[str, Any], Headers]:
    headers = {"Authorization": f"Bearer {make_user('sales', 'pool-sales')}"}
    body = {"customer": "Pool Test LLP", "market": "KZ", "model": "x3000-tractor-6x4",
            "selections": KZ_TRACTOR, "quantity": 2}  # fmt: skip
    response = client.post("/api/v1/orders", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return dict(response.json or {}), headers


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages sent to the render pool, in order (the real pool still makes each PDF)."""
    sent: list[str] = []
    real = pool.render

    def counted(html: str, *args: Any) -> bytes:
        sent.append(html)
        return real(html, *args)

    monkeypatch.setattr(pool, "render", counted)
    return sent


def cached_files(app: Flask) -> list[Path]:
    return sorted(Path(app.config["SPEC_CACHE_DIR"]).glob("*.pdf"))


def test_a_repeat_comes_from_the_cache_and_a_change_does_not(
    app: Flask, client: FlaskClient, order: tuple[dict[str, Any], Headers], renders: list[str]
) -> None:
    made, headers = order
    url = f"/api/v1/orders/{made['id']}/spec.pdf?lang=en"
    first = client.get(url, headers=headers)
    assert first.status_code == 200 and first.data.startswith(b"%PDF-")
    again = client.get(url, headers=headers)
    assert again.data == first.data
    assert len(renders) == 1 and len(cached_files(app)) == 1

    assert client.get(url.replace("en", "ru"), headers=headers).status_code == 200  # language
    assert client.get(url + "&prices=false", headers=headers).status_code == 200  # options
    changed = client.patch(f"/api/v1/orders/{made['id']}", headers=headers,
                           json={"version": made["version"], "quantity": 3})  # fmt: skip
    assert changed.status_code == 200, changed.json
    after = client.get(url, headers=headers)  # a new version is a new sheet
    assert after.status_code == 200 and after.data != first.data
    assert len(renders) == 4 and len(cached_files(app)) == 4
    assert client.get(url, headers=headers).data == after.data
    assert len(renders) == 4


def test_the_rules_version_is_part_of_the_key() -> None:
    parts = ("order", 1, 1, "en", "rules-v1", True, "2026-03-05")
    assert key(*parts) == key(*parts)
    assert key(*parts) != key(*parts[:4], "rules-v2", *parts[5:])


def test_the_cache_keeps_to_its_bound_dropping_the_least_recently_used(tmp_path: Path) -> None:
    cache = SheetCache(tmp_path, max_bytes=250)
    for name in ("a", "b"):
        cache.put(name, name.encode() * 100)
        os.utime(tmp_path / f"{name}.pdf", (1_000 + ord(name), 1_000 + ord(name)))
    assert cache.get("a") == b"a" * 100  # used now: newer than b
    cache.put("c", b"c" * 100)
    assert cache.get("b") is None  # the least recently used went
    assert cache.get("a") and cache.get("c")
    assert sum(f.stat().st_size for f in tmp_path.glob("*.pdf")) <= 250
    assert not list(tmp_path.glob("*.tmp"))
    off = SheetCache(tmp_path / "off", max_bytes=0)
    off.put("x", b"x")
    assert off.get("x") is None


def test_a_user_past_the_cap_gets_429_with_retry_after_and_others_are_served(
    app: Flask, client: FlaskClient, order: tuple[dict[str, Any], Headers],
    make_user: Callable[..., str],
) -> None:  # fmt: skip
    made, headers = order
    app.config["SPEC_PER_USER"] = 1
    slots = Path(app.config["SPEC_CACHE_DIR"]) / "slots"
    user_id = client.get("/api/v1/me", headers=headers).json or {}
    with slot(slots, f"user-{user_id.get('id', 1)}", 1) as held:  # one render under way
        assert held
        url = f"/api/v1/orders/{made['id']}/spec.pdf"
        refused = client.get(url, headers=headers)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == str(spec_sheets.RETRY_AFTER_USER)
        assert refused.json and refused.json["code"] == 429 and "PDFs" in refused.json["message"]
        other = {"Authorization": f"Bearer {make_user('sales', 'pool-other')}"}
        assert client.get(url, headers=other).status_code == 200
    assert client.get(url, headers=headers).status_code == 200  # from the cache now, too


def test_past_the_queue_everyone_gets_503_with_retry_after(
    app: Flask, client: FlaskClient, order: tuple[dict[str, Any], Headers]
) -> None:
    made, headers = order
    app.config["SPEC_QUEUE"] = 1
    with slot(Path(app.config["SPEC_CACHE_DIR"]) / "slots", "all", 1):
        busy = client.get(f"/api/v1/orders/{made['id']}/spec.pdf", headers=headers)
    assert busy.status_code == 503 and busy.headers["Retry-After"]
    assert busy.json and busy.json["code"] == 503


def test_a_slot_is_freed_when_its_holder_dies(tmp_path: Path) -> None:
    code = (
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(tmp_path / 'all.0.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)"
    )  # fmt: skip
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout and holder.stdout.readline().strip() == "held"
            with slot(tmp_path, "all", 1) as free:
                assert not free
        finally:
            holder.kill()
    with slot(tmp_path, "all", 1) as free:
        assert free


def test_pdfs_are_made_in_a_separate_lower_priority_process() -> None:
    pdf = pool.render("<p>hello</p>", 1, 7, 120)
    assert pdf.startswith(b"%PDF-")
    children = multiprocessing.active_children()
    assert children, "no render process"
    mine = os.getpriority(os.PRIO_PROCESS, 0)  # the pool may be this process's earlier one
    assert any(os.getpriority(os.PRIO_PROCESS, c.pid or 0) > mine for c in children)
    assert all(c.pid != os.getpid() for c in children)
