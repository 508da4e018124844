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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from analyzer.report import Finding, Report, Span, line_column

#: The inside of a directive comment (between ``<!--`` and ``-->``, which ``_directives`` finds
#: without a regular expression: a pattern spanning the whole comment backtracks in cubic time
#: on unclosed ones). Anchored and linear: the rules stop at the first ``--``.
_BODY = re.compile(
    r"\s*analyzer:\s*(?P<verb>ignore-file|ignore|off|on)\b(?P<rules>.*?)(?:--(?P<reason>.*))?",
    re.IGNORECASE | re.DOTALL,
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class _Directive:
    start: int
    end: int
    verb: str
    rules: str


def _directives(text: str) -> Iterator[_Directive]:
    """Each ``<!-- analyzer: VERB rules -- reason -->`` comment, in one pass: a directive holds
    no ``>``, so it ends at the first ``>`` after its ``<!--``, which must close ``-->``."""
    pos, close = 0, -1
    while (start := text.find("<!--", pos)) != -1:
        if close < start + 4:  # else the ``>`` found for an earlier comment is still the first
            close = text.find(">", start + 4)
            if close == -1:
                return
        body_end = close - 2
        body = text[start + 4 : body_end] if text.startswith("--", body_end) else ""
        match = _BODY.fullmatch(body) if body_end >= start + 4 else None
        if match is not None:
            yield _Directive(start, close + 1, match.group("verb").lower(), match.group("rules"))
            pos = close + 1
        else:
            pos = start + 4


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
    paragraph_end: int | None = -1  # where the current paragraph ends; None: at the end
    for directive in _directives(text):
        verb = directive.verb
        rules = frozenset(
            r.strip().lower()
            for r in re.split(r"[,\s]+", directive.rules or "")
            if r.strip() and r.strip().lower() != "all"
        )
        span = Span(directive.start, directive.end, text[directive.start : directive.end])
        if verb == "ignore-file":
            found.append(Suppression(span, verb, rules, 0, len(text)))
        elif verb == "ignore":
            start = directive.end
            while start < len(text) and text[start].isspace():
                start += 1
            # one search per paragraph, not per directive (many directives in one paragraph)
            if paragraph_end is not None and paragraph_end < start:
                found_end = _PARAGRAPH_END.search(text, start)
                paragraph_end = found_end.start() if found_end else None
            end = len(text) if paragraph_end is None else paragraph_end
            found.append(Suppression(span, verb, rules, start, max(start, end)))
        elif verb == "off":
            off_at = (directive.end, span)
        elif verb == "on" and off_at is not None:
            found.append(Suppression(off_at[1], "off", frozenset(), off_at[0], directive.start))
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
    # Sorted lookups rather than every suppression against every finding: an article may hold
    # thousands of directives (hostile or generated) and as many findings.
    covered = _Coverage(suppressions)
    kept = [f for f in report.findings if not covered.covers(f)]
    starts: dict[str | None, list[int]] = {None: sorted(f.span.start for f in report.findings)}
    for f in report.findings:
        starts.setdefault(f.rule, []).append(f.span.start)
    for rule, positions in starts.items():
        if rule is not None:
            positions.sort()
    from analyzer.i18n import translator
    from analyzer.rules import RULES

    tr = translator(lang or report.language)
    for s in suppressions:
        unknown = sorted(r for r in s.rules if r not in RULES)
        used = any(_any_in(starts.get(r, []), s.start, s.end) for r in s.rules or [None])
        if used and not unknown:
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


def _any_in(sorted_positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_positions, start)
    return i < len(sorted_positions) and sorted_positions[i] < end


class _Coverage:
    """The ranges suppressed for each rule (None: every rule), merged and sorted."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        ranges: dict[str | None, list[tuple[int, int]]] = {}
        for s in suppressions:
            for rule in s.rules or [None]:
                ranges.setdefault(rule, []).append((s.start, s.end))
        self._starts: dict[str | None, list[int]] = {}
        self._ends: dict[str | None, list[int]] = {}
        for rule, spans in ranges.items():
            merged: list[list[int]] = []
            for start, end in sorted(spans):
                if start >= end:
                    continue
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self._starts[rule] = [m[0] for m in merged]
            self._ends[rule] = [m[1] for m in merged]

    def covers(self, finding: Finding) -> bool:
        position = finding.span.start
        for rule in (None, finding.rule):
            starts = self._starts.get(rule)
            if starts:
                i = bisect_right(starts, position) - 1
                if i >= 0 and position < self._ends[rule][i]:
                    return True
        return False
