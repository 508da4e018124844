"""The language server: findings as diagnostics in any LSP editor (pygls).

    analyzer lsp            # speaks LSP on standard input and output

On open, change and save of a Markdown, HTML or text document, the server analyses the buffer
(with the configuration found from the file's folder upward, and its inline suppressions) and
publishes one diagnostic per finding: the rule id as code, its severity, the message and the fix.
Positions are converted to the client's encoding (UTF-16 by default) by pygls.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from analyzer import __version__
from analyzer.inputs import line_column
from analyzer.report import Report
from analyzer.session import Session

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

server = LanguageServer("analyzer", __version__)
_session = Session()


def analyse_buffer(uri: str, text: str) -> Report | None:
    """The report of an editor buffer, or None when it cannot be analysed (empty, another
    language): the editor then simply shows no diagnostics."""
    from analyzer.config import ConfigError, for_file
    from analyzer.engine import InputError
    from analyzer.language import LanguageError

    path = to_fs_path(uri) or uri
    try:
        return _session.analyze_text(text, path, config=for_file(path))
    except (ConfigError, InputError, LanguageError, OSError) as exc:
        server.window_log_message(
            types.LogMessageParams(type=types.MessageType.Warning, message=f"{path}: {exc}")
        )
        return None


def diagnostics(report: Report | None) -> list[types.Diagnostic]:
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
                source="analyzer",
                message=f"{f.message.rstrip('.?!')}: {f.fix}" if f.fix else f.message,
            )
        )
    return result


def _publish(ls: LanguageServer, uri: str) -> None:
    try:
        document = ls.workspace.get_text_document(uri)
        document.source  # noqa: B018 - raises for a document the client never opened
    except (KeyError, OSError):
        return
    found = diagnostics(analyse_buffer(uri, document.source))
    # positions above count characters; the client may count UTF-16 code units
    codec = document.position_codec
    lines = document.lines
    for d in found:
        d.range = codec.range_to_client_units(lines, d.range)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


def main() -> None:
    server.start_io()
