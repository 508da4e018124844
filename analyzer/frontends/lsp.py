"""The language server: findings as diagnostics in any LSP editor (pygls).

    analyzer lsp            # speaks LSP on standard input and output

On open, change (debounced) and save of a Markdown, HTML or text document, the server analyses
the buffer with the configuration found from the file's folder upward and its inline
suppressions, and publishes one diagnostic per finding: the rule id as code, a link to the
rule's page, the severity, the message and the fix. Hover shows a finding's rule page, or who a
quotation is attributed to (source, type, cue). Code actions insert an inline suppression with a
reason, or open the rule's page.

The event loop never analyses: a separate analysis process does (spaCy holds the interpreter
lock for long stretches, a model load for seconds), fed by a worker thread, always with the
newest version of each document; an analysis overtaken by a newer version is interrupted (or its
result dropped), so ``shutdown``, hover and code actions answer at once. The model's first load
is reported as work-done progress. Messages are read by our own framing loop, which answers a
malformed message with a JSON-RPC error and finds the next message after a wrong
``Content-Length``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from analyzer import __version__
from analyzer.errors import AnalyzerError
from analyzer.i18n import accept_language, speaks, translator, with_fix
from analyzer.report import Report, line_column
from analyzer.rule_pages import rule_url
from analyzer.rules import RULES, rule

#: Quiet time after the last keystroke before a changed document is analysed again.
DEBOUNCE_SECONDS = float(os.environ.get("ANALYZER_LSP_DEBOUNCE_MS", "300")) / 1000
#: A Content-Length above this is treated as a broken header, not read.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
OPEN_RULE_COMMAND = "analyzer.openRulePage"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

server = LanguageServer("analyzer", __version__)


# -- analysis, off the event loop ---------------------------------------------------------------


class _Stale(BaseException):
    """Raised inside the worker when a newer version of the document arrives (BaseException, so
    that no ``except Exception`` in the analyser swallows it)."""


@dataclass
class _Job:
    uri: str
    version: int | None
    text: str
    loading: bool = False  # a model is loading: not worth interrupting
    cancelled: bool = False


@dataclass
class _Outcome:
    job: _Job
    report: Report | None = None
    error: str | None = None  # a one-line message shown as a diagnostic


@dataclass
class _State:
    reports: dict[str, tuple[int | None, Report]] = field(default_factory=dict)
    timers: dict[str, asyncio.TimerHandle] = field(default_factory=dict)
    locale: str | None = None  # the editor's, from initialize: the language findings speak


_state = _State()


class Worker(threading.Thread):
    """Hands the newest pending version of each document, one at a time, to the analysis
    process, and waits for it without holding the interpreter lock: the event loop stays free
    even while spaCy loads a model or parses a long article."""

    def __init__(self, deliver) -> None:
        super().__init__(name="analyzer-worker", daemon=True)
        self._deliver = deliver  # called in this thread with an _Outcome
        self._lock = threading.Condition()
        self._pending: dict[str, _Job] = {}
        self._running: _Job | None = None
        self._process = None
        self._conn = None
        self.on_model_load = lambda lang: contextlib.nullcontext()  # progress, set by the server

    def submit(self, job: _Job) -> None:
        """Queue ``job`` in place of any older pending version; interrupt the running analysis
        of the same document (the analysis process finishes a model load first)."""
        with self._lock:
            self._pending[job.uri] = job
            running = self._running
            if running is not None and running.uri == job.uri and not running.cancelled:
                running.cancelled = True
                with contextlib.suppress(OSError, AttributeError):  # no SIGUSR1: result dropped
                    os.kill(self._process.pid, signal.SIGUSR1)
            self._lock.notify()

    def forget(self, uri: str) -> None:
        with self._lock:
            self._pending.pop(uri, None)

    def run(self) -> None:
        while True:
            with self._lock:
                while not self._pending:
                    self._lock.wait()
                uri = next(iter(self._pending))
                job = self._running = self._pending.pop(uri)
            outcome = self._analyse(job)
            with self._lock:
                self._running = None
            if outcome is not None:
                self._deliver(outcome)

    def _analyse(self, job: _Job) -> _Outcome | None:
        """The outcome, or None when the analysis was interrupted by a newer version."""
        if not job.text.strip():
            return _Outcome(job)  # a new, empty buffer: nothing to say yet
        path = to_fs_path(job.uri) or job.uri
        progress = None
        try:
            conn = self._connection()
            conn.send((job.text, path, _state.locale))
            while True:
                kind, value = conn.recv()
                if kind == "loading":
                    job.loading = True
                    progress = self.on_model_load(value)
                    progress.__enter__()
                elif kind == "loaded" and progress is not None:
                    job.loading = False
                    progress.__exit__(None, None, None)
                    progress = None
                elif kind == "stale":
                    return None
                elif kind == "report":
                    return _Outcome(job, report=value)
                elif kind == "error":
                    return _Outcome(job, error=value)
        except (EOFError, OSError) as exc:  # the analysis process died (memory, a crash)
            self._process = self._conn = None  # a new one starts with the next job
            return _Outcome(job, error=f"internal error: the analysis process stopped ({exc!r})")
        finally:
            if progress is not None:
                progress.__exit__(None, None, None)

    def _connection(self):
        if self._process is None or not self._process.is_alive():
            context = multiprocessing.get_context("spawn")
            self._conn, theirs = context.Pipe()
            self._process = context.Process(
                target=_analysis_process, args=(theirs,), name="analyzer-analysis", daemon=True
            )
            self._process.start()
            theirs.close()
        return self._conn


def _analysis_process(conn) -> None:
    """The analysis process: one Session, one article at a time. SIGUSR1 interrupts the
    article being analysed (not a model load: that is finished first, then dropped)."""
    os.dup2(2, 1)  # standard output is the editor's channel: never write on it
    state = {"busy": False, "loading": False, "stale": False}

    def interrupt(signum, frame) -> None:
        if state["loading"]:
            state["stale"] = True
        elif state["busy"]:
            raise _Stale

    interruptible = hasattr(signal, "SIGUSR1")  # POSIX; elsewhere stale results are dropped

    def send(message: tuple) -> None:
        if not interruptible:
            conn.send(message)
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
        try:
            conn.send(message)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})

    if interruptible:
        signal.signal(signal.SIGUSR1, interrupt)
    session = _progress_session(send, state)
    while True:
        try:
            text, path, locale = conn.recv()
        except (EOFError, OSError):
            return  # the server has gone
        state["stale"] = False
        try:
            state["busy"] = True
            try:
                reply = _analyse_text(session, text, path, locale)
            finally:
                state["busy"] = False
        except _Stale:
            reply = ("stale", None)
        send(reply)


def _analyse_text(session, text: str, path: str, locale: str | None) -> tuple[str, Any]:
    from analyzer.config import for_file

    try:
        config = for_file(path)
        messages = accept_language(locale)
        return "report", session.analyze_text(text, path, config=config, messages=messages)
    except AnalyzerError as exc:
        return "error", str(exc)
    except Exception as exc:  # the server never dies of one document
        return "error", f"internal error: {type(exc).__name__}: {exc}"


def _progress_session(send, state: dict):
    """A Session that announces each model's first load (the server shows it as progress)."""
    from analyzer.session import Session

    class ProgressSession(Session):
        def engine(self, lang, config):
            if (lang, config.source) in getattr(self, "_engines", {}):
                return super().engine(lang, config)
            state["loading"] = True
            send(("loading", lang))
            try:
                engine = super().engine(lang, config)
            finally:
                state["loading"] = False
                send(("loaded", lang))
            if state["stale"]:
                raise _Stale
            return engine

    return ProgressSession()


