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

LANGUAGES = ("fr", "en")

#: The classes each lexicon may use; a class outside these is an error.
CLASSES: dict[str, frozenset[str]] = {
    "reporting_verbs": frozenset(
        {"neutral", "doubt", "concession", "presupposes_truth", "evaluative"}
    ),
    "speech_nouns": frozenset({"statement"}),
    "source_nouns": frozenset({"role", "anonymous", "vague", "document", "organisation"}),
    "according_to": frozenset({"marker", "opinion", "de_source"}),
    "hedges": frozenset({"lexical", "weasel"}),
    "loaded_terms": frozenset({"evaluative", "emotive"}),
    "boilerplate": frozenset({"cut", "line"}),
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


@cache
def profile(lang: str) -> dict[str, Any]:
    """The language profile (``profile.toml``) of a supported language."""
    if lang not in LANGUAGES:
        raise LexiconError(f"unsupported language {lang!r} (supported: {', '.join(LANGUAGES)})")
    with open(lexicon_dir(lang) / "profile.toml", "rb") as handle:
        return tomllib.load(handle)
