"""The one path from a file or an editor buffer to a finished report, shared by the command
line, the corpus runner, the pytest plugin, the language server and the HTTP endpoint.

A ``Session`` keeps one engine per language and configuration (each model loads once), blanks
markup, chooses the language (the caller's, else the configuration's, else the front matter's,
else detection) and applies the inline suppressions.

It is also the safety net: an unexpected exception while reading, configuring or analysing one
document becomes that document's ``InternalError`` (one line, the original kept as
``__cause__``), so every front end catches ``AnalyzerError`` alone and goes on with the next
document.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import ParamSpec, TypeVar

from analyzer.config import Config, for_file
from analyzer.engine import Analyzer, InputError
from analyzer.errors import AnalyzerError, InternalError
from analyzer.i18n import resolve
from analyzer.inputs import MAX_BYTES, Document, read
from analyzer.language import detect
from analyzer.markup import analysis_text, detect_format
from analyzer.report import Report
from analyzer.score import compute, findings
from analyzer.suppress import apply

_P = ParamSpec("_P")
_R = TypeVar("_R")


def guarded(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Let AnalyzerError through; turn any other exception into an InternalError."""

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except AnalyzerError:
            raise
        except Exception as exc:
            raise InternalError.wrap(exc) from exc

    return wrapper


class Session:
    def __init__(self, max_bytes: int = MAX_BYTES, config_root: str | None = None) -> None:
        """``max_bytes``: the size cap of one input file; ``config_root``: configuration is
        looked for, and the files it names read, only inside this folder."""
        self._engines: dict[tuple, Analyzer] = {}
        self.max_bytes = max_bytes
        self.config_root = config_root

    def engine(self, lang: str, config: Config) -> Analyzer:
        key = (lang, config.source)
        if key not in self._engines:
            self._engines[key] = Analyzer(lang, config)
        return self._engines[key]

    @guarded
    def analyze_document(
        self,
        document: Document,
        config: Config,
        lang: str | None = None,
        messages: str | None = None,
    ) -> Report:
        """Raise InputError (nothing but markup), LanguageError, ModelError or InternalError.
        ``messages``: the language findings speak (see ``speak``)."""
        if not document.analysis_text.strip():
            raise InputError("no article text (only markup)")
        if "\x00" in document.text:  # the same refusal for files, editor buffers and bodies
            raise InputError("binary data, not text (a NUL character)")
        lang = lang or (config.language if config.language != "auto" else None)
        lang = lang or document.meta.get("lang") or detect(document.analysis_text)
        engine = self.engine(lang, config)
        name = "<stdin>" if document.path == "-" else document.path
        return speak(engine.analyze(document.analysis_text, name, document.text), config, messages)

    @guarded
    def analyze_path(
        self,
        path: str,
        lang: str | None = None,
        config: Config | None = None,
        messages: str | None = None,
    ) -> tuple[Report, Document]:
        """Read, configure (from the file's folder upward unless ``config`` is given) and
        analyse one file; raise InputFileError, ConfigError and the errors above."""
        config = config if config is not None else for_file(path, self.config_root)
        document = read(path, self.max_bytes)
        return self.analyze_document(document, config, lang, messages), document

    @guarded
    def analyze_text(
        self,
        text: str,
        path: str = "",
        lang: str | None = None,
        config: Config | None = None,
        fmt: str | None = None,
        messages: str | None = None,
    ) -> Report:
        """An in-memory article (an editor buffer, a request body): its format is ``fmt``, else
        ``path``'s extension, else recognised from the content."""
        fmt = fmt or detect_format(path, text)
        analysis, meta = analysis_text(text, fmt)
        document = Document(path or None, text, "utf-8", analysis, fmt, meta)
        return self.analyze_document(document, config or Config(), lang, messages)


def speak(report: Report, config: Config, messages: str | None = None) -> Report:
    """The report with its findings and score explanations in the message language (the
    caller's setting, e.g. ``--messages`` or ``Accept-Language``, else the configuration's
    ``messages``, else the article's language), recorded as ``report.meta["messages"]``; then
    the inline suppressions applied."""
    wording = resolve(messages or config.messages, report.language)
    if wording != report.language:  # the engine speaks the article's language
        report = replace(
            report,
            score=compute(report, config.score, wording),
            findings=findings(report, config.score, wording),
        )
    report = replace(report, meta={**report.meta, "messages": wording})
    return apply(report, lang=wording)