# -- from reports to LSP ------------------------------------------------------------------------


def diagnostics(report: Report | None) -> list[types.Diagnostic]:
    """One diagnostic per finding; positions in characters (converted to the client's units
    by the caller)."""
    if report is None:
        return []
    result = []
    for f in report.findings:
        end_line, end_column = line_column(report.text, max(f.span.start, f.span.end))
        result.append(
            types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=f.line - 1, character=f.column - 1),
                    end=types.Position(line=end_line - 1, character=end_column - 1),
                ),
                severity=_SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
                code=f.rule,
                code_description=types.CodeDescription(href=rule_url(f.rule))
                if f.rule in RULES
                else None,
                source="analyzer",
                message=with_fix(f.message, f.fix, speaks(report)),
            )
        )
    return result


def _error_diagnostic(message: str) -> types.Diagnostic:
    internal = message.startswith("internal error")
    return types.Diagnostic(
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        severity=types.DiagnosticSeverity.Error
        if internal
        else types.DiagnosticSeverity.Information,
        source="analyzer",
        code="internal-error" if internal else "not-analysed",
        message=message,
    )


def _deliver(ls: LanguageServer, outcome: _Outcome) -> None:
    """On the event loop: publish, unless the document moved on (or closed) meanwhile."""
    job = outcome.job
    document = ls.workspace.text_documents.get(job.uri)
    if document is None or document.version != job.version:
        return
    if outcome.error is not None:
        found = [_error_diagnostic(outcome.error)]
        _state.reports.pop(job.uri, None)
    else:
        found = diagnostics(outcome.report)
        if outcome.report is not None:
            _state.reports[job.uri] = (job.version, outcome.report)
        codec, lines = document.position_codec, job.text.splitlines(keepends=True)
        for d in found:
            d.range = codec.range_to_client_units(lines, d.range)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=job.uri, diagnostics=found, version=job.version)
    )


