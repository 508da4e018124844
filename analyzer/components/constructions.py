"""The constructions of news writing that attribute words to a source, one function each.

A construction reads a reporting verb (or an according-to marker) in its sentence and returns
the attributions it finds, ``[]`` when it recognises the sentence but it attributes nothing
(stop: a later construction must not try), or ``None`` when it does not apply (try the next).
Precedence is the order of ``CUE_CONSTRUCTIONS``, ``CONTENT_FINDERS`` and
``MARKER_CONSTRUCTIONS``; adding a construction is one function here, one row in its table,
and one row in the construction tests (``tests/constructions/<lang>.tsv``).

The words come from the language's lexicons and ``profile.toml`` through ``Grammar``; the
functions themselves hold no word lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analyzer.components.quotes import QUOTE_MARKS, Quote, doc_text
from analyzer.components.records import RawAttribution
from analyzer.components.segments import next_word
from analyzer.components.spans import (
    NP_POS,
    STOP_PUNCT,
    PhraseWords,
    agrees_in_person,
    bare_past_participle,
    clitic_span,
    cover_quotes,
    ends_with_second_quote,
    has_finite_verb,
    has_left_subject,
    has_quote,
    has_verb,
    noun_phrase,
    np_backward,
    np_forward,
    prev_word,
    quote_ending_at,
    relay_start,
    sole_quote,
    trim_chars,
)
from analyzer.lexicons import lexicon, normalise, profile

_CLAUSE_END = frozenset({";"})
#: Dependency labels of a relative clause on its antecedent (French and English schemes).
_RELATIVE_DEPS = frozenset({"acl", "acl:relcl", "relcl"})


def _words(values) -> frozenset[str]:
    return frozenset(normalise(w) for w in values)


def inflected_forms(lemmas, inflections: dict[str, list[str]]) -> dict[str, str]:
    """``{form: lemma}`` for the single-word lemmas that end in a key of ``inflections`` (the
    longest key wins): the stem plus each ending (annoncer: annonce, annonçait, annoncé …)."""
    keys = sorted(inflections, key=len, reverse=True)
    forms: dict[str, str] = {}
    for lemma in lemmas:
        if " " in lemma:
            continue
        key = next((k for k in keys if lemma.endswith(k)), None)
        if key is None:
            continue
        stem = lemma[: -len(key)]
        for ending in inflections[key]:
            forms.setdefault(stem + ending, lemma)
    return forms


def inflected_phrases(lemmas, inflections: dict[str, list[str]]) -> dict[str, list]:
    """``{form of the first word: [(the other words, lemma)]}`` for the lemmas of several words
    (laisser entendre: laisse, laissait … then "entendre"), for the forms the model
    mislemmatises."""
    phrases: dict[str, list] = {}
    for lemma in lemmas:
        first, *rest = lemma.split()
        if not rest:
            continue
        for form in inflected_forms([first], inflections):
            phrases.setdefault(form, []).append((tuple(rest), lemma))
    return phrases


#: Marks that only close a quotation: unmatched, they end what the writer quoted loosely.
_CLOSING_MARKS = frozenset("»”")


class Grammar:
    """What the constructions know of one language: its reporting verbs, statement nouns and
    markers (lexicons) and its grammar words (profile), with the span tests that need them."""

    def __init__(self, lang: str) -> None:
        p = profile(lang)
        self.lang = lang
        self.verbs = lexicon(lang, "reporting_verbs")
        self.statement_nouns = set(lexicon(lang, "speech_nouns"))
        self.information_verbs = lexicon(lang, "information_verbs")
        self.markers = lexicon(lang, "according_to")
        #: Words of uncertainty that open with a marker (selon toute vraisemblance): no source
        #: (weasels such as "selon certains" do name a vague one).
        self.marker_hedges = {
            h
            for h, kind in lexicon(lang, "hedges").items()
            if kind == "lexical" and any(h.startswith(f"{m} ") for m in self.markers)
        }
        self.source_nouns = lexicon(lang, "source_nouns")
        self.complementisers = _words(p["complementisers"])
        self.agent_markers = _words(p["agent_markers"])
        self.infinitive_with_de = set(p["infinitive_with_de"])
        self.restricted_infinitive = _words(p["restricted_infinitive_markers"])
        self.infinitive_markers = _words(p["infinitive_markers"])
        self.infinitive_negation = _words(p["infinitive_negation"])
        self.passive_participles = _words(p["passive_participles"])
        self.gerund_markers = _words(p["gerund_markers"])
        self.participle_endings = tuple(p["present_participle_endings"])
        self.raising_verbs = set(p["raising_verbs"])
        self.predicative_cues = set(p["predicative_cues"])
        self.predicative_markers = _words(p["predicative_markers"])
        self.addressee_verbs = set(p["addressee_verbs"])
        self.gerund_cues = set(p["gerund_cues"])
        self.gerund_links = _words(p["gerund_links"])
        self.as_clause_marks = _words(p["as_clause_marks"])
        self.object_clitics = _words(p["object_clitics"])
        self.object_infinitive_markers = _words(p["object_infinitive_markers"])
        self.bare_infinitives_report = p["bare_infinitives_report"]
        self.narrative_openers = _words(p["narrative_openers"])
        self.relay_markers = _words(p["relay_markers"])
        self.active_only = set(p["active_only_cues"])
        self.question_words = _words(p["question_words"])
        self.question_verbs = set(p["question_verbs"])
        self.citing_verbs = set(p["citing_verbs"])
        self.thought_verbs = set(p["thought_verbs"])
        self.figure_links = _words(p["figure_links"])
        self.cleft_openers = _words(p["cleft_openers"])
        self.learning = {k: _words(v) for k, v in p["learning"].items()}
        self.report_nouns = set(p["report_nouns"])
        self.report_noun_links = _words(p["report_noun_links"])
        self.as_clause_openers = _words(p["as_clause_openers"])
        self.as_clause_clitics = {
            w.replace("'", mark) for w in _words(p["as_clause_clitics"]) for mark in "'’‘"
        }
        self.reflexive_not_reporting = set(p["reflexive_not_reporting"])
        self.reflexive_pronouns = _words(p["reflexive_pronouns"])
        self.pronouns = _words(p["pronouns"])
        self.relay_verbs = set(p["relay_verbs"])
        self.guarded_markers = set(p["guarded_markers"])
        self.restriction = {k: _words(v) for k, v in p["restriction"].items()}
        self.relatives = set(p["relatives"])
        self.clitics = _words(p["clitic_subjects"])
        self.skip_adverbs = _words(p["skippable_adverbs"])
        self.skip_prepositions = _words(p["skippable_prepositions"])
        self.medium_prepositions = _words(p["medium_prepositions"])
        self.verb_forms = inflected_forms(self.verbs, p["verb_inflections"])
        self.implicative_verbs = _words(p["implicative_verbs"])
        self.incise_only_cues = _words(p["incise_only_cues"])
        self.verb_phrase_forms = inflected_phrases(self.verbs, p["verb_inflections"])
        np = p["noun_phrase"]
        self.phrase = PhraseWords(
            _words(np["links"]) | {w.replace("'", "’") for w in _words(np["links"])},
            _words(np["genitives"]) | {w.replace("'", "’") for w in _words(np["genitives"])},
            _words(np["relatives"]),
            _words(np["office_prepositions"]),
        )

    # -- tests over tokens that need the language's words ---------------------------------

    def np_forward(self, doc: Doc, i: int, end: int) -> Span | None:
        return np_forward(doc, i, end, self.phrase)

    def names_a_source(self, span: Span) -> bool:
        """A name, or a noun of the source lexicon (l'économiste, les syndicats, le rapport)."""
        return any(
            t.ent_type_ in {"PER", "PERSON", "ORG"} or t.pos_ == "PROPN" for t in span
        ) or any(
            normalise(t.lemma_) in self.source_nouns or normalise(t.text) in self.source_nouns
            for t in span
            if t.pos_ == "NOUN"
        )

    def apposed_name(self, doc: Doc, span: Span | None, end: int) -> Span | None:
        """The name in apposition after a description that closes the clause (a précisé le
        sous-préfet d'Arcachon, François Beyries.): the smallest phrase naming the source."""
        if span is None or any(t.pos_ == "PROPN" for t in span[:1]):
            return None
        comma = next_word(doc, span.end, end)
        if comma is None or comma.text != ",":
            return None
        name = self.np_forward(doc, comma.i + 1, end)
        after = next_word(doc, name.end, end) if name is not None else None
        if (
            name is None
            or not 2 <= len(name) <= 4
            or not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name)
            or (after is not None and after.text not in {".", "!", "?", ",", ";"})
        ):
            return None
        return name

    def is_question(self, doc: Doc, i: int) -> bool:
        """Content that opens with whether / si / how: an indirect question, not a statement."""
        return i < len(doc) and normalise(doc[i].text) in self.question_words

    def clitic_subject(self, cue: Span) -> Token | None:
        for tok in cue:
            if tok.text.startswith("-") and normalise(tok.text) in self.clitics:
                return tok
        return None

    def starts_np(self, doc: Doc, i: int, end: int) -> bool:
        i = self.skip_indirect_object(doc, i, end)
        return (
            i < end
            and doc[i].pos_ in {"DET", "PROPN", "NOUN", "PRON"}
            and normalise(doc[i].text) not in self.complementisers
        )

    def skip_indirect_object(self, doc: Doc, i: int, end: int, media: bool = False) -> int:
        """Skip "à l'AFP", "mardi" and the like between a cue and what follows it (and, before a
        content, where the words were said: ``media``)."""
        steps = 0
        while i < end and steps < 8:
            word = normalise(doc[i].text)
            aside = self._aside_end(doc, i, end)
            if aside is not None:
                i, steps = aside, steps + 1  # a démenti, ce mardi 26 novembre, les propos …
            elif (
                i + 1 < end
                and normalise(doc[i].text_with_ws + doc[i + 1].text) in self.skip_adverbs
            ):
                i, steps = i + 2, steps + 1  # d'ailleurs, par ailleurs
            elif (
                doc[i].pos_ == "DET"
                and i + 1 < end
                and normalise(doc[i + 1].text) in self.skip_adverbs
            ):
                i, steps = i + 2, steps + 1  # ce vendredi (matin)
            elif word in self.skip_adverbs or (
                (doc[i].pos_ == "ADV" or doc[i].dep_ == "advmod")
                and word not in self.complementisers
                and word not in self.question_words
            ):
                i, steps = i + 1, steps + 1
            elif (
                media
                and word in self.medium_prepositions
                and (medium := self._medium_end(doc, i, end))
            ):
                i, steps = medium, steps + 1  # sur France Inter
            elif word in self.skip_prepositions and self._phrase_end(doc, i, end) is not None:
                # the parse closes the phrase: devant les médias | le vice-président
                i, steps = self._phrase_end(doc, i, end), steps + 1
            elif word in self.skip_prepositions:
                j = i + 1
                while j < end and doc[j].pos_ in NP_POS and doc[j].text not in STOP_PUNCT:
                    j += 1
                i, steps = j, steps + 1
            else:
                break
        return i

    def _aside_end(self, doc: Doc, i: int, end: int) -> int | None:
        """After a comma opening a short aside with no verb and no que (, ce mardi 26 novembre,),
        the token after its closing comma."""
        if doc[i].text != ",":
            return None
        for j in range(i + 1, min(i + 9, end)):
            tok = doc[j]
            if tok.text == ",":
                return j + 1 if j > i + 1 else None
            if (
                tok.pos_ in {"VERB", "AUX", "SCONJ"}
                or tok.text in QUOTE_MARKS
                or normalise(tok.text) in self.complementisers
            ):
                return None
        return None

    def _medium_end(self, doc: Doc, i: int, end: int) -> int | None:
        """Where a phrase naming where the words were said ends (sur France Inter, dans un
        communiqué, in a statement): its noun a proper name or a statement noun."""
        j = i + 1
        if j < end and doc[j].pos_ == "DET" and doc[j].text[:1].isupper():
            j += 1  # dans Le Monde
        while j < end and doc[j].text[:1].isupper() and doc[j].pos_ != "DET":
            j += 1  # the name by its capitals: the parse may cut it short (sur France | Inter)
        if j > i + 1 and doc[j - 1].text[:1].isupper():
            return j
        j = self._phrase_end(doc, i, end)
        if j is not None and normalise(doc[i].head.lemma_) in self.statement_nouns:
            return j
        return None

    def _phrase_end(self, doc: Doc, i: int, end: int) -> int | None:
        """Where the prepositional phrase opened at ``i`` ends by the parse, if the parse gives
        a phrase of nouns only (no verb, no que, no punctuation inside)."""
        head = doc[i].head
        if doc[i].dep_ != "case" or not i < head.i < end:
            return None
        j = max(t.i for t in head.subtree if t.i < end) + 1
        inside = doc[i + 1 : j]
        if any(
            t.pos_ in {"VERB", "AUX", "SCONJ"} or normalise(t.text) in self.complementisers
            for t in inside
        ):
            return None
        return j

    def complementiser_near(
        self, doc: Doc, nxt: Token, unit: Span, verb: Token | None = None
    ) -> Token | None:
        """The que / that opening the content, right after the cue or after a short aside
        ("a déclaré, mardi, que"; "relèvent par ailleurs que"), or the one the parse gives the
        cue's clausal complement past words it mistags (a révélé à l'agence France presse que).
        Not the que of a restriction (la direction n'aurait proposé qu'une hausse)."""
        if self.restrictive(doc, nxt, unit):
            return None
        if normalise(nxt.text) in self.complementisers:
            return nxt
        for clause in verb.children if verb is not None else ():
            marks = [
                k
                for k in clause.children
                if k.dep_ == "mark" and normalise(k.text) in self.complementisers
            ]
            if clause.dep_ == "ccomp" and marks and nxt.i < marks[0].i < min(nxt.i + 10, unit.end):
                between = doc[nxt.i : marks[0].i]
                if not any(
                    t.text in {".", ";", ":", "!", "?"} or t.text in QUOTE_MARKS for t in between
                ):
                    return marks[0]
        for j in range(nxt.i, min(nxt.i + 7, unit.end)):
            tok = doc[j]
            if normalise(tok.text) in self.complementisers:
                if j > nxt.i and self._relative_after_object(doc, nxt, j, verb):
                    return None  # rappelle les dangers qu'encourent …: a relative
                return tok
            if tok.pos_ in {"VERB", "AUX"} or tok.text in {".", ";", ":", "!", "?"}:
                return None
            if tok.text in QUOTE_MARKS:
                return None
        return None

    def _relative_after_object(self, doc: Doc, nxt: Token, j: int, verb: Token | None) -> bool:
        """A que / that right after a direct object noun is a relative (the dangers that …),
        unless the cue takes its addressee as direct object (a prévenu les habitants que)."""
        before = doc[j - 1]
        if before.pos_ not in {"NOUN", "PROPN"} or normalise(before.text) in self.skip_adverbs:
            return False
        if before.dep_ not in {"obj", "dobj"}:
            return False  # a déclaré ces dernières semaines que: a time, not an object
        if any(t.pos_ == "ADP" for t in doc[max(nxt.i - 1, 0) : j]):
            return False  # a dit aux journalistes que: an indirect object
        lemma = normalise(verb.lemma_) if verb is not None else ""
        return lemma not in self.addressee_verbs

    def restrictive(self, doc: Doc, nxt: Token, unit: Span) -> bool:
        """A negation "ne" before the cue with no "pas"/"jamais" after it: ne ... que."""
        if not self.restriction:
            return False
        start = max(unit.start, nxt.i - 6)
        negated = any(normalise(t.text) in self.restriction["negation"] for t in doc[start : nxt.i])
        closed = any(
            normalise(t.text) in self.restriction["closers"] for t in doc[start : nxt.i + 1]
        )
        return negated and not closed

    def quote_in_object(self, doc: Doc, nxt: Token, unit: Span, quotes: list[Quote]) -> bool:
        """A quotation opens within the first words of the cue's object."""
        for j in range(nxt.i, min(nxt.i + 6, unit.end)):
            tok = doc[j]
            if tok.text in QUOTE_MARKS and any(q.start == tok.idx for q in quotes):
                return True
            if tok.pos_ in {"VERB", "AUX"} or tok.text in {".", ";", "!", "?"}:
                return False
        return False

    def is_passive(self, verb: Token, cue: Span) -> bool:
        if any(c.dep_ in {"aux:pass", "auxpass"} and c.i < verb.i for c in verb.children):
            return True
        return any(normalise(t.text) in self.passive_participles for t in cue)

    def clause_end(self, doc: Doc, i: int, unit: Span) -> int:
        """Where a content clause ends: the sentence end, a semicolon, or a coordinated second
        reporting verb (…, but said …; … et a ajouté …)."""
        end = unit.end
        quotes, text = doc._.quotes or [], doc_text(doc)
        for j in range(i, unit.end):
            if doc[j].text in _CLAUSE_END:
                end = j
                break
            if text[doc[j].idx] in _CLOSING_MARKS and not any(
                q.start <= doc[j].idx < q.end for q in quotes
            ):
                end = j  # a stray closing mark ends the clause (… de 98 personnes », trois …)
                break
            if doc[j].text == "," and j > i and self.reporting_participle(doc, j + 1, unit):
                end = j  # …, adding that … / …, précisant que …: the participle's own content
                break
            if doc[j].pos_ == "CCONJ" and j > i and self._coordinated_relative(doc, i, j, unit):
                end = j  # …, qui annonçait X et qui laissait entendre Y: a second relative
                break
            if (
                doc[j].text.endswith(".")
                and j + 1 < unit.end
                and any(q.start == doc[j + 1].idx for q in quotes)
            ):
                end = j + 1  # … l'échantillon B. « …: a sentence the parser did not split
                break
            if (
                doc[j].text == ":"
                and j > i
                and j + 1 < unit.end
                and any(q.start == doc[j + 1].idx for q in quotes)
            ):
                end = j  # … aurait pronostiqué la censure : « … »: the quotation is its own
                break
            if j > i and _line_break_between_sentences(doc, j, unit):
                end = j  # …, communities,\nIn the Senate …: a line ends a run-on sentence
                break
            if j > i + 1 and self._adjunct_gerund(doc, j, unit):
                end = j - 1 if doc[j - 1].pos_ == "ADV" else j  # …, en mimant / tout en
                break  # soulignant que: the gerund is the main verb's, not the content's
            if doc[j].text == "," and j > i and self._reporting_relative(doc, j + 1, unit):
                end = j  # …, which she promises will …: a relative with a speaker of its own
                break
            if doc[j].text == "," and j > i and self._spliced_report(doc, j + 1, unit):
                end = j  # he hoped X, Modi said the government …: a new sentence, spliced
                break
            if doc[j].text == "," and j > i and self._resumptive(doc, j + 1, unit):
                end = j  # …, un bilan qui se fonde sur …: the writer's comment on the clause
                break
            if (
                doc[j].pos_ == "CCONJ"
                and j > i + 1
                and doc[j - 1].text == ","
                and any(k.dep_.startswith("nsubj") and k.i > j for k in doc[j].head.children)
            ):
                end = j  # …, but hours later he had not: a new clause with its own subject
                break
            if (
                doc[j].pos_ == "CCONJ"
                and j > i
                and any(
                    normalise(t.lemma_) in self.verbs
                    and t.pos_ == "VERB"
                    and (
                        ("Inf" not in t.morph.get("VerbForm") and not _bare_participle(t))
                        or (t.dep_ == "conj" and t.head.i < i)  # …, and say: the cue's own
                    )  # … et se trouver, … and 11 confirmed: the content's own words
                    for t in doc[j + 1 : min(j + 4, unit.end)]
                )
            ):
                end = j
                break
        while end > i and (
            (doc[end - 1].is_punct and doc[end - 1].text not in QUOTE_MARKS)
            or doc[end - 1].is_space
        ):
            end -= 1
        last = doc[end - 1]
        return last.idx + len(last.text)

    def _reporting_relative(self, doc: Doc, i: int, unit: Span) -> bool:
        """A relative pronoun whose clause opens with a subject and a reporting verb."""
        if i >= unit.end or normalise(doc[i].text) not in self.relatives:
            return False
        return any(
            t.pos_ == "VERB" and normalise(t.lemma_) in self.verbs
            for t in doc[i + 1 : min(i + 4, unit.end)]
        ) and any(t.dep_.startswith("nsubj") for t in doc[i + 1 : min(i + 3, unit.end)])

    def _coordinated_relative(self, doc: Doc, start: int, i: int, unit: Span) -> bool:
        """A conjunction and a relative pronoun at ``i`` when a relative clause opened before
        ``start``: the two relatives say two things of one antecedent."""
        return (
            i + 1 < unit.end
            and normalise(doc[i + 1].text) in self.relatives
            and self.relative_verb(doc, unit.start, start) is not None
        )

    def relative_verb(self, doc: Doc, start: int, end: int) -> Token | None:
        """The verb of the last relative clause opened between ``start`` and ``end`` (its
        pronoun the subject), the noun it hangs on before it."""
        for k in range(end - 1, start - 1, -1):
            tok = doc[k]
            if (
                normalise(tok.text) in self.relatives
                and tok.dep_.startswith("nsubj")
                and tok.head.dep_ in _RELATIVE_DEPS
                and tok.head.head.i < k
            ):
                return tok.head
        return None

    def _spliced_report(self, doc: Doc, i: int, unit: Span) -> bool:
        """A subject and a finite reporting verb with words of its own after it, right after a
        comma: a new reporting sentence (not an incise, which a comma or full stop closes)."""
        for k in range(i + 1, min(i + 5, unit.end - 1)):
            verb = doc[k]
            if verb.pos_ != "VERB" or normalise(verb.lemma_) not in self.verbs:
                continue
            if "Fin" not in verb.morph.get("VerbForm") or doc[k + 1].is_punct:
                return False
            # the subject opens the clause: no "when", "which" or "que" before it
            return any(c.dep_.startswith("nsubj") and c.left_edge.i == i for c in verb.children)
        return False

    def _adjunct_gerund(self, doc: Doc, i: int, unit: Span) -> bool:
        """A gerund set off from the clause before it, by a comma or an adverb of its own
        (…, en mimant le geste; … tout en soulignant que): it goes with the main verb."""
        if normalise(doc[i].text) not in self.gerund_markers or i + 1 >= unit.end:
            return False
        verb = doc[i + 1]
        if not ("Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")):
            return False
        before = doc[i - 1]
        return before.text == "," or (before.pos_ == "ADV" and before.head.i == verb.i)

    def _resumptive(self, doc: Doc, i: int, end_unit: Span) -> bool:
        """An apposition that sums up the clause before it: a determiner, a noun (an adjective
        or two) and a relative pronoun (…, un bilan qui …; …, a figure that …)."""
        if i + 2 >= end_unit.end or doc[i].pos_ != "DET" or doc[i + 1].pos_ != "NOUN":
            return False
        j = i + 2
        while j < end_unit.end and j < i + 4 and doc[j].pos_ == "ADJ":
            j += 1
        return j < end_unit.end and normalise(doc[j].text) in self.relatives

    def reporting_participle(self, doc: Doc, i: int, unit: Span) -> bool:
        """A present participle or gerund of a reporting verb at ``i`` (adding, en précisant)."""
        if i < unit.end and normalise(doc[i].text) in self.gerund_markers:
            i += 1
        if i >= unit.end:
            return False
        tok = doc[i]
        present = tok.tag_ == "VBG" or (
            "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense")
        )
        if present and normalise(tok.lemma_) in self.verbs:
            return True
        return tok.lower_ in self.verb_forms and tok.lower_.endswith(self.participle_endings)

    def subject(
        self, doc: Doc, verb: Token, cue: Span, unit: Span, agent: bool = True
    ) -> Span | None:
        """The speaker of a preposed cue: its agent (unless ``agent`` is off: the subject of a
        verb coordinated with it) or subject, within the sentence and never inside quoted words
        (the small parsers link across sentence ends)."""
        quotes = doc._.quotes or []

        def usable(tok: Token) -> bool:
            return (
                agrees_in_person(tok, verb)  # « … », nous indique le parquet: not "nous"
                and unit.start <= tok.i < unit.end
                and not tok.is_punct  # a hyphen the parser took for the subject (pre-conditions)
                and normalise(tok.text) not in self.reflexive_pronouns  # s'amuse la maire
                and not any(q.contains(tok.idx) for q in quotes)
            )

        by = None
        for child in verb.children:
            if child.dep_ in {"obl:agent", "agent"} and child.i > verb.i and usable(child):
                by = child
        if by is not None and agent:
            if by.pos_ == "ADP":  # English: the agent is "by", its object the speaker
                by = next((k for k in by.children if k.dep_ == "pobj"), by)
            return noun_phrase(by)
        for child in verb.children:
            if (
                child.dep_.startswith("nsubj")
                and child.i < verb.i
                and not child.dep_.endswith("pass")
                and usable(child)
            ):
                pronoun = normalise(child.text) in self.relatives
                relative = verb if verb.dep_ in _RELATIVE_DEPS else None
                if relative is None and verb.dep_ == "conj" and pronoun:
                    relative = self.relative_verb(doc, unit.start, child.i)  # … et qui a dit
                if pronoun and relative is not None:
                    # the noun the relative hangs on, not the clause (The ministry which …)
                    return _before_pronoun(doc, relative.head, child)
                span = noun_phrase(child)  # Le porte-parole, Paul Moyo, a déclaré: the name
                return self.apposed_name(doc, span, cue.start) or span
        # passive with "par X" after the verb, unparsed
        nxt = next_word(doc, cue.end, unit.end)
        if agent and nxt is not None and normalise(nxt.text) in self.agent_markers:
            span = self.np_forward(doc, nxt.i + 1, unit.end)
            if span is not None:
                return span
        if verb.dep_ == "conj" and verb.head.i < verb.i:  # was briefed by X and said: not X
            head = verb.head
            return self.subject(doc, head, doc[head.i : head.i + 1], unit, agent=False)
        auxiliary = cue[0]
        if auxiliary.i < verb.i and auxiliary.pos_ == "AUX" and auxiliary.head.i != verb.i:
            for child in auxiliary.head.children:  # a en outre rappelé: the parse's other head
                if child.dep_.startswith("nsubj") and child.i < auxiliary.i and usable(child):
                    return noun_phrase(child)
        head = verb.head
        if normalise(head.lemma_) in self.raising_verbs and head.i < verb.i != head.i:
            # are said to have warned, appears to have told: the raised subject is the speaker
            return self.subject(doc, head, doc[head.i : head.i + 1], unit, agent=False)
        if normalise(verb.head.lemma_) in self.implicative_verbs and verb.head.i < verb.i:
            head = verb.head.head if verb.head.pos_ == "ADJ" else verb.head  # was quick to add
            if head.i != verb.i:
                return self.subject(doc, head, doc[head.i : head.i + 1], unit)
        for child in verb.children:
            subject = child.dep_.startswith("nsubj") or (
                child.dep_ == "expl:subj" and normalise(child.text) in self.pronouns
            )  # un scrutin qu'il qualifie de …: no impersonal "il" reports
            if subject and child.i < verb.i and usable(child):
                return noun_phrase(child)
        for child in verb.children:
            if child.dep_.startswith("nsubj") and child.i < verb.i:
                name = _quoted_name(doc, child, quotes)
                if name is not None:
                    return name  # La « Commission nationale … » a estimé: a name in quotes
        before_relative = self._before_relative(doc, verb, cue.start, unit)
        if before_relative is not None and usable(before_relative[0]):
            return before_relative  # Une infirmière, qui souhaite garder l'anonymat, explique
        if "Part" not in verb.morph.get("VerbForm"):  # the parse is off (La préfecture note que)
            start = self.before_clitics(doc, cue.start, unit)
            span = np_backward(doc, start, unit.start, self.phrase)
            if span is not None and usable(span[0]):
                return span
        return None

    def before_clitics(self, doc: Doc, i: int, unit: Span) -> int:
        """Token ``i`` moved back over the object pronouns right before it (lui fait
        remarquer, nous indique): where the words before the cue and its addressee end."""
        while i - 1 > unit.start and normalise(doc[i - 1].text) in self.object_clitics:
            i -= 1
        return i

    def _before_relative(self, doc: Doc, verb: Token, i: int, unit: Span) -> Span | None:
        """SUBJECT (,) qui … (,) CUE: the phrase before a relative clause that ends right before
        the cue (the parse hangs the cue on the relative's verb)."""
        relative = verb.head
        pronoun = next(
            (
                k
                for k in relative.children
                if k.dep_.startswith("nsubj") and normalise(k.text) in self.relatives
            ),
            None,
        )
        if relative.dep_ in _RELATIVE_DEPS and pronoun is not None and relative.i < verb.i:
            noun = relative.head
            if noun.i < pronoun.i and noun.pos_ in {"NOUN", "PROPN"}:
                return _before_pronoun(doc, noun, pronoun)
        if i - 1 <= unit.start or doc[i - 1].text != ",":
            return None
        for j in range(i - 2, unit.start, -1):
            if doc[j].text == "," and normalise(doc[j + 1].text) in self.relatives:
                return np_backward(doc, j, unit.start, self.phrase)
        return None


