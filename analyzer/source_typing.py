"""Typing a speaker phrase: person, organisation, role, anonymous, vague or document.

Features of the phrase (entity label, head noun and its lexicon class, determiner, number,
modifiers, capitalisation) go into a logistic-regression model trained with scikit-learn by
``make models`` (``analyzer.tooling.train``). The model ships as plain JSON coefficients, read with
``json`` and applied with a dot product: loading it never runs code from a file. Before a model
exists, or for a language without one, the rules in ``rule_type`` decide alone. The words the
rules and features look for are those of the document's language (``[source_typing]`` of its
profile).
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, fields
from functools import cache

from spacy.tokens import Span, Token

from analyzer.lexicons import normalise, word_lists
from analyzer.linear import LinearModel

_PERSON_ENTS = frozenset({"PER", "PERSON"})
_ORG_ENTS = frozenset({"ORG", "NORP", "GPE", "LOC", "MISC", "FAC"})


@dataclass(frozen=True)
class TypingWords:
    """The words of one language that type a speaker phrase (``[source_typing]`` of the
    profile; each key is explained there)."""

    anonymous_modifiers: frozenset[str]
    indefinite: frozenset[str]
    vague_determiners: frozenset[str]
    unspecific_determiners: frozenset[str]
    group_articles: frozenset[str]
    share_heads: frozenset[str]
    specific_by_nature: frozenset[str]
    one_of: frozenset[str]
    name_particles: frozenset[str]
    name_links: frozenset[str]
    elided_articles: frozenset[str]
    unnamed_by_nature: frozenset[str]
    same_words: frozenset[str]


@cache
def typing_words(lang: str) -> TypingWords:
    """The typing words of a language; ``name_links`` holds the name particles too."""
    lists = word_lists(lang, "source_typing", tuple(f.name for f in fields(TypingWords)))
    return TypingWords(**{**lists, "name_links": lists["name_links"] | lists["name_particles"]})


def _words(span: Span) -> TypingWords:
    """The typing words of the document's language."""
    return typing_words(span.doc.lang_)


#: Classes the lexicon settles on its own when the phrase's head noun has them.
_LEXICON_SURE = frozenset({"role", "document"})


def phrase_head(span: Span) -> Token:
    """The head word of a speaker phrase: the parse's root, unless the model took an elided
    article for the root (the small French model parses "L’ancien Premier ministre" so when
    the apostrophe is typographic): then the first noun after it."""
    root = span.root
    if normalise(root.text) in _words(span).elided_articles and root.i + 1 < span.end:
        return next((t for t in span if t.i > root.i and t.pos_ in {"NOUN", "PROPN"}), span[-1])
    return root


def phrase_det(span: Span, head: Token) -> str:
    """The determiner before the head, lower case ("" when there is none)."""
    elided = _words(span).elided_articles
    for tok in span:
        if tok.i < head.i and (tok.pos_ == "DET" or normalise(tok.text) in elided):
            return normalise(tok.text)
    return ""


