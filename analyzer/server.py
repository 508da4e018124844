"""The HTTP endpoint a CMS calls before publishing (standard library server, no framework).

    analyzer serve --host 127.0.0.1 --port 8750

- ``GET /health``: ``{"status": "ok", "version": ...}``
- ``POST /analyze``: the body is the article (``text/plain``, ``text/markdown`` or
  ``text/html``), or JSON ``{"text": ..., "format": "text|markdown|html", "lang": ...}``;
  ``?lang=fr`` also works. Answers the JSON report of DESIGN.md.
- ``POST /check``: the same, with ``min_score`` and ``fail_on`` (JSON fields or query
  parameters); answers the report plus ``"passed"``.

Bad requests get a JSON ``{"error": ...}`` with status 400 (bad input), 404, 405, 413 (over
5 MB) or 422 (text the analyser cannot read: empty, another language).
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from analyzer import __version__
from analyzer.session import Session

MAX_BODY = 5 * 1024 * 1024
_FORMATS = {"text/plain": "text", "text/markdown": "markdown", "text/html": "html"}


class RequestError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class Service:
    """A session behind a lock: a spaCy pipeline is not meant to be called from several
    threads at once."""

    def __init__(self) -> None:
        self._session = Session()
        self._lock = threading.Lock()

    def report(self, text: str, fmt: str, lang: str | None):
        from analyzer.engine import InputError
        from analyzer.language import LanguageError

        if lang is not None and lang not in {"fr", "en"}:
            raise RequestError(HTTPStatus.UNPROCESSABLE_ENTITY, f"unsupported language {lang!r}")
        try:
            with self._lock:
                return self._session.analyze_text(text, lang=lang, fmt=fmt)
        except (InputError, LanguageError) as exc:
            raise RequestError(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc)) from exc


def make_handler(service: Service) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = f"analyzer/{__version__}"

        def log_message(self, format: str, *args) -> None:  # quiet by default
            pass

        def _send(self, status: HTTPStatus, payload: dict) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if urlparse(self.path).path == "/health":
                self._send(HTTPStatus.OK, {"status": "ok", "version": __version__})
            else:
                self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})

        def do_POST(self) -> None:
            url = urlparse(self.path)
            if url.path not in {"/analyze", "/check"}:
                self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})
                return
            try:
                request = self._request(parse_qs(url.query))
                report = service.report(request["text"], request["format"], request["lang"])
                payload = report.to_dict()
                if url.path == "/check":
                    from analyzer.check import judge

                    verdict = judge(report, request["fail_on"], request["min_score"])
                    payload["passed"] = verdict.passed
                self._send(HTTPStatus.OK, payload)
            except RequestError as exc:
                self._send(exc.status, {"error": str(exc)})

        def _request(self, query: dict) -> dict:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                raise RequestError(HTTPStatus.BAD_REQUEST, "invalid Content-Length")
            if length > MAX_BODY:
                raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body over 5 MB")
            raw = self.rfile.read(length)
            kind = (self.headers.get("Content-Type") or "text/plain").split(";")[0].strip()
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RequestError(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from exc
            fields: dict = {k: v[0] for k, v in query.items()}
            if kind == "application/json":
                try:
                    data = json.loads(body)
                except json.JSONDecodeError as exc:
                    raise RequestError(HTTPStatus.BAD_REQUEST, f"invalid JSON: {exc}") from exc
                if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                    raise RequestError(HTTPStatus.BAD_REQUEST, 'JSON needs a "text" string')
                fields = {**fields, **data}
                text, fmt = data["text"], data.get("format", "text")
            elif kind in _FORMATS:
                text, fmt = body, _FORMATS[kind]
            else:
                raise RequestError(HTTPStatus.BAD_REQUEST, f"unsupported Content-Type {kind}")
            if fmt not in {"text", "markdown", "html"}:
                raise RequestError(HTTPStatus.BAD_REQUEST, f"unknown format {fmt!r}")
            fail_on = fields.get("fail_on", "error")
            if fail_on not in {"error", "warning", "info"}:
                raise RequestError(HTTPStatus.BAD_REQUEST, f"unknown fail_on {fail_on!r}")
            min_score = fields.get("min_score")
            try:
                min_score = int(min_score) if min_score is not None else None
            except ValueError as exc:
                raise RequestError(HTTPStatus.BAD_REQUEST, "min_score must be a number") from exc
            return {
                "text": text,
                "format": fmt,
                "lang": fields.get("lang"),
                "fail_on": fail_on,
                "min_score": min_score,
            }

    return Handler


def serve(host: str = "127.0.0.1", port: int = 8750) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (not yet serving: call ``serve_forever``)."""
    return ThreadingHTTPServer((host, port), make_handler(Service()))
