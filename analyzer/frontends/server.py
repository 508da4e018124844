"""``analyzer serve``: the page and the HTTP API a CMS calls before publishing (Starlette on
uvicorn; the analyses run in worker processes, see ``analyzer.frontends.pool``).

- ``GET /``: a page where a person pastes or drops an article and sees it highlighted;
  ``POST /`` (a form) answers the same page with the analysis.
- ``POST /analyze``: the body is the article (``text/plain``, ``text/markdown`` or
  ``text/html``), or JSON ``{"text": ..., "format": "text|markdown|html|auto", "lang": ...}``;
  ``?lang=fr`` also works. Answers the JSON report of docs/report.md.
- ``POST /check``: the same, with ``min_score`` and ``fail_on`` (JSON fields or query
  parameters); answers the report plus ``"passed"``.
- ``GET /health``: 200 ``{"status": "ok", ...}`` once every worker has loaded its models, 503
  before. ``GET /openapi.json`` and ``GET /docs`` describe the API.

Every error is JSON ``{"error": ...}`` (the page's own errors are shown on the page): 400 (a
malformed request or field), 404, 405, 408 (the body did not arrive in time), 413 (over the
size limit), 415 (a content type other than the above), 422 (text the analyser cannot read:
empty, another language), 500 (a bug: ``"internal error: ..."``; the server goes on), 503
(models loading, or every worker busy past the time cap), 504 (the analysis ran past the cap and
was stopped).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

import h11
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol

from analyzer import __version__
from analyzer.errors import AnalyzerError, InputError, LanguageError, ModelError
from analyzer.frontends.pool import ClientGone, JobFailed, JobTimeout, Pool, PoolBusy, WorkerCrashed
from analyzer.i18n import accept_language
from analyzer.i18n import settings as message_settings
from analyzer.vocabulary import INPUT_FORMATS, LANGUAGES, SEVERITIES

_FORMATS = {"text/plain": "text", "text/markdown": "markdown", "text/html": "html"}
_FORMAT_NAMES = (*INPUT_FORMATS, "auto")
_SEVERITIES = SEVERITIES
_RETRY = {"Retry-After": "5"}
_log = logging.getLogger("uvicorn.error")
_DRAIN = 64 * 1024 * 1024  # an oversized body is read (and dropped) up to this before the 413


@dataclass(frozen=True)
class Settings:
    """What ``analyzer serve`` takes from its options."""

    workers: int = 2
    max_body: int = 2 * 1024 * 1024
    timeout: float = 60.0  # waiting for a worker plus the analysis, per request
    read_timeout: float = 15.0  # receiving a request's headers, and then its body
    cors_origins: tuple[str, ...] = ()
    preload: tuple[str, ...] = LANGUAGES


class RequestError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers
        self.form: dict[str, Any] | None = None  # what was asked, to show it again on the page


def _json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


# -- the request ------------------------------------------------------------------------------


async def _read_body(request: Request, settings: Settings) -> bytes:
    """The whole body, within the size limit and the read timeout (chunked bodies too).

    An oversized body is still read to its end (up to ``_DRAIN`` bytes) before the 413: closing
    a socket with unread data resets it, and the client may lose the answer."""
    length = request.headers.get("content-length")
    declared = int(length) if length is not None and length.isdigit() else 0
    too_big = RequestError(413, f"the body is over {settings.max_body} bytes")
    if declared > _DRAIN:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(settings.read_timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size <= settings.max_body:
                    chunks.append(chunk)
                elif size > _DRAIN:
                    break
    except TimeoutError as exc:
        if size > settings.max_body or declared > settings.max_body:
            raise too_big from exc
        raise RequestError(
            408, f"the body did not arrive within {settings.read_timeout:g} s"
        ) from exc
    if size > settings.max_body or declared > settings.max_body:
        raise too_big
    return b"".join(chunks)


def _media_type(request: Request) -> str:
    return (request.headers.get("content-type") or "text/plain").split(";")[0].strip().lower()


def _string_field(fields: dict[str, Any], name: str, allowed: tuple[str, ...]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RequestError(400, f'"{name}" must be a string, not {type(value).__name__}')
    if value not in allowed:
        raise RequestError(400, f"unknown {name} {value!r} (one of {', '.join(allowed)})")
    return value


def _parse(kind: str, raw: bytes, query: dict[str, str]) -> dict[str, Any]:
    """The analysis request from a body of ``kind`` and the query string; RequestError when a
    field is missing, of the wrong type or out of range."""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, "the body is not UTF-8") from exc
    fields: dict[str, Any] = dict(query)
    if kind == "application/json":
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise RequestError(400, f"invalid JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise RequestError(400, 'JSON needs a "text" string')
        fields.update(data)
        fields.setdefault("format", "text")
    elif kind == "application/x-www-form-urlencoded":
        form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
        if "text" not in form:
            raise RequestError(400, 'the form needs a "text" field')
        fields.update(form)
    elif kind in _FORMATS:
        fields["text"] = body
        fields["format"] = _FORMATS[kind]
    else:
        raise RequestError(
            415,
            f"unsupported Content-Type {kind} (text/plain, text/markdown, text/html, "
            "application/json)",
        )
    fmt = _string_field(fields, "format", _FORMAT_NAMES) or "auto"
    lang = fields.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise RequestError(400, f'"lang" must be a string, not {type(lang).__name__}')
    if lang in {"", "auto"}:
        lang = None
    if lang is not None and lang not in LANGUAGES:
        raise RequestError(422, f"unsupported language {lang!r} (fr or en)")
    fail_on = _string_field(fields, "fail_on", _SEVERITIES) or "error"
    min_score = fields.get("min_score")
    if isinstance(min_score, str) and min_score.strip().lstrip("-").isdigit():
        min_score = int(min_score)
    if min_score is not None and (
        isinstance(min_score, bool) or not isinstance(min_score, int) or not 0 <= min_score <= 100
    ):
        raise RequestError(400, "min_score must be a whole number from 0 to 100")
    timeout = fields.get("timeout")
    if isinstance(timeout, str):
        with contextlib.suppress(ValueError):
            timeout = float(timeout)
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
    ):
        raise RequestError(400, "timeout must be a positive number of seconds")
    return {
        "text": fields["text"],
        "messages": _string_field(fields, "messages", message_settings()),
        "format": fmt,
        "lang": lang,
        "fail_on": fail_on,
        "min_score": min_score,
        "timeout": timeout,
    }


# -- the work (in a worker process) -------------------------------------------------------------


def _job(session, mode: str, request: dict[str, Any]) -> Any:
    """Analyse in a worker: the JSON payload (``analyze``, ``check``) or the page (``page``)."""
    from analyzer.config import Config
    from analyzer.inputs import Document
    from analyzer.markup import analysis_text, detect_format

    text = request["text"]
    fmt = request["format"] if request["format"] != "auto" else detect_format("", text)
    prose, meta = analysis_text(text, fmt)
    document = Document(None, text, "utf-8", prose, fmt, meta)
    report = session.analyze_document(document, Config(), request["lang"], request.get("messages"))
    if mode == "page":
        from analyzer.render import html

        view = html.article_view(report, prose, meta, None, fmt)
        return html.page([view], interactive=True, form=_form(request))
    payload = report.to_dict()
    if mode == "check":
        from analyzer.check import judge

        payload["passed"] = judge(report, request["fail_on"], request["min_score"]).passed
    return payload


def _form(request: dict[str, Any]) -> dict[str, str]:
    return {
        "text": request.get("text", ""),
        "format": request.get("format") or "auto",
        "lang": request.get("lang") or "auto",
    }


async def _client_gone(request: Request) -> None:
    """Return when the client closes its connection (the body has been read)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


