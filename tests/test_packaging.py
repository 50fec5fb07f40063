"""The wheel as an operator gets it: built from this checkout, installed into a clean virtualenv
with the runtime lock and no extras, then init-db, demo-data, a page and a spec sheet served by
gunicorn, all from a folder outside the checkout (so nothing is imported from here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from harness.serving import Gunicorn

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "runtime.lock"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def clean_env(instance: Path) -> dict[str, str]:
    """No PYTHONPATH and no CATALOG_* of the developer: the installed package alone decides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CATALOG_", "PYTHON"))}
    return env | {"CATALOG_INSTANCE": str(instance), "CATALOG_SPEC_NICE": "0"}  # beside other tests


def test_the_wheel_installs_and_serves_without_extras(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", dist, ROOT, cwd=tmp_path)  # fmt: skip
    wheel = next(dist.glob("catalog-*.whl"))

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    pip = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python"]  # this pip, that venv
    install = [*pip, "install", "-q", "--no-compile"]
    run(*install, "--require-hashes", "--no-deps", "-r", LOCK, cwd=tmp_path)
    run(*install, "--no-deps", wheel, cwd=tmp_path)
    run(*pip, "check", cwd=tmp_path)  # the lock holds every dependency the wheel declares

    instance = tmp_path / "instance"
    env = clean_env(instance)
    where = run(venv / "bin" / "python", "-c", "import catalog.paths as p; print(p.RULES)",
                cwd=tmp_path, env=env)  # fmt: skip
    assert Path(where.strip()).is_relative_to(venv), where  # the rules inside the wheel

    flask = [venv / "bin" / "flask", "--app", "catalog"]
    assert "applied" in run(*flask, "init-db", cwd=tmp_path, env=env)
    demo = run(*flask, "demo-data", cwd=tmp_path, env=env)
    token = re.search(r"demo-sales .*token (\S+)", demo)
    assert token, demo
    assert "export history exports-history.csv" in demo  # data/ travelled too

    server = Gunicorn(instance, instance / "catalog.sqlite", 1, str(venv / "bin" / "python"),
                      tmp_path)  # fmt: skip
    try:
        url = server.start()
        login = requests.get(url + "/login?lang=ru", timeout=30)
        assert login.status_code == 200
        assert "<form" in login.text and "Войти" in login.text  # template and .mo installed
        assert requests.get(url + "/static/css/app.css", timeout=30).status_code == 200
        sheet = requests.get(
            url + "/api/v1/orders/1/spec.pdf?lang=zh",
            headers={"Authorization": f"Bearer {token[1]}"},
            timeout=120,
        )
        assert sheet.status_code == 200, sheet.text[:500]
        assert sheet.content.startswith(b"%PDF-")
    finally:
        server.stop()
