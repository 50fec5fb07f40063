"""One user asking for 20 quick-quote PDFs at once no longer stalls everyone else: the sheets are
made in the render pool, beyond SPEC_PER_USER the user is told 429 with Retry-After, and other
users' calls are all served meanwhile. Figures are printed, not asserted."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from harness.serving import stack

BURST = 20


def test_a_burst_of_pdfs_from_one_user_leaves_the_others_served(instance) -> None:
    quote = {"market": instance.body["market"], "model": instance.body["model"],
             "selections": instance.body["selections"], "lang": "ru"}  # fmt: skip
    served: list[tuple[int, float]] = []
    stop = threading.Event()

    def ordinary(url: str) -> None:
        with requests.Session() as http:
            while not stop.is_set():
                began = time.perf_counter()
                answer = http.get(url + "/api/v1/orders", headers=instance.headers, timeout=60)
                served.append((answer.status_code, time.perf_counter() - began))

    def sheet(url: str, n: int) -> requests.Response:  # a new quantity each: no cache hits
        body = quote | {"quantity": n + 1}
        return requests.post(url + "/api/v1/spec.pdf", json=body, headers=instance.headers,
                             timeout=120)  # fmt: skip

    with stack(instance.folder, instance.database) as (_server, proxy):
        others = [threading.Thread(target=ordinary, args=(proxy.url,)) for _ in range(2)]
        for thread in others:
            thread.start()
        with ThreadPoolExecutor(BURST) as burst:
            answers = list(burst.map(lambda n: sheet(proxy.url, n), range(BURST)))
        stop.set()
        for thread in others:
            thread.join(timeout=60)
    statuses = [a.status_code for a in answers]
    times = sorted(t for _, t in served)
    print(f"\n{BURST} PDFs at once: {statuses.count(200)} made, {statuses.count(429)} told 429; "
          f"others: {len(times)} calls, p50 {statistics.median(times) * 1000:.0f} ms, "
          f"max {times[-1] * 1000:.0f} ms")  # fmt: skip
    assert set(statuses) <= {200, 429}
    assert statuses.count(200) >= 1
    for answer in answers:
        if answer.status_code == 200:
            assert answer.content.startswith(b"%PDF-")
        else:
            assert answer.headers["Retry-After"] and answer.json()["code"] == 429
    assert served and {status for status, _ in served} == {200}