class Service:
    """The worker pool and the settings, shared by the routes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: Pool | None = None

    async def run(self, mode: str, request: Request) -> Any:
        """Read, parse and analyse one request; raise RequestError for every failure."""
        settings = self.settings
        raw = await _read_body(request, settings)
        query = {k: v[-1] for k, v in parse_qs(request.url.query).items()}
        parsed = _parse(_media_type(request), raw, query)
        if parsed["messages"] is None:  # then the Accept-Language header, else the article's
            parsed["messages"] = accept_language(request.headers.get("accept-language"))
        try:
            return await self._analyze(mode, parsed, request)
        except RequestError as exc:
            exc.form = parsed
            raise

    async def _analyze(self, mode: str, parsed: dict[str, Any], request: Request) -> Any:
        settings = self.settings
        pool = self.pool
        if pool is None or not pool.ready:
            failure = pool.failure if pool is not None else None
            if failure:
                raise RequestError(503, f"the models could not be loaded: {failure}")
            raise RequestError(503, "the models are still loading; retry shortly", _RETRY)
        timeout = min(parsed["timeout"] or settings.timeout, settings.timeout)
        try:
            return await pool.run(_job, (mode, parsed), timeout, _client_gone(request))
        except PoolBusy as exc:
            raise RequestError(503, f"every worker is busy: {exc}", _RETRY) from exc
        except JobTimeout as exc:
            _log.warning("%s: %s; its worker is replaced", request.url.path, exc)
            raise RequestError(504, str(exc)) from exc
        except ClientGone as exc:
            _log.warning("%s: the client went away; analysis stopped", request.url.path)
            raise RequestError(408, str(exc)) from exc
        except (WorkerCrashed, JobFailed) as exc:
            raise RequestError(500, f"internal error: {exc}") from exc
        except (InputError, LanguageError) as exc:
            raise RequestError(422, str(exc)) from exc
        except ModelError as exc:
            raise RequestError(503, str(exc)) from exc
        except AnalyzerError as exc:
            message = str(exc)
            if type(exc).__name__ == "InternalError" or message.startswith("internal error"):
                raise RequestError(500, message) from exc
            raise RequestError(400, message) from exc


# -- routes ---------------------------------------------------------------------------------------


def _service(request: Request) -> Service:
    return request.app.state.service


async def _api(request: Request, mode: str) -> Response:
    try:
        payload = await _service(request).run(mode, request)
    except RequestError as exc:
        return _json_error(exc.status, str(exc), exc.headers)
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening any more
    return JSONResponse(payload)


async def analyze(request: Request) -> Response:
    return await _api(request, "analyze")


async def check(request: Request) -> Response:
    return await _api(request, "check")


async def home(request: Request) -> Response:
    from analyzer.render import html

    lang = accept_language(request.headers.get("accept-language"))  # the form's language
    if request.method in {"GET", "HEAD"}:
        return HTMLResponse(html.page([], interactive=True, lang=lang))
    try:
        page = await _service(request).run("page", request)
    except RequestError as exc:
        return HTMLResponse(
            html.page([], interactive=True, form=_form(exc.form or {}), error=str(exc), lang=lang),
            status_code=exc.status,
            headers=exc.headers,
        )
    except ClientDisconnect:
        return Response(status_code=400)
    return HTMLResponse(page)


async def health(request: Request) -> Response:
    pool = _service(request).pool
    status = {"status": "loading", "version": __version__}
    if pool is not None:
        status.update(pool.status())
        if pool.failure:
            status.update(status="failed", error=pool.failure)
        elif pool.ready:
            status["status"] = "ok"
    code = 200 if status["status"] == "ok" else 503
    return JSONResponse(status, status_code=code, headers=None if code == 200 else _RETRY)


async def openapi(request: Request) -> Response:
    from analyzer.frontends.api_schema import document

    return JSONResponse(document())


async def docs(request: Request) -> Response:
    from analyzer.frontends.api_schema import document
    from analyzer.render import html

    return HTMLResponse(html.docs_page(document(), str(request.base_url).rstrip("/")))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: f"not found: {request.url.path}", 405: "method not allowed"}.get(
        exc.status_code, str(exc.detail)
    )
    if exc.status_code == 405 and exc.headers:
        message += f" (allowed: {exc.headers.get('Allow', '')})"
    return _json_error(exc.status_code, message, exc.headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    detail = " ".join(str(exc).split())[:200]
    return _json_error(500, f"internal error: {type(exc).__name__}: {detail}")


class _Cors(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered in JSON like every other error."""

    def preflight_response(self, request_headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        message = bytes(response.body).decode("utf-8", "replace")
        headers = {k: v for k, v in response.headers.items() if k.lower().startswith("vary")}
        return _json_error(response.status_code, message, headers)


class _Options:
    """``OPTIONS`` that is not a CORS preflight: 204 with the methods the path allows."""

    def __init__(self, app, allowed: dict[str, str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        allow = self.allowed.get(scope["path"])
        if allow is None:
            response = _json_error(404, f"not found: {scope['path']}")
        else:
            response = Response(status_code=204, headers={"Allow": allow})
        await response(scope, receive, send)


def create_app(settings: Settings | None = None, start_pool: bool = True) -> Starlette:
    """The ASGI application; its lifespan starts the worker pool (``start_pool``)."""
    settings = settings or Settings()
    service = Service(settings)
    routes = [
        Route("/", home, methods=["GET", "POST"]),
        Route("/analyze", analyze, methods=["POST"]),
        Route("/check", check, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
    allowed = {r.path: ", ".join(sorted((r.methods or set()) | {"OPTIONS"})) for r in routes}
    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                _Cors,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Content-Type"],
                max_age=600,
            )
        )
    middleware.append(Middleware(_Options, allowed=allowed))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if start_pool:
            service.pool = Pool(settings.workers, settings.preload)
            service.pool.start()
        try:
            yield
        finally:
            if service.pool is not None:
                await service.pool.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
        lifespan=lifespan,
    )
    app.state.service = service
    return app


# -- the HTTP protocol: JSON for errors found before the application sees a request ------------


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol with JSON for malformed requests (its own answer is plain text)
    and a header timeout: a connection that sends no complete request in time is closed."""

    header_timeout = 10.0

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._error_detail = ""
        next_event = self.conn.next_event

        def watched():
            try:
                return next_event()
            except h11.RemoteProtocolError as exc:
                self._error_detail = str(exc)
                raise

        self.conn.next_event = watched  # type: ignore[method-assign]
        self._header_timer = self.loop.call_later(self.header_timeout, self._no_request)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._header_timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout, self._no_request)

    def connection_lost(self, exc) -> None:
        self._header_timer.cancel()
        super().connection_lost(exc)

    def _no_request(self) -> None:
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
            self._send_json(408, f"no request within {self.header_timeout:g} s")

    def send_400_response(self, msg: str) -> None:
        detail = f": {self._error_detail}" if self._error_detail else ""
        self._send_json(400, f"invalid HTTP request{detail}")

    def _send_json(self, status: int, message: str) -> None:
        body = json.dumps({"error": message}).encode("utf-8")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        try:
            reason = HTTPStatus(status).phrase.encode()
            response = h11.Response(status_code=status, headers=headers, reason=reason)
            self.transport.write(self.conn.send(response))
            self.transport.write(self.conn.send(h11.Data(data=body)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:
            pass  # h11 cannot answer in this state: close without a word
        self.transport.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (a long queue: bursts wait instead of being reset)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=2048)


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, with the access log on standard error too (standard output is left
    alone)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def run(sock: socket.socket, settings: Settings, access_log: bool = True) -> None:
    """Serve on ``sock`` until interrupted."""
    import uvicorn

    protocol = type("Protocol", (_Protocol,), {"header_timeout": settings.read_timeout})
    config = uvicorn.Config(
        create_app(settings),
        http=protocol,
        lifespan="on",
        access_log=access_log,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
        backlog=2048,
        log_level="info",
        log_config=_log_config(),
    )
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"analyzer: serving on http://{shown}:{port}", file=sys.stderr, flush=True)
    uvicorn.Server(config).run(sockets=[sock])
