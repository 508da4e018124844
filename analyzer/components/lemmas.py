"""The model's lemmatizer behind a cache, for speed: the same lemmas, written once per document.

spaCy's rule lemmatizer caches by form and part of speech, yet still spends its time in Python
on every token (a call and a string-store write each): about a fifth of the French model's time.
This component keeps the model's lemmatizer for the forms it has not seen, keys its cache by
form, part of speech and morphology, and writes a document's lemmas in one array.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

#: Entries kept before the cache starts again (a bound on memory over a long corpus run).
_LIMIT = 500_000


@Language.factory("analyzer_lemma_cache", assigns=["token.lemma"], requires=["token.pos"])
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    return LemmaCache()


class LemmaCache:
    """Wraps the model's ``lemmatizer`` (set by ``analyzer.pipeline.build``); tokens that
    already carry a lemma (from the attribute ruler) keep it, as the lemmatizer does."""

    def __init__(self) -> None:
        self.lemmatizer = None
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array([ORTH, POS, MORPH]).tolist()
        lemmas = doc.to_array([LEMMA])
        strings = doc.vocab.strings
        for i, key in enumerate(keys):
            if lemmas[i]:
                continue
            key = tuple(key)
            lemma = self._cache.get(key)
            if lemma is None:
                if len(self._cache) >= _LIMIT:
                    self._cache.clear()
                lemma = self._cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)
        return doc
