"""Lexicons and language profiles: data files per language, validated on load.

Each ``lexicons/<lang>/<name>.tsv`` holds one entry a line, ``entry<TAB>class``; ``#`` starts
a comment. A bad line fails with the file and line number. ``profile.toml`` holds the small
grammar facts the engine needs per language (model names, complementisers, pronouns).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from analyzer.errors import LexiconError
from analyzer.vocabulary import LANGUAGES, STANCES

#: The classes each lexicon may use; a class outside these is an error.
CLASSES: dict[str, frozenset[str]] = {
    "reporting_verbs": frozenset(STANCES),
    "speech_nouns": frozenset({"statement"}),
    "information_verbs": frozenset({"object", "de_object", "idiom"}),
    "source_nouns": frozenset({"role", "anonymous", "vague", "document", "organisation"}),
    "according_to": frozenset({"marker", "opinion", "de_source", "as_verb"}),
    "hedges": frozenset({"lexical", "weasel"}),
    "loaded_terms": frozenset({"evaluative", "emotive"}),
    "boilerplate": frozenset({"cut", "line", "credit"}),
    "first_names": frozenset({"Masc", "Fem"}),
}


def lexicon_dir(lang: str) -> Path:
    return Path(str(resources.files("analyzer") / "lexicons" / lang))


def normalise(entry: str) -> str:
    """Lower-case and unify apostrophes, so ’ and ' match the same entry."""
    return " ".join(entry.replace("’", "'").lower().split())


def read_tsv(path: Path, allowed: frozenset[str] | None = None) -> dict[str, str]:
    """Read one ``entry<TAB>class`` file; raise LexiconError naming file and line on a fault."""
    entries: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.rstrip("\n").split("\t")
        if len(columns) != 2 or not all(c.strip() for c in columns):
            raise LexiconError(f"{path}:{number}: expected 'entry<TAB>class', got {line!r}")
        entry, cls = normalise(columns[0]), columns[1].strip()
        if allowed is not None and cls not in allowed:
            raise LexiconError(f"{path}:{number}: class {cls!r} is not one of {sorted(allowed)}")
        entries[entry] = cls
    return entries


@cache
def lexicon(lang: str, name: str) -> dict[str, str]:
    """The named lexicon of a language as ``{entry: class}`` (empty when the file is absent)."""
    path = lexicon_dir(lang) / f"{name}.tsv"
    if not path.exists():
        return {}
    return read_tsv(path, CLASSES.get(name))


#: Every key a ``profile.toml`` may hold: its type and its default when a language omits it.
#: A key outside this table is an error (add new grammar facts here first).
PROFILE_KEYS: dict[str, tuple[type, Any]] = {
    "models": (list, None),
    "function_words": (list, None),
    "complementisers": (list, None),
    "agent_markers": (list, []),
    "relatives": (list, []),
    "clitic_subjects": (list, []),
    "titles": (dict, {}),
    "skippable_prepositions": (list, []),
    "medium_prepositions": (list, []),
    "skippable_adverbs": (list, []),
    "infinitive_with_de": (list, []),
    "restricted_infinitive_markers": (list, []),
    "infinitive_markers": (list, []),
    "infinitive_negation": (list, []),
    "passive_participles": (list, []),
    "gerund_markers": (list, []),
    "present_participle_endings": (list, []),
    "object_infinitive_markers": (list, []),
    "bare_infinitives_report": (bool, True),
    "narrative_openers": (list, []),
    "implicative_verbs": (list, []),
    "raising_verbs": (list, []),
    "predicative_cues": (list, []),
    "addressee_verbs": (list, []),
    "gerund_cues": (list, []),
    "gerund_links": (list, []),
    "as_clause_marks": (list, []),
    "object_clitics": (list, []),
    "predicative_markers": (list, []),
    "incise_only_cues": (list, []),
    "relay_markers": (list, []),
    "relay_verbs": (list, []),
    "guarded_markers": (list, []),
    "active_only_cues": (list, []),
    "restriction": (dict, {}),
    "question_words": (list, []),
    "question_verbs": (list, []),
    "citing_verbs": (list, []),
    "thought_verbs": (list, []),
    "figure_links": (list, []),
    "cleft_openers": (list, []),
    "learning": (dict, {}),
    "byline_openers": (list, []),
    "report_nouns": (list, []),
    "report_noun_links": (list, []),
    "as_clause_openers": (list, []),
    "as_clause_clitics": (list, []),
    "reflexive_not_reporting": (list, []),
    "reflexive_pronouns": (list, []),
    "journalistic_conditional": (bool, False),
    "epistemic_modals": (list, []),
    "condition_markers": (list, []),
    "modal_hedges": (list, []),
    "modal_needs_next": (dict, {}),
    "noun_phrase": (dict, None),
    "verb_inflections": (dict, {}),
    "pronouns": (dict, {}),
    "circle_prepositions": (list, []),
    "vague_pronouns": (dict, {}),
    "source_typing": (dict, None),
    "hedge_words": (dict, None),
    "claim_words": (dict, None),
    "anonymity_justifications": (list, []),
    "claim_phrases": (dict, None),
}


@cache
def profile(lang: str) -> dict[str, Any]:
    """The language profile (``profile.toml``) of a supported language, checked against
    ``PROFILE_KEYS`` (unknown keys, wrong types and missing required keys are errors) and
    completed with the defaults of the keys it omits."""
    if lang not in LANGUAGES:
        raise LexiconError(f"unsupported language {lang!r} (supported: {', '.join(LANGUAGES)})")
    path = lexicon_dir(lang) / "profile.toml"
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read profile ({exc})") from exc
    return check_profile(raw, str(path))


def check_profile(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """``raw`` with its defaults filled in; raise LexiconError naming the key on a fault."""
    unknown = sorted(set(raw) - set(PROFILE_KEYS))
    if unknown:
        raise LexiconError(
            f"{where}: unknown key {unknown[0]!r} (add it to PROFILE_KEYS in analyzer/lexicons.py)"
        )
    checked: dict[str, Any] = {}
    for key, (kind, default) in PROFILE_KEYS.items():
        if key not in raw:
            if default is None:
                raise LexiconError(f"{where}: missing key {key!r}")
            checked[key] = type(default)(default) if isinstance(default, list | dict) else default
            continue
        if not isinstance(raw[key], kind):
            raise LexiconError(f"{where}: {key!r} must be a {kind.__name__}")
        checked[key] = raw[key]
    return checked


@cache
def word_lists(lang: str, section: str, keys: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The word lists of the ``[section]`` table of a language's profile, checked by
    ``check_word_lists``."""
    where = f"{lexicon_dir(lang) / 'profile.toml'} [{section}]"
    return check_word_lists(profile(lang)[section], keys, where)


def check_word_lists(
    raw: dict[str, Any], keys: tuple[str, ...], where: str
) -> dict[str, frozenset[str]]:
    """``{key: normalised words}``: every key of ``keys`` is required and no other is allowed,
    so that a typo is an error, not a silently empty list."""
    unknown = sorted(set(raw) - set(keys))
    if unknown:
        raise LexiconError(f"{where}: unknown key {unknown[0]!r}")
    lists: dict[str, frozenset[str]] = {}
    for key in keys:
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"{where}: {key!r} must be a list of words")
        lists[key] = frozenset(normalise(w) for w in words)
    return lists
