"""The one path from a file or an editor buffer to a finished report, shared by the command
line, the corpus runner, the pytest plugin, the language server and the HTTP endpoint.

A ``Session`` keeps one engine per language and configuration (each model loads once), blanks
markup, chooses the language (the caller's, else the configuration's, else the front matter's,
else detection) and applies the inline suppressions.
"""

from __future__ import annotations

from analyzer.config import Config, for_file
from analyzer.engine import Analyzer, InputError
from analyzer.inputs import Document, read
from analyzer.language import detect
from analyzer.markup import analysis_text, detect_format
from analyzer.report import Report
from analyzer.suppress import apply


class Session:
    def __init__(self) -> None:
        self._engines: dict[tuple, Analyzer] = {}

    def engine(self, lang: str, config: Config) -> Analyzer:
        key = (lang, config.source)
        if key not in self._engines:
            self._engines[key] = Analyzer(lang, config)
        return self._engines[key]

    def analyze_document(
        self, document: Document, config: Config, lang: str | None = None
    ) -> Report:
        """Raise InputError (nothing but markup), LanguageError or ModelError."""
        if not document.analysis_text.strip():
            raise InputError("no article text (only markup)")
        lang = lang or (config.language if config.language != "auto" else None)
        lang = lang or document.meta.get("lang") or detect(document.analysis_text)
        engine = self.engine(lang, config)
        name = "<stdin>" if document.path == "-" else document.path
        return apply(engine.analyze(document.analysis_text, name, document.text))

    def analyze_path(
        self, path: str, lang: str | None = None, config: Config | None = None
    ) -> tuple[Report, Document]:
        """Read, configure (from the file's folder upward unless ``config`` is given) and
        analyse one file; raise InputFileError, ConfigError and the errors above."""
        config = config if config is not None else for_file(path)
        document = read(path)
        return self.analyze_document(document, config, lang), document

    def analyze_text(
        self,
        text: str,
        path: str = "",
        lang: str | None = None,
        config: Config | None = None,
        fmt: str | None = None,
    ) -> Report:
        """An in-memory article (an editor buffer, a request body): its format is ``fmt``, else
        ``path``'s extension, else recognised from the content."""
        fmt = fmt or detect_format(path, text)
        analysis, meta = analysis_text(text, fmt)
        document = Document(path or None, text, "utf-8", analysis, fmt, meta)
        return self.analyze_document(document, config or Config(), lang)
