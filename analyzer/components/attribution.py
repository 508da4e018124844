"""Attributions: reporting verbs, incises, according-to markers and quotations, with speakers.

One engine for every language: the reporting verbs, statement nouns and markers come from the
language's lexicons, the few grammar words from its ``profile.toml``. The rules are the
constructions of news writing (ANNOTATION.md section 1):

- preposed cue: SPEAKER CUE que/that CLAUSE | : « QUOTE » | « QUOTE » | INFINITIVE | STATEMENT NOUN
- inverted incise: « QUOTE », CUE SPEAKER / CLAUSE, CUE-t-il (and "…," said X in English)
- marker: Selon X, CLAUSE / CLAUSE, selon X / de source X / pour X (opinion, sentence-initial)
- a quotation left over with no cue: a floating quotation, given to the neighbouring speaker
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from analyzer.components.matching import lemma_matcher
from analyzer.components.quotes import QUOTE_MARKS, Quote, doc_text
from analyzer.components.segments import in_ranges, next_word
from analyzer.lexicons import lexicon, normalise, profile

_CLAUSE_END = frozenset({";"})
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
_NP_LINKS = frozenset({"de", "d'", "d’", "du", "des", "of", "the", "l'", "l’", "la", "le", "les"})
_STOP_PUNCT = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "—", "–", "…"})
_MIN_FLOATING_WORDS = 4


@dataclass
class RawAttribution:
    """An attribution while the pipeline works on it (token spans, mutable for the sources)."""

    kind: str
    content: tuple[int, int]
    cue: Span | None
    cue_lemma: str | None
    stance: str | None
    speaker: Span | None
    resolved: str | None = None
    type: str = "unknown"
    source_key: str | None = None
    floating: bool = False
    extra: dict = field(default_factory=dict)


@Language.factory(
    "analyzer_attribution",
    assigns=["doc._.attributions"],
    requires=["doc._.quotes", "doc._.units"],
    default_config={"lang": "fr"},
)
def make_attribution(nlp: Language, name: str, lang: str) -> AttributionFinder:
    return AttributionFinder(nlp, lang)


class AttributionFinder:
    """Sets ``doc._.attributions``: ``RawAttribution`` records in text order."""

    def __init__(self, nlp: Language, lang: str) -> None:
        if not Doc.has_extension("attributions"):
            Doc.set_extension("attributions", default=None)
        self.lang = lang
        self.profile = profile(lang)
        self.verbs = lexicon(lang, "reporting_verbs")
        self.statement_nouns = set(lexicon(lang, "speech_nouns"))
        self.markers = lexicon(lang, "according_to")
        self.complementisers = {normalise(w) for w in self.profile["complementisers"]}
        self.agent_markers = set(self.profile.get("agent_markers", []))
        self.infinitive_with_de = set(self.profile.get("infinitive_with_de", []))
        self.relay_markers = {normalise(m) for m in self.profile.get("relay_markers", [])}
        self.active_only = set(self.profile.get("active_only_cues", []))
        self.question_words = {normalise(w) for w in self.profile.get("question_words", [])}
        self.relay_verbs = set(self.profile.get("relay_verbs", []))
        self.guarded_markers = set(self.profile.get("guarded_markers", []))
        restriction = self.profile.get("restriction", {})
        self.restriction = {k: {normalise(w) for w in v} for k, v in restriction.items()}
        self.relatives = set(self.profile.get("relatives", []))
        self.clitics = {normalise(w) for w in self.profile.get("clitic_subjects", [])}
        self.skip_adverbs = {normalise(w) for w in self.profile.get("skippable_adverbs", [])}
        self.skip_prepositions = {
            normalise(w) for w in self.profile.get("skippable_prepositions", [])
        }
        self.cue_matcher = lemma_matcher(nlp.vocab, [("CUE", v) for v in self.verbs])
        self.marker_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, cls in self.markers.items():
            variants = {phrase, phrase.replace("'", "’")}
            self.marker_matcher.add(cls, [nlp.make_doc(v) for v in variants])

    # -- the component -----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes or []
        excluded = doc._.excluded or []
        units: list[Span] = doc._.units or []
        unit_of = {}
        for index, unit in enumerate(units):
            for tok in unit:
                unit_of[tok.i] = index
        found: list[RawAttribution] = []
        for _, start, end in self.cue_matcher(doc):
            verb = doc[start]
            if verb.pos_ not in {"VERB", "AUX"}:
                continue
            if verb.i not in unit_of or in_ranges(verb.idx, excluded):
                continue
            if any(q.contains(verb.idx) for q in quotes):
                continue  # the speaker's own words (ANNOTATION.md 1: not annotated)
            found.extend(self._from_cue(doc, verb, end, units[unit_of[verb.i]], quotes))
        for match_id, start, end in self.marker_matcher(doc):
            if start not in unit_of or in_ranges(doc[start].idx, excluded):
                continue
            if any(q.contains(doc[start].idx) for q in quotes):
                continue
            cls = doc.vocab.strings[match_id]
            att = self._from_marker(doc, doc[start:end], cls, units[unit_of[start]], quotes)
            if att is not None:
                found.append(att)
        found = _drop_nested(found, quotes)
        found.extend(self._floating(doc, quotes, found, units, unit_of, excluded))
        found.sort(key=lambda a: a.content)
        doc._.attributions = found
        return doc

    # -- reporting verbs -----------------------------------------------------------------

    def _from_cue(
        self, doc: Doc, verb: Token, match_end: int, unit: Span, quotes: list[Quote]
    ) -> list[RawAttribution]:
        lemma = normalise(doc[verb.i : match_end].lemma_)
        stance = self.verbs.get(lemma, self.verbs.get(normalise(verb.lemma_), "neutral"))
        cue = self._cue_span(doc, verb, match_end)
        if _bare_past_participle(verb, cue):
            return []  # Interrogé vendredi, … / publié dimanche: an adjunct, not a cue
        before = _prev_word(doc, cue.start, unit.start)
        clitic = self._clitic_subject(doc, cue)
        inverted = before is not None and (
            before.text in {",", "—", "–", "("} or before.text in QUOTE_MARKS
        )
        if inverted and (
            clitic is not None
            or (
                self._starts_np(doc, cue.end, unit.end)
                and not _has_left_subject(verb, unit)
                and (before.text in QUOTE_MARKS or _has_verb(doc, unit.start, before.i))
            )
        ):
            return self._incise(doc, verb, cue, lemma, stance, clitic, before, unit, quotes)
        if clitic is not None and before is None:
            return []
        postposed = self._postposed(doc, verb, cue, lemma, stance, unit, quotes)
        if postposed:
            return postposed
        return self._preposed(doc, verb, cue, lemma, stance, unit, quotes)

    def _postposed(self, doc, verb, cue, lemma, stance, unit, quotes) -> list[RawAttribution]:
        """CONTENT, SPEAKER CUE. / “QUOTE,” SPEAKER CUE (in a statement): the reporting clause
        closes the sentence, its subject right after a comma or a closing quotation mark."""
        speaker = self._subject(doc, verb, cue, unit)
        if speaker is None or speaker.start >= cue.start:
            return []
        before = _prev_word(doc, speaker.start, unit.start)
        if before is None or not (before.text == "," or before.text in QUOTE_MARKS):
            return []
        rest = doc[cue.end : unit.end]
        rest = doc[cue.end : _relay_start(doc, cue.end, unit.end, self.relay_verbs)]
        complement = any(
            t.pos_ == "VERB"
            or t.text in QUOTE_MARKS
            or t.text == ":"
            or normalise(t.text) in self.complementisers
            for t in rest
        )
        if complement and not _ends_with_second_quote(doc, rest, quotes):
            return []  # the cue has a complement of its own: not a closing reporting clause
        cue_span = doc[cue.start : cue.end]
        edge = before.idx + len(before.text) if before.text in QUOTE_MARKS else before.idx
        quote = _quote_ending_at(quotes, edge, doc_text(doc))
        if quote is not None and quote.start >= unit.start_char - 1:
            results = [
                RawAttribution(
                    "direct", (quote.inner_start, quote.inner_end), cue_span, lemma, stance, speaker
                )
            ]
            follow = next((q for q in quotes if cue.end_char <= q.start < unit.end_char), None)
            if follow is not None:
                results.append(_direct(follow, cue_span, lemma, stance, speaker))
            return results
        if not _has_verb(doc, unit.start, before.i):
            return []
        content = _trim_chars(doc_text(doc), unit.start_char, before.idx)
        if content[1] - content[0] < 3 or self._is_question(doc, unit.start):
            return []
        kind = "mixed" if _has_quote(quotes, *content) else "indirect"
        return [RawAttribution(kind, content, cue_span, lemma, stance, speaker)]

    def _is_question(self, doc: Doc, i: int) -> bool:
        """Content that opens with whether / si / how: an indirect question, not a statement."""
        return i < len(doc) and normalise(doc[i].text) in self.question_words

    def _cue_span(self, doc: Doc, verb: Token, match_end: int) -> Span:
        start = verb.i
        for child in verb.children:
            if child.dep_.startswith("aux") and child.i < verb.i and verb.i - child.i <= 4:
                start = min(start, child.i)
        end = match_end
        while end < len(doc) and doc[end].text.startswith("-") and len(doc[end].text) > 1:
            end += 1  # précise-t-il
        return doc[start:end]

    def _clitic_subject(self, doc: Doc, cue: Span) -> Token | None:
        for tok in cue:
            if tok.text.startswith("-") and normalise(tok.text) in self.clitics:
                return tok
        return None

    def _starts_np(self, doc: Doc, i: int, end: int) -> bool:
        i = self._skip_indirect_object(doc, i, end)
        return (
            i < end
            and doc[i].pos_ in {"DET", "PROPN", "NOUN", "PRON"}
            and normalise(doc[i].text) not in self.complementisers
        )

    def _skip_indirect_object(self, doc: Doc, i: int, end: int) -> int:
        """Skip "à l'AFP", "mardi" and the like between a cue and what follows it."""
        steps = 0
        while i < end and steps < 8:
            word = normalise(doc[i].text)
            if word in self.skip_adverbs or (
                doc[i].pos_ == "ADV" and word not in self.complementisers
            ):
                i, steps = i + 1, steps + 1
            elif word in self.skip_prepositions:
                j = i + 1
                while j < end and doc[j].pos_ in _NP_POS and doc[j].text not in _STOP_PUNCT:
                    j += 1
                i, steps = j, steps + 1
            else:
                break
        return i

    def _incise(self, doc, verb, cue, lemma, stance, clitic, before, unit, quotes):
        if clitic is not None:
            speaker = _clitic_span(doc, clitic)
            after = cue.end
        else:
            start = self._skip_indirect_object(doc, cue.end, unit.end)
            speaker = _np_forward(doc, start, unit.end)
            after = speaker.end if speaker is not None else cue.end
        cue_span = doc[cue.start : cue.end]
        results = []
        edge = before.idx + len(before.text) if before.text in QUOTE_MARKS else before.idx
        quote_before = _quote_ending_at(quotes, edge, doc_text(doc))
        if quote_before is not None and quote_before.start >= unit.start_char:
            results.append(_direct(quote_before, cue_span, lemma, stance, speaker))
            nxt = next_word(doc, after, unit.end)
            if nxt is not None and nxt.text == ",":
                nxt = next_word(doc, nxt.i + 1, unit.end)
            if nxt is not None and nxt.text in QUOTE_MARKS:
                follow = next((q for q in quotes if q.start == nxt.idx), None)
                if follow is not None:
                    results.append(_direct(follow, cue_span, lemma, stance, speaker))
            return results
        content_end = before.idx
        content_start = unit.start_char
        if content_end - content_start < 3:
            return []
        kind = "mixed" if _has_quote(quotes, content_start, content_end) else "indirect"
        content = _trim_chars(doc_text(doc), content_start, content_end)
        return [RawAttribution(kind, content, cue_span, lemma, stance, speaker)]

    def _preposed(self, doc, verb, cue, lemma, stance, unit, quotes):
        passive = self._is_passive(doc, verb, cue)
        speaker = self._subject(doc, verb, cue, unit)
        if self._restrictive(doc, next_word(doc, cue.end, unit.end) or verb, unit):
            return []  # il n'a proposé qu'une hausse: a restriction, not a content clause
        if passive:
            if lemma in self.active_only:
                return []  # "a été lancé par" is not "a lancé" in the sense of saying
            return self._passive(doc, verb, cue, lemma, stance, unit, quotes)
        i = self._skip_indirect_object(doc, cue.end, unit.end)
        nxt = next_word(doc, i, unit.end)
        if nxt is None:
            return []
        complementiser = self._complementiser_near(doc, nxt, unit)
        kind, content = None, None
        if complementiser is not None:
            start = next_word(doc, complementiser.i + 1, unit.end)
            if start is not None:
                content = _unwrap(quotes, (start.idx, self._clause_end(doc, start.i, unit)))
        elif nxt.text == ":":
            start = next_word(doc, nxt.i + 1, unit.end)
            if start is not None:
                quote = next((q for q in quotes if q.start == start.idx), None)
                if quote is not None and quote.end >= self._clause_end(doc, start.i, unit) - 1:
                    kind, content = "direct", (quote.inner_start, quote.inner_end)
                else:
                    content = (start.idx, self._clause_end(doc, start.i, unit))
        else:
            content = self._infinitive_or_noun(doc, verb, lemma, nxt, unit)
            if content is None:
                content = self._bare_clause(doc, verb, nxt, unit)
            if content is None and self._quote_in_object(doc, nxt, unit, quotes):
                # a quoted fragment as object: Il a dénoncé « une frontière de la honte »
                end = self._clause_end(doc, nxt.i, unit)
                inside = [q.end for q in quotes if nxt.idx <= q.start < end]
                kind, content = "mixed", (nxt.idx, max(inside) if inside else end)
        if content is None or content[1] <= content[0]:
            return []
        content = _cover_quotes(quotes, content)
        first = doc.char_span(content[0], content[1], alignment_mode="expand")
        if first is not None and len(first) and self._is_question(doc, first.start):
            return []
        if kind is None:
            kind = "mixed" if _has_quote(quotes, *content) else "indirect"
        return [RawAttribution(kind, content, doc[cue.start : cue.end], lemma, stance, speaker)]

    def _complementiser_near(self, doc: Doc, nxt: Token, unit: Span) -> Token | None:
        """The que / that opening the content, right after the cue or after a short aside
        ("a déclaré, mardi, que"; "relèvent par ailleurs que"). Not the que of a restriction
        (la direction n'aurait proposé qu'une hausse)."""
        if self._restrictive(doc, nxt, unit):
            return None
        if normalise(nxt.text) in self.complementisers:
            return nxt
        for j in range(nxt.i, min(nxt.i + 7, unit.end)):
            tok = doc[j]
            if normalise(tok.text) in self.complementisers:
                return tok
            if tok.pos_ in {"VERB", "AUX"} or tok.text in {".", ";", ":", "!", "?"}:
                return None
            if tok.text in QUOTE_MARKS:
                return None
        return None

    def _restrictive(self, doc: Doc, nxt: Token, unit: Span) -> bool:
        """A negation "ne" before the cue with no "pas"/"jamais" after it: ne ... que."""
        if not self.restriction:
            return False
        start = max(unit.start, nxt.i - 6)
        negated = any(normalise(t.text) in self.restriction["negation"] for t in doc[start : nxt.i])
        closed = any(
            normalise(t.text) in self.restriction["closers"] for t in doc[start : nxt.i + 1]
        )
        return negated and not closed

    def _quote_in_object(self, doc: Doc, nxt: Token, unit: Span, quotes: list[Quote]) -> bool:
        """A quotation opens within the first words of the cue's object."""
        for j in range(nxt.i, min(nxt.i + 6, unit.end)):
            tok = doc[j]
            if tok.text in QUOTE_MARKS and any(q.start == tok.idx for q in quotes):
                return True
            if tok.pos_ in {"VERB", "AUX"} or tok.text in {".", ";", "!", "?"}:
                return False
        return False

    def _is_passive(self, doc: Doc, verb: Token, cue: Span) -> bool:
        if any(c.dep_ == "aux:pass" and c.i < verb.i for c in verb.children):
            return True
        return any(normalise(t.text) in {"été", "been"} for t in cue)

    def _passive(self, doc, verb, cue, lemma, stance, unit, quotes):
        """A été confirmé par X: the subject is the content, the agent the speaker; a passive
        with no agent (il est accusé d'avoir...) attributes nothing."""
        nxt = next_word(doc, cue.end, unit.end)
        if nxt is None or normalise(nxt.text) not in self.agent_markers:
            nxt = next_word(doc, self._skip_indirect_object(doc, cue.end, unit.end), unit.end)
        if nxt is None or normalise(nxt.text) not in self.agent_markers:
            return []
        speaker = _np_forward(doc, nxt.i + 1, unit.end)
        content = _trim_chars(doc_text(doc), unit.start_char, cue.start_char)
        if speaker is None or content[1] - content[0] < 3:
            return []
        kind = "mixed" if _has_quote(quotes, *content) else "indirect"
        return [RawAttribution(kind, content, doc[cue.start : cue.end], lemma, stance, speaker)]

    def _bare_clause(self, doc: Doc, verb: Token, nxt: Token, unit: Span):
        """A content clause with no complementiser (Officials said the talks had stalled):
        the cue's clausal complement, starting right where the object would."""
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > verb.i:
                left = min(t.i for t in child.subtree)
                if left == nxt.i and any(c.dep_.startswith("nsubj") for c in child.children):
                    return (doc[left].idx, self._clause_end(doc, left, unit))
        return None

    def _infinitive_or_noun(self, doc, verb, lemma, nxt, unit) -> tuple[int, int] | None:
        tok = nxt
        with_de = normalise(tok.text) in {"de", "d'"}
        if (with_de or normalise(tok.text) == "to") and tok.i + 1 < unit.end:
            tok = doc[tok.i + 1]
        if normalise(tok.text) in {"ne", "n'", "not"} and tok.i + 1 < unit.end:
            tok = doc[tok.i + 1]
            if normalise(tok.text) in {"pas", "jamais", "plus"} and tok.i + 1 < unit.end:
                tok = doc[tok.i + 1]
        infinitive = "Inf" in tok.morph.get("VerbForm") or (tok.tag_ == "VB" and nxt.text == "to")
        if infinitive and (not with_de or lemma in self.infinitive_with_de):
            return (nxt.idx, self._clause_end(doc, tok.i, unit))
        for child in verb.children:
            if (
                child.dep_ in {"obj", "dobj"}
                and child.i > verb.i
                and normalise(child.lemma_) in self.statement_nouns
            ):
                tokens = [t for t in child.subtree if t.i > verb.i and t.i < unit.end]
                if not tokens:  # the object's words lie past the unit (a misparse)
                    continue
                left, right = min(t.i for t in tokens), max(t.i for t in tokens)
                return (
                    doc[left].idx,
                    min(doc[right].idx + len(doc[right].text), self._clause_end(doc, left, unit)),
                )
        return None

    def _clause_end(self, doc: Doc, i: int, unit: Span) -> int:
        """Where a content clause ends: the sentence end, a semicolon, or a coordinated second
        reporting verb (…, but said …; … et a ajouté …)."""
        end = unit.end
        for j in range(i, unit.end):
            if doc[j].text in _CLAUSE_END:
                end = j
                break
            if (
                doc[j].pos_ == "CCONJ"
                and j > i
                and any(
                    normalise(t.lemma_) in self.verbs and t.pos_ == "VERB"
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

    def _subject(self, doc: Doc, verb: Token, cue: Span, unit: Span) -> Span | None:
        """The speaker of a preposed cue: its agent or subject, within the sentence and never
        inside quoted words (the small parsers link across sentence ends)."""
        quotes = doc._.quotes or []

        def usable(tok: Token) -> bool:
            return unit.start <= tok.i < unit.end and not any(q.contains(tok.idx) for q in quotes)

        agent = None
        for child in verb.children:
            if child.dep_ in {"obl:agent", "agent"} and child.i > verb.i and usable(child):
                agent = child
        if agent is not None:
            return _noun_phrase(agent)
        for child in verb.children:
            if (
                child.dep_.startswith("nsubj")
                and child.i < verb.i
                and not child.dep_.endswith("pass")
                and usable(child)
            ):
                if normalise(child.text) in self.relatives and verb.dep_.startswith("acl"):
                    return _noun_phrase(verb.head)
                return _noun_phrase(child)
        # passive with "par X" after the verb, unparsed
        nxt = next_word(doc, cue.end, unit.end)
        if nxt is not None and normalise(nxt.text) in self.agent_markers:
            span = _np_forward(doc, nxt.i + 1, unit.end)
            if span is not None:
                return span
        if verb.dep_ == "conj" and verb.head.i < verb.i:
            return self._subject(doc, verb.head, doc[verb.head.i : verb.head.i + 1], unit)
        for child in verb.children:
            if child.dep_.startswith("nsubj") and child.i < verb.i and usable(child):
                return _noun_phrase(child)
        return None

    # -- markers ---------------------------------------------------------------------------

    def _from_marker(self, doc, marker: Span, cls: str, unit: Span, quotes):
        """Selon X, CLAUSE / CLAUSE, selon X / Y, selon X, CLAUSE / X, cité par Y, ..."""
        first = next_word(doc, unit.start, unit.end)
        at_start = first is not None and first.i == marker.start
        if cls == "opinion" and not at_start:
            return None
        if normalise(marker.text) in self.relay_markers:
            return self._relay(doc, marker, unit, quotes)
        np_start = marker.end - 1 if cls == "de_source" else marker.end  # de [source policière]
        speaker = _np_forward(doc, np_start, unit.end)
        if speaker is None:
            return None
        if normalise(marker.text) in self.guarded_markers and speaker[0].pos_ not in {
            "DET",
            "PROPN",
        }:
            return None  # "per cent", "per year": this marker needs a named source after it
        if cls == "opinion" and not _is_person_like(speaker):
            return None
        after = next_word(doc, speaker.end, unit.end)
        before = _prev_word(doc, marker.start, unit.start)
        follows = after is not None and after.text == ","
        if at_start or (
            follows
            and before is not None
            and before.text == ","
            and not _has_verb(doc, unit.start, before.i)
        ):
            # the marker scopes the clause after it ("En France, selon l'Insee, la hausse ...")
            start = next_word(doc, speaker.end + (1 if follows else 0), unit.end)
            if start is None:
                return None
            content = (start.idx, self._clause_end(doc, start.i, unit))
        elif (
            before is not None
            and before.text == ","
            and (after is None or after.text in {".", "!", "?", ";", "…"})
        ):
            content = _trim_chars(doc_text(doc), unit.start_char, before.idx)
        else:
            content = (unit.start_char, self._clause_end(doc, unit.start, unit))
        if content[1] - content[0] < 3:
            return None
        kind = "according_to"
        quote = _sole_quote(quotes, content)
        if quote is not None:
            kind, content = "direct", (quote.inner_start, quote.inner_end)
        return RawAttribution(kind, content, marker, normalise(marker.text), "neutral", speaker)

    def _relay(self, doc, marker: Span, unit: Span, quotes) -> RawAttribution | None:
        """X, cité par Reuters, ... : X is the speaker; nothing when a reporting verb in the
        sentence already attributes the words to X."""
        if any(
            normalise(t.lemma_) in self.verbs and t.pos_ in {"VERB", "AUX"}
            for t in doc[marker.end : unit.end]
        ):
            return None
        before = _prev_word(doc, marker.start, unit.start)
        if before is None or before.text != ",":
            return None
        speaker = _np_forward(doc, unit.start, before.i)
        outlet = _np_forward(doc, marker.end, unit.end)
        if speaker is None or outlet is None:
            return None
        rest = next_word(doc, outlet.end + 1, unit.end)
        if rest is None:
            return None
        quote = next((q for q in quotes if q.start >= rest.idx), None)
        if quote is not None:
            kind, content = "direct", (quote.inner_start, quote.inner_end)
        else:
            kind, content = "according_to", (rest.idx, self._clause_end(doc, rest.i, unit))
        return RawAttribution(kind, content, marker, normalise(marker.text), "neutral", speaker)

    # -- quotations left over --------------------------------------------------------------

    def _floating(self, doc, quotes, found, units, unit_of, excluded) -> list[RawAttribution]:
        covered = [a.content for a in found]
        results = []
        for q in quotes:
            if in_ranges(q.start, excluded):
                continue
            if any(s <= q.inner_start and q.inner_end <= e for s, e in covered):
                continue
            words = len(doc_text(doc)[q.inner_start : q.inner_end].split())
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            unit_index = unit_of.get(span.start)
            if unit_index is None:
                continue
            unit = units[unit_index]
            standalone = q.start <= unit.start_char + 1 and q.end >= unit.end_char - 2
            if words < _MIN_FLOATING_WORDS and not standalone:
                continue  # a scare quote, a title or a term in the writer's voice
            if not standalone and words < 8:
                continue
            results.append(
                RawAttribution(
                    "direct",
                    (q.inner_start, q.inner_end),
                    None,
                    None,
                    None,
                    None,
                    floating=True,
                    extra={"unit": unit_index},
                )
            )
        return results


# -- helpers over tokens -----------------------------------------------------------------


def _relay_start(doc: Doc, i: int, end: int, relay_verbs: set[str]) -> int:
    """Where a trailing ", citing …" starts after a reporting clause (else ``end``)."""
    for j in range(i, end):
        if doc[j].lemma_ in relay_verbs and j > i and doc[j - 1].text == ",":
            return j - 1
    return end


def _bare_past_participle(verb: Token, cue: Span) -> bool:
    """A past participle with no auxiliary (French: Interrogé, cité, publié)."""
    morph = verb.morph
    return (
        "Part" in morph.get("VerbForm")
        and "Past" in morph.get("Tense")
        and len(cue) == 1
        and verb.tag_ not in {"VBD", "VBN"}
        and verb.dep_ != "conj"  # a dénoncé … et rappelé que: the auxiliary is shared
    )


def _ends_with_second_quote(doc: Doc, rest: Span, quotes: list[Quote]) -> bool:
    """After the reporting clause only a comma and a second quotation (“A,” she said, “B.”)."""
    words = [t for t in rest if not t.is_space]
    if not words:
        return True
    first_mark = next((t for t in words if t.text in QUOTE_MARKS), None)
    return (
        first_mark is not None
        and not any(t.text == ":" for t in words[: words.index(first_mark)])
        and all(
            t.pos_ in {"ADP", "DET", "NOUN", "PROPN", "PUNCT", "ADV"} or t.text in QUOTE_MARKS
            for t in words[: words.index(first_mark)]
        )
        and any(q.start == first_mark.idx for q in quotes)
    )


def _has_left_subject(verb: Token, unit: Span) -> bool:
    """The cue has a subject before it in the sentence, outside any quotation."""
    quotes = verb.doc._.quotes or []
    return any(
        c.dep_.startswith("nsubj")
        and unit.start <= c.i < verb.i
        and not any(q.contains(c.idx) for q in quotes)
        for c in verb.children
    )


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    return any(
        doc[i].pos_ in {"VERB", "AUX"} and doc[i].text not in QUOTE_MARKS for i in range(start, end)
    )


def _prev_word(doc: Doc, i: int, start: int) -> Token | None:
    i -= 1
    while i >= start and doc[i].is_space:
        i -= 1
    return doc[i] if i >= start else None


def _quote_ending_at(quotes: list[Quote], position: int, text: str) -> Quote | None:
    for q in quotes:
        if q.end <= position and text[q.end : position].strip() == "":
            return q
    return None


def _direct(quote: Quote, cue: Span, lemma: str, stance: str, speaker) -> RawAttribution:
    """A direct attribution: the quoted words, without their marks."""
    return RawAttribution(
        "direct", (quote.inner_start, quote.inner_end), cue, lemma, stance, speaker
    )


def _cover_quotes(quotes: list[Quote], content: tuple[int, int]) -> tuple[int, int]:
    """Never cut a quotation in two: a content that opens one runs to its closing mark."""
    start, end = content
    for q in quotes:
        if start <= q.start < end < q.end:
            end = q.end
    return start, end


def _sole_quote(quotes: list[Quote], content: tuple[int, int]) -> Quote | None:
    """The quotation that is (nearly) all of ``content``, if any."""
    for q in quotes:
        inside = q.start >= content[0] - 1 and q.end <= content[1] + 1
        if inside and q.inner_end - q.inner_start >= (content[1] - content[0]) * 0.8:
            return q
    return None


def _has_quote(quotes: list[Quote], start: int, end: int) -> bool:
    return any(start - 1 <= q.start and q.end <= end + 1 for q in quotes)


def _unwrap(quotes: list[Quote], content: tuple[int, int]) -> tuple[int, int]:
    """A content that is exactly one quotation loses its marks: que "le gouvernement…"."""
    for q in quotes:
        if q.start == content[0] and q.end >= content[1]:
            return (q.inner_start, q.inner_end)
    return content


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def _clitic_span(doc: Doc, clitic: Token) -> Span:
    """The clitic "-il" as a span; the report trims the hyphen through char offsets."""
    return doc[clitic.i : clitic.i + 1]


def _np_forward(doc: Doc, i: int, end: int) -> Span | None:
    """The noun phrase that starts at token ``i`` (inverted subjects, marker objects)."""
    i_start = i
    while i_start < end and doc[i_start].is_space:
        i_start += 1
    j = i_start
    while j < end:
        tok = doc[j]
        if tok.text in _STOP_PUNCT or tok.text in QUOTE_MARKS or tok.is_space:
            break
        low = tok.text.lower()
        if (
            tok.pos_ in _NP_POS
            or low in _NP_LINKS
            or (tok.pos_ == "ADP" and low in {"de", "d'", "d’"})
        ):
            if tok.pos_ == "PRON" and j > i_start and low in {"qui", "que", "dont", "who", "which"}:
                break
            j += 1
            continue
        if (
            tok.pos_ == "ADP"
            and j > i_start
            and low in {"à", "au", "aux", "en", "pour", "of", "for", "at"}
            and _names_an_office(doc, j + 1, end)
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
        doc[j - 1].pos_ in {"ADP", "CCONJ", "DET"} or doc[j - 1].lower_ in _NP_LINKS
    ):
        j -= 1
    return doc[i_start:j] if j > i_start else None


def _names_an_office(doc: Doc, i: int, end: int) -> bool:
    """After "à" / "of": a capitalised field ("ministre délégué aux Transports")."""
    while i < end and doc[i].pos_ == "DET":
        i += 1
    return i < end and doc[i].pos_ in {"NOUN", "PROPN"} and doc[i].text[:1].isupper()


def _noun_phrase(head: Token) -> Span:
    """The smallest noun phrase around ``head``: its subtree, cut at commas, relative clauses,
    appositions and verbs, so "Jeanne Marty, ministre de la Santé" gives "Jeanne Marty"."""
    doc = head.doc
    left = head.i
    while left - 1 >= 0:
        tok = doc[left - 1]
        if tok.is_punct or tok.is_space or tok.head.i < left - 1 or not _in_subtree(tok, head):
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
        if not _in_subtree(tok, head):
            break
        right += 1
    while right - 1 > head.i and doc[right - 1].pos_ in {"ADP", "CCONJ", "DET", "ADV", "PART"}:
        right -= 1
    while left < head.i and doc[left].pos_ in {"CCONJ", "ADP", "PUNCT"}:
        left += 1
    return doc[left:right]


def _in_subtree(tok: Token, head: Token) -> bool:
    while tok.i != head.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _is_person_like(span: Span) -> bool:
    return any(t.ent_type_ in {"PER", "PERSON"} or t.pos_ == "PROPN" for t in span) or (
        any(t.pos_ == "NOUN" for t in span) and span[0].pos_ == "DET"
    )


def _drop_nested(found: list[RawAttribution], quotes: list[Quote]) -> list[RawAttribution]:
    """One attribution per content: drop duplicates and those nested in another's content."""
    kept: list[RawAttribution] = []
    for att in sorted(found, key=lambda a: (a.content[0], -(a.content[1] - a.content[0]))):
        dup = False
        for other in kept:
            s, e = other.content
            if att.content == other.content or (
                s <= att.content[0]
                and att.content[1] <= e
                and att.cue is not None
                and other.cue is not None
                and s <= att.cue.start_char < e
            ):
                dup = True
                break
        if not dup:
            kept.append(att)
    return kept
