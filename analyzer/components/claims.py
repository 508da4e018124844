"""Claims (docs/annotation.md section 5): writer's-voice sentences that state a checkable fact.

Every sentence unit outside the headline, the site boilerplate, subheads and captions (a line
with no sentence-final punctuation) and quotations (a sentence that is mostly quoted words, or a
quotation with its reporting verb) is a candidate. A logistic regression over linguistic
features (numbers, named entities, tense and mood, person, reporting verbs, length, position;
``claim_features``) decides claim or not; it is trained on the claim labels of the gold samples
by ``make models`` and ships as JSON.

A claim is attributed when a source stands behind it, as news copy scopes its attributions
(``scope``): an attribution whose content or cue lies in the sentence; any reported statement
that is not a quotation ("selon X, …", "according to X", "le rapport indique que …", "X said
the plant would close", "Le Statec détaille les salaires") for the sentences that follow in the
same paragraph; and a post-posed cue in a paragraph's last sentence ("…, he said.") for the
whole paragraph. A quotation speaks only for its own words. A paragraph is a line of text: web copy
often breaks paragraphs with a single newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NUM, PROPN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from analyzer.components.attribution import RawAttribution
from analyzer.components.quotes import doc_text, parsed_text
from analyzer.components.records import PARSE
from analyzer.components.segments import in_ranges
from analyzer.components.spans import columns, morph_values
from analyzer.lexicons import lexicon, normalise, profile, word_lists
from analyzer.linear import LinearModel


@cache
def claim_words(lang: str) -> dict[str, frozenset[str]]:
    """The words of one language the claim rules read (``[claim_words]`` of its profile)."""
    return word_lists(lang, "claim_words", ("connectors", "opinion_pronouns", "expletives"))


#: The lists of ``[claim_phrases]``: a source declining to speak ("Both companies declined to
#: comment", "Le procureur n'a pas souhaité expliquer …") says how the story was sourced, not a
#: fact, unless a relative clause holds it ("…, qui n'a pas souhaité faire de commentaire"); a
#: scheduled event ("Le vote doit avoir lieu le 2 décembre") is public record (ANNOTATION.md
#: section 5); a sentence whose main verb says a fact is not yet known ("La gravité de ses
#: blessures n'a pas été précisée", "The number of dead was not known") says how far the
#: sourcing went, not a fact.
_PHRASE_LISTS = ("declining", "declining_relatives", "scheduled", "undisclosed")


@cache
def claim_phrases(vocab: Vocab, lang: str) -> PhraseMatcher:
    """The ``[claim_phrases]`` of a language's profile as one matcher labelled by list. An entry
    is written token by token, ``a|b`` giving one token's alternatives, so each combination is
    a pattern (no tokenizer needed: an elided "n'" alone would not split as in "n'a"); forms
    match lower-cased with ’ and ' alike. Keyed by the vocabulary the matcher belongs to."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for name, entries in word_lists(lang, "claim_phrases", _PHRASE_LISTS).items():
        patterns = {
            tuple(w.replace("'", mark) for w in words)
            for entry in entries
            for words in product(*(token.split("|") for token in entry.split()))
            for mark in "'’"
        }
        if patterns:
            matcher.add(name, [Doc(vocab, words=list(words)) for words in sorted(patterns)])
    return matcher


_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = frozenset(".!?…»”\"'")
#: A unit with quoted words over this share of its characters and a direct cue is a quotation.
_QUOTATION_SHARE = 0.3
#: A unit that opens on a quotation is one when its quoted words are over this share.
_OPENING_QUOTE_SHARE = 0.2
#: A dateline that heads its story on the same line: "BIARRITZ / Trois jeunes …".
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ' -]{2,}\s*/")
#: A photo credit that closes a caption: "(Jack Taylor/PA)", "(Photo AFP/Jean Dupont)".
_PHOTO_CREDIT = re.compile(r"\([^()/]{2,40}/[^()/]{2,40}\)\s*$")
_TITLE_MAX_WORDS = 25
_MIN_WORDS = 3
#: The source type a reporting verb's subject gets from its entity label.
_SUBJECT_TYPES = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "organisation",
    "GPE": "organisation",
}


#: ``Columns`` values the features compare with: a B(egin) entity tag, two dependency labels.
_B = 3
_COP = get_string_id("cop")
_ROOT = get_string_id("ROOT")
_CLAUSE_HEADS = frozenset(get_string_id(d) for d in ("ROOT", "conj", "ccomp"))

