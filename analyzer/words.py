"""The report's own vocabulary in the message language: source types, attribution kinds, verb
stances, severities, score components and grades.

The JSON and SARIF keep the stable English ids; these words are for people (the terminal
report, the page, the score explanations).
"""

from __future__ import annotations

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


#: The fixed problems that input errors name after ``path: `` (raised in English by the modules
#: that find them, translated by the front end that prints them).
ERRORS = frozenset(
    {
        N_("no such file"),
        N_("no such file or folder"),
        N_("is a directory, not a file"),
        N_("binary data, not text"),
        N_("invalid UTF-16 text"),
        N_("not UTF-8 and no known encoding fits"),
        N_("empty input"),
        N_("the input is empty"),
        N_("no article text (only markup)"),
        N_("no words to tell the language from"),
        N_("the text is neither French nor English (use --lang to force one)"),
        N_("interrupted"),
    }
)


def error_text(message: str, tr: Translator) -> str:
    """An error message in ``tr``'s language when its problem is a known one
    (``a.txt: no such file`` -> ``a.txt: fichier introuvable``); else as it is."""
    if message in ERRORS:
        return tr(message)
    head, sep, problem = message.rpartition(": ")
    if sep and problem in ERRORS:
        return head + sep + tr(problem)
    return message
