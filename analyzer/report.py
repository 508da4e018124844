"""The report's data model: frozen dataclasses with offsets into the original text.

Dictionaries appear only at the edge, in ``Report.to_dict`` (the JSON contract of docs/report.md,
versioned by ``SCHEMA``); ``line_column`` maps an offset to the line and column editors show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "analyzer.report/1"


@dataclass(frozen=True)
class Span:
    """A stretch of the original text, ``text == original[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


@dataclass(frozen=True)
class Cue:
    span: Span
    lemma: str
    stance: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "lemma": self.lemma, "stance": self.stance}


@dataclass(frozen=True)
class Speaker:
    span: Span
    type: str
    resolved: str | None = None
    source_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "resolved": self.resolved,
            "type": self.type,
            "source_id": self.source_id,
        }


@dataclass(frozen=True)
class Attribution:
    id: str
    kind: str
    content: Span
    cue: Cue | None
    speaker: Speaker | None
    hedged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "hedged": self.hedged,
        }


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    attributions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "mentions": [m.to_dict() for m in self.mentions],
            "attributions": list(self.attributions),
        }


@dataclass(frozen=True)
class Hedge:
    span: Span
    kind: str
    in_quote: bool
    attributed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "kind": self.kind,
            "in_quote": self.in_quote,
            "attributed": self.attributed,
        }


@dataclass(frozen=True)
class Framing:
    span: Span
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "kind": self.kind}


@dataclass(frozen=True)
class Claim:
    span: Span
    attributed: bool
    source_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "attributed": self.attributed,
            "source_type": self.source_type,
        }


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    span: Span
    line: int
    column: int
    message: str
    fix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.span.start,
            "end": self.span.end,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class ScoreComponent:
    name: str
    value: float
    weight: float
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "weight": self.weight,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Score:
    value: int
    grade: str
    components: tuple[ScoreComponent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "grade": self.grade,
            "components": [c.to_dict() for c in self.components],
        }


@dataclass(frozen=True)
class Report:
    """Everything the analyser found in one text."""

    text: str
    language: str
    attributions: tuple[Attribution, ...]
    sources: tuple[Source, ...]
    hedges: tuple[Hedge, ...] = ()
    framing: tuple[Framing, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    score: Score | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "path": self.path,
            "language": self.language,
            "score": self.score.to_dict() if self.score else None,
            "attributions": [a.to_dict() for a in self.attributions],
            "sources": [s.to_dict() for s in self.sources],
            "hedges": [h.to_dict() for h in self.hedges],
            "framing": [f.to_dict() for f in self.framing],
            "claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
        }
