"""Typing a speaker phrase: person, organisation, role, anonymous, vague or document.

Features of the phrase (entity label, head noun and its lexicon class, determiner, number,
modifiers, capitalisation) go into a logistic-regression model trained with scikit-learn by
``make models`` (``analyzer.train``). The model ships as plain JSON coefficients, read with
``json`` and applied with a dot product: loading it never runs code from a file. Before a model
exists, or for a language without one, the rules in ``rule_type`` decide alone.
"""

from __future__ import annotations

from spacy.tokens import Span

from analyzer.lexicons import normalise
from analyzer.linear import LinearModel

_PERSON_ENTS = frozenset({"PER", "PERSON"})
_ORG_ENTS = frozenset({"ORG", "NORP", "GPE", "LOC", "MISC", "FAC"})
_ANONYMOUS_MODIFIERS = frozenset(
    {
        "proche",
        "anonymat",
        "anonyme",
        "haut",
        "haute",
        "close",
        "anonymity",
        "senior",
        "familiar",
        "named",
        "identified",
    }
)
_INDEFINITE = frozenset({"un", "une", "a", "an", "another", "un autre", "une autre"})
_VAGUE_DETS = frozenset(
    {
        "des",
        "certains",
        "certaines",
        "plusieurs",
        "de nombreux",
        "nombreux",
        "some",
        "many",
        "several",
        "d'autres",
        "quelques",
        "beaucoup",
        "most",
    }
)


#: Classes the lexicon settles on its own when the phrase's head noun has them.
_LEXICON_SURE = frozenset({"role", "document"})


def speaker_features(
    span: Span, source_nouns: dict[str, str], titles: dict[str, str]
) -> dict[str, float]:
    """Sparse features of a speaker phrase, named so that the model can be read."""
    head = span.root
    lemma = normalise(head.lemma_)
    det = next((normalise(t.text) for t in span if t.pos_ == "DET" and t.i < head.i), "")
    feats: dict[str, float] = {
        f"head_pos={head.pos_}": 1.0,
        f"head_class={source_nouns.get(lemma, 'none')}": 1.0,
        f"det={det or 'none'}": 1.0,
        f"number={(head.morph.get('Number') or ['?'])[0]}": 1.0,
        "bias": 1.0,
    }
    for tok in span:
        if tok.ent_type_:
            feats[f"ent={tok.ent_type_}"] = 1.0
        low = normalise(tok.text)
        if low in titles:
            feats["title"] = 1.0
        if low in _ANONYMOUS_MODIFIERS or normalise(tok.lemma_) in _ANONYMOUS_MODIFIERS:
            feats["anonymous_modifier"] = 1.0
        if tok.i != span.start and tok.text[:1].isupper() and tok.pos_ == "PROPN":
            feats["inner_capital"] = 1.0
        if tok.i > head.i and tok.pos_ in {"NOUN", "PROPN"}:
            feats[f"complement_class={source_nouns.get(normalise(tok.lemma_), 'none')}"] = 1.0
            if tok.pos_ == "PROPN":
                feats["complement_propn"] = 1.0
        if tok.pos_ == "NUM":
            feats["number_word"] = 1.0
    if det in _INDEFINITE:
        feats["det_indefinite"] = 1.0
    if det in _VAGUE_DETS or (not det and head.morph.get("Number") == ["Plur"]):
        feats["det_vague"] = 1.0
    if span.text[:1].isupper():
        feats["capitalised"] = 1.0
    feats[f"rule={rule_type(span, source_nouns, titles)}"] = 1.0
    return feats


def rule_type(span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
    """The type the lexicons and entity labels alone suggest."""
    head = span.root
    lemma = normalise(head.lemma_)
    det = next((normalise(t.text) for t in span if t.pos_ == "DET" and t.i < head.i), "")
    cls = source_nouns.get(lemma)
    plural = head.morph.get("Number") == ["Plur"]
    has_person = any(t.ent_type_ in _PERSON_ENTS for t in span) or any(
        normalise(t.text) in titles for t in span
    )
    named_after_head = head.i + 1 < span.end and span.doc[head.i + 1].pos_ == "PROPN"
    if cls in {"role", "anonymous", "vague"} and (named_after_head or has_person):
        return "person"  # le juge Augusto Farias, l'économiste Hélène Garnier
    if head.pos_ == "PROPN" or (has_person and cls is None):
        if any(t.ent_type_ in _PERSON_ENTS for t in span) or any(
            normalise(t.text) in titles for t in span
        ):
            return "person"
        return "organisation"
    modifiers = {normalise(t.lemma_) for t in span if t.i != head.i} | {
        normalise(t.text) for t in span if t.i != head.i
    }
    if modifiers & _ANONYMOUS_MODIFIERS and cls in {"anonymous", "role", "vague", None}:
        return "anonymous"  # une source proche du dossier, officials who requested anonymity
    if cls == "document":
        return "document"
    if cls == "organisation":
        return "vague" if plural and det not in {"les", "the"} else "organisation"
    if det in _VAGUE_DETS or (plural and cls in {"vague", "anonymous", None}):
        return "vague"
    if cls == "vague":
        return "vague"
    if det in _INDEFINITE or cls == "anonymous":
        return "anonymous"
    if cls == "role":
        return "role"
    if any(t.ent_type_ in _ORG_ENTS for t in span):
        return "organisation"
    return "anonymous" if det in _INDEFINITE else "vague" if plural else "role"


class SourceTyper:
    """The trained model of ``models/source_type.<lang>.json`` over ``speaker_features``."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model

    @classmethod
    def load(cls, lang: str) -> SourceTyper | RuleTyper:
        model = LinearModel.load("source_type", lang)
        return cls(model) if model is not None else RuleTyper()

    def predict(self, span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
        ruled = rule_type(span, source_nouns, titles)
        if ruled in _LEXICON_SURE and source_nouns.get(normalise(span.root.lemma_)) == ruled:
            return ruled  # an office or a document noun the lexicon knows: no guessing
        return self.model.predict(speaker_features(span, source_nouns, titles))


class RuleTyper:
    """The fallback when no trained model ships for a language."""

    def predict(self, span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
        return rule_type(span, source_nouns, titles)
