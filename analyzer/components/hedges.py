"""Hedges: where the writer declines to vouch for a statement (ANNOTATION.md section 3).

- conditional: the French journalistic conditional, from the morphology (Mood=Cnd; in compound
  forms the auxiliary: *aurait* démissionné), except the main clause of a si-clause, first- and
  second-person forms (politeness: je voudrais, pourriez-vous) and the future-in-the-past of
  reported speech after a past cue (il a affirmé qu'il viendrait), where only the epistemic
  modals (pourrait, devrait) still hedge.
- lexical and weasel: the language's ``hedges.tsv`` (single words by lemma, phrases as written).

Each hedge says whether it stands inside a direct quotation (the speaker's hedge) and whether an
attribution covers it (someone is named as holding the doubt).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from analyzer.components.attribution import RawAttribution
from analyzer.components.matching import lexicon_matchers
from analyzer.components.segments import in_ranges
from analyzer.lexicons import lexicon, normalise, profile

_VERBAL = frozenset({"AUX", "VERB"})


@dataclass(frozen=True)
class RawHedge:
    start: int
    end: int
    kind: str
    in_quote: bool
    attributed: bool


@Language.factory(
    "analyzer_hedges",
    assigns=["doc._.hedges"],
    requires=["doc._.attributions", "doc._.quotes", "doc._.units"],
    default_config={"lang": "fr"},
)
def make_hedges(nlp: Language, name: str, lang: str) -> HedgeFinder:
    return HedgeFinder(nlp, lang)


class HedgeFinder:
    """Sets ``doc._.hedges``: ``RawHedge`` records (char offsets) in text order."""

    def __init__(self, nlp: Language, lang: str) -> None:
        if not Doc.has_extension("hedges"):
            Doc.set_extension("hedges", default=None)
        grammar = profile(lang)
        self.conditional = bool(grammar.get("journalistic_conditional", False))
        self.epistemic_modals = set(grammar.get("epistemic_modals", []))
        self.condition_markers = {normalise(w) for w in grammar.get("condition_markers", [])}
        self.modals = set(grammar.get("modal_hedges", []))
        self.modal_needs_next = dict(grammar.get("modal_needs_next", {}))
        entries = lexicon(lang, "hedges")
        self.phrases, self.words, self.word_forms = lexicon_matchers(
            nlp, entries, phrase_chars=" '-"
        )

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes or []
        boilerplate = doc._.boilerplate or []
        atts: list[RawAttribution] = doc._.attributions or []
        found: dict[tuple[int, int], RawHedge] = {}

        def add(start: int, end: int, kind: str) -> None:
            if in_ranges(start, boilerplate):
                return
            in_quote = any(q.inner_start <= start < q.inner_end for q in quotes)
            attributed = not in_quote and any(
                a.kind != "direct" and a.content[0] <= start < a.content[1] for a in atts
            )
            key = (start, end)
            if not any(s < end and start < e for s, e in found):
                found[key] = RawHedge(start, end, kind, in_quote, attributed)

        matches = [(m, s, e, "LOWER") for m, s, e in self.phrases(doc)]
        matches += [(m, s, e, "LEMMA") for m, s, e in self.words(doc)]
        matches += [(m, s, e, "LOWER") for m, s, e in self.word_forms(doc)]
        for match_id, start, end, _ in sorted(matches, key=lambda x: (x[1], -(x[2] - x[1]))):
            span = doc[start:end]
            if len(span) == 1 and not self._epistemic(span[0]):
                continue
            add(span.start_char, span.end_char, doc.vocab.strings[match_id])
        if self.conditional:
            for tok in doc:
                if tok.pos_ not in _VERBAL:
                    continue
                if self._is_journalistic_conditional(doc, tok, atts):
                    add(tok.idx, tok.idx + len(tok.text), "conditional")
        doc._.hedges = sorted(found.values(), key=lambda h: h.start)
        return doc

    def _epistemic(self, tok: Token) -> bool:
        """A modal hedge (may, might, could) that expresses likelihood, not permission or
        ability; any other single-word cue passes."""
        word = tok.text.lower()
        if word not in self.modals:
            return True
        if tok.tag_ and tok.tag_ != "MD":
            return False  # "May" the month
        subject = next((c for c in tok.head.children if c.dep_.startswith("nsubj")), None)
        if subject is not None and normalise(subject.text) in {"i", "you", "we"}:
            return False
        needs = self.modal_needs_next.get(word)
        if needs:
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in needs:
                return True
            # the plan could fail (a thing's likelihood), not she could not attend (ability)
            return (
                subject is not None
                and subject.pos_ == "NOUN"
                and nxt is not None
                and nxt.lower_ not in {"not", "n't"}
            )
        return True

    def _is_journalistic_conditional(self, doc: Doc, tok: Token, atts) -> bool:
        if "Cnd" not in tok.morph.get("Mood") or tok.pos_ not in {"AUX", "VERB"}:
            return False
        if set(tok.morph.get("Person")) & {"1", "2"}:
            return False  # politeness: je voudrais, pourriez-vous
        if self._in_condition(doc, tok):
            return False
        for att in atts:
            if (
                att.kind in {"indirect", "mixed"}
                and att.content[0] <= tok.idx < att.content[1]
                and att.cue is not None
                and _past(att.cue)
                and tok.lemma_ not in self.epistemic_modals
            ):
                return False  # future-in-the-past: il a affirmé qu'il viendrait
        return True

    def _in_condition(self, doc: Doc, tok: Token) -> bool:
        """A conditional in the main clause of a si-clause (si elle venait, il viendrait)."""
        for unit in doc._.units or []:
            if unit.start <= tok.i < unit.end:
                return any(
                    normalise(t.text) in self.condition_markers
                    and (t.pos_ == "SCONJ" or t.dep_ == "mark")
                    for t in unit
                )
        return False


def _past(cue) -> bool:
    """A cue in a past tense: passé composé (a affirmé), imparfait or passé simple."""
    for tok in cue:
        if tok.pos_ == "AUX" and tok.lemma_ in {"avoir", "être"} and tok.i < cue.end - 1:
            return True
        if set(tok.morph.get("Tense")) & {"Past", "Imp"} and "Fin" in tok.morph.get("VerbForm"):
            return True
    return False