def _before_pronoun(doc: Doc, noun: Token, pronoun: Token) -> Span:
    """The phrase of ``noun`` up to the relative ``pronoun`` that opens a clause on it (Une
    infirmière qui …, The ministry, which …), its punctuation aside."""
    span = noun_phrase(noun)
    end = pronoun.i
    while end > span.start and doc[end - 1].is_punct:
        end -= 1
    return doc[span.start : end] if span.start < end <= span.end else span


@dataclass(frozen=True)
class CueContext:
    """A reporting verb found in a sentence, with what every construction reads around it."""

    doc: Doc
    verb: Token
    #: The cue with its auxiliaries and an inverted clitic (a-t-il précisé).
    cue: Span
    lemma: str
    stance: str
    unit: Span
    quotes: list[Quote]
    #: The word before the cue in the sentence (a comma or a closing mark for an incise).
    before: Token | None
    clitic: Token | None

    def record(self, kind: str, content: tuple[int, int], speaker: Span | None) -> RawAttribution:
        return RawAttribution(kind, content, self.cue, self.lemma, self.stance, speaker)

    def direct(self, quote: Quote, speaker: Span | None) -> RawAttribution:
        """A direct attribution: the quoted words, without their marks."""
        return self.record("direct", (quote.inner_start, quote.inner_end), speaker)

    def kind_of(self, content: tuple[int, int]) -> str:
        return "mixed" if has_quote(self.quotes, *content) else "indirect"


