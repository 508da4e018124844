"""``analyzer serve`` on loopback: a real uvicorn subprocess with two analysis workers, called as
a CMS and as a careless or hostile client would call it. Every answer is JSON, never a dropped
connection."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serving import call, start, stop, wait_ready

ARTICLE = "« Nous tiendrons parole », a déclaré la maire de Brest, Odile Carré."
MAX_BODY = 400_000
READ_TIMEOUT = 2


def long_article(paragraphs: int, first: int = 0) -> str:
    """A French article of our own, ``paragraphs`` paragraphs long (about 330 characters each),
    numbered from ``first`` (a fresh number range is never in a worker's paragraph cache)."""
    names = ["Odile Carré", "Jean Morvan", "Lucie Tanguy", "Paul Le Gall", "Anne Riou"]
    parts = []
    for i in range(first, first + paragraphs):
        name = names[i % len(names)]
        parts.append(
            f"Le conseil municipal a voté le budget numéro {i} mardi soir. « Nous tiendrons nos "
            f"engagements sur la voirie », a déclaré {name}, adjointe chargée des finances. "
            f"Selon la préfecture, la dette de la ville aurait augmenté de {i % 9 + 1} % en un "
            f"an. Certains élus jugent ce chiffre inquiétant, a indiqué un conseiller."
        )
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def server():
    proc, url, log = start(
        "--workers",
        "2",
        "--preload",
        "fr",
        "--max-body",
        str(MAX_BODY),
        "--read-timeout",
        str(READ_TIMEOUT),
        "--timeout",
        "120",
        "--cors-origin",
        "https://cms.example",
    )
    first = call(f"{url}/health")
    try:
        wait_ready(url)
        yield {"url": url, "first_health": first, "log": log, "proc": proc}
    finally:
        stop(proc)
        log.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def base_url(server):
    return server["url"]


def raw_exchange(base_url: str, data: bytes, wait: float = 30, half_close: bool = False) -> bytes:
    """Send bytes on a fresh connection and read the answer until the server closes."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError as exc:
                raise AssertionError(f"connection reset after {answer!r}") from exc
            if not chunk:
                return answer
            answer += chunk


def parse_raw(answer: bytes) -> tuple[int, dict[str, str], dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
    assert headers["content-type"].startswith("application/json"), answer
    return status, headers, json.loads(body)


# -- start-up and the contract of today ---------------------------------------------------------


def test_health_says_ready_only_once_the_models_are_loaded(server):
    status, payload = server["first_health"]
    assert status == 503 and payload["status"] == "loading"
    status, payload = call(f"{server['url']}/health")
    assert status == 200
    assert payload["status"] == "ok" and payload["version"] == "0.1.0"
    assert payload["workers"] == payload["ready"] == 2


def test_analyze_plain_text_and_json(base_url):
    status, report = call(f"{base_url}/analyze", ARTICLE.encode())
    assert status == 200 and report["schema"] == "analyzer.report/1"
    # the name in apposition is the smallest phrase naming the source (docs/annotation.md)
    assert report["attributions"][0]["speaker"]["text"] == "Odile Carré"
    body = json.dumps({"text": "# Titre\n\n" + ARTICLE, "format": "markdown"}).encode()
    status, report = call(f"{base_url}/analyze", body, "application/json")
    assert status == 200 and report["attributions"][0]["kind"] == "direct"


def test_check_reports_passed(base_url):
    status, report = call(f"{base_url}/check?min_score=100", ARTICLE.encode())
    assert status == 200 and report["passed"] is (report["score"]["value"] >= 100)
    status, report = call(f"{base_url}/check?min_score=0", ARTICLE.encode())
    assert report["passed"] is True
    body = json.dumps({"text": long_article(2), "fail_on": "warning"}).encode()
    status, report = call(f"{base_url}/check", body, "application/json")
    assert status == 200 and report["findings"] and report["passed"] is False


WRONG_TYPES = [
    {"text": ARTICLE, field: value}
    for field in ("format", "lang", "fail_on", "min_score")
    for value in (["fr"], {"a": 1}, 3.5, True)
    if not (field == "min_score" and value == 3.5)
] + [{"text": ARTICLE, "min_score": 3.5}, {"text": ARTICLE, "min_score": 101}, {"text": ["x"]}]


@pytest.mark.parametrize(
    ("path", "body", "kind", "status"),
    [
        ("/analyze", b"   ", "text/plain", 422),
        (
            "/analyze",
            b"Der Bundestag hat das Gesetz beschlossen, sagte die Sprecherin "
            b"der Regierung am Donnerstag.",
            "text/plain",
            422,
        ),
        ("/analyze?lang=de", ARTICLE.encode(), "text/plain", 422),
        ("/analyze", b"{not json", "application/json", 400),
        ("/analyze", b"[1, 2]", "application/json", 400),
        ("/analyze", b"\xff\xfe", "text/plain", 400),
        ("/analyze", b"x", "image/png", 415),
        ("/check?min_score=lots", ARTICLE.encode(), "text/plain", 400),
        ("/check?fail_on=never", ARTICLE.encode(), "text/plain", 400),
        ("/nowhere", b"x", "text/plain", 404),
    ]
    + [("/check", json.dumps(b).encode(), "application/json", 400) for b in WRONG_TYPES]
    + [("/analyze?timeout=soon", ARTICLE.encode(), "text/plain", 400)],
)
def test_bad_requests_get_json_errors(base_url, path, body, kind, status):
    got, payload = call(f"{base_url}{path}", body, kind)
    assert got == status and payload["error"]


def test_bad_content_length_gets_400(base_url):
    from urllib.parse import urlparse

    url = urlparse(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("POST", "/analyze")
    conn.putheader("Content-Type", "text/plain")
    conn.putheader("Content-Length", "abc")
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 400
    assert "Content-Length" in json.loads(response.read())["error"]


# -- HTTP as it is really spoken -------------------------------------------------------------------


def test_methods_paths_head_options_and_cors(base_url):
    assert call(f"{base_url}/analyze", method="GET")[0] == 405
    status, payload = call(f"{base_url}/health", b"x", method="POST")
    assert status == 405 and "GET" in payload["error"]
    head = urllib.request.Request(f"{base_url}/", method="HEAD")
    with urllib.request.urlopen(head, timeout=30) as response:
        assert response.status == 200 and response.read() == b""
    options = urllib.request.Request(f"{base_url}/analyze", method="OPTIONS")
    with urllib.request.urlopen(options, timeout=30) as response:
        assert response.status == 204 and "POST" in response.headers["Allow"]
    preflight = urllib.request.Request(
        f"{base_url}/analyze",
        method="OPTIONS",
        headers={"Origin": "https://cms.example", "Access-Control-Request-Method": "POST"},
    )
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    refused = urllib.request.Request(
        f"{base_url}/analyze",
        method="OPTIONS",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(refused, timeout=30)
    assert caught.value.code == 400 and "origin" in json.loads(caught.value.read())["error"]
    simple = urllib.request.Request(
        f"{base_url}/analyze",
        data=ARTICLE.encode(),
        headers={"Origin": "https://elsewhere.example", "Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(simple, timeout=60) as response:
        assert "Access-Control-Allow-Origin" not in response.headers


def test_openapi_and_docs(base_url):
    with urllib.request.urlopen(f"{base_url}/openapi.json", timeout=30) as response:
        api = json.loads(response.read())
    assert api["openapi"].startswith("3.")
    assert {"/analyze", "/check", "/health"} <= set(api["paths"])
    with urllib.request.urlopen(f"{base_url}/docs", timeout=30) as response:
        page = response.read().decode()
    assert "<title>" in page and "/analyze" in page and "min_score" in page


def test_oversized_bodies_get_413(base_url):
    status, payload = call(f"{base_url}/analyze", b"a" * (MAX_BODY + 1))
    assert status == 413 and str(MAX_BODY) in payload["error"]
    chunk = b"b" * 100_000
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(5)) + b"0\r\n\r\n"
    head = b"POST /analyze HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    head += b"Content-Type: text/plain\r\nConnection: close\r\n\r\n"
    status, _, payload = parse_raw(raw_exchange(base_url, head + chunks))
    assert status == 413


def test_chunked_body_is_read(base_url):
    body = ARTICLE.encode()
    head = b"POST /analyze HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    head += b"Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
    chunks = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (20, body[:20], len(body) - 20, body[20:])
    status, _, report = parse_raw(raw_exchange(base_url, head + chunks))
    assert status == 200 and report["attributions"][0]["speaker"]["text"] == "Odile Carré"


def test_truncated_body_gets_408_not_a_hang(base_url):
    head = b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
    head += b"Content-Length: 1000\r\nConnection: close\r\n\r\n" + ARTICLE.encode()[:40]
    started = time.monotonic()
    status, _, payload = parse_raw(raw_exchange(base_url, head, wait=READ_TIMEOUT + 20))
    assert status == 408 and "body" in payload["error"]
    assert time.monotonic() - started < READ_TIMEOUT + 10


def test_malformed_http_gets_json_400(base_url):
    status, _, payload = parse_raw(raw_exchange(base_url, b"HELLO\r\n\r\n"))
    assert status == 400 and payload["error"].startswith("invalid HTTP request")


def test_idle_connection_is_closed(base_url):
    started = time.monotonic()
    status, _, payload = parse_raw(raw_exchange(base_url, b"", wait=READ_TIMEOUT + 20))
    assert status == 408 and "no request" in payload["error"]
    assert time.monotonic() - started < READ_TIMEOUT + 10


# -- load ----------------------------------------------------------------------------------------


def test_concurrent_requests_all_answered(base_url):
    def one(i: int) -> int:
        body = json.dumps({"text": f"Paragraphe {i}. {ARTICLE}", "lang": "fr"}).encode()
        return call(f"{base_url}/analyze", body, "application/json")[0]

    with ThreadPoolExecutor(16) as ex:
        statuses = list(ex.map(one, range(32)))
    assert statuses == [200] * 32


def test_a_long_article_does_not_block_a_short_one(base_url):
    done: dict[str, float] = {}

    def long_one() -> None:
        status, _ = call(f"{base_url}/analyze", long_article(160, first=10_000).encode())
        done["long"] = time.monotonic()
        done["long_status"] = status

    thread = threading.Thread(target=long_one)
    thread.start()
    time.sleep(1.5)  # the long article is in a worker by now
    status, _ = call(f"{base_url}/analyze", ARTICLE.encode())
    done["short"] = time.monotonic()
    thread.join(timeout=300)
    assert status == 200 and done["long_status"] == 200
    assert done["short"] < done["long"], "the short article waited for the long one"


def test_the_page_form_works_without_a_script(base_url):
    body = "text=" + urllib.request.quote(long_article(2)) + "&format=auto&lang=fr"
    request = urllib.request.Request(
        f"{base_url}/",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        page = response.read().decode()
    assert "<title>" in page and "Odile Carré" in page and 'class="finding' in page
    request = urllib.request.Request(
        f"{base_url}/",
        data=b"text=+++&format=text",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=60)
    assert caught.value.code == 422 and 'class="error"' in caught.value.read().decode()


def test_access_log(server):
    call(f"{server['url']}/nowhere")
    time.sleep(0.5)
    assert '"GET /nowhere HTTP/1.1" 404' in server["log"].read_text()


# -- workers that die, run too long, or lose their client -----------------------------------------


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_worker_that_dies_gives_a_json_500_and_the_server_goes_on(server):
    url, proc = server["url"], server["proc"]
    deadline = time.monotonic() + 240
    while call(f"{url}/health")[1].get("idle") != 2 and time.monotonic() < deadline:
        time.sleep(0.5)  # the workers replaced by the tests above have loaded their models
    result: dict = {}

    def long_one() -> None:
        result["answer"] = call(f"{url}/analyze", long_article(400).encode())

    thread = threading.Thread(target=long_one)
    thread.start()
    time.sleep(1.5)
    ps = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True
    )
    workers = [int(pid) for pid in ps.stdout.split()]
    before = {pid: _cpu_ticks(pid) for pid in workers}
    time.sleep(0.5)
    busy = max(workers, key=lambda pid: _cpu_ticks(pid) - before[pid])
    os.kill(busy, signal.SIGKILL)  # as the system's out-of-memory killer would
    thread.join(timeout=120)
    status, payload = result["answer"]
    assert status == 500 and payload["error"].startswith("internal error:")
    assert proc.poll() is None
    assert call(f"{url}/analyze", ARTICLE.encode())[0] == 200


def test_an_analysis_past_the_cap_is_stopped_and_the_server_goes_on(server):
    url = server["url"]
    started = time.monotonic()
    status, payload = call(f"{url}/analyze?timeout=1", long_article(400).encode())
    assert status == 504 and "stopped" in payload["error"]
    assert time.monotonic() - started < 12
    assert "its worker is replaced" in server["log"].read_text()
    assert call(f"{url}/health")[0] == 200 and server["proc"].poll() is None


def test_the_work_stops_when_the_client_goes(server):
    url = server["url"]
    body = long_article(400).encode()
    head = b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
    head += b"Content-Length: %d\r\n\r\n" % len(body)
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head + body)
        time.sleep(1)
    deadline = time.monotonic() + 10
    while "client went away" not in server["log"].read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "client went away; analysis stopped" in server["log"].read_text()