#: ``normalise`` of a string by its hash (the same in every vocabulary), for ``_normal``.
_NORMALISED: dict[int, str] = {}
_NORMALISED_KEPT = 1 << 17


def _normal(strings, key: int) -> str:
    """``normalise(strings[key])``: a word's form or lemma from the columns, normalised once
    per process instead of once per token."""
    value = _NORMALISED.get(key)
    if value is None:
        value = normalise(strings[key])
        if len(_NORMALISED) < _NORMALISED_KEPT:
            _NORMALISED[key] = value
    return value


_SUPPORT_RANK = {
    "person": 3,
    "organisation": 3,
    "role": 3,
    "document": 3,
    "anonymous": 2,
    "vague": 1,
    "unknown": 0,
}


@dataclass(frozen=True)
class RawClaim:
    start: int
    end: int
    attributed: bool
    probability: float
    source_type: str | None = None  # the best source type standing behind it


@Language.factory(
    "analyzer_claims",
    assigns=["doc._.claims"],
    requires=[
        "doc._.attributions",
        "doc._.units",
        "doc._.hedges",
        "doc._.quotes",
        "doc._.excluded",
        *PARSE,
        "token.ent_type",
    ],
    default_config={"lang": None},
)
def make_claims(nlp: Language, name: str, lang: str | None) -> ClaimFinder:
    return ClaimFinder(lang or nlp.lang)


def lines(doc: Doc) -> list[tuple[int, int]]:
    """The char ranges of the text's lines: the paragraphs of news copy as the web gives it."""
    return [(m.start(), m.end()) for m in _LINE.finditer(doc_text(doc))]


def candidate_units(doc: Doc) -> list[tuple[int, Span]]:
    """(line index, unit) for every unit in the writer's voice that could state a fact."""
    quotes = doc._.quotes or []
    excluded = doc._.excluded or []
    direct_cues = [
        a.cue.start_char
        for a in doc._.attributions or []
        if a.cue is not None and a.kind == "direct"
    ]
    mixed_cues = [
        a.cue.start_char
        for a in doc._.attributions or []
        if a.cue is not None and a.kind == "mixed"
    ]
    spans = lines(doc)
    verbs = lexicon(doc.lang_, "reporting_verbs") if doc.lang_ in {"fr", "en"} else {}
    text = parsed_text(doc)  # the model's text, as ``unit.text`` gives it (not built per unit)
    phrases = _phrase_hits(doc)
    result = []
    for unit in doc._.units or []:
        start, end = unit.start_char, unit.end_char
        if in_ranges(start, excluded):
            continue
        quoted = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
        if quoted > 0.5 * (end - start):
            continue
        line = next((i for i, (s, e) in enumerate(spans) if s <= start < e), 0)
        if _title_line(doc, unit, spans[line] if spans else (start, end)):
            continue
        unit_text = text[start:end]
        if _DATELINE.match(unit_text) or _asserts_nothing(unit, unit_text, phrases):
            continue
        reported_speech = any(start <= c < end for c in mixed_cues)
        share = _QUOTATION_SHARE
        lead = start + _lead(unit_text)
        if any(q.start <= lead < q.end for q in quotes):
            share = _OPENING_QUOTE_SHARE  # « … », affirme X: a quotation first, then its speaker
            reported_speech = False
        if (
            quoted > share * (end - start)
            and not reported_speech
            and (any(start <= c < end for c in direct_cues) or _reports(unit, quotes, verbs))
        ):
            continue  # a quotation with its reporting verb; quoted words in reported speech stay
        result.append((line, unit))
    return result


def _lead(text: str) -> int:
    """Characters before the unit's first word (an opening quotation mark counts as a word)."""
    return len(text) - len(text.lstrip())


def _phrase_hits(doc: Doc) -> list[tuple[str, int, int]]:
    """The ``[claim_phrases]`` found in the whole Doc, ``(list, start, end)``: matched once, a
    unit's own are those inside it (the same as matching the unit alone)."""
    strings = doc.vocab.strings
    return [(strings[m], s, e) for m, s, e in claim_phrases(doc.vocab, doc.lang_)(doc)]


