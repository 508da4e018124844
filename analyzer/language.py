"""Telling French from English: function-word counts, fast and dependency-free."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from analyzer.errors import LanguageError
from analyzer.lexicons import LANGUAGES, lexicon_dir, profile

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SAMPLE_CHARS = 20_000
_MIN_HITS = 3
_MIN_SHARE = 0.12


@cache
def _unsupported() -> dict[str, frozenset[str]]:
    with open(lexicon_dir("fr").parent / "unsupported.toml", "rb") as handle:
        return {lang: frozenset(words) for lang, words in tomllib.load(handle).items()}


def detect(text: str) -> str:
    """``"fr"`` or ``"en"``; raise LanguageError when neither fits the text."""
    words = [w.replace("’", "'").lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if not words:
        raise LanguageError("no words to tell the language from")
    hits = {}
    for lang in LANGUAGES:
        vocabulary = set(profile(lang)["function_words"])
        hits[lang] = sum(1 for w in words if w in vocabulary or w.split("'")[0] + "'" in vocabulary)
    best = max(hits, key=hits.get)
    foreign = max(sum(1 for w in words if w in vocab) for vocab in _unsupported().values())
    if foreign > hits[best]:
        raise LanguageError("the text is neither French nor English (use --lang to force one)")
    if hits[best] < min(_MIN_HITS, len(words)) or hits[best] / len(words) < _MIN_SHARE:
        raise LanguageError("the text is neither French nor English (use --lang to force one)")
    return best
