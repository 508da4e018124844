"""Linter lines: ``path:line:col: severity rule message``, one finding a line."""

from __future__ import annotations

from analyzer.report import Report


def lines(report: Report) -> list[str]:
    path = report.path or "<text>"
    return [
        f"{path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in report.findings
    ]