def _asserts_nothing(
    unit: Span, text: str | None = None, phrases: list[tuple[str, int, int]] | None = None
) -> bool:
    """A question or an exclamation, a caption closed by its photo credit, a fragment of fewer
    than three words (a stray quotation mark, "Et après ?"), a source declining to comment, a
    scheduled event, a fact said to be unknown or the tail of a parenthesis (a reference cut by
    the segmenter) states no fact. ``text`` is ``unit.text`` and ``phrases`` the Doc's
    ``_phrase_hits``, when the caller has them."""
    if text is None:
        text = unit.text
    if phrases is None:
        phrases = _phrase_hits(unit.doc)
    found = {name for name, s, e in phrases if unit.start <= s and e <= unit.end}
    if "declining" in found and "declining_relatives" not in found:
        return True
    if "scheduled" in found:
        return True
    root = unit.root.i
    if any(n == "undisclosed" and s <= root < e and unit.start <= s for n, s, e in phrases):
        return True  # the unknown is the sentence's main verb, not a clause beside a fact
    if text.count(")") > text.count("("):
        return True  # the tail of a parenthesis: a reference, a link ("(Lire : …)")
    if text.rstrip(" »”\"'\n").endswith(("?", "!")):
        return True  # a question, or the writer's exclamation: a voice raised, no fact
    if _bare_imperative(unit):
        return True  # an order to the reader ("Step aside, Verizon."), no fact
    if _PHOTO_CREDIT.search(text):
        return True  # a caption: the picture's credit closes it ("… (Jane Doe/AFP)")
    return sum(1 for t in unit if not t.is_space and not t.is_punct) < _MIN_WORDS


def _bare_imperative(unit: Span) -> bool:
    """The unit's main verb is an imperative with no subject and no clause of its own ("Step
    aside, Verizon and AOL."): the writer addresses the reader. "Rappelons que deux personnes
    sont inculpées" keeps its fact in the clause and stays a candidate."""
    root = unit.root
    imperative = "Imp" in root.morph.get("Mood") or (
        root.tag_ == "VB" and root.i == next((t.i for t in unit if t.is_alpha), -1)
    )
    if not imperative or root.pos_ not in {"VERB", "AUX"}:
        return False
    return not any(c.dep_.startswith(("nsubj", "ccomp", "aux")) for c in root.children)


def _reports(unit: Span, quotes: list, verbs: dict[str, str]) -> bool:
    """A reporting verb stands outside the quoted words of the unit."""
    return any(
        t.pos_ in {"VERB", "AUX"}
        and normalise(t.lemma_) in verbs
        and not any(q.start <= t.idx < q.end for q in quotes)
        for t in unit
    )


def _title_line(doc: Doc, unit: Span, line: tuple[int, int]) -> bool:
    """A subhead, caption or dateline: a short unit alone on its line with no final stop."""
    if unit.start_char > line[0] + 1 or unit.end_char < line[1] - 1:
        return False
    last = doc_text(doc)[line[0] : line[1]].rstrip()[-1:]
    if last in _SENTENCE_END:
        return False
    return sum(1 for t in unit if not t.is_space and not t.is_punct) <= _TITLE_MAX_WORDS