def _worker(ls: LanguageServer) -> Worker:
    worker = getattr(ls, "analyzer_worker", None)
    if worker is None:
        loop = asyncio.get_running_loop()
        worker = Worker(lambda outcome: loop.call_soon_threadsafe(_deliver, ls, outcome))
        worker.on_model_load = lambda lang: _progress(ls, loop, lang)
        worker.start()
        ls.analyzer_worker = worker
    return worker


@contextlib.contextmanager
def _progress(ls: LanguageServer, loop: asyncio.AbstractEventLoop, lang: str):
    """Work-done progress around a model load, when the client supports it (called in the
    worker thread; every message goes out from the event loop)."""
    capabilities = ls.client_capabilities
    window = capabilities.window if capabilities else None
    if not (window and window.work_done_progress):
        yield
        return
    token = f"analyzer-load-{uuid.uuid4().hex[:8]}"
    created = asyncio.run_coroutine_threadsafe(ls.work_done_progress.create_async(token), loop)
    try:
        created.result(timeout=5)
    except Exception:  # the client refused or did not answer: no progress, still analyse
        yield
        return
    name = {"fr": "French", "en": "English"}.get(lang, lang)
    begin = types.WorkDoneProgressBegin(
        title="analyzer", message=f"loading the {name} model", cancellable=False
    )
    loop.call_soon_threadsafe(ls.work_done_progress.begin, token, begin)
    try:
        yield
    finally:
        end = types.WorkDoneProgressEnd(message=f"{name} model loaded")
        loop.call_soon_threadsafe(ls.work_done_progress.end, token, end)


def _schedule(ls: LanguageServer, uri: str, delay: float) -> None:
    """Analyse ``uri``'s current text after ``delay`` seconds of quiet."""
    if (timer := _state.timers.pop(uri, None)) is not None:
        timer.cancel()

    def submit() -> None:
        _state.timers.pop(uri, None)
        document = ls.workspace.text_documents.get(uri)
        if document is not None:
            _worker(ls).submit(_Job(uri, document.version, document.source))

    if delay <= 0:
        submit()
    else:
        _state.timers[uri] = asyncio.get_running_loop().call_later(delay, submit)


@server.feature(types.INITIALIZE)
def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
    _state.locale = params.locale


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    _schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if (timer := _state.timers.pop(uri, None)) is not None:
        timer.cancel()
    _state.reports.pop(uri, None)
    if (worker := getattr(ls, "analyzer_worker", None)) is not None:
        worker.forget(uri)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


# -- hover and code actions (answered from the last report, never by analysing) ----------------


def _offset(ls: LanguageServer, uri: str, position: types.Position) -> tuple[Report, int] | None:
    """The last report of ``uri`` and the character offset of ``position`` in its text."""
    found = _state.reports.get(uri)
    document = ls.workspace.text_documents.get(uri)
    if found is None or document is None:
        return None
    _, report = found
    lines = report.text.splitlines(keepends=True)
    if position.line >= len(lines):
        return None
    character = document.position_codec.position_from_client_units(lines, position).character
    return report, sum(len(line) for line in lines[: position.line]) + character


