"""Typing a speaker phrase: person, organisation, role, anonymous, vague or document.

Features of the phrase (entity label, head noun and its lexicon class, determiner, number,
modifiers, capitalisation) go into a logistic-regression model trained with scikit-learn by
``make models`` (``analyzer.tooling.train``). The model ships as plain JSON coefficients, read with
``json`` and applied with a dot product: loading it never runs code from a file. Before a model
exists, or for a language without one, the rules in ``rule_type`` decide alone.
"""

from __future__ import annotations

import itertools
import unicodedata

from spacy.tokens import Span, Token

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


#: Determiners of an unspecific plural ("certains témoins"): the rest of the plurals of a
#: person noun name specific people ("des sources policières", "plusieurs témoins").
_UNSPECIFIC_DETS = frozenset(
    {"certains", "certaines", "d'autres", "beaucoup", "de nombreux", "nombreux", "some", "many",
     "most", "other", "others"}
)  # fmt: skip
#: Heads that count a share of a group ("50 % des personnes sondées", "a third of voters").
_SHARE_HEADS = frozenset(
    {"%", "pour cent", "pourcent", "tiers", "quart", "moitié", "percent", "per cent", "third",
     "quarter", "half"}
)  # fmt: skip
#: Person nouns whose plural still names specific people (ANNOTATION.md 2: anonymous).
_SPECIFIC_BY_NATURE = frozenset({"source", "témoin", "witness"})
#: "l'un d'eux", "one of the lawyers": one unnamed member of a group.
_ONE_OF = frozenset({"un", "une", "l'un", "l'une", "one"})
#: Particles inside a person's name that an organisation's name seldom holds.
_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "ben", "bin", "ould", "ibn", "abou", "da", "dos", "di", "del"}
)
#: Lower-case words a name may hold between its capitalised words.
NAME_LINKS = _NAME_PARTICLES | {"de", "du", "le", "la", "d'"}
#: Elided articles, which the parse may take for a proper noun.
_ELIDED = frozenset({"l'", "d'"})
#: Classes the lexicon settles on its own when the phrase's head noun has them.
_LEXICON_SURE = frozenset({"role", "document"})


def phrase_head(span: Span) -> Token:
    """The head word of a speaker phrase: the parse's root, unless the model took an elided
    article for the root (the small French model parses "L’ancien Premier ministre" so when
    the apostrophe is typographic): then the first noun after it."""
    root = span.root
    if normalise(root.text) in _ELIDED and root.i + 1 < span.end:
        return next((t for t in span if t.i > root.i and t.pos_ in {"NOUN", "PROPN"}), span[-1])
    return root


def phrase_det(span: Span, head: Token) -> str:
    """The determiner before the head, lower case ("" when there is none)."""
    for tok in span:
        if tok.i < head.i and (tok.pos_ == "DET" or normalise(tok.text) in _ELIDED):
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
        elif low not in NAME_LINKS and tok.text != "-":
            return False
    return 2 <= capitals <= 5


def person_name(
    span: Span, source_nouns: dict[str, str], titles: dict[str, str], first_names: dict[str, str]
) -> bool:
    """The phrase is a person's name by its form, whatever the entity recogniser says: a title
    before a capitalised word (M. Dupont), or a ``name_form`` opened by a known first name (or
    one part of a hyphenated one) or holding a name particle (Ine Van Wymersch)."""
    words = list(span)
    for tok, nxt in itertools.pairwise(words):
        if normalise(tok.text) in titles and nxt.text[:1].isupper():
            return True
    if not name_form(span, source_nouns):
        return False
    first = words[0].text
    parts = [first, *first.split("-")]
    if any(normalise(p) in first_names or fold(p) in first_names for p in parts):
        return True
    return any(normalise(t.text) in _NAME_PARTICLES for t in words[1:-1])


def _specific(span: Span, source_nouns: dict[str, str]) -> bool:
    """A plural of person nouns that names specific people, not an unspecific group: sources
    and witnesses by nature ("des sources policières", "plusieurs témoins"), people picked out
    by a definite, possessive or numeral determiner ("les auteurs", "his allies", "three
    people"), or members of a named body ("plusieurs responsables de
    l'OMS")."""
    head = phrase_head(span)
    if normalise(head.lemma_) in _SPECIFIC_BY_NATURE:
        return True
    for tok in span:
        if tok.i < head.i and (
            tok.pos_ == "NUM"
            or "Yes" in tok.morph.get("Poss")
            or normalise(tok.text) in {"les", "the"}
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
    head = phrase_head(span)
    lemma = normalise(head.lemma_)
    cls = source_nouns.get(lemma)
    det = phrase_det(span, head)
    plural = head.morph.get("Number") == ["Plur"]
    after = span.doc[head.i + 1] if head.i + 1 < span.end else None
    named_after = after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()
    if cls in {"role", "anonymous", "vague"} and named_after:
        return "person"  # le procureur Adou, l'économiste Hélène Garnier
    if normalise(head.text) in _ONE_OF and len(span) > 1:
        return "anonymous"
    if lemma in _SHARE_HEADS or normalise(head.text) in _SHARE_HEADS:
        return "vague"
    if head.pos_ == "NUM" and any(t.i > head.i and t.pos_ in {"NOUN", "ADP"} for t in span):
        return "vague"
    counted = any(t.pos_ == "NUM" and t.i < head.i for t in span)
    if cls == "vague" and plural and counted:
        return "anonymous"  # "three people", "deux habitants": people one could count
    if (
        cls == "anonymous"
        and plural
        and det not in _UNSPECIFIC_DETS
        and _specific(span, source_nouns)
    ):
        return "anonymous"
    if cls == "organisation" and plural and det in {"les", "the"}:
        return "organisation"
    if cls == "organisation" and head.pos_ == "PROPN":
        return "organisation"  # a body the lexicon knows by name (Reuters, AFP)
    if cls == "organisation" and not det and normalise(head.text) == lemma:
        return "organisation"  # an uninflected collective with no article: "Police said"
    if det in _INDEFINITE and head.pos_ == "PROPN" and not plural:
        return "anonymous"  # "a worried Nigerian", "un Belge": one unnamed person, no body
    if cls == "document" and det in _UNSPECIFIC_DETS:
        return "vague"  # "some reports": a weasel, not a record one can check
    capital_office = (
        cls == "role" and det and not plural and det not in _VAGUE_DETS | _INDEFINITE
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
    head = phrase_head(span)
    lemma = normalise(head.lemma_)
    det = phrase_det(span, head)
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
