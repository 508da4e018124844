"""The pre-publish verdict: does a report pass the thresholds an editor set?

A report fails when a finding is at or above ``fail_on`` (error > warning > info) or its score
is below ``min_score``. The command line turns that into exit code 1 (``--exit-zero`` keeps 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.report import Finding, Report

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Verdict:
    report: Report
    failing: tuple[Finding, ...]
    below_min_score: bool

    @property
    def passed(self) -> bool:
        return not self.failing and not self.below_min_score


def judge(report: Report, fail_on: str = "error", min_score: int | None = None) -> Verdict:
    threshold = SEVERITY_RANK[fail_on]
    failing = tuple(f for f in report.findings if SEVERITY_RANK.get(f.severity, 0) >= threshold)
    below = min_score is not None and report.score is not None and report.score.value < min_score
    return Verdict(report, failing, below)