def fold(word: str) -> str:
    """Lower case without accents, to look a first name up ("Stève" as "steve")."""
    decomposed = unicodedata.normalize("NFD", normalise(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_form(span: Span, source_nouns: dict[str, str]) -> bool:
    """The phrase has the form of a person's name: two to five capitalised words (name
    particles between them allowed), no article first, no acronym, no institution noun."""
    words = list(span)
    if not words or not words[0].text[:1].isupper() or not words[-1].text[:1].isupper():
        return False
    capitals = 0
    links = _words(span).name_links
    for tok in words:
        low = normalise(tok.text)
        if tok.text[:1].isupper():
            if tok.pos_ in {"DET", "ADP", "PRON", "VERB", "AUX"} and tok.i == span.start:
                return False
            if (
                (tok.text.isupper() and len(tok.text) > 1)
                or source_nouns.get(normalise(tok.lemma_))
                or source_nouns.get(low)
            ):
                return False
            capitals += 1
        elif low not in links and tok.text != "-":
            return False
    return 2 <= capitals <= 5


def person_name(
    span: Span, source_nouns: dict[str, str], titles: dict[str, str], first_names: dict[str, str]
) -> bool:
    """The phrase is a person's name by its form, whatever the entity recogniser says: a title
    before a capitalised word (M. Dupont), or a ``name_form`` opened by a known first name (or
    one part of a hyphenated one) or holding a name particle (Ine Van Wymersch)."""
    words = list(span)
    for tok, nxt in itertools.pairwise(_own_words(span, phrase_head(span))):
        if normalise(tok.text) in titles and nxt.text[:1].isupper():
            return True  # not "a spokesman for Mr Streeting": the title is the complement's
    if not name_form(span, source_nouns):
        return False
    first = words[0].text
    parts = [first, *first.split("-")]
    if any(normalise(p) in first_names or fold(p) in first_names for p in parts):
        return True
    particles = _words(span).name_particles
    return any(normalise(t.text) in particles for t in words[1:-1])


def _specific(span: Span, source_nouns: dict[str, str]) -> bool:
    """A plural of person nouns that names specific people, not an unspecific group: sources
    and witnesses by nature ("des sources policières", "plusieurs témoins"), people picked out
    by a definite, possessive or numeral determiner ("les auteurs", "his allies", "three
    people"), or members of a named body ("plusieurs responsables de
    l'OMS")."""
    head = phrase_head(span)
    words = _words(span)
    if normalise(head.lemma_) in words.specific_by_nature:
        return True
    for tok in span:
        if tok.i < head.i and (
            tok.pos_ == "NUM"
            or "Yes" in tok.morph.get("Poss")
            or normalise(tok.text) in words.group_articles
        ):
            return True
        if tok.i > head.i and tok.pos_ in {"NOUN", "PROPN"}:
            if source_nouns.get(normalise(tok.lemma_)) == "organisation":
                return True
            if tok.pos_ == "PROPN" and tok.ent_type_ in {"ORG", "NORP"}:
                return True
    return False


def sure_type(
    span: Span, source_nouns: dict[str, str], titles: dict[str, str], first_names: dict[str, str]
) -> str | None:
    """The type the form of the phrase settles without the model, or None:
    - a person's name by its form (``person_name``);
    - one of a group, "l'un d'eux", "one of the lawyers": anonymous;
    - a share of a group, "50 % des sondés", "un tiers des bénéficiaires": vague;
    - a plural of a person noun with no unspecific determiner, "des sources policières",
      "plusieurs témoins", "les auteurs de l'étude": specific people, anonymous;
    - "les syndicats", "the authorities": the institutions as a body, organisation;
    - an office or a document noun the lexicon knows: role, document."""
    if person_name(span, source_nouns, titles, first_names):
        return "person"
    words = _words(span)
    head = phrase_head(span)
    lemma = normalise(head.lemma_)
    cls = source_nouns.get(lemma)
    det = phrase_det(span, head)
    plural = head.morph.get("Number") == ["Plur"]
    after = span.doc[head.i + 1] if head.i + 1 < span.end else None
    named_after = after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()
    if cls in {"role", "anonymous", "vague"} and named_after:
        return "person"  # le procureur Adou, l'économiste Hélène Garnier
    if normalise(head.text) in words.one_of and len(span) > 1:
        return "anonymous"
    if lemma in words.share_heads or normalise(head.text) in words.share_heads:
        return "vague"
    if head.pos_ == "NUM" and any(t.i > head.i and t.pos_ in {"NOUN", "ADP"} for t in span):
        return "vague"
    counted = any(t.pos_ == "NUM" and t.i < head.i for t in span)
    if cls == "vague" and plural and counted:
        return "anonymous"  # "three people", "deux habitants": people one could count
    if (
        cls == "anonymous"
        and plural
        and det not in words.unspecific_determiners
        and _specific(span, source_nouns)
    ):
        return "anonymous"
    if cls == "organisation" and plural and det in words.group_articles:
        return "organisation"
    if cls == "organisation" and head.pos_ == "PROPN":
        return "organisation"  # a body the lexicon knows by name (Reuters, AFP)
    if cls == "organisation" and not det and normalise(head.text) == lemma:
        return "organisation"  # an uninflected collective with no article: "Police said"
    if det in words.indefinite and head.pos_ == "PROPN" and not plural:
        return "anonymous"  # "a worried Nigerian", "un Belge": one unnamed person, no body
    if cls == "document" and det in words.unspecific_determiners:
        return "vague"  # "some reports": a weasel, not a record one can check
    capital_office = (
        cls == "role"
        and det
        and not plural
        and det not in words.vague_determiners | words.indefinite
    )  # "a Veranta spokesperson" is not one identifiable office-holder
    if capital_office and not any(t.pos_ == "PROPN" for t in span if t.i > head.i):
        return "role"  # an office, capitalised or not: "The Spokesman", "le Premier ministre"
    ruled = rule_type(span, source_nouns, titles)
    if ruled in _LEXICON_SURE and cls == ruled:
        return ruled  # an office or a document noun the lexicon knows: no guessing
    return None


def speaker_features(
    span: Span, source_nouns: dict[str, str], titles: dict[str, str]
) -> dict[str, float]:
    """Sparse features of a speaker phrase, named so that the model can be read."""
    words = _words(span)
    head = phrase_head(span)
    lemma = normalise(head.lemma_)
    det = phrase_det(span, head)
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
        if {low, normalise(tok.lemma_)} & words.anonymous_modifiers:
            feats["anonymous_modifier"] = 1.0
        if tok.i != span.start and tok.text[:1].isupper() and tok.pos_ == "PROPN":
            feats["inner_capital"] = 1.0
        if tok.i > head.i and tok.pos_ in {"NOUN", "PROPN"}:
            feats[f"complement_class={source_nouns.get(normalise(tok.lemma_), 'none')}"] = 1.0
            if tok.pos_ == "PROPN":
                feats["complement_propn"] = 1.0
        if tok.pos_ == "NUM":
            feats["number_word"] = 1.0
    if det in words.indefinite:
        feats["det_indefinite"] = 1.0
    if det in words.vague_determiners or (not det and head.morph.get("Number") == ["Plur"]):
        feats["det_vague"] = 1.0
    if span.text[:1].isupper():
        feats["capitalised"] = 1.0
    feats[f"rule={rule_type(span, source_nouns, titles)}"] = 1.0
    return feats


def _own_words(span: Span, head: Token) -> Span:
    """The phrase up to its head's first prepositional complement: the words that name the
    source itself, not someone it stands for or belongs to."""
    for tok in span[head.i - span.start + 1 :]:
        if tok.pos_ == "ADP":
            return span.doc[span.start : tok.i]
    return span


def rule_type(span: Span, source_nouns: dict[str, str], titles: dict[str, str]) -> str:
    """The type the lexicons and entity labels alone suggest."""
    words = _words(span)
    head = phrase_head(span)
    lemma = normalise(head.lemma_)
    det = phrase_det(span, head)
    cls = source_nouns.get(lemma)
    plural = head.morph.get("Number") == ["Plur"]
    own = _own_words(span, head)  # a spokesman for Mr Streeting: Mr Streeting is not the source
    has_person = any(t.ent_type_ in _PERSON_ENTS for t in own) or any(
        normalise(t.text) in titles for t in own
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
    if modifiers & words.anonymous_modifiers and cls in {"anonymous", "role", "vague", None}:
        return "anonymous"  # une source proche du dossier, officials who requested anonymity
    if cls == "document":
        return "document"
    if cls == "organisation":
        return "vague" if plural and det not in words.group_articles else "organisation"
    if det in words.vague_determiners or (plural and cls in {"vague", "anonymous", None}):
        return "vague"
    if cls == "vague":
        return "vague"
    if det in words.indefinite or cls == "anonymous":
        return "anonymous"
    if cls == "role":
        return "role"
    if any(t.ent_type_ in _ORG_ENTS for t in span):
        return "organisation"
    return "anonymous" if det in words.indefinite else "vague" if plural else "role"


class SourceTyper:
    """The trained model of ``models/source_type.<lang>.json`` over ``speaker_features``, after
    the sure rules; the rules alone (``rule_type``) when no model ships for the language."""

    def __init__(self, model: LinearModel | None) -> None:
        self.model = model

    @classmethod
    def load(cls, lang: str) -> SourceTyper:
        return cls(LinearModel.load("source_type", lang))

    def predict(
        self,
        span: Span,
        source_nouns: dict[str, str],
        titles: dict[str, str],
        first_names: dict[str, str] | None = None,
    ) -> str:
        sure = sure_type(span, source_nouns, titles, first_names or {})
        if sure is not None:
            return sure
        if self.model is None:
            return rule_type(span, source_nouns, titles)
        return self.model.predict(speaker_features(span, source_nouns, titles))
