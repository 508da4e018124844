"""The HTTP endpoint on loopback, as a CMS calls it."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from analyzer.server import serve

ARTICLE = "« Nous tiendrons parole », a déclaré la maire de Brest, Odile Carré."


@pytest.fixture(scope="module")
def base_url():
    httpd = serve("127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def call(url: str, body: bytes | None = None, kind: str = "text/plain") -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_health(base_url):
    assert call(f"{base_url}/health") == (200, {"status": "ok", "version": "0.1.0"})


def test_analyze_plain_text_and_json(base_url):
    status, report = call(f"{base_url}/analyze", ARTICLE.encode())
    assert status == 200 and report["schema"] == "analyzer.report/1"
    assert report["attributions"][0]["speaker"]["text"] == "la maire de Brest"
    body = json.dumps({"text": "# Titre\n\n" + ARTICLE, "format": "markdown"}).encode()
    status, report = call(f"{base_url}/analyze", body, "application/json")
    assert status == 200 and report["attributions"][0]["kind"] == "direct"


def test_check_reports_passed(base_url):
    status, report = call(f"{base_url}/check?min_score=101", ARTICLE.encode())
    assert status == 200 and report["passed"] is False
    status, report = call(f"{base_url}/check?min_score=0", ARTICLE.encode())
    assert report["passed"] is True


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
        ("/analyze", b"{not json", "application/json", 400),
        ("/analyze", b"\xff\xfe", "text/plain", 400),
        ("/analyze", b"x", "image/png", 400),
        ("/nowhere", b"x", "text/plain", 404),
    ],
)
def test_bad_requests_get_json_errors(base_url, path, body, kind, status):
    got, payload = call(f"{base_url}{path}", body, kind)
    assert got == status and payload["error"]


def test_bad_content_length_gets_400(base_url):
    import http.client
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
