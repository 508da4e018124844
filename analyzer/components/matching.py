"""Fast matchers over lexicon entries, shared by the components.

spaCy's ``Matcher`` with ``{"IN": [...]}`` tests every token in Python; a ``PhraseMatcher``
looks tokens up by hash. Lemma patterns are built as Docs that carry their lemmas, so no
pipeline has to run over the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

import numpy
from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from analyzer.components.spans import COLUMNS, columns


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


#: The token attributes a ``TokenPatterns`` test may read, as columns of ``Columns.array``.
_PATTERN_COLUMN = {
    "LOWER": COLUMNS.index(LOWER),
    "LEMMA": COLUMNS.index(LEMMA),
    "POS": COLUMNS.index(POS),
    "TAG": COLUMNS.index(TAG),
}


class TokenPatterns:
    """spaCy ``Matcher`` patterns made of LOWER, LEMMA, POS and TAG tests (a value or
    ``{"IN": [...]}``), ``{}`` for any token and ``"OP": "?"`` for an optional one, matched
    with numpy over the Doc's attribute array (``spans.columns``): the Matcher tests every
    token against every pattern in Python (a Token object and a predicate call each), which
    cost more than the analyser's rules around it. Each optional token is expanded (in and
    out), so a pattern is a few fixed-length sequences of tests; each distinct test is one
    vectorised comparison over the Doc, and a sequence matches where its tests, shifted, all
    hold.

    Calling it gives what the Matcher gives: ``(key, start, end)`` for every pattern and every
    stretch of tokens it matches, each once, in order of start, then end, then the order the
    patterns were added."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        #: the distinct tests: (column, sorted uint64 values)
        self._tests: list[tuple[int, numpy.ndarray]] = []
        self._test_index: dict[tuple[int, tuple[int, ...]], int] = {}
        #: (key, tests): a test is an index into ``_tests``, or None for any token
        self._sequences: list[tuple[int, list[int | None]]] = []

    def __len__(self) -> int:
        return len(self._sequences)

    def add(self, label: str, patterns: list[list[dict]]) -> None:
        key = self.vocab.strings.add(label)
        for pattern in patterns:
            tests = [self._test(spec) for spec in pattern]
            choices = [[True, False] if _optional(spec) else [True] for spec in pattern]
            for keep in product(*choices):
                kept = [test for test, k in zip(tests, keep, strict=True) if k]
                if kept:
                    self._sequences.append((key, kept))

    def _test(self, spec: dict) -> int | None:
        tests = [(name, value) for name, value in spec.items() if name != "OP"]
        if not tests:
            return None
        if len(tests) > 1 or tests[0][0] not in _PATTERN_COLUMN:
            raise ValueError(f"TokenPatterns: unsupported token test {spec!r}")
        name, value = tests[0]
        values = value["IN"] if isinstance(value, dict) and list(value) == ["IN"] else [value]
        if not values or not all(isinstance(v, str) for v in values):
            raise ValueError(f"TokenPatterns: unsupported token test {spec!r}")
        ids = tuple(sorted({POS_IDS[v] if name == "POS" else get_string_id(v) for v in values}))
        signature = (_PATTERN_COLUMN[name], ids)
        if signature not in self._test_index:
            self._test_index[signature] = len(self._tests)
            self._tests.append((signature[0], numpy.array(ids, dtype=numpy.uint64)))
        return self._test_index[signature]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        n = len(doc)
        if n == 0 or not self._sequences:
            return []
        table = columns(doc).array
        holds: list[numpy.ndarray | None] = [None] * len(self._tests)
        found: dict[tuple[int, int, int], int] = {}
        for order, (key, tests) in enumerate(self._sequences):
            size = len(tests)
            if size > n:
                continue
            hits = numpy.ones(n - size + 1, dtype=bool)
            for offset, test in enumerate(tests):
                if test is None:
                    continue
                mask = holds[test]
                if mask is None:
                    column, values = self._tests[test]
                    cells = table[:, column]
                    mask = cells == values[0] if len(values) == 1 else numpy.isin(cells, values)
                    holds[test] = mask
                hits &= mask[offset : n - size + 1 + offset]
            for start in numpy.flatnonzero(hits).tolist():
                found.setdefault((key, start, start + size), order)
        return sorted(found, key=lambda m: (m[1], m[2], found[m]))


def _optional(spec: dict) -> bool:
    op = spec.get("OP")
    if op not in (None, "?"):
        raise ValueError(f"TokenPatterns: operator {op!r} is not supported (only '?')")
    return op == "?"