def rule_page_markdown(rule_id: str, lang: str | None = None) -> str:
    """The rule's page (what ``analyzer rules RULE`` prints), in the report's language."""
    from analyzer.words import SEVERITIES, word

    tr = translator(lang)
    r = rule(rule_id, lang)
    colon = "\u00a0:" if tr.lang == "fr" else ":"  # French puts a no-break space before
    return (
        f"**{r.id}** ({word(SEVERITIES, r.severity, tr)}){colon} {r.summary}\n\n"
        f"*{tr('Why')}*{colon} {r.why}\n\n*{tr('Example')}*{colon} {r.example}\n\n"
        f"*{tr('Fix')}*{colon} {r.fix}\n\n<{rule_url(r.id)}>"
    )


def _quotation_markdown(report: Report, attribution) -> str:
    speaker = attribution.speaker
    source = None
    if speaker is not None and speaker.source_id:
        source = next((s for s in report.sources if s.id == speaker.source_id), None)
    if source is not None:
        who = f"{source.name} ({source.type})"
    elif speaker is not None:
        who = f"{speaker.resolved or speaker.span.text} ({speaker.type})"
    else:
        who = "nobody (unattributed)"
    lines = [f"**Quotation** ({attribution.kind}), source: {who}"]
    if speaker is not None and speaker.resolved and speaker.resolved != speaker.span.text:
        lines.append(f"named here as «{speaker.span.text}»")
    if attribution.cue is not None:
        cue = attribution.cue
        lines.append(f"cue: «{cue.span.text}» ({cue.lemma}, {cue.stance})")
    if attribution.hedged:
        lines.append("hedged")
    return "\n\n".join(lines)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
    found = _offset(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    report, offset = found
    parts = []
    for f in report.findings:
        inside = f.span.start <= offset <= max(f.span.end, f.span.start + 1)
        if inside and f.rule in RULES:
            page = rule_page_markdown(f.rule, speaks(report))
            if page not in parts:
                parts.append(page)
    for a in report.attributions:
        spans = [a.content, a.cue.span if a.cue else None, a.speaker.span if a.speaker else None]
        if any(s is not None and s.start <= offset < s.end for s in spans):
            parts.append(_quotation_markdown(report, a))
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


def suppression_edit(text: str, line: int, rule_id: str) -> types.TextEdit:
    """An ``ignore`` comment before the paragraph holding ``line`` (0-based): the directive
    governs the next paragraph (see analyzer.suppress)."""
    lines = text.splitlines()
    start = min(line, len(lines) - 1) if lines else 0
    while start > 0 and lines[start - 1].strip():
        start -= 1
    comment = f"<!-- analyzer: ignore {rule_id} -- reason -->\n"
    position = types.Position(line=start, character=0)
    return types.TextEdit(range=types.Range(start=position, end=position), new_text=comment)


def removal_edit(text: str, where: types.Range) -> types.TextEdit:
    """Delete ``where``; the whole line when nothing else stands on it."""
    lines = text.splitlines(keepends=True)
    line = where.start.line
    if (
        where.start.line == where.end.line
        and line < len(lines)
        and not (lines[line][: where.start.character] + lines[line][where.end.character :]).strip()
    ):
        where = types.Range(types.Position(line, 0), types.Position(line + 1, 0))
    return types.TextEdit(range=where, new_text="")


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.text_documents.get(uri)
    if document is None:
        return []
    actions: list[types.CodeAction] = []
    seen: set[str] = set()
    for diagnostic in params.context.diagnostics:
        rule_id = diagnostic.code
        if diagnostic.source != "analyzer" or rule_id not in RULES or rule_id in seen:
            continue
        seen.add(rule_id)
        if rule_id == "unused-suppression":  # the fix is to remove the comment
            title = "Remove this suppression comment"
            edit = removal_edit(document.source, diagnostic.range)
        else:
            title = f"Ignore {rule_id} in this paragraph (say why)"
            edit = suppression_edit(document.source, diagnostic.range.start.line, rule_id)
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
        actions.append(
            types.CodeAction(
                title=f"Open the page of rule {rule_id}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(
                    title=f"Open the page of rule {rule_id}",
                    command=OPEN_RULE_COMMAND,
                    arguments=[rule_id],
                ),
            )
        )
    return actions


