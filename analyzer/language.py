"""Telling French from English: function-word counts, fast and dependency-free."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from analyzer.errors import LanguageError
from analyzer.lexicons import LANGUAGES, lexicon_dir, profile

#: Possessive: with a plain ``*`` the engine keeps state per repetition and a long hyphenated
#: run ("a-a-a-…") takes quadratic time.
_WORD = re.compile(r"[^\W\d_]++(?:['’-][^\W\d_]++)*+")
_TOKEN = re.compile(r"\S+")
#: Texts up to this long are read whole; longer ones are sampled.
_SAMPLE_CHARS = 20_000
#: The sample of a longer text: this many runs of words, spread evenly over its length, so that
#: blanked markup (a page's scripts, menus, 10,000 nested tags) before the article does not hide it.
_BLOCKS = 20
_BLOCK_WORDS = 250
_MIN_HITS = 3
_MIN_SHARE = 0.12


@cache
def _unsupported() -> dict[str, frozenset[str]]:
    with open(lexicon_dir("fr").parent / "unsupported.toml", "rb") as handle:
        return {lang: frozenset(words) for lang, words in tomllib.load(handle).items()}


def sample(text: str) -> str:
    """The text itself when short; else runs of its words taken at evenly spaced places over
    its whole length (blank stretches skipped), joined by spaces. Linear time."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    pieces: list[str] = []
    pos = 0
    for block in range(_BLOCKS):
        start = max(pos, len(text) * block // _BLOCKS)
        for count, match in enumerate(_TOKEN.finditer(text, start)):
            if count == _BLOCK_WORDS:
                break
            pieces.append(match.group()[:_SAMPLE_CHARS])
            pos = match.end()
    return " ".join(pieces)


def detect(text: str) -> str:
    """``"fr"`` or ``"en"``; raise LanguageError when neither fits the text."""
    words = [w.replace("’", "'").lower() for w in _WORD.findall(sample(text))]
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
