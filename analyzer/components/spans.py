"""Span helpers for the attribution constructions: where a noun phrase starts and ends, what
stands before a token, how content spans meet quotations. Pure functions over spaCy tokens;
the few grammar words they need come in as arguments (from the language profile)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    IS_DIGIT,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    MORPH,
    ORTH,
    POS,
    TAG,
)
from spacy.tokens import Doc, MorphAnalysis, Span, Token

from analyzer.components.quotes import QUOTE_MARKS, Quote

NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
STOP_PUNCT = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "—", "–", "…"})


@dataclass(frozen=True)
class PhraseWords:
    """The grammar words a noun phrase may hold in one language (``[noun_phrase]`` of the
    profile): links inside it (de, the, of), genitive prepositions (de, d'), relative pronouns
    that end it (qui, who), prepositions that open an office (ministre *aux* Transports)."""

    links: frozenset[str]
    genitives: frozenset[str]
    relatives: frozenset[str]
    office_prepositions: frozenset[str]


@dataclass(frozen=True)
class Columns:
    """A Doc's token attributes as plain lists, one item a token: flags as 0 / 1, ``pos`` as
    spaCy's part-of-speech symbols, ``ent_iob`` as 0-3 (3 is B), the others as string hashes;
    ``array`` holds them all as ``Doc.to_array(COLUMNS)`` gives them. Read with that one call,
    so a rule that loops over every token reads list items instead of making a Token object and
    asking it each attribute in turn."""

    array: numpy.ndarray
    space: list[int]
    punct: list[int]
    like_num: list[int]
    digit: list[int]
    pos: list[int]
    dep: list[int]
    ent_iob: list[int]
    ent_type: list[int]
    lemma: list[int]
    orth: list[int]
    lower: list[int]
    morph: list[int]
    tag: list[int]


#: The attributes of ``Columns``, in the order of its fields and of its array's columns.
COLUMNS = (
    IS_SPACE,
    IS_PUNCT,
    LIKE_NUM,
    IS_DIGIT,
    POS,
    DEP,
    ENT_IOB,
    ENT_TYPE,
    LEMMA,
    ORTH,
    LOWER,
    MORPH,
    TAG,
)
_COLUMNS_KEY = "analyzer.columns"


def columns(doc: Doc) -> Columns:
    """The ``Columns`` of ``doc``, read once and kept in its ``user_data`` (the components
    read the parse, never change it)."""
    kept = doc.user_data.get(_COLUMNS_KEY)
    if kept is None or len(kept.pos) != len(doc):
        array = doc.to_array(list(COLUMNS))
        if len(doc):
            lists = array.T.tolist()
        else:
            array = array.reshape(0, len(COLUMNS))
            lists = [[] for _ in COLUMNS]
        kept = Columns(array, *lists)
        doc.user_data[_COLUMNS_KEY] = kept
    return kept


_MORPHS: dict[int, dict[str, list[str]]] = {}


def morph_values(doc: Doc, key: int, field: str) -> list[str]:
    """``token.morph.get(field)`` of the token whose ``MORPH`` hash is ``key`` (from
    ``Columns.morph``): each analysis is read once per process, its fields as lists."""
    fields = _MORPHS.get(key)
    if fields is None:
        morph = MorphAnalysis.from_id(doc.vocab, key)
        fields = {f: morph.get(f) for f in morph.to_dict()}
        if len(_MORPHS) < 65536:
            _MORPHS[key] = fields
    return fields.get(field, [])


def prev_word(doc: Doc, i: int, start: int) -> Token | None:
    i -= 1
    while i >= start and doc[i].is_space:
        i -= 1
    return doc[i] if i >= start else None


def has_verb(doc: Doc, start: int, end: int) -> bool:
    return any(
        doc[i].pos_ in {"VERB", "AUX"} and doc[i].text not in QUOTE_MARKS for i in range(start, end)
    )


def has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    """A finite verb or an auxiliary between ``start`` and ``end``: a clause, not a noun
    phrase with a participle (L'attaque, située au nord du pays, …)."""
    return any(
        doc[i].pos_ == "AUX" or (doc[i].pos_ == "VERB" and "Fin" in doc[i].morph.get("VerbForm"))
        for i in range(start, end)
        if doc[i].text not in QUOTE_MARKS
    )


def has_left_subject(verb: Token, unit: Span) -> bool:
    """The cue has a subject before it in the sentence, outside any quotation."""
    quotes = verb.doc._.quotes or []
    return any(
        c.dep_.startswith("nsubj")
        and unit.start <= c.i < verb.i
        and not any(q.contains(c.idx) for q in quotes)
        and agrees_in_person(c, verb)
        for c in verb.children
    )


def agrees_in_person(subject: Token, verb: Token) -> bool:
    """A pronoun and its verb agree in person (« … », nous indique le parquet: "nous" is the
    addressee, not the subject of "indique")."""
    person = subject.morph.get("Person") if subject.pos_ == "PRON" else []
    verb_person = verb.morph.get("Person")
    return not (person and verb_person and person != verb_person)


def bare_past_participle(verb: Token, cue: Span) -> bool:
    """A past participle with no auxiliary (French: Interrogé, cité, publié)."""
    morph = verb.morph
    return (
        "Part" in morph.get("VerbForm")
        and "Past" in morph.get("Tense")
        and len(cue) == 1
        and verb.tag_ not in {"VBD", "VBN"}
        and verb.dep_ != "conj"  # a dénoncé … et rappelé que: the auxiliary is shared
    )


def relay_start(doc: Doc, i: int, end: int, relay_verbs: set[str]) -> int:
    """Where a trailing ", citing …" starts after a reporting clause (else ``end``)."""
    for j in range(i, end):
        if doc[j].lemma_ in relay_verbs and j > i and doc[j - 1].text == ",":
            return j - 1
    return end


def trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def clitic_span(doc: Doc, clitic: Token) -> Span:
    """The clitic "-il" as a span; the report trims the hyphen through char offsets."""
    return doc[clitic.i : clitic.i + 1]


def np_forward(doc: Doc, i: int, end: int, words: PhraseWords) -> Span | None:
    """The noun phrase that starts at token ``i`` (inverted subjects, marker objects)."""
    i_start = i
    while i_start < end and doc[i_start].is_space:
        i_start += 1
    j = i_start
    while j < end:
        tok = doc[j]
        if tok.text in STOP_PUNCT or tok.text in QUOTE_MARKS or tok.is_space:
            break
        low = tok.text.lower()
        if (
            tok.pos_ in NP_POS
            or low in words.links
            or (tok.pos_ == "ADP" and low in words.genitives)
        ):
            if tok.pos_ == "PRON" and j > i_start and low in words.relatives:
                break
            j += 1
            continue
        if (
            tok.pos_ == "VERB"
            and j > i_start
            and tok.dep_.startswith("acl")
            and tok.head.i == j - 1
            and "Part" in tok.morph.get("VerbForm")
            and "Past" in tok.morph.get("Tense")
            and tok.right_edge.i < end
            and not any(t.text in STOP_PUNCT for t in doc[j : tok.right_edge.i + 1])
        ):
            j = tok.right_edge.i + 1  # les premiers éléments recueillis, ce papier signé X
            continue
        if (
            tok.pos_ == "ADP"
            and j > i_start
            and tok.head.i == j - 1
            and doc[j - 1].pos_ == "ADJ"
            and tok.right_edge.i < end
        ):
            j = tok.right_edge.i + 1  # people familiar with the matter, officials close to it
            continue
        if (
            tok.pos_ == "ADP"
            and j > i_start
            and low in words.office_prepositions
            and names_an_office(doc, j + 1, end)
        ):
            j += 1
            continue
        if (
            tok.pos_ == "CCONJ"
            and j > i_start
            and j + 1 < end
            and doc[j + 1].pos_ in {"DET", "PROPN"}
        ):
            j += 1
            continue
        break
    while j > i_start and (
        doc[j - 1].pos_ in {"ADP", "CCONJ", "DET"} or doc[j - 1].lower_ in words.links
    ):
        j -= 1
    return doc[i_start:j] if j > i_start else None


#: What may open a clause before its subject: a conjunction (et, mais; lorsque, quand).
_OPENERS = frozenset({"CCONJ", "SCONJ"})


def np_backward(doc: Doc, i: int, start: int, words: PhraseWords) -> Span | None:
    """The noun phrase that ends right before token ``i`` and opens the clause (at ``start``, or
    after a comma or conjunction): the subject of a cue the model mistagged (La préfecture note
    que …), where the parse gives none."""
    j = i
    while j > start:
        tok = doc[j - 1]
        low = tok.text.lower()
        if tok.pos_ in NP_POS or low in words.links or low in words.genitives:
            j -= 1
            continue
        break
    if j == i or (
        j > start and doc[j - 1].text not in {",", ";"} and doc[j - 1].pos_ not in _OPENERS
    ):
        return None
    while j < i and (doc[j].pos_ in {"ADP", "CCONJ"} or doc[j].lower_ in words.genitives):
        j += 1
    while i > j and (doc[i - 1].pos_ == "ADP" or doc[i - 1].lower_ in words.genitives):
        i -= 1  # Et la ministre [de] préciser
    span = doc[j:i]
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in span):
        return None
    return span


def names_an_office(doc: Doc, i: int, end: int) -> bool:
    """After "à" / "of": a capitalised field ("ministre délégué aux Transports")."""
    while i < end and doc[i].pos_ == "DET":
        i += 1
    return i < end and doc[i].pos_ in {"NOUN", "PROPN"} and doc[i].text[:1].isupper()


def noun_phrase(head: Token) -> Span:
    """The smallest noun phrase around ``head``: its subtree, cut at commas, relative clauses,
    appositions and verbs, so "Jeanne Marty, ministre de la Santé" gives "Jeanne Marty"."""
    doc = head.doc
    left = head.i
    while left - 1 >= 0:
        tok = doc[left - 1]
        if tok.is_punct or tok.is_space or tok.head.i < left - 1 or not in_subtree(tok, head):
            break
        left -= 1
    right = head.i + 1
    while right < len(doc):
        tok = doc[right]
        if (tok.is_punct and tok.text not in {"-", "'", "’"}) or tok.is_space:
            break
        clause = tok.head if tok.head.dep_ in {"relcl", "acl:relcl"} else None
        if clause is not None and clause.head.i == head.i and tok.i < clause.i:
            right = max(t.i for t in clause.subtree) + 1  # officials who asked not to be named
            break
        if tok.dep_ in {"acl", "acl:relcl", "relcl"} or tok.pos_ in {
            "VERB",
            "AUX",
            "SCONJ",
        }:
            break
        if not in_subtree(tok, head):
            break
        right += 1
    while right - 1 > head.i and doc[right - 1].pos_ in {"ADP", "CCONJ", "DET", "ADV", "PART"}:
        right -= 1
    while left < head.i and doc[left].pos_ in {"CCONJ", "ADP", "PUNCT"}:
        left += 1
    return doc[left:right]


def in_subtree(tok: Token, head: Token) -> bool:
    while tok.i != head.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def quote_ending_at(quotes: list[Quote], position: int, text: str) -> Quote | None:
    for q in quotes:
        if q.end <= position and text[q.end : position].strip() == "":
            return q
    return None


def ends_with_second_quote(doc: Doc, rest: Span, quotes: list[Quote]) -> bool:
    """After the reporting clause only a comma and a second quotation (“A,” she said, “B.”)."""
    words = [t for t in rest if not t.is_space]
    if not words:
        return True
    first_mark = next((t for t in words if t.text in QUOTE_MARKS), None)
    at = words.index(first_mark) if first_mark is not None else 0
    return (
        first_mark is not None
        and (at == 0 or words[at - 1].text == ",")  # not an object (dénonce une « fraude »)
        and not any(t.text == ":" for t in words[: words.index(first_mark)])
        and all(
            t.pos_ in {"ADP", "DET", "NOUN", "PROPN", "PUNCT", "ADV"} or t.text in QUOTE_MARKS
            for t in words[: words.index(first_mark)]
        )
        and any(q.start == first_mark.idx for q in quotes)
    )


def cover_quotes(quotes: list[Quote], content: tuple[int, int]) -> tuple[int, int]:
    """Never cut a quotation in two: a content that opens one runs to its closing mark."""
    start, end = content
    for q in quotes:
        if start <= q.start < end < q.end:
            end = q.end
    return start, end


def sole_quote(quotes: list[Quote], content: tuple[int, int], text: str) -> Quote | None:
    """The quotation that is all of ``content`` but punctuation and spaces, if any: the marks
    decide the kind (docs/annotation.md 1), so partly quoted content is not a sole quote."""
    for q in quotes:
        if q.start >= content[0] - 1 and q.end <= content[1] + 1:
            outside = text[content[0] : q.start] + text[q.end : content[1]]
            if all(not ch.isalnum() for ch in outside):
                return q
    return None


def has_quote(quotes: list[Quote], start: int, end: int) -> bool:
    return any(start - 1 <= q.start and q.end <= end + 1 for q in quotes)