def claim_features(
    unit: Span,
    paragraph: int,
    first_in_paragraph: bool,
    atts: list[RawAttribution],
    hedges: list,
    verbs: dict[str, str],
) -> dict[str, float]:
    """Sparse, named features of one sentence unit."""
    doc = unit.doc
    col = columns(doc)
    strings = doc.vocab.strings
    toks = [i for i in range(unit.start, unit.end) if not col.space[i]]
    feats: dict[str, float] = {"bias": 1.0}
    n = len(toks)
    feats["len<8" if n < 8 else "len<16" if n < 16 else "len<32" if n < 32 else "len>=32"] = 1.0
    feats[f"paragraph={min(paragraph, 4)}"] = 1.0
    if first_in_paragraph:
        feats["first_in_paragraph"] = 1.0
    words = claim_words(doc.lang_)
    opinion_pronouns = words["opinion_pronouns"]
    pos, dep, lemma, orth = col.pos, col.dep, col.lemma, col.orth
    number = verb = opinion = reporting = copula = adjective_root = False
    entities: list[int] = []
    finite: list[int] = []
    names = 0
    for i in toks:  # one pass, the features below set in their usual order
        p = pos[i]
        if p == NUM or col.like_num[i] or col.digit[i]:
            number = True
        if col.ent_iob[i] == _B:
            entities.append(col.ent_type[i])
        if len(finite) < 2 and "Fin" in morph_values(doc, col.morph[i], "VerbForm"):
            finite.append(col.morph[i])
        if p in (VERB, AUX):
            verb = True
            if not reporting and _normal(strings, lemma[i]) in verbs:
                reporting = True
        if not opinion and _normal(strings, orth[i]) in opinion_pronouns:
            opinion = True
        if dep[i] == _COP:
            copula = True
        elif p == ADJ and dep[i] == _ROOT:
            adjective_root = True
        if p == PROPN:
            names += 1
    if number:
        feats["number"] = 1.0
    for label in entities:
        key = f"ent={strings[label]}"
        feats[key] = min(3.0, feats.get(key, 0.0) + 1.0)
    if not verb:
        feats["no_verb"] = 1.0
    for morph in finite:
        for tense in morph_values(doc, morph, "Tense"):
            feats[f"tense={tense}"] = 1.0
        for mood in morph_values(doc, morph, "Mood"):
            feats[f"mood={mood}"] = 1.0
    if opinion:
        feats["first_second_person"] = 1.0
    last = strings[orth[toks[-1]]] if toks else ""
    if "?" in last:
        feats["question"] = 1.0
    if "!" in last:
        feats["exclamation"] = 1.0
    if toks and _normal(strings, orth[toks[0]]) in words["connectors"]:
        feats["connector"] = 1.0
    if reporting:
        feats["reporting_verb"] = 1.0
    if any(a.content[0] < unit.end_char and unit.start_char < a.content[1] for a in atts):
        feats["in_attribution"] = 1.0
    if copula and adjective_root:
        feats["copula_adjective"] = 1.0
    if any(unit.start_char <= h.start < unit.end_char and not h.in_quote for h in hedges):
        feats["hedged"] = 1.0
    if n and names / n > 0.3:
        feats["mostly_names"] = 1.0
    return feats


class ClaimFinder:
    """Sets ``doc._.claims``: ``RawClaim`` records for the units judged to be claims."""

    def __init__(self, lang: str) -> None:
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)
        self.verbs = lexicon(lang, "reporting_verbs")
        self.model = LinearModel.load("claims", lang)

    def __call__(self, doc: Doc) -> Doc:
        atts: list[RawAttribution] = doc._.attributions or []
        hedges = doc._.hedges or []
        found: list[tuple[int, Span, float]] = []
        seen_lines: set[int] = set()
        for line, unit in candidate_units(doc):
            first = line not in seen_lines
            seen_lines.add(line)
            feats = claim_features(unit, line, first, atts, hedges, self.verbs)
            if self.model is not None:
                p = self.model.probability(feats, "claim")
            else:
                p = 0.8 if ("number" in feats or any(f.startswith("ent=") for f in feats)) else 0.3
                p = 0.1 if "no_verb" in feats or "question" in feats else p
            if p >= 0.5:
                found.append((line, unit, p))
        units = [(u.start_char, u.end_char, line) for line, u, _ in found]
        starts = [u.start_char for u in doc._.units or []]
        reporters = [reported(unit, self.verbs) for _, unit, _ in found]
        sources = [scoped(a) for a in atts] + [r for r in reporters if r is not None]
        sources += [weasel_source(h) for h in hedges if _weasel_frame(doc, h)]
        supports = scope(units, lines(doc), sources, starts)
        claims = []
        for (_, unit, p), support in zip(found, supports, strict=True):
            best = max(support, key=lambda t: _SUPPORT_RANK.get(t, 0)) if support else None
            claims.append(RawClaim(unit.start_char, _end(unit), bool(support), p, best))
        doc._.claims = claims
        return doc


def reporting_subject(unit: Span, verbs: dict[str, str]) -> Token | None:
    """The subject of a reporting verb that heads a clause of the unit, outside quotations:
    "The ministry confirmed the outbreak", "Le parquet a démenti ces propos" report a source's
    statement even where no attribution was made of them."""
    doc = unit.doc
    col = columns(doc)
    strings = doc.vocab.strings
    for i in range(unit.start, unit.end):
        if col.pos[i] != VERB or _normal(strings, col.lemma[i]) not in verbs:
            continue
        if col.dep[i] not in _CLAUSE_HEADS:
            continue
        for child in doc[i].children:
            expletives = claim_words(unit.doc.lang_)["expletives"]
            if child.dep_ == "nsubj" and normalise(child.text) not in expletives:
                return child
    return None


