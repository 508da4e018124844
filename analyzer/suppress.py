"""Inline suppressions, written as HTML comments in the article:

    <!-- analyzer: ignore vague-source -- the outlet asked not to be named -->
        the next paragraph: findings of these rules (comma-separated, or "all") are dropped
    <!-- analyzer: off --> … <!-- analyzer: on -->
        every finding in between is dropped
    <!-- analyzer: ignore-file loaded-term -->
        the whole file

A suppression that suppresses nothing is reported as an ``unused-suppression`` finding, so
stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analyzer.inputs import line_column
from analyzer.report import Finding, Report, Span

_DIRECTIVE = re.compile(
    r"<!--\s*analyzer:\s*(?P<verb>ignore-file|ignore|off|on)\b(?P<rules>[^>]*?)(?:--(?P<reason>[^>]*?))?-->",
    re.IGNORECASE,
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Suppression:
    span: Span
    verb: str
    rules: frozenset[str]  # empty: every rule
    start: int
    end: int

    def covers(self, finding: Finding) -> bool:
        in_range = self.start <= finding.span.start < self.end
        return in_range and (not self.rules or finding.rule in self.rules)


def parse(text: str) -> list[Suppression]:
    """The directives of ``text``, each with the range of text it governs."""
    found: list[Suppression] = []
    off_at: tuple[int, Span] | None = None
    for match in _DIRECTIVE.finditer(text):
        verb = match.group("verb").lower()
        rules = frozenset(
            r.strip().lower()
            for r in re.split(r"[,\s]+", match.group("rules") or "")
            if r.strip() and r.strip().lower() != "all"
        )
        span = Span(match.start(), match.end(), match.group(0))
        if verb == "ignore-file":
            found.append(Suppression(span, verb, rules, 0, len(text)))
        elif verb == "ignore":
            start = match.end()
            while start < len(text) and text[start].isspace():
                start += 1
            end_match = _PARAGRAPH_END.search(text, start)
            found.append(
                Suppression(span, verb, rules, start, end_match.start() if end_match else len(text))
            )
        elif verb == "off":
            off_at = (match.end(), span)
        elif verb == "on" and off_at is not None:
            found.append(Suppression(off_at[1], "off", frozenset(), off_at[0], match.start()))
            off_at = None
    if off_at is not None:
        found.append(Suppression(off_at[1], "off", frozenset(), off_at[0], len(text)))
    return found


def apply(report: Report, severity: str = "warning", lang: str | None = None) -> Report:
    """Drop suppressed findings; report suppressions that suppressed nothing (in ``lang``,
    default the article's language)."""
    suppressions = parse(report.text)
    if not suppressions:
        return report
    used: set[int] = set()
    kept = []
    for finding in report.findings:
        hit = [i for i, s in enumerate(suppressions) if s.covers(finding)]
        used.update(hit)
        if not hit:
            kept.append(finding)
    from analyzer.i18n import translator
    from analyzer.rules import RULES

    tr = translator(lang or report.language)
    for i, s in enumerate(suppressions):
        unknown = sorted(r for r in s.rules if r not in RULES)
        if i in used and not unknown:
            continue
        line, column = line_column(report.text, s.span.start)
        what = ", ".join(sorted(s.rules)) or tr("all rules")
        message = (
            tr("suppression names unknown rule {rules}", rules=", ".join(unknown))
            if unknown
            else tr("suppression of {rules} suppresses nothing", rules=what)
        )
        fix = tr("Remove the comment, or fix the rule name (analyzer rules lists them).")
        kept.append(Finding("unused-suppression", severity, s.span, line, column, message, fix))
    return replace(report, findings=tuple(sorted(kept, key=lambda f: (f.span.start, f.rule))))
