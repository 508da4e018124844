"""The report's closed vocabularies, spelled out once: source types, attribution kinds, verb
stances, hedge and framing kinds, severities, languages and formats.

Each is a ``Literal`` type (for annotations: ``type: SourceType``) and a tuple of its ids in
order (for membership tests, argparse ``choices``, error messages and table columns). The ids
are the stable English ones of the JSON report; the words people read for them are in
``words.py``; the JSON Schema (docs/report.schema.json) lists the same values and a test keeps
them equal. This module imports nothing of the analyser, so every layer may use it.
"""

from __future__ import annotations

from typing import Literal, get_args

#: Who stands behind an attribution (docs/annotation.md section 2).
SourceType = Literal["person", "organisation", "role", "document", "anonymous", "vague", "unknown"]
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)

#: How the words are reported (docs/annotation.md section 1).
Kind = Literal["direct", "indirect", "mixed", "according_to"]
KINDS: tuple[str, ...] = get_args(Kind)

#: What a reporting verb says of what it reports (docs/annotation.md section 4).
Stance = Literal["neutral", "doubt", "concession", "presupposes_truth", "evaluative"]
STANCES: tuple[str, ...] = get_args(Stance)

#: A mood, a word or a vague "who" by which the writer does not vouch (section 3).
HedgeKind = Literal["conditional", "lexical", "weasel"]
HEDGE_KINDS: tuple[str, ...] = get_args(HedgeKind)

#: A judging reporting verb, or a loaded word in the writer's voice (section 4).
FramingKind = Literal["non_neutral_verb", "loaded_term"]
FRAMING_KINDS: tuple[str, ...] = get_args(FramingKind)

#: How much a finding of the check matters (``--fail-on`` picks the floor).
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = get_args(Severity)

#: The sourcing score's grades, best first (score.py gives each its floor).
Grade = Literal["A", "B", "C", "D", "E"]
GRADES: tuple[str, ...] = get_args(Grade)

#: What ``analyzer check`` prints.
CheckFormat = Literal["text", "json", "sarif", "github"]
CHECK_FORMATS: tuple[str, ...] = get_args(CheckFormat)

#: The languages the analyser reads (their lexicons are ``lexicons/<lang>/``).
Lang = Literal["fr", "en"]
LANGUAGES: tuple[str, ...] = get_args(Lang)

#: What an input is written in (markup is blanked before the analysis).
InputFormat = Literal["text", "markdown", "html"]
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)

#: The types that name who speaks (a person, a body, a function, a document; the first four of
#: SOURCE_TYPES): the sourcing score's diversity and the corpus tables' "named share" count these.
NAMED_TYPES: tuple[str, ...] = SOURCE_TYPES[:4]