Construction = Callable[[Grammar, CueContext], list[RawAttribution] | None]


# -- reporting verbs ------------------------------------------------------------------------


def reflexive_sense(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """L'un des adjoints se trouvait à une fête / l'hypothèse s'est révélée fausse: reflexive,
    these verbs locate or describe; they report nothing (profile reflexive_not_reporting)."""
    if c.lemma not in g.reflexive_not_reporting:
        return None
    reflexive = any(
        k.i < c.verb.i and normalise(k.text) in g.reflexive_pronouns for k in c.verb.children
    )
    return [] if reflexive else None


def participle_adjunct(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """Interrogé vendredi, le maire … / publié dimanche: a bare participle is an adjunct. Not
    right after a quotation with its subject behind it (« … », conclut X: the small model takes
    finite forms for participles there; the incise decides)."""
    if not bare_past_participle(c.verb, c.cue):
        return None
    after_quote = _after_quote(c.doc, c.before)
    return None if after_quote and g.starts_np(c.doc, c.cue.end, c.unit.end) else []


def purpose_infinitive(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """To clarify the rules, the board … / in order to explain …: a cue in the infinitive after
    its marker reports nothing yet (the marker list is the profile's infinitive_markers)."""
    if normalise(c.verb.head.lemma_) in g.implicative_verbs and c.verb.head.i < c.verb.i:
        return None  # a tenu à préciser que / was forced to deny: the words were said
    before = c.cue[0] if c.cue[0].i != c.verb.i else c.before  # "to" may parse as auxiliary
    if (
        before is not None
        and normalise(before.text) in g.infinitive_markers
        and ("Inf" in c.verb.morph.get("VerbForm") or c.verb.tag_ == "VB")
    ):
        return []
    if g.bare_infinitives_report or "Inf" not in c.verb.morph.get("VerbForm"):
        return None
    # Il faut noter que … / a refusé de dire si … / doit dévoiler sa liste: an infinitive cue
    # is what someone may, must or refuses to say, not a report; only the narrative
    # infinitive (Et le ministre de préciser que …) reports.
    first = next_word(c.doc, c.unit.start, c.unit.end)
    narrative = first is not None and normalise(first.text) in g.narrative_openers
    return None if narrative else []


def inverted_incise(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """« La route est coupée », a précisé le maire. / La route est coupée, précise-t-il.
    / “It is closed,” said the mayor."""
    doc, before = c.doc, c.before
    inverted = before is not None and (
        before.text in {",", "—", "–", "("} or before.text in QUOTE_MARKS
    )
    subject_at = c.cue.end
    if subject_at + 1 < c.unit.end and doc[subject_at].text == "," and _after_quote(doc, before):
        subject_at += 1  # « … », a commenté, le porte-parole.: a stray comma before the subject
    if not inverted or not (
        c.clitic is not None
        or (
            g.starts_np(doc, subject_at, c.unit.end)
            and not has_left_subject(c.verb, c.unit)
            and (before.text in QUOTE_MARKS or has_verb(doc, c.unit.start, before.i))
        )
    ):
        return None
    if c.clitic is not None:
        speaker = clitic_span(doc, c.clitic)
        after = c.cue.end
    else:
        start = g.skip_indirect_object(doc, subject_at, c.unit.end)
        speaker = g.np_forward(doc, start, c.unit.end)
        after = speaker.end if speaker is not None else c.cue.end
        speaker = g.apposed_name(doc, speaker, c.unit.end) or speaker
    edge = before.idx + len(before.text) if before.text in QUOTE_MARKS else before.idx
    quote_before = quote_ending_at(c.quotes, edge, doc_text(doc))
    if quote_before is not None and _opens_sentence(doc, quote_before, c.unit):
        results = [c.direct(quote_before, speaker)]
        nxt = next_word(doc, after, c.unit.end)
        if nxt is not None and nxt.text == ",":
            nxt = next_word(doc, nxt.i + 1, c.unit.end)
        if nxt is not None and nxt.text in QUOTE_MARKS:
            follow = next((q for q in c.quotes if q.start == nxt.idx), None)
            if follow is not None:
                results.append(c.direct(follow, speaker))
        return results
    if before.idx - c.unit.start_char < 3:
        return []
    content = trim_chars(doc_text(doc), c.unit.start_char, before.idx)
    return [c.record(c.kind_of(content), content, speaker)]


def _after_quote(doc: Doc, before: Token | None) -> bool:
    """The word before a cue closes a quotation (», or », with its comma)."""
    if before is None:
        return False
    if before.text in QUOTE_MARKS:
        return True
    return before.text == "," and before.i > 0 and doc[before.i - 1].text in QUOTE_MARKS


def _opens_sentence(doc: Doc, quote: Quote, unit: Span) -> bool:
    """The quotation is the whole clause before the incise: nothing but punctuation stands
    between the sentence start, or a colon that introduces it, and its opening mark. Otherwise
    (Le premier a « tué par balle », a indiqué X) the clause is partly quoted: mixed, its
    content the whole clause."""
    if quote.start < unit.start_char - 1:
        return False
    before = doc_text(doc)[unit.start_char : quote.start].rstrip()
    # a full stop before it: a sentence the parser did not split (… l'échantillon B. « … »)
    return before.endswith((":", ".", "!", "?")) or not any(ch.isalnum() for ch in before)


def cleft_previous(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """… montre des signes d'infléchissement. C'est ce qu'indique Santé publique France. / That
    is what the report found: a cleft at a sentence's start gives the sentence before it (in the
    same paragraph) to the speaker after the cue (profile cleft_openers)."""
    doc, unit = c.doc, c.unit
    before = normalise(doc[unit.start : c.cue.start].text).strip()
    opener = next((o for o in g.cleft_openers if before == o or before.startswith(o + " ")), None)
    if opener is None:
        return None
    units = doc._.units or []
    index = next((k for k, u in enumerate(units) if u.start == unit.start), None)
    if not index:
        return []
    previous = units[index - 1]
    if "\n\n" in doc_text(doc)[previous.end_char : unit.start_char]:
        return []  # the sentence before stands in another paragraph
    if before == opener:  # C'est ce qu'indique SPF: the subject after the cue
        speaker = g.np_forward(doc, g.skip_indirect_object(doc, c.cue.end, unit.end), unit.end)
    else:  # That is what the report found / C'est ce que le ministre a dit
        speaker = g.subject(doc, c.verb, c.cue, unit)
    content = trim_chars(doc_text(doc), previous.start_char, previous.end_char)
    while content[1] > content[0] and doc_text(doc)[content[1] - 1] in ".!?…":
        content = (content[0], content[1] - 1)
    return [c.record(c.kind_of(content), content, speaker)]


def clitic_without_clause(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """Dit-il. standing alone at a sentence start: nothing to attribute."""
    return [] if c.clitic is not None and c.before is None else None


def postposed_clause(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """CONTENT, SPEAKER CUE. / “QUOTE,” SPEAKER CUE (in a statement): the reporting clause
    closes the sentence, its subject right after a comma or a closing quotation mark
    (Les négociations sont rompues, le syndicat a indiqué. / “We are ready,” she said.)."""
    doc, cue, unit = c.doc, c.cue, c.unit
    if c.lemma in g.incise_only_cues:
        return None  # …, le chantier reprendra en mars: no reporting clause
    first = next_word(doc, unit.start, unit.end)
    if first is not None and first.i < cue.start and g.reporting_participle(doc, first.i, unit):
        return None  # Estimant que X, les syndicats ont appelé …: the participle reports X
    speaker = g.subject(doc, c.verb, cue, unit)
    if speaker is None or speaker.start >= cue.start:
        return None
    if c.verb.dep_ in _RELATIVE_DEPS or normalise(speaker[0].text) in g.phrase.relatives:
        return None  # …, selon l'Insee, qui publie ses chiffres: a relative closes no report
    before = prev_word(doc, speaker.start, unit.start)
    if before is None or not (before.text == "," or before.text in QUOTE_MARKS):
        return None
    rest = doc[cue.end : relay_start(doc, cue.end, unit.end, g.relay_verbs)]
    complement = any(
        t.pos_ == "VERB"
        or t.text in QUOTE_MARKS
        or t.text == ":"
        or normalise(t.text) in g.complementisers
        for t in rest
    )
    if complement and not ends_with_second_quote(doc, rest, c.quotes):
        return None  # the cue has a complement of its own: not a closing reporting clause
    edge = before.idx + len(before.text) if before.text in QUOTE_MARKS else before.idx
    quote = quote_ending_at(c.quotes, edge, doc_text(doc))
    if quote is not None and _opens_sentence(doc, quote, unit):
        results = [c.direct(quote, speaker)]
        follow = next((q for q in c.quotes if cue.end_char <= q.start < unit.end_char), None)
        if follow is not None:
            results.append(c.direct(follow, speaker))
        return results
    if not has_verb(doc, unit.start, before.i):
        return None
    content = trim_chars(doc_text(doc), unit.start_char, edge)
    if content[1] - content[0] < 3 or g.is_question(doc, unit.start):
        return None
    return [c.record(c.kind_of(content), content, speaker)]


def restriction(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """Il n'a proposé qu'une hausse: ne … que restricts, there is no content clause."""
    nxt = next_word(c.doc, c.cue.end, c.unit.end) or c.verb
    return [] if g.restrictive(c.doc, nxt, c.unit) else None


def as_clause(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """As the engineer explained, the bridge was never … / The bridge was never …, as the
    engineer explained.: a cue under "as" with no complement of its own reports the main clause
    (profile as_clause_marks; French as-clauses are markers, ``comme l'a dit X``)."""
    doc, verb, unit = c.doc, c.verb, c.unit
    mark = next(
        (
            k
            for k in verb.children
            if k.dep_ == "mark" and k.i < verb.i and normalise(k.text) in g.as_clause_marks
        ),
        None,
    )
    if mark is None or verb.dep_ != "advcl":
        return None
    objects = {"ccomp", "xcomp"} | (set() if c.lemma in g.addressee_verbs else {"dobj", "obj"})
    if any(k.dep_ in objects for k in verb.children):
        return None  # as she said that …: a complement of its own (as she told reporters, …)
    speaker = g.subject(doc, verb, c.cue, unit)
    edge = _subtree_end(verb, verb.i)
    after = next((t for t in doc[verb.i + 1 : unit.end] if t.idx >= edge), None)
    if after is not None and after.text == "," and _connectors_only(doc[unit.start : mark.i]):
        start = next_word(doc, after.i + 1, unit.end)
        if start is None:
            return []
        content = (start.idx, g.clause_end(doc, start.i, unit))
    else:
        before = prev_word(doc, mark.i, unit.start)
        if before is None or before.text != ",":
            return None  # As X notes: CONTENT: the colon decides
        content = trim_chars(doc_text(doc), unit.start_char, before.idx)
    if content[1] - content[0] < 3:
        return []
    return [c.record(c.kind_of(content), content, speaker)]


def passive_agent(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """La hausse a été confirmée par le ministère: the subject is the content, the agent the
    speaker; a passive with no agent (il est accusé d'avoir …) attributes nothing."""
    if not g.is_passive(c.verb, c.cue):
        return None
    if c.lemma in g.active_only:
        return []  # "a été lancé par" is not "a lancé" in the sense of saying
    doc, cue, unit = c.doc, c.cue, c.unit
    nxt = next_word(doc, cue.end, unit.end)
    if nxt is None or normalise(nxt.text) not in g.agent_markers:
        nxt = next_word(doc, g.skip_indirect_object(doc, cue.end, unit.end), unit.end)
    if nxt is None or normalise(nxt.text) not in g.agent_markers:
        return []
    speaker = g.np_forward(doc, nxt.i + 1, unit.end)
    if speaker is None or not g.names_a_source(speaker):
        return []  # a été emporté par un courant: a force, not a source
    after = next_word(doc, speaker.end, unit.end)
    if after is not None and normalise(after.text) in g.complementisers:
        # The mayor was told by the police that …: the subject was told; the clause was said
        found = that_clause(g, c, after)
        return [c.record(c.kind_of(found[1]), found[1], speaker)] if found else []
    content = trim_chars(doc_text(doc), unit.start_char, cue.start_char)
    if content[1] - content[0] < 3:
        return []
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} for t in doc[unit.start : cue.start]):
        return []  # Indeed, after being asked by reporters to …: no subject, nothing said
    return [c.record(c.kind_of(content), content, speaker)]


def preposed_cue(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """SPEAKER CUE CONTENT: the content found by the first of ``CONTENT_FINDERS`` that
    applies after the cue (and what may stand between: à la presse, mardi)."""
    found = _content_after(g, c)
    if found is None:
        return []
    speaker = g.subject(c.doc, c.verb, c.cue, c.unit)
    return [c.record(found[0], found[1], speaker)]


def _quoted_name(doc: Doc, tok: Token, quotes: list[Quote]) -> Span | None:
    """The words of a quotation holding ``tok`` when they are a name, not speech: no verb."""
    quote = next((q for q in quotes if q.contains(tok.idx)), None)
    if quote is None:
        return None
    span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="contract")
    while span is not None and len(span) and span[-1].is_punct:
        span = span[:-1]
    if span is None or not len(span) or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None
    return span


#: Clauses inside another: a participle hanging on one reports for the clause above it.
_EMBEDDED = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "acl:relcl"}


def _clause_head(verb: Token) -> Token:
    """What a participle hangs on: its head, or the sentence's main verb when the head is an
    embedded clause (said a team stepped in …, adding: the one who reports, not the team)."""
    head = top = verb.head
    while top.head.i != top.i:
        top = top.head
    if head.dep_ in _EMBEDDED and top.pos_ in {"VERB", "AUX"} and top.i < verb.i:
        return top
    return head


def cited_source(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """The Journal reported that the firms agreed, citing people familiar with the talks / …,
    citant des sources proches du dossier: the cited source is a second speaker of the words
    the reporting clause attributes (a relay chain). Any other use of the verb reports nothing."""
    if c.lemma not in g.citing_verbs:
        return None
    verb, doc, unit = c.verb, c.doc, c.unit
    head = _clause_head(verb)
    if c.before is None or c.before.text != "," or not g.reporting_participle(doc, verb.i, unit):
        return []
    lemma = normalise(head.lemma_)
    if head.i == verb.i or lemma not in g.verbs or lemma in g.citing_verbs:
        return []
    speaker = g.np_forward(doc, verb.i + 1, unit.end)
    if speaker is None and verb.i + 2 < unit.end:  # citing "a person familiar with the matter"
        speaker = _quoted_name(doc, doc[verb.i + 2], c.quotes)
    if speaker is None:
        return []
    before = prev_word(doc, head.i, unit.start)
    relay = CueContext(
        doc, head, doc[head.i : head.i + 1], lemma, g.verbs[lemma], unit, c.quotes, before, None
    )
    others = [(name, f) for name, f in CUE_CONSTRUCTIONS if f is not cited_source]
    cited = [c.record(a.kind, a.content, speaker) for a in first_applying(others, g, relay)[:1]]
    for att in cited:
        att.extra["cited"] = True
    return cited


def participle_clause(g: Grammar, c: CueContext) -> list[RawAttribution] | None:
    """Les syndicats ont défilé, appelant le gouvernement à « rester à l'écoute ». / Il a
    démissionné en précisant que … / He resigned, saying that …: a present participle or a
    gerund reports for the subject of the clause it hangs on, never for the noun after it."""
    verb, doc = c.verb, c.doc
    before = prev_word(doc, c.cue.start, c.unit.start)
    gerund = before is not None and normalise(before.text) in g.gerund_markers
    present = "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")
    present = present or g.reporting_participle(doc, verb.i, c.unit)
    if not (present or gerund) or verb.tag_ in {"VBZ", "VBP", "VBD"}:
        return None
    if any(k.dep_ == "aux" and k.i < verb.i for k in verb.children):
        return None  # the police were alleging that …: a finite progressive, not a participle
    found = _content_after(g, c)
    if found is None:
        return []
    opening = _opening_participle(g, c, found[1])
    if opening is not None:
        return [c.record(c.kind_of(opening[0]), opening[0], opening[1])]
    head, speaker = _clause_head(verb), None
    while (
        head.dep_ == "acl"
        and head.tag_ != "VBD"
        and "Part" in head.morph.get("VerbForm")
        and head.head.pos_ in {"NOUN", "PROPN"}
        and head.head.i < head.i
    ):
        head = head.head  # Un article, publié vendredi, décrivant …: the article
    if any(k.dep_.startswith("nsubj") and k.i < verb.i for k in verb.children):
        speaker = g.subject(doc, verb, c.cue, c.unit)  # with the coastguard saying that …
    elif head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        speaker = g.subject(doc, head, doc[head.i : head.i + 1], c.unit)
    elif head.i != verb.i and head.pos_ in {"NOUN", "PROPN"} and head.i < verb.i:
        speaker = noun_phrase(head)
    if speaker is not None and speaker.start >= c.cue.start:
        speaker = None
    att = c.record(found[0], found[1], speaker)
    if head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        first = min([k.i for k in head.children if k.pos_ == "AUX" and k.i < head.i] + [head.i])
        att.extra["tense"] = doc[first : head.i + 1]  # a participle reports in its clause's tense
    return [att]


def _opening_participle(
    g: Grammar, c: CueContext, content: tuple[int, int]
) -> tuple[tuple[int, int], Span] | None:
    """Saying that the bridge would reopen, the mayor thanked … / Estimant que la saison sera
    longue, l'entraîneur a …: a participle opening the sentence reports up to the comma before
    the main clause, for that clause's subject (a phrase followed by its verb)."""
    doc, unit = c.doc, c.unit
    if next_word(doc, unit.start, unit.end) is not c.cue[0] and c.cue[0].i != unit.start:
        return None
    for tok in doc[c.cue.end : unit.end]:
        if tok.text != "," or tok.idx <= content[0]:
            continue
        subject = g.np_forward(doc, tok.i + 1, unit.end)
        if subject is None or subject.end >= unit.end:
            continue
        after = subject.end
        if doc[after].text == ",":  # the council leader, Ann Pike, urged …: the name
            name = g.np_forward(doc, after + 1, unit.end)
            if name is not None and name.end + 1 < unit.end and doc[name.end].text == ",":
                subject, after = name, name.end + 1
        verb = doc[after]
        if verb.pos_ in {"AUX", "VERB"} and "Part" not in verb.morph.get("VerbForm"):
            last = doc[tok.i - 1]
            return (content[0], last.idx + len(last.text)), subject
        if tok.idx >= content[1]:
            break
    return None


def _content_after(g: Grammar, c: CueContext) -> tuple[str, tuple[int, int]] | None:
    """The kind and content after a cue, by the first of ``CONTENT_FINDERS`` that applies."""
    doc, unit = c.doc, c.unit
    nxt = next_word(doc, g.skip_indirect_object(doc, c.cue.end, unit.end, True), unit.end)
    if nxt is None:
        return None
    for _, finder in CONTENT_FINDERS:
        found = finder(g, c, nxt)
        if found is not None:
            kind, content = found
            break
    else:
        return None
    if content[1] <= content[0]:
        return None
    content = _before_main_clause(g, c, content)
    content = cover_quotes(c.quotes, content)
    whole = next((q for q in c.quotes if q.start == content[0] and q.end >= content[1] - 1), None)
    opener = doc.char_span(whole.start, whole.end, alignment_mode="expand") if whole else None
    after_que = (
        opener is not None
        and opener.start > 0
        and (normalise(doc[opener.start - 1].text) in g.complementisers)
    )
    if whole is not None and not after_que and _quotes_a_clause(doc, whole):
        kind, content = "direct", (whole.inner_start, whole.inner_end)  # adding "the crowd …"
    first = doc.char_span(content[0], content[1], alignment_mode="expand")
    asked = c.lemma in g.question_verbs  # asked why …: the question is what was said
    after_complementiser = (
        first is not None
        and first.start > 0
        and normalise(doc[first.start - 1].text) in g.complementisers
    )  # a soutenu que si …: a condition inside the statement, not a question
    if (
        first is not None
        and len(first)
        and g.is_question(doc, first.start)
        and not asked
        and not after_complementiser
    ):
        return None  # il n'a pas dit si …: no statement
    return kind or c.kind_of(content), content


def _subtree_end(head: Token, floor: int) -> int:
    """The end offset of the last word of ``head``'s subtree (punctuation left out), never
    before token ``floor``."""
    edge = head.right_edge
    while edge.i > floor and (edge.is_punct or edge.is_space):
        edge = head.doc[edge.i - 1]
    return edge.idx + len(edge.text)


def _before_main_clause(g: Grammar, c: CueContext, content: tuple[int, int]) -> tuple[int, int]:
    """Alors qu'il avait annoncé X, il a révélé … / While the club had said X, the owners …: a
    cue in a subordinate clause reports up to the comma before the main clause (a subject and
    its verb, which the parser makes the cue's head or, inverted, its dependent)."""
    verb, doc = c.verb, c.doc
    subordinate = (verb.dep_ == "advcl" and verb.head.i > verb.i) or any(
        k.dep_ == "mark" and k.i < verb.i for k in verb.children
    )
    relative = verb
    if verb.dep_ == "conj" and any(
        k.dep_.startswith("nsubj") and normalise(k.text) in g.relatives for k in verb.children
    ):
        relative = g.relative_verb(doc, c.unit.start, verb.i) or verb  # … et qui a dit X, …
    if (
        relative.dep_ in _RELATIVE_DEPS
        and relative.head.i < relative.i
        and relative.right_edge.i + 1 < c.unit.end
    ):
        edge = relative.right_edge  # The ministry, which announced X on Monday, indicated …
        main = relative.head.head  # … or with no commas: the subject's own verb follows
        closes = doc[edge.i + 1].text == "," or (
            relative.head.dep_.startswith("nsubj")
            and edge.i < main.i
            and all(t.pos_ in {"AUX", "ADV", "PART"} for t in doc[edge.i + 1 : main.i])
        )
        if closes and content[0] < edge.idx < content[1]:
            return content[0], edge.idx + len(edge.text)
    if not subordinate or ":" in doc_text(doc)[verb.idx : content[0]]:
        return content  # As X notes: CLAUSE: the colon opens the words themselves
    if verb.dep_ == "advcl" and verb.head.i > verb.i:  # the parse closes the clause
        end = _subtree_end(verb, verb.i)
        if content[0] < end < content[1]:
            return content[0], end
    for tok in doc[verb.i + 1 : c.unit.end]:
        if not content[0] < tok.idx < content[1] or tok.text != ",":
            continue
        for k in doc[tok.i + 1 : min(tok.i + 5, c.unit.end)]:
            main = k.head
            related = main.i == verb.head.i or (
                main.head.i == verb.i and main.dep_ in {"advcl", "conj", "parataxis"}
            )
            if k.dep_.startswith("nsubj") and main.i > k.i and related:
                return content[0], doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
    return content


def _quotes_a_clause(doc: Doc, quote: Quote) -> bool:
    """A quotation that is a clause of its own (a subject and its verb), not a fragment: as
    the whole object of a cue it is the speaker's words, direct (not « une frontière … »)."""
    span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.pos_ in {"VERB", "AUX"} and any(k.dep_.startswith("nsubj") for k in root.children)


def incise_inside_quotation(g: Grammar, c: CueContext, quote: Quote) -> list[RawAttribution]:
    """« Nous recommandons la prudence, rappelle le porte-parole. La route reste fermée. »: an
    inverted incise the writer put inside an open quotation splits it in two direct parts.
    Any other cue inside quotation marks is the speaker's own (docs/annotation.md 1)."""
    doc, before = c.doc, c.before
    if before is None or before.text != "," or before.idx <= quote.inner_start:
        return []
    if c.clitic is not None:
        speaker, after = clitic_span(doc, c.clitic), c.cue.end
    else:
        speaker = g.np_forward(doc, g.skip_indirect_object(doc, c.cue.end, c.unit.end), len(doc))
        if speaker is None or not g.starts_np(doc, c.cue.end, len(doc)):
            return []
        after = speaker.end
    closing = next_word(doc, after, len(doc))
    if closing is not None and closing.text == ",":  # a maire, Lucie Bernard. (an apposition)
        apposition = g.np_forward(doc, closing.i + 1, len(doc))
        end = next_word(doc, apposition.end, len(doc)) if apposition is not None else None
        if end is not None and end.text in {".", "!", "?"}:
            closing = end
    if closing is None or closing.text not in {".", ",", ";", "!", "?"}:
        return []
    first = trim_chars(doc_text(doc), quote.inner_start, before.idx)
    results = [c.record("direct", first, speaker)] if first[1] - first[0] >= 3 else []
    rest = next_word(doc, closing.i + 1, len(doc))
    if rest is not None and rest.idx < quote.inner_end - 2:
        results.append(c.record("direct", (rest.idx, quote.inner_end), speaker))
    for att in results:
        att.extra["split"] = quote.start
    return results


#: Cue constructions in order of precedence: the first that returns a list decides.
CUE_CONSTRUCTIONS: list[tuple[str, Construction]] = [
    ("reflexive_sense", reflexive_sense),
    ("cited_source", cited_source),
    ("participle_adjunct", participle_adjunct),
    ("purpose_infinitive", purpose_infinitive),
    ("participle_clause", participle_clause),
    ("cleft_previous", cleft_previous),
    ("inverted_incise", inverted_incise),
    ("clitic_without_clause", clitic_without_clause),
    ("postposed_clause", postposed_clause),
    ("restriction", restriction),
    ("as_clause", as_clause),
    ("passive_agent", passive_agent),
    ("preposed_cue", preposed_cue),
]


# -- what follows a preposed cue --------------------------------------------------------------

Content = tuple[str | None, tuple[int, int]]


def that_clause(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Le préfet a précisé que les routes … / Officials said that the talks …"""
    complementiser = g.complementiser_near(c.doc, nxt, c.unit, c.verb)
    if complementiser is None:
        return None
    if any(normalise(t.lemma_) in g.report_nouns for t in c.doc[nxt.i : complementiser.i]):
        return None  # denied reports that …: the clause is the report's; the object is content
    start = next_word(c.doc, complementiser.i + 1, c.unit.end)
    if start is None:
        return None, (0, 0)  # a que closing the sentence: nothing to attribute
    return None, (start.idx, g.clause_end(c.doc, start.i, c.unit))


def colon(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Le maire a tranché : « Nous rouvrirons lundi. » / a résumé d'une formule : « … » (a short
    phrase of manner may stand before the colon; direct when the quotation is all of it) / He
    said, “We will reopen.” (a comma before a quotation that ends the sentence)."""
    colon_at = None
    for tok in c.doc[nxt.i : min(nxt.i + 5, c.unit.end)]:
        if tok.text == ":":
            colon_at = tok
            break
        if tok.text == "," and tok.i == nxt.i and _quote_opens_after(c, tok):
            colon_at = tok  # He said, “One person has died.”: the comma as a colon
            break
        if tok.pos_ in {"VERB", "AUX"} or tok.is_punct or tok.is_space:
            return None
    if colon_at is None:
        return None
    start = next_word(c.doc, colon_at.i + 1, c.unit.end)
    if start is None:
        return None, (0, 0)  # a colon closing the sentence: nothing to attribute
    end = g.clause_end(c.doc, start.i, c.unit)
    quote = next((q for q in c.quotes if q.start == start.idx), None)
    if quote is not None and quote.end >= end - 1:
        return "direct", (quote.inner_start, quote.inner_end)
    return None, (start.idx, end)


def _quote_opens_after(c: CueContext, tok: Token) -> bool:
    """A quotation opens right after ``tok`` and runs to the end of the sentence."""
    after = next_word(c.doc, tok.i + 1, c.unit.end)
    quote = next((q for q in c.quotes if after is not None and q.start == after.idx), None)
    return quote is not None and quote.end >= c.unit.end_char - 2


def infinitive(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Le syndicat affirme avoir reçu des garanties. / Il a promis de partir. / He claimed to
    have won. ("de" only after the cues of ``infinitive_with_de``)."""
    doc, unit = c.doc, c.unit
    tok = nxt
    word = normalise(tok.text)
    restricted = word in g.restricted_infinitive
    marked = word in g.infinitive_markers
    if (restricted or marked) and tok.i + 1 < unit.end:
        tok = doc[tok.i + 1]
    for _ in range(2):
        if normalise(tok.text) in g.infinitive_negation and tok.i + 1 < unit.end:
            tok = doc[tok.i + 1]
    is_inf = "Inf" in tok.morph.get("VerbForm") or (tok.tag_ == "VB" and marked)
    if is_inf and c.lemma in g.thought_verbs:
        return None, (0, 0)  # Lyon pensait tenir la victoire: narration, not a statement
    if is_inf and (not restricted or c.lemma in g.infinitive_with_de):
        return None, (nxt.idx, g.clause_end(doc, tok.i, unit))
    return None


def object_infinitive(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """The health ministry urged residents to boil their water. / Le syndicat appelle les
    salariés à cesser le travail: the addressee and what they are asked to do."""
    doc, unit = c.doc, c.unit
    addressee = g.np_forward(doc, nxt.i, unit.end)
    marker = next_word(doc, addressee.end, unit.end) if addressee is not None else None
    verb = next_word(doc, marker.i + 1, unit.end) if marker is not None else None
    if (
        addressee is not None
        and addressee.start == nxt.i
        and marker is not None
        and normalise(marker.text) in g.object_infinitive_markers
        and verb is not None
        and _infinitive(verb)
    ):
        return None, (nxt.idx, g.clause_end(doc, verb.i, unit))
    # the parse's object and infinitive, past what the phrase reader stops at (directed the
    # officer-in-charge at the prison to release …)
    if not any(k.dep_ in {"obj", "dobj"} and k.left_edge.i == nxt.i for k in c.verb.children):
        return None
    for verb in c.verb.children:
        marked = any(
            normalise(k.text) in g.object_infinitive_markers and k.i < verb.i for k in verb.children
        )
        if verb.i > nxt.i and verb.i < unit.end and marked and _infinitive(verb):
            return None, (nxt.idx, g.clause_end(doc, verb.i, unit))
    return None


def _infinitive(tok: Token) -> bool:
    return "Inf" in tok.morph.get("VerbForm") or tok.tag_ == "VB"


def predicative_object(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Un article décrivant Perpignan comme une poudrière / She described the plan as a
    disaster: the object and what the source calls it (profile predicative_cues)."""
    if c.lemma not in g.predicative_cues:
        return None
    doc, unit = c.doc, c.unit
    thing = g.np_forward(doc, nxt.i, unit.end)
    if thing is None or thing.start != nxt.i:
        return None
    for tok in thing:  # the phrase reader may run on through the marker
        if tok.i > nxt.i and normalise(tok.text) in g.predicative_markers:
            thing = doc[thing.start : tok.i]
            break
    marker = next_word(doc, thing.end, unit.end)
    if marker is None or normalise(marker.text) not in g.predicative_markers:
        return None
    if marker.i + 1 >= unit.end:
        return None
    end = min(g.clause_end(doc, marker.i + 1, unit), _subtree_end(c.verb, marker.i + 1))
    return None, (nxt.idx, end)


def gerund_object(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """He has denied plotting to oust the leader / accusing him of denying the attack: a
    gerund complement, after an object and its link or not (profile gerund_cues)."""
    if c.lemma not in g.gerund_cues:
        return None
    doc, unit = c.doc, c.unit
    gerund = nxt
    if gerund.tag_ != "VBG":
        thing = g.np_forward(doc, nxt.i, unit.end)
        after = g.skip_indirect_object(doc, thing.end, unit.end) if thing is not None else None
        link = doc[after] if after is not None and after < unit.end else None
        if link is None or normalise(link.text) not in g.gerund_links:
            return None
        gerund = next_word(doc, g.skip_indirect_object(doc, link.i + 1, unit.end), unit.end)
    if gerund is None or gerund.tag_ != "VBG":
        return None
    return None, (gerund.idx, g.clause_end(doc, gerund.i, unit))


def information_object(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Le gouvernement a confirmé le décès de deux personnes. / La gendarmerie a fait état de
    15 morts. / Police confirmed the deaths: verbs that report a fact take any noun object as
    content (information_verbs lexicon)."""
    doc, verb, unit = c.doc, c.verb, c.unit
    cls = g.information_verbs.get(c.lemma)
    if cls == "de_object":
        start = nxt
        if normalise(start.text) in g.phrase.genitives and start.i + 1 < unit.end:
            start = doc[start.i + 1]
        if start.pos_ in {"DET", "NUM", "NOUN", "PROPN", "ADJ"}:
            return None, (start.idx, g.clause_end(doc, start.i, unit))
        return None
    if cls != "object":
        return None
    # the verb's object, or an object the parser hung on a time word between them (a annoncé
    # samedi soir l'interpellation de …: "soir" takes the object)
    skipped = [t for t in doc[verb.i + 1 : nxt.i] if t.head.i == verb.i]
    objects = [*verb.children, *(k for t in skipped for k in t.children if k.i >= nxt.i)]
    for child in objects:
        hung = child.dep_ == "nmod" and child.head.i != verb.i  # (sur Radio Nord) la fermeture
        if (
            (child.dep_ in {"obj", "dobj", "dep"} or hung)
            and child.i > verb.i
            and child.pos_ in {"NOUN", "PROPN"}
        ):
            tokens = [t for t in child.subtree if verb.i < t.i < unit.end and not t.is_punct]
            if not tokens or min(t.i for t in tokens) != nxt.i:
                continue  # the object must open right after the cue
            if f"{c.lemma} {normalise(doc[nxt.i : child.i + 1].text)}" in g.information_verbs:
                continue  # an idiom (annoncer la couleur): no fact reported
            return None, (nxt.idx, _before_medium(g, doc, nxt.i, g.clause_end(doc, nxt.i, unit)))
    return None


def _before_medium(g: Grammar, doc: Doc, i: int, end: int) -> int:
    """announced the outbreak in a statement on Wednesday / a annoncé le décès dans un
    communiqué: the fact ends before the document it was given in (a preposition of
    ``medium_prepositions`` whose noun the source lexicon calls a document)."""
    for tok in doc[i + 1 :]:
        if tok.idx >= end:
            break
        if normalise(tok.text) not in g.medium_prepositions:
            continue
        noun = next((t for t in doc[tok.i + 1 : tok.i + 4] if t.pos_ == "NOUN"), None)
        if noun is not None and g.source_nouns.get(normalise(noun.lemma_)) == "document":
            last = doc[tok.i - 1]
            return last.idx + len(last.text)
    return end


def statement_noun(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Le ministre a annoncé sa démission. / She confirmed the deal. / They dismissed a report
    saying …: a noun object that carries the statement (speech_nouns lexicon) or a report
    (profile report_nouns)."""
    doc, verb, unit = c.doc, c.verb, c.unit
    for child in verb.children:
        if (
            child.dep_ in {"obj", "dobj"}
            and child.i > verb.i
            and (
                normalise(child.lemma_) in g.statement_nouns
                or normalise(child.lemma_) in g.report_nouns  # denied reports that …
            )
        ):
            tokens = [t for t in child.subtree if verb.i < t.i < unit.end]
            if not tokens:  # the object's words lie past the unit (a misparse)
                continue
            if _names_a_camp(g, child):
                continue  # slammed the opposition over …: the camp, not its objection
            if f"{c.lemma} {normalise(doc[nxt.i : child.i + 1].text)}" in g.information_verbs:
                continue  # an idiom (trouver la mort): no statement
            left, right = min(t.i for t in tokens), max(t.i for t in tokens)
            end = min(doc[right].idx + len(doc[right].text), g.clause_end(doc, left, unit))
            return None, (doc[left].idx, end)
    return None


def _names_a_camp(g: Grammar, noun: Token) -> bool:
    """A statement noun the source lexicon also lists (opposition), with the definite article:
    the camp, a source, not a statement (slammed the opposition / a fustigé l'opposition, but
    "voiced its opposition")."""
    if normalise(noun.lemma_) not in g.source_nouns:
        return False
    return any(
        k.dep_ == "det" and "Def" in k.morph.get("Definite") and k.i < noun.i for k in noun.children
    )


def bare_clause(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Officials said the talks had stalled. / He said there was no need / Modi said, it will …:
    a clausal complement with no complementiser (or the clause the parser made the head of a
    "said," in parataxis), its subject phrase opening it (the government's main goal this year
    will be …), starting where the object would."""
    verb = c.verb
    clauses = [k for k in verb.children if k.dep_ == "ccomp" and k.i > verb.i]
    if verb.dep_ == "parataxis" and verb.head.i > verb.i and nxt.text == ",":
        clauses.append(verb.head)
    addressee_end = -1  # told Reuters the board would meet: who was told stands between
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj", "obj"} and child.left_edge.i == nxt.i:
            addressee_end = child.right_edge.i + 1
    for clause in clauses:
        left = min(t.i for t in clause.subtree if t.i > verb.i and not t.is_punct)
        subjects = [
            k
            for k in clause.subtree
            if (k.dep_.startswith("nsubj") or k.dep_ == "expl") and k.i > verb.i
        ]
        opens = left in (nxt.i, addressee_end) or (nxt.text == "," and left == nxt.i + 1)
        if opens and any(min(k.i - 2, k.left_edge.i) - left < 2 for k in subjects):
            return None, (c.doc[left].idx, g.clause_end(c.doc, left, c.unit))
    return None


def quoted_object(g: Grammar, c: CueContext, nxt: Token) -> Content | None:
    """Il a dénoncé « une frontière de la honte »: a quoted fragment as the object (mixed)."""
    if not g.quote_in_object(c.doc, nxt, c.unit, c.quotes):
        return None
    end = g.clause_end(c.doc, nxt.i, c.unit)
    inside = [q.end for q in c.quotes if nxt.idx <= q.start < end]
    return "mixed", (nxt.idx, max(inside) if inside else end)


def _bare_participle(tok: Token) -> bool:
    """An English past participle with no auxiliary (11 confirmed cases): an adjective."""
    return tok.tag_ == "VBN" and not any(k.dep_.startswith("aux") for k in tok.children)


def _line_break_between_sentences(doc: Doc, i: int, unit: Span) -> bool:
    """A line break after punctuation and before a capital or an opening mark: a new line of
    copy, not a hard-wrapped sentence."""
    tok = doc[i]
    if not (tok.is_space and "\n" in tok.text) or i + 1 >= unit.end:
        return False
    nxt = doc[i + 1]
    return doc[i - 1].is_punct and (nxt.text[:1].isupper() or nxt.text in QUOTE_MARKS)


def first_applying(table, g: Grammar, context) -> list[RawAttribution]:
    """The attributions of the first construction in ``table`` that applies (none if none)."""
    for _, construction in table:
        found = construction(g, context)
        if found is not None:
            return found
    return []


#: What may follow a preposed cue, in order of precedence.
CONTENT_FINDERS: list[tuple[str, Callable[[Grammar, CueContext, Token], Content | None]]] = [
    ("that_clause", that_clause),
    ("colon", colon),
    ("infinitive", infinitive),
    ("object_infinitive", object_infinitive),
    ("gerund_object", gerund_object),
    ("predicative_object", predicative_object),
    ("information_object", information_object),
    ("statement_noun", statement_noun),
    ("bare_clause", bare_clause),
    ("quoted_object", quoted_object),
]


# -- according-to markers ------------------------------------------------------------------


@dataclass(frozen=True)
class MarkerContext:
    """An according-to marker (selon, d'après, according to) in its sentence."""

    doc: Doc
    marker: Span
    cls: str
    unit: Span
    quotes: list[Quote]

    def kind_and_content(self, content: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        """The quotation marks decide first: wholly quoted is direct (without the marks),
        partly quoted is mixed, else according_to (docs/annotation.md 1)."""
        quote = sole_quote(self.quotes, content, doc_text(self.doc))
        if quote is not None:
            return "direct", (quote.inner_start, quote.inner_end)
        return ("mixed" if has_quote(self.quotes, *content) else "according_to"), content

    def record(self, kind: str, content: tuple[int, int], speaker: Span) -> RawAttribution:
        lemma = normalise(self.marker.text)
        return RawAttribution(kind, content, self.marker, lemma, "neutral", speaker)


MarkerConstruction = Callable[[Grammar, MarkerContext], list[RawAttribution] | None]


def relayed_words(g: Grammar, m: MarkerContext) -> list[RawAttribution] | None:
    """X, cité par Reuters, … : X is the speaker; nothing when a reporting verb in the sentence
    already attributes the words to X."""
    doc, marker, unit = m.doc, m.marker, m.unit
    if normalise(marker.text) not in g.relay_markers:
        return None
    if any(
        normalise(t.lemma_) in g.verbs and t.pos_ in {"VERB", "AUX"}
        for t in doc[marker.end : unit.end]
    ):
        return []
    before = prev_word(doc, marker.start, unit.start)
    if before is None or before.text != ",":
        return []
    speaker = g.np_forward(doc, unit.start, before.i)
    outlet = g.np_forward(doc, marker.end, unit.end)
    if speaker is None or outlet is None:
        return []
    rest = next_word(doc, outlet.end + 1, unit.end)
    if rest is None:
        return []
    content = (rest.idx, g.clause_end(doc, rest.i, unit))
    return [m.record(*m.kind_and_content(content), speaker)]


def according_to(g: Grammar, m: MarkerContext) -> list[RawAttribution]:
    """Selon X, CLAUSE / CLAUSE, selon X / En France, selon l'Insee, CLAUSE / de source
    policière / pour l'économiste X (opinion markers only at the sentence start)."""
    doc, marker, cls, unit = m.doc, m.marker, m.cls, m.unit
    if normalise(doc[marker.start : min(marker.end + 1, unit.end)].text) in g.report_noun_links:
        return []  # l'information selon laquelle …: a relative link, no source
    ahead = normalise(doc[marker.start : min(marker.start + 6, unit.end)].text)
    if any(ahead.startswith(h) for h in g.marker_hedges):
        return []  # selon toute vraisemblance: the writer's hedge (hedges lexicon)
    first = next_word(doc, unit.start, unit.end)
    at_start = first is not None and first.i == marker.start
    if cls == "opinion" and not at_start:
        return []
    np_start = marker.end - 1 if cls == "de_source" else marker.end  # de [source policière]
    if cls == "as_verb":
        np_start = g.skip_indirect_object(doc, np_start, unit.end)  # comme l'a signalé hier X
    speaker = g.np_forward(doc, np_start, unit.end)
    if speaker is None:
        return []
    if normalise(marker.text) in g.guarded_markers and speaker[0].pos_ not in {"DET", "PROPN"}:
        return []  # "per cent", "per year": this marker needs a named source after it
    if cls == "opinion" and not g.names_a_source(speaker):
        return []  # Pour l'occasion, … / Pour la troisième fois, …
    after = next_word(doc, speaker.end, unit.end)
    before = prev_word(doc, marker.start, unit.start)
    follows = after is not None and after.text == ","
    if (
        cls == "as_verb"
        and not at_start
        and marker.start_char - unit.start_char > 3
        and not _connectors_only(doc[unit.start : marker.start])  # Or, comme l'explique X, …
    ):
        content = trim_chars(doc_text(doc), unit.start_char, marker.start_char)  # X, comme …
    elif at_start or (
        follows
        and before is not None
        and before.text == ","
        and not has_verb(doc, unit.start, before.i)
    ):
        start = next_word(doc, speaker.end + (1 if follows else 0), unit.end)
        if not follows and at_start:
            start = _main_clause_after(g, doc, speaker.end, unit) or start
        if start is not None and normalise(start.text) in g.complementisers:
            start = next_word(doc, start.i + 1, unit.end)  # Il ressort du rapport que …
        if start is None:
            return []
        content = (start.idx, g.clause_end(doc, start.i, unit))
    elif (
        before is not None
        and before.text == ","
        and (
            after is None
            or after.text in {".", "!", "?", ";", "…"}
            or has_finite_verb(doc, unit.start, before.i)  # CLAUSE, selon X, survenu …
        )
    ):
        content = trim_chars(doc_text(doc), unit.start_char, before.idx)
    elif not at_start and has_finite_verb(doc, unit.start, marker.start):
        # La journée a réuni 1,28 million de manifestants selon le ministère et …: the
        # clause before the marker, not the words after it; never a reporting clause (ont
        # rapporté, sur base de sources policières, que …: the marker qualifies the report)
        if any(
            t.pos_ == "VERB" and normalise(t.lemma_) in g.verbs
            for t in doc[unit.start : marker.start]
        ):
            return _relay_aside(g, m, speaker)
        content = trim_chars(doc_text(doc), unit.start_char, marker.start_char)
    else:
        content = (unit.start_char, g.clause_end(doc, unit.start, unit))
    if content[1] - content[0] < 3:
        return []
    kind, content = m.kind_and_content(content)
    if cls == "as_verb" and kind == "according_to":
        kind = "indirect"  # comme l'explique X: a reporting verb, not a marker
    return [m.record(kind, content, speaker)]


def _main_clause_after(g: Grammar, doc: Doc, i: int, unit: Span) -> Token | None:
    """Selon ce rapport publié mardi par la Cour, institution indépendante, le déficit …: the
    first word after a comma that opens a clause (a phrase and a finite verb), past what
    qualifies the source."""
    for tok in doc[i : unit.end]:
        if tok.text != ",":
            continue
        subject = g.np_forward(doc, tok.i + 1, unit.end)
        if subject is None or subject.end >= unit.end:
            continue
        verb = doc[subject.end]
        if verb.pos_ == "AUX" or "Fin" in verb.morph.get("VerbForm"):
            return doc[tok.i + 1]
    return None


def _relay_aside(g: Grammar, m: MarkerContext, speaker: Span) -> list[RawAttribution]:
    """Les journaux ont rapporté, sur base de sources policières, que …: a marker in an aside
    between a cue and its clause names the source the report relays, a second speaker of the
    same clause (a relay chain); elsewhere after a reporting clause it scopes nothing."""
    doc, unit = m.doc, m.unit
    comma = next_word(doc, speaker.end, unit.end)
    link = next_word(doc, comma.i + 1, unit.end) if comma is not None else None
    if comma is None or comma.text != "," or link is None:
        return []
    if normalise(link.text) not in g.complementisers:
        return []
    start = next_word(doc, link.i + 1, unit.end)
    if start is None:
        return []
    kind, content = m.kind_and_content((start.idx, g.clause_end(doc, start.i, unit)))
    att = m.record(kind, content, speaker)
    att.extra["cited"] = True
    return [att]


def _connectors_only(words: Span) -> bool:
    """Or, / Mais, / And yet,: only words linking to the sentence before (the content of a
    marker after them follows it)."""
    return all(t.is_punct or t.is_space or t.pos_ in {"ADV", "CCONJ", "SCONJ"} for t in words)


def figure_by_source(g: Grammar, m: MarkerContext) -> list[RawAttribution] | None:
    """… entre 700.000 selon la CGT et 81.000 selon la préfecture / 1.2 million according to the
    organisers and 80,000 according to police: in a comparison of counts, each count is what
    its marker's source says (the figure, not the whole clause)."""
    doc, marker, unit = m.doc, m.marker, m.unit
    if m.cls != "marker":
        return None  # 44,8 % contre 41,3 % pour M. Teixeira: "pour" gives votes, not a source
    j = marker.start - 1
    while j >= unit.start and (
        doc[j].like_num or doc[j].pos_ in {"NUM", "NOUN"} or doc[j].lower_ in g.phrase.genitives
    ):
        j -= 1
    start = j + 1
    while start < marker.start and not doc[start].like_num:
        start += 1
    if start >= marker.start or j < unit.start or normalise(doc[j].text) not in g.figure_links:
        return None
    speaker = g.np_forward(doc, marker.end, unit.end)
    if speaker is None:
        return None
    figure = doc[start : marker.start]
    return [m.record("according_to", (figure.start_char, figure.end_char), speaker)]


@dataclass(frozen=True)
class NounContext:
    """A noun of report (reports, allegations, la rumeur) outside quotations, in its sentence."""

    doc: Doc
    noun: Token
    unit: Span
    quotes: list[Quote]


NounConstruction = Callable[[Grammar, NounContext], list[RawAttribution] | None]


def report_noun(g: Grammar, context: NounContext) -> list[RawAttribution] | None:
    """Reports that the talks had stalled / allegations that gangs attacked residents / la
    rumeur selon laquelle …: a noun of report with its clause; its speaker the possessor or the
    "by" phrase when the text gives one (profile report_nouns, report_noun_links)."""
    doc, noun, unit, quotes = context.doc, context.noun, context.unit, context.quotes
    after = doc[noun.i + 1 : min(noun.i + 4, unit.end)]
    link = next(
        (k for k in range(1, len(after) + 1) if normalise(after[:k].text) in g.report_noun_links),
        None,
    )
    if link is None:
        return None
    last = after[link - 1]
    if link == 1 and last.dep_ != "mark":
        return None  # the report that the ministry published: a relative, no content
    start = next_word(doc, last.i + 1, unit.end)
    if start is None:
        return None
    end = g.clause_end(doc, start.i, unit)
    clause = last.head  # the verb the "that" marks, or the one "selon laquelle" belongs to
    if clause.i > noun.i:  # the claim that the dam is safe | was challenged: the clause's end
        end = min(end, _subtree_end(clause, start.i))
    content = (start.idx, end)
    if content[1] <= content[0]:
        return None
    speaker = None
    for child in noun.children:
        if child.dep_ in {"poss", "nmod:poss"} and child.i < noun.i:
            speaker = noun_phrase(child)
    cue = doc[noun.i : noun.i + 1]
    kind = "mixed" if has_quote(quotes, *content) else "indirect"
    att = RawAttribution(kind, content, cue, normalise(noun.lemma_), "neutral", speaker)
    att.extra["cited"] = True  # denied reports that …: the reports are a source of their own
    return [att]


#: Constructions of a noun of report, in order of precedence.
NOUN_CONSTRUCTIONS: list[tuple[str, NounConstruction]] = [
    ("report_noun", report_noun),
]


def learnt_from(g: Grammar, doc: Doc, att: RawAttribution, units: list[Span], unit_of) -> None:
    """…, a-t-on appris auprès de la gendarmerie / we learnt from the police: a verb of
    learning gives the words to whom they were learnt from, not to the newsroom's "on"
    (profile learning)."""
    if att.cue is None or att.cue_lemma not in g.learning.get("verbs", ()):
        return
    unit = units[unit_of[att.cue.start]] if att.cue.start in unit_of else None
    if unit is None:
        return
    for tok in doc[att.cue.end : unit.end]:
        for size in (2, 1):
            words = normalise(doc[tok.i : tok.i + size].text)
            if words in g.learning.get("sources", ()):
                source = g.np_forward(doc, tok.i + size, unit.end)
                if source is not None:
                    att.speaker = source
                    return


#: Steps that revise the speaker of an attribution every table above has found, in order.
SPEAKER_REFINEMENTS: list[
    tuple[str, Callable[[Grammar, Doc, RawAttribution, list[Span], dict[int, int]], None]]
] = [
    ("learnt_from", learnt_from),
]


@dataclass(frozen=True)
class QuoteContext:
    """A quotation no cue has attributed, in its sentence."""

    doc: Doc
    quote: Quote
    unit: Span


QuoteConstruction = Callable[[Grammar, QuoteContext], list[RawAttribution] | None]

#: What ends an incise: the sentence's end, or a comma before more words of the writer.
_INCISE_END = frozenset({".", "!", "?", ";", ",", "…"})


def incise_any_verb(g: Grammar, q: QuoteContext) -> list[RawAttribution] | None:
    """« … », coupe le juge. / « … », sourit-il. / « … », a-t-elle nuancé. / “…,” the mayor
    quipped.: after a quotation that opens its sentence, a verb and its subject closing the
    sentence form an incise whatever the verb (the lexicon cannot hold every verb of manner
    news copy uses, nor can the small model's tags be trusted on them)."""
    doc, quote, unit = q.doc, q.quote, q.unit
    if not _opens_sentence(doc, quote, unit):
        return None
    i = next((t.i for t in doc[unit.start : unit.end] if t.idx >= quote.end), unit.end)
    if i < unit.end and doc[i].text == ",":
        i += 1
    start = i
    if i < unit.end and normalise(doc[i].text) in g.reflexive_pronouns:
        i += 1  # s'amuse
    if i + 1 < unit.end and doc[i].pos_ == "AUX" and not doc[i].text[:1].isupper():
        i += 1  # a nuancé, a-t-elle nuancé
    clitic = None
    while i < unit.end and doc[i].text.startswith("-"):
        clitic = doc[i] if normalise(doc[i].text) in g.clitics else clitic
        i += 1
    speaker, verb = None, None
    if i < unit.end and _a_verb_form(doc[i]):
        verb, i = doc[i], i + 1
        while i < unit.end and doc[i].text.startswith("-"):
            clitic = doc[i] if normalise(doc[i].text) in g.clitics else clitic
            i += 1
        if clitic is not None:
            speaker = clitic_span(doc, clitic)
        else:
            speaker = g.np_forward(doc, i, unit.end)
            if speaker is not None:
                i = speaker.end
    else:  # “…,” the mayor quipped.
        speaker = g.np_forward(doc, i, unit.end)
        if speaker is not None and speaker.end < unit.end and doc[speaker.end].pos_ == "VERB":
            verb, i = doc[speaker.end], speaker.end + 1
            start = verb.i
    if verb is None or speaker is None:
        return None
    if clitic is None and not g.names_a_source(speaker):
        return None  # « Le Jardin », sort le 3 mai: a date, not a speaker
    if i < unit.end and doc[i].text not in _INCISE_END:
        return None  # the verb has words of its own: not an incise
    cue = doc[start : max(verb.i + 1, clitic.i + 1 if clitic is not None else 0)]
    att = RawAttribution(
        "direct",
        (quote.inner_start, quote.inner_end),
        cue,
        normalise(verb.lemma_),
        "neutral",
        speaker,
    )
    return [att]


def _a_verb_form(tok: Token) -> bool:
    """A word that can be the verb of an incise: a lowercase word, not a function word."""
    return (
        tok.text[:1].islower()
        and tok.is_alpha
        and tok.pos_ not in {"DET", "ADP", "CCONJ", "SCONJ", "PRON", "NUM", "PUNCT"}
    )


#: Constructions of a quotation no cue attributed, in order of precedence.
QUOTE_CONSTRUCTIONS: list[tuple[str, QuoteConstruction]] = [
    ("incise_any_verb", incise_any_verb),
]


#: Marker constructions in order of precedence (relay markers first).
MARKER_CONSTRUCTIONS: list[tuple[str, MarkerConstruction]] = [
    ("figure_by_source", figure_by_source),
    ("relayed_words", relayed_words),
    ("according_to", according_to),
]
