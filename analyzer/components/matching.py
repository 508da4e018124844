"""Fast matchers over lexicon entries, shared by the components.

spaCy's ``Matcher`` with ``{"IN": [...]}`` tests every token in Python; a ``PhraseMatcher``
looks tokens up by hash. Lemma patterns are built as Docs that carry their lemmas, so no
pipeline has to run over the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab


def lemma_matcher(vocab: Vocab, entries: Iterable[tuple[str, str]]) -> PhraseMatcher:
    """Match ``(label, entry)`` pairs by lemma; an entry of several words matches its words'
    lemmas in order (point out)."""
    matcher = PhraseMatcher(vocab, attr="LEMMA")
    by_label: dict[str, list[Doc]] = {}
    for label, entry in entries:
        words = entry.split()
        by_label.setdefault(label, []).append(Doc(vocab, words=words, lemmas=words))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def form_matcher(vocab: Vocab, make_doc, entries: Iterable[tuple[str, str]]) -> PhraseMatcher:
    """Match ``(label, entry)`` pairs by lower-cased form, with ’ and ' both accepted."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_label: dict[str, list[Doc]] = {}
    for label, entry in entries:
        for variant in {entry, entry.replace("'", "’")}:
            by_label.setdefault(label, []).append(make_doc(variant))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def lexicon_matchers(nlp, entries: dict[str, str], phrase_chars: str = " '") -> tuple:
    """``(phrases, words, word_forms)`` for a ``{entry: class}`` lexicon: entries holding one of
    ``phrase_chars`` match as written; single words match by lemma and by form."""
    phrases = [(c, e) for e, c in entries.items() if any(ch in e for ch in phrase_chars)]
    singles = [(c, e) for e, c in entries.items() if not any(ch in e for ch in phrase_chars)]
    return (
        form_matcher(nlp.vocab, nlp.make_doc, phrases),
        lemma_matcher(nlp.vocab, singles),
        form_matcher(nlp.vocab, nlp.make_doc, singles),
    )
