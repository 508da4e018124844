"""The report's own vocabulary in the message language: source types, attribution kinds, verb
stances, severities, score components and grades.

The JSON and SARIF keep the stable English ids; these words are for people (the terminal
report, the page, the score explanations).
"""

from __future__ import annotations

import re
from functools import cache

from analyzer.i18n import N_, Translator

SOURCE_TYPES = {
    "person": N_("person"),
    "organisation": N_("organisation"),
    "role": N_("role"),
    "document": N_("document"),
    "anonymous": N_("anonymous"),
    "vague": N_("vague"),
    "unknown": N_("unknown"),
}
KINDS = {
    "direct": N_("direct"),
    "indirect": N_("indirect"),
    "mixed": N_("mixed"),
    "according_to": N_("according to"),
}
STANCES = {
    "neutral": N_("neutral"),
    "doubt": N_("doubt"),
    "concession": N_("concession"),
    "presupposes_truth": N_("presupposes truth"),
    "evaluative": N_("evaluative"),
}
SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
COMPONENTS = {
    "attribution_coverage": N_("attribution coverage"),
    "source_quality": N_("source quality"),
    "source_diversity": N_("source diversity"),
    "hedging": N_("hedging"),
    "loaded_language": N_("loaded language"),
    "named_voices": N_("named voices"),
}
GRADES = {
    "A": N_("well sourced"),
    "B": N_("adequately sourced"),
    "C": N_("thinly sourced"),
    "D": N_("poorly sourced"),
    "E": N_("barely sourced"),
}


def word(table: dict[str, str], key: str, tr: Translator) -> str:
    """``key``'s word in ``tr``'s language; an unknown key is shown as it is."""
    return tr(table[key]) if key in table else key.replace("_", " ")


def source_type(name: str, tr: Translator) -> str:
    return word(SOURCE_TYPES, name, tr)


def grade(letter: str, tr: Translator) -> str:
    """``B (adequately sourced)``."""
    return f"{letter} ({word(GRADES, letter, tr)})" if letter in GRADES else letter


#: The input and configuration errors a person meets most, as the modules raise them (in
#: English): a front end prints them in its language with ``error_text``. A template must match
#: the raised message exactly, its ``{names}`` standing for any text.
ERRORS = (
    N_("{path}: no such file"),
    N_("{path}: no such file or folder"),
    N_("{path}: is a directory, not a file"),
    N_("{path}: binary data, not text"),
    N_("{path}: binary data, not text (a NUL byte)"),
    N_("{path}: binary data, not text (a NUL character)"),
    N_("{path}: invalid UTF-16 text"),
    N_("{path}: not UTF-8 and no known encoding fits"),
    N_("{path}: empty input"),
    N_("{path}: larger than {size} MiB"),
    N_("{path}: cannot read ({reason})"),
    N_("{path}: cannot write ({reason})"),
    N_("{path}: no article text (only markup)"),
    N_("{path}: the input is empty"),
    N_("{path}: no words to tell the language from"),
    N_("{path}: the text is neither French nor English (use --lang to force one)"),
    N_("{path}: cannot read configuration ({reason})"),
    N_("{path}: no [tool.analyzer] section"),
    N_("{where}: unknown key {key} (known: {known})"),
    N_("{where}: language must be auto, fr or en, not {value}"),
    N_("{where}: messages must be one of {choices}, not {value}"),
    N_("{where}: fail_on must be one of {choices}, not {value}"),
    N_("{where}: min_score must be a whole number from 0 to 100"),
    N_("{where}: unknown rule {rule}"),
    N_("{where}: unknown component {name}"),
    N_("no article text (only markup)"),
    N_("the input is empty"),
    N_("no words to tell the language from"),
    N_("the text is neither French nor English (use --lang to force one)"),
    N_("interrupted"),
)


@cache
def _error_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    patterns = []
    for template in ERRORS:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        patterns.append((re.compile(f"{regex}$", re.DOTALL), template))
    return tuple(patterns)


def error_text(message: str, tr: Translator) -> str:
    """An error message in ``tr``'s language when it is one of ``ERRORS``
    (``a.txt: no such file`` -> ``a.txt : fichier introuvable``); else as it is."""
    for pattern, template in _error_patterns():
        match = pattern.match(message)
        if match:
            return tr(template, **match.groupdict())
    return message