@server.command(OPEN_RULE_COMMAND)
async def open_rule_page(ls: LanguageServer, *args: Any) -> str | None:
    """Ask the client to open the rule's page in a browser; answer with its URL either way."""
    rule_id = args[0] if args else None
    if isinstance(rule_id, list) and rule_id:  # some clients pass the arguments as one list
        rule_id = rule_id[0]
    if rule_id not in RULES:
        return None
    url = rule_url(rule_id)
    with contextlib.suppress(Exception):
        ls.window_show_document(types.ShowDocumentParams(uri=url, external=True))
    return url


# -- the message loop: our own framing, so that bad input gets an answer ------------------------

_HEADER = re.compile(rb"Content-Length:\s*(\d+)", re.IGNORECASE)


class Framer:
    """Reads ``Content-Length`` framed messages from a byte stream, and finds its feet again
    after a wrong length: a body that runs into the next header is cut there, and bytes before
    a header line are skipped."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pending = b""

    def _readline(self) -> bytes:
        if b"\n" in self.pending:
            line, _, self.pending = self.pending.partition(b"\n")
            return line + b"\n"
        line, self.pending = self.pending + self.stream.readline(), b""
        return line

    def _read(self, n: int) -> bytes:
        data, self.pending = self.pending[:n], self.pending[n:]
        while len(data) < n:
            chunk = self.stream.read(n - len(data))
            if not chunk:
                break
            data += chunk
        return data

    def next(self) -> bytes | int | None:
        """The next body; an int (the announced length) for a message too large to read; None at
        the end of the stream."""
        length = None
        while True:
            line = self._readline()
            if not line:
                return None
            if match := _HEADER.search(line):
                length = int(match.group(1))
                if length > MAX_MESSAGE_BYTES:
                    return length  # skipped: scanning resumes at the next header
            elif not line.strip() and length is not None:
                break
        body = self._read(length)
        cut = body.find(b"Content-Length:")
        if cut >= 0 and not _is_json(body):  # an article may well contain those words
            self.pending, body = body[cut:] + self.pending, body[:cut]
        return body


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def _send_error(ls: LanguageServer, ident: Any, code: int, message: str) -> None:
    body = json.dumps(
        {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}
    ).encode()
    ls.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def dispatch(ls: LanguageServer, body: bytes | int) -> None:
    """Answer what cannot be a message with the JSON-RPC error the specification names, and
    hand the rest to pygls."""
    if isinstance(body, int):
        _send_error(ls, None, -32600, f"Invalid Request: message of {body} bytes is too large")
        return
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        _send_error(ls, None, -32700, f"Parse error: {exc}")
        return
    ident = data.get("id") if isinstance(data, dict) else None
    if not isinstance(ident, int | str):
        ident = None
    if (
        not isinstance(data, dict)
        or data.get("jsonrpc") != "2.0"
        or not isinstance(data.get("method", ""), str)
        or ("method" not in data and "id" not in data)
    ):
        _send_error(ls, ident, -32600, "Invalid Request: not a JSON-RPC 2.0 message")
        return
    try:
        message = ls.protocol.structure_message(data)
    except JsonRpcException as exc:
        if "method" in data and ident is not None:
            _send_error(ls, ident, exc.code, f"{exc.message or 'Invalid params'}")
        return
    ls.protocol.handle_message(message)


def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Run until ``exit`` or the end of input; the exit code LSP prescribes."""
    framer = Framer(stdin)
    server.protocol.set_writer(StdoutWriter(stdout))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def read() -> None:  # in a daemon thread: blocking reads never hold up the exit
            while (body := framer.next()) is not None:
                loop.call_soon_threadsafe(dispatch, server, body)
            loop.call_soon_threadsafe(lambda: done.done() or done.set_result(None))

        threading.Thread(target=read, name="analyzer-reader", daemon=True).start()
        await done

    try:
        asyncio.run(main())
    except SystemExit as exc:  # the exit notification
        return exc.code if isinstance(exc.code, int) else 0
    return 0 if server.protocol._shutdown else 1


def main() -> None:
    code = serve(sys.stdin.buffer, sys.stdout.buffer)
    with contextlib.suppress(OSError, ValueError):  # pygls closes standard output on exit
        sys.stdout.flush()
    os._exit(code)  # the worker may be mid-analysis: do not wait for it