def reported(unit: Span, verbs: dict[str, str]) -> Scoped | None:
    """A unit whose reporting verb has a subject ("Le Statec détaille les salaires") reports
    that source's statement, and scopes its paragraph as an attribution does: what follows it,
    and the whole paragraph when it closes it."""
    subject = reporting_subject(unit, verbs)
    if subject is None:
        return None
    stype = subject_type(subject)
    if stype is None:
        return None
    verb = subject.head.idx
    return Scoped("indirect", unit.start_char, unit.end_char, verb, True, stype)


def subject_type(subject: Token) -> str | None:
    """The source type of a reporting verb's subject, or None when it could be no source: a
    name (its entity label), a source noun (le ministère, the report) or a personal pronoun
    standing for one; not a thing ("L'incendie s'est déclaré", "La mort rappelle les dangers")
    nor a relative pronoun ("…, ce qui alerte des policiers")."""
    if subject.ent_type_ in _SUBJECT_TYPES:
        return _SUBJECT_TYPES[subject.ent_type_]
    lang = subject.doc.lang_
    noun = lexicon(lang, "source_nouns").get(normalise(subject.lemma_)) or lexicon(
        lang, "source_nouns"
    ).get(normalise(subject.text))
    if noun is not None:
        return noun
    if normalise(subject.text) in profile(lang)["pronouns"]:
        return "unknown"
    if subject.pos_ == "PROPN":
        return "unknown"
    return None


def weasel_source(hedge) -> Scoped:
    """A weasel phrase ("It is believed that", "It was gathered that", "on raconte que") hands
    its sentence to an indefinite source (docs/annotation.md section 3): the sentence is
    attributed, to a vague source, and the weasel-phrase finding tells the editor so. It covers
    its own sentence only."""
    return Scoped("weasel", hedge.start, hedge.end, hedge.start, False, "vague")


def _weasel_frame(doc: Doc, hedge) -> bool:
    """A weasel phrase outside quotations that frames its sentence: it holds the sentence's
    main verb ("It is believed that …", "It was gathered that …") or its subject ("Some
    quarters have raised suspicion that …"), not a phrase tucked inside ("…, amid fears his job
    could be under threat")."""
    if hedge.kind != "weasel" or hedge.in_quote:
        return False
    span = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
    return span is not None and any(
        t.dep_ == "ROOT" or (t.dep_.startswith("nsubj") and t.head.dep_ == "ROOT") for t in span
    )


@dataclass(frozen=True)
class Scoped:
    """What the scope of an attribution depends on, in char offsets."""

    kind: str
    start: int
    end: int
    cue: int | None
    has_speaker: bool
    type: str


def scoped(att: RawAttribution) -> Scoped:
    cue = att.cue.start_char if att.cue is not None else None
    has_speaker = att.speaker is not None or (att.floating and att.type != "unknown")
    return Scoped(att.kind, att.content[0], att.content[1], cue, has_speaker, att.type)


def scope(
    units: list[tuple[int, int, int]],
    paragraphs: list[tuple[int, int]],
    atts: list[Scoped],
    sentence_starts: list[int],
) -> list[list[str]]:
    """For each unit ``(start, end, paragraph)``, the types of the sources standing behind it.

    A source stands behind a unit when its attribution's content or cue lies in it; when a
    reported statement that is not a quotation ("selon X", "according to X", "le rapport
    indique que", "the minister said the plant would close") stands earlier in the unit's
    paragraph; or when its cue is post-posed ("…, he said.") in the paragraph's last unit, which
    covers the paragraph."""
    last_sentence = [
        max((s for s in sentence_starts if p_start <= s < p_end), default=p_start)
        for p_start, p_end in paragraphs
    ]
    result = []
    for start, end, para in units:
        p_start, p_end = paragraphs[para] if para < len(paragraphs) else (start, end)
        types = []
        for a in atts:
            inside = a.start < end and start < a.end
            cue_inside = a.cue is not None and start <= a.cue < end
            named = a.has_speaker and a.cue is not None
            forward = named and p_start <= a.cue < start and _carries_forward(a)
            last_start = last_sentence[para] if para < len(paragraphs) else start
            backward = named and a.cue > a.start and end <= a.cue and last_start <= a.cue < p_end
            if inside or cue_inside or forward or backward:
                types.append(a.type if a.has_speaker or a.kind == "weasel" else "unknown")
        result.append(types)
    return result


def _carries_forward(a: Scoped) -> bool:
    """A reported statement, "selon X" or a document sets the source of what follows it in
    the paragraph; a quotation speaks only for its own words."""
    return a.kind != "direct"


def _end(unit: Span) -> int:
    last = unit[-1]
    return last.idx + len(last.text)
