"""Typing a speaker phrase: person, organisation, role, anonymous, vague or document.

Features of the phrase (entity label, head noun and its lexicon class, determiner, number,
modifiers, capitalisation) go into a logistic-regression model trained with scikit-learn by
``make models`` (``analyzer.train``). The model ships as plain JSON coefficients, read with
``json`` and applied with a dot product: loading it never runs code from a file. Before a model
exists, or for a language without one, the rules in ``rule_type`` decide alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Span

from analyzer.lexicons import normalise

_PERSON_ENTS = frozenset({"PER", "PERSON"})
_ORG_ENTS = frozenset({"ORG", "NORP", "GPE", "LOC", "MISC", "FAC"})
_ANONYMOUS_MODIFIERS = frozenset(
    {"proche", "anonymat", "anonyme", "haut", "haute", "certain", "close", "anonymity", "senior"}
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


def model_path(lang: str) -> Path:
    return Path(str(resources.files("analyzer") / "models" / f"source_type.{lang}.json"))


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


@dataclass
class SourceTyper:
    """A multinomial logistic regression stored as JSON: classes, feature index, weights."""

    classes: list[str]
    index: dict[str, int]
    coef: list[list[float]]
    intercept: list[float]

    @classmethod
    def load(cls, lang: str) -> SourceTyper | RuleTyper:
        path = model_path(lang)
        if not path.exists():
            return RuleTyper()
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
        return cls(
            data["classes"], {f: i for i, f in enumerate(features)}, data["coef"], data["intercept"]
        )

    def predict(self, span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
        feats = speaker_features(span, source_nouns, titles)
        best, best_score = self.classes[0], -math.inf
        for c, name in enumerate(self.classes):
            score = self.intercept[c] + sum(
                self.coef[c][self.index[f]] * v for f, v in feats.items() if f in self.index
            )
            if score > best_score:
                best, best_score = name, score
        return best


class RuleTyper:
    """The fallback when no trained model ships for a language."""

    def predict(self, span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
        return rule_type(span, source_nouns, titles)
