"""The report's closed vocabularies, spelled out once: source types, attribution kinds, verb
stances, hedge and framing kinds, severities, languages and formats.

Each is a ``StrEnum`` (its members are the stable English ids of the JSON report and compare
equal to plain strings) with a tuple of plain strings beside it for membership tests, argparse
``choices`` and error messages. The words people read for these ids are in ``words.py``; the
JSON Schema (docs/report.schema.json) lists the same values and a test keeps them equal.
This module imports nothing of the analyser, so every layer may use it.
"""

from __future__ import annotations

from enum import StrEnum


class SourceType(StrEnum):
    """Who stands behind an attribution (docs/annotation.md, "Source types")."""

    PERSON = "person"
    ORGANISATION = "organisation"
    ROLE = "role"
    DOCUMENT = "document"
    ANONYMOUS = "anonymous"
    VAGUE = "vague"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    """How the words are reported."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    ACCORDING_TO = "according_to"


class Stance(StrEnum):
    """What a reporting verb says of what it reports."""

    NEUTRAL = "neutral"
    DOUBT = "doubt"
    CONCESSION = "concession"
    PRESUPPOSES_TRUTH = "presupposes_truth"
    EVALUATIVE = "evaluative"


class HedgeKind(StrEnum):
    """What makes the writer's statement less than certain (a mood, a word, a vague who)."""

    CONDITIONAL = "conditional"
    LEXICAL = "lexical"
    WEASEL = "weasel"


class FramingKind(StrEnum):
    """A framing signal: a judging reporting verb, or a loaded word in the writer's voice."""

    NON_NEUTRAL_VERB = "non_neutral_verb"
    LOADED_TERM = "loaded_term"


class Severity(StrEnum):
    """How much a finding of the check matters (``--fail-on`` picks the floor)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Lang(StrEnum):
    """The languages the analyser reads (their lexicons are ``lexicons/<lang>/``)."""

    FR = "fr"
    EN = "en"


class InputFormat(StrEnum):
    """What an input is written in (markup is blanked before the analysis)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class CheckFormat(StrEnum):
    """What ``analyzer check`` prints."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The ids of ``vocabulary`` as plain strings, in their order."""
    return tuple(member.value for member in vocabulary)


SOURCE_TYPES = values(SourceType)
#: The types that name who speaks (a person, a body, a function, a document): the sourcing
#: score's diversity and the corpus tables' "named share" count these.
NAMED_TYPES = ("person", "organisation", "role", "document")
KINDS = values(Kind)
STANCES = values(Stance)
HEDGE_KINDS = values(HedgeKind)
FRAMING_KINDS = values(FramingKind)
SEVERITIES = values(Severity)
LANGUAGES = values(Lang)
INPUT_FORMATS = values(InputFormat)
CHECK_FORMATS = values(CheckFormat)
