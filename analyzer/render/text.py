"""Linter lines: ``path:line:col: severity rule message``, one finding a line.

The severity and the rule id stay stable English ids (tools parse them); the message is in the
report's message language."""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.i18n import speaks, translator
from analyzer.report import Report


def lines(report: Report) -> list[str]:
    path = report.path or "<text>"
    return [
        f"{path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in report.findings
    ]


def below_min_score(report: Report, min_score: int, lang: str | None = None) -> str:
    """The message of the ``min-score`` line: the score, the threshold."""
    tr = translator(lang or speaks(report))
    return tr("score {value} is below {minimum}", value=report.score.value, minimum=min_score)


def min_score_line(report: Report, min_score: int, lang: str | None = None) -> str:
    """``path:1:1: error min-score score 42 is below 60``, in the linter's format."""
    return f"{report.path}:1:1: error min-score {below_min_score(report, min_score, lang)}"


def totals(reports: Sequence[Report], failed: int, lang: str) -> str:
    """The closing line on stderr: findings, files, failures and each file's score."""
    tr = translator(lang)
    scores = ", ".join(
        f"{r.path} {r.score.value} ({r.score.grade})" for r in reports if r.score is not None
    )
    findings = sum(len(r.findings) for r in reports)
    return tr(
        "{findings} in {files}, {failed} failing; scores: {scores}",
        findings=tr.plural("{n} finding", "{n} findings", findings),
        files=tr.plural("{n} file", "{n} files", len(reports)),
        failed=failed,
        scores=scores,
    )
