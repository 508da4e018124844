"""GitHub Actions workflow commands: annotations on the pull request's changed lines (the rule
id as title; the message in the report's message language)."""

from __future__ import annotations

from analyzer.report import Report, line_column

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def lines(report: Report) -> list[str]:
    path = _escape(report.path or "<text>", property_value=True)
    out = []
    for f in report.findings:
        end_line, end_column = line_column(report.text, max(f.span.start, f.span.end - 1))
        out.append(
            f"::{_LEVEL.get(f.severity, 'warning')} file={path},line={f.line},col={f.column},"
            f"endLine={end_line},endColumn={end_column + 1},title={_escape(f.rule, True)}"
            f"::{_escape(f.message)}"
        )
    return out


def min_score_line(report: Report, min_score: int, lang: str | None = None) -> str:
    """The ``min-score`` annotation, its message in the report's message language."""
    from analyzer.render.text import below_min_score

    path = _escape(report.path or "<text>", property_value=True)
    message = _escape(below_min_score(report, min_score, lang))
    return f"::error file={path},line=1,col=1,title=min-score::{message}"
