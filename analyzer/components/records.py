"""The attribution record the components pass along, before the report is built."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

#: The parse attributes the linguistic components read (their factories' ``requires``).
PARSE = ("token.pos", "token.lemma", "token.dep", "token.head", "token.morph")


@dataclass
class RawAttribution:
    """An attribution while the pipeline works on it (token spans, mutable for the sources)."""

    kind: str
    content: tuple[int, int]
    cue: Span | None
    cue_lemma: str | None
    stance: str | None
    speaker: Span | None
    resolved: str | None = None
    type: str = "unknown"
    source_key: str | None = None
    floating: bool = False
    extra: dict = field(default_factory=dict)
