"""scripts/run.sh starts what the README documents: nginx on PORT in front of gunicorn on a unix
socket, the demo data loaded and a login printed; SIGTERM stops all of it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import requests

from harness.serving import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_run_script_serves_through_nginx_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOG_")}
    env |= {"CATALOG_INSTANCE": str(tmp_path), "PORT": str(port), "WORKERS": "1"}
    log = tmp_path / "run.log"
    with log.open("w") as out:
        process = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240
        while "catalog is starting" not in log.read_text() and process.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        text = log.read_text()
        assert process.poll() is None, text
        login = re.search(r"user demo-sales \(sales\) password (\S+)", text)
        assert login, text
        assert "token" not in text.split("Logins (also in", 1)[1]  # tokens only in the file
        while True:
            try:
                page = requests.get(url + "/login", timeout=10)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        assert page.status_code == 200 and "<form" in page.text
        assert page.headers["Server"] == "nginx"  # answered through the proxy
        ping = requests.get(url + "/api/v1/ping", timeout=10)
        assert ping.status_code == 401 and ping.json()["code"] == 401
        runtime = re.search(r"on (\S+)/gunicorn\.sock", text)
        assert runtime and Path(runtime[1], "gunicorn.sock").is_socket()
        os.kill(process.pid, signal.SIGTERM)  # the script alone: it stops nginx and gunicorn
        process.wait(timeout=60)
        time.sleep(1)
        left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # never leave anything behind a failed test
        process.wait(timeout=60)
    assert process.returncode == 0, log.read_text()
    assert left.stdout == "", "processes left behind: " + left.stdout
    assert not Path(runtime[1]).exists()  # the runtime folder is removed
