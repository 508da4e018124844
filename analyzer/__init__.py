"""Who says what in a news article: attributions, sources, hedges, framing and a score.

>>> from analyzer import analyze
>>> report = analyze("« Nous tiendrons », a déclaré la ministre.")
>>> report.attributions[0].kind
'direct'
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

__all__ = ["Analyzer", "InputError", "Report", "analyze"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from analyzer.engine import Analyzer, InputError
    from analyzer.report import Report
    from analyzer.session import Session


def analyze(text: str, lang: str | None = None, path: str = "") -> Report:
    """Analyse one article as the command line does: plain text, Markdown or HTML (recognised
    from ``path``'s extension or the content), markup blanked, the language detected when
    ``lang`` is None, inline suppressions applied. Raise ``analyzer.errors.AnalyzerError``
    subclasses on bad input (one-line messages)."""
    return _session().analyze_text(text, path, lang)


@cache
def _session() -> Session:
    from analyzer.session import Session

    return Session()


def __getattr__(name: str) -> Any:
    """Import the engine (and spaCy) on first use, so that importing any analyzer module (the
    pytest plugin in every pytest run, the cached pre-commit check) stays cheap."""
    if name in {"Analyzer", "InputError"}:
        from analyzer import engine

        return getattr(engine, name)
    if name == "Report":
        from analyzer.report import Report

        return Report
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
