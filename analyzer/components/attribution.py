"""Attributions: reporting verbs, incises, according-to markers and quotations, with speakers.

One engine for every language: the reporting verbs, statement nouns and markers come from the
language's lexicons, the grammar words from its ``profile.toml``, and the constructions of news
writing (docs/annotation.md section 1) are the ordered tables of ``constructions.py``. This module
finds the cues and markers, runs the tables over them, drops nested duplicates and gives the
quotations left over (floating quotations) to the sources component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from analyzer.components.constructions import (
    CUE_CONSTRUCTIONS,
    MARKER_CONSTRUCTIONS,
    NOUN_CONSTRUCTIONS,
    QUOTE_CONSTRUCTIONS,
    SPEAKER_REFINEMENTS,
    CueContext,
    Grammar,
    MarkerContext,
    NounContext,
    QuoteContext,
    first_applying,
    incise_inside_quotation,
)
from analyzer.components.matching import lemma_matcher
from analyzer.components.quotes import Quote, doc_text
from analyzer.components.records import PARSE, RawAttribution
from analyzer.components.segments import in_ranges
from analyzer.components.spans import columns, prev_word
from analyzer.lexicons import normalise

__all__ = ["AttributionFinder", "RawAttribution", "make_attribution"]

_MIN_FLOATING_WORDS = 4


@Language.factory(
    "analyzer_attribution",
    assigns=["doc._.attributions"],
    requires=[
        "doc._.quotes",
        "doc._.units",
        "doc._.excluded",
        *PARSE,
    ],
    default_config={"lang": None},
)
def make_attribution(nlp: Language, name: str, lang: str | None) -> AttributionFinder:
    return AttributionFinder(nlp, lang or nlp.lang)


def _adverbial(tok) -> bool:
    """A word that may stand between an auxiliary and its participle (a en outre rappelé, has
    also said): an adverb, or a word of a fixed adverbial phrase."""
    return (
        tok.pos_ == "ADV"
        or tok.dep_ in {"advmod", "fixed"}
        or any(k.dep_ == "fixed" for k in tok.children)
    )


class AttributionFinder:
    """Sets ``doc._.attributions``: ``RawAttribution`` records in text order."""

    def __init__(self, nlp: Language, lang: str) -> None:
        if not Doc.has_extension("attributions"):
            Doc.set_extension("attributions", default=None)
        self.lang = lang
        self.grammar = Grammar(lang)
        self.cue_matcher = lemma_matcher(nlp.vocab, [("CUE", v) for v in self.grammar.verbs])
        self.report_noun_matcher = lemma_matcher(
            nlp.vocab, [("REPORT", n) for n in self.grammar.report_nouns]
        )
        self.marker_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, cls in self.grammar.markers.items():
            variants = {phrase, phrase.replace("'", "’")}
            self.marker_matcher.add(cls, [nlp.make_doc(v) for v in variants])
        self.as_matcher = _as_clause_matcher(nlp, self.grammar)
        self.form_ids = {
            get_string_id(form)
            for form in (*self.grammar.verb_forms, *self.grammar.verb_phrase_forms)
        }

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes or []
        excluded = doc._.excluded or []
        units: list[Span] = doc._.units or []
        unit_of = {}
        for index, unit in enumerate(units):
            for tok in unit:
                unit_of[tok.i] = index
        found: list[RawAttribution] = []
        idle: dict[int, list[CueContext]] = {}  # cues that attributed nothing, by unit
        markers = list(self.marker_matcher(doc))
        if len(self.as_matcher):
            markers += self.as_matcher(doc)
        markers = _longest(markers)
        as_verb = doc.vocab.strings["as_verb"]
        in_markers = {i for m, start, end in markers if m == as_verb for i in range(start, end)}
        for start, end, lemma in self._cues(doc):
            verb = doc[start]
            if verb.i not in unit_of or in_ranges(verb.idx, excluded) or verb.i in in_markers:
                continue  # (comme l'a signalé X: the verb is the marker's)
            unit = units[unit_of[verb.i]]
            inside = next((q for q in quotes if q.contains(verb.idx)), None)
            if inside is not None:
                # the speaker's own words (docs/annotation.md 1), unless the writer's incise
                context = self._cue_context(doc, verb.i, end, lemma, unit, quotes)
                found.extend(incise_inside_quotation(self.grammar, context, inside))
                continue
            context = self._cue_context(doc, verb.i, end, lemma, unit, quotes)
            results = first_applying(CUE_CONSTRUCTIONS, self.grammar, context)
            found.extend(results)
            if not results:
                idle.setdefault(unit_of[verb.i], []).append(context)
        for _, start, _ in self.report_noun_matcher(doc):
            tok = doc[start]
            if (
                tok.pos_ != "NOUN"
                or tok.i not in unit_of
                or any(q.contains(tok.idx) for q in quotes)
            ):
                continue
            context = NounContext(doc, tok, units[unit_of[tok.i]], quotes)
            found.extend(first_applying(NOUN_CONSTRUCTIONS, self.grammar, context))
        for match_id, start, end in markers:
            if start not in unit_of or in_ranges(doc[start].idx, excluded):
                continue
            if any(q.contains(doc[start].idx) for q in quotes):
                continue
            cls = doc.vocab.strings[match_id]
            context = MarkerContext(doc, doc[start:end], cls, units[unit_of[start]], quotes)
            found.extend(first_applying(MARKER_CONSTRUCTIONS, self.grammar, context))
        for att in found:
            for _, refine in SPEAKER_REFINEMENTS:
                refine(self.grammar, doc, att, units, unit_of)
        found = _drop_nested(found)
        floating = self._floating(doc, quotes, found, units, unit_of, excluded)
        found.extend(self._complete(doc, att, idle, units) for att in floating)
        found.sort(key=lambda a: a.content)
        doc._.attributions = found
        return doc

    def _cues(self, doc: Doc) -> list[tuple[int, int, str | None]]:
        """Reporting verbs as ``(start, end, lemma)``: by lemma where the model tags a verb, and
        by inflected form where it mistags or mislemmatises one ("RFI note que", "signale"),
        unless a determiner or preposition makes the form a noun (la note, un signal)."""
        cues = {
            start: (start, end, None)
            for _, start, end in self.cue_matcher(doc)
            if doc[start].pos_ in {"VERB", "AUX"}
        }
        forms = self.grammar.verb_forms  # a dictionary lookup a token: no matcher to build
        phrases = self.grammar.verb_phrase_forms
        known = self.form_ids  # the forms' hashes: the token columns, no Token per word
        for i, key in enumerate(columns(doc).lower if forms else ()):
            if key not in known or i in cues:
                continue
            tok = doc[i]
            start = tok.i
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.pos_ in {"DET", "ADP"} and before.text != "-":
                continue
            if doc[start].text[:1].isupper() and not self._opens_with_clause(doc, start):
                continue  # a name (Note, Signal), unless a verb opening a sentence before que
            for rest, lemma in phrases.get(tok.lower_, ()):
                end = start + 1 + len(rest)
                if tuple(t.lower_ for t in doc[start + 1 : end]) == rest:
                    cues[start] = (start, end, lemma)  # qui laisse entendre (lemma "laisse")
                    break
            else:
                if tok.lower_ in forms:
                    cues[start] = (start, start + 1, forms[tok.lower_])
        return sorted(cues.values())

    def _opens_with_clause(self, doc: Doc, i: int) -> bool:
        """Estimant que … / Rappelant que …: a capitalised form opening its sentence before a
        complementiser is the verb the model mistagged, not a name."""
        before = doc[i - 1] if i > 0 else None
        opens = before is None or before.is_punct or before.is_space or doc[i].is_sent_start
        after = doc[i + 1] if i + 1 < len(doc) else None
        return opens and after is not None and after.lower_ in self.grammar.complementisers

    def _cue_context(
        self,
        doc: Doc,
        i: int,
        match_end: int,
        form_lemma: str | None,
        unit: Span,
        quotes: list[Quote],
    ) -> CueContext:
        verb = doc[i]
        lemma = form_lemma or normalise(doc[i:match_end].lemma_)
        verbs = self.grammar.verbs
        stance = verbs.get(lemma, verbs.get(normalise(verb.lemma_), "neutral"))
        start = verb.i
        for child in verb.children:
            if child.dep_.startswith("aux") and child.i < verb.i and verb.i - child.i <= 4:
                start = min(start, child.i)
        before = start - 1  # a en outre rappelé: the parse hangs the auxiliary on the adverb
        while before > unit.start and start - before <= 3 and _adverbial(doc[before]):
            before -= 1
        if before < start - 1 and doc[before].pos_ == "AUX":
            start = before
        end = match_end
        while end < len(doc) and doc[end].text.startswith("-") and len(doc[end].text) > 1:
            end += 1  # précise-t-il
        cue = doc[start:end]
        before = prev_word(doc, self.grammar.before_clitics(doc, cue.start, unit), unit.start)
        clitic = self.grammar.clitic_subject(cue)
        return CueContext(doc, verb, cue, lemma, stance, unit, quotes, before, clitic)

    def _complete(
        self, doc: Doc, att: RawAttribution, idle: dict[int, list[CueContext]], units: list[Span]
    ) -> RawAttribution:
        """A quotation with no construction of its own takes a reporting verb that attributed
        nothing in its sentence, or in the next sentence of its paragraph when the quotation is
        a sentence of its own (« … ». Le ministre a rappelé mercredi l'importance du sujet)."""
        if att.cue is not None:
            return att  # an incise of its own (« … », coupe le juge)
        index = att.extra["unit"]
        candidates = list(idle.get(index, []))
        if not candidates and index + 1 < len(units):
            unit, after = units[index], units[index + 1]
            between = doc_text(doc)[unit.end_char : after.start_char]
            quote_is_unit = att.content[0] <= unit.start_char + 2
            if "\n" not in between and quote_is_unit:
                candidates = idle.get(index + 1, [])
        for context in candidates:
            speaker = self.grammar.subject(doc, context.verb, context.cue, context.unit)
            head = context.verb.head
            if (
                speaker is None
                and "Inf" in context.verb.morph.get("VerbForm")
                and head.i != (context.verb.i)
            ):  # a pris la plume pour annoncer …: the one who took it, not the object
                speaker = self.grammar.subject(doc, head, doc[head.i : head.i + 1], context.unit)
            elif speaker is None:
                start = self.grammar.skip_indirect_object(doc, context.cue.end, context.unit.end)
                speaker = self.grammar.np_forward(doc, start, context.unit.end)
            if speaker is not None and not (att.content[0] <= speaker.start_char < att.content[1]):
                return context.record("direct", att.content, speaker)
        return att

    def _floating(self, doc, quotes, found, units, unit_of, excluded) -> list[RawAttribution]:
        covered = [a.content for a in found]
        results = []
        for q in quotes:
            if in_ranges(q.start, excluded):
                continue
            if any(s <= q.inner_start and q.inner_end <= e for s, e in covered):
                continue
            if any(a.extra.get("split") == q.start for a in found):
                continue
            words = len(doc_text(doc)[q.inner_start : q.inner_end].split())
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            unit_index = unit_of.get(span.start)
            if unit_index is None:
                continue
            unit = units[unit_index]
            incise = first_applying(QUOTE_CONSTRUCTIONS, self.grammar, QuoteContext(doc, q, unit))
            if incise:
                results.extend(incise)
                continue
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


def _as_clause_matcher(nlp: Language, grammar: Grammar) -> Matcher:
    """Comme l'a signalé le parquet / ainsi que le rapporte X: an as-clause opener, a clitic, an
    optional auxiliary and any reporting verb (by lemma or known form), matched as an
    ``as_verb`` marker (profile as_clause_openers, as_clause_clitics)."""
    matcher = Matcher(nlp.vocab)
    clitics = {"LOWER": {"IN": sorted(grammar.as_clause_clitics)}}
    aux = {"POS": "AUX", "OP": "?"}
    verbs = [
        {"LEMMA": {"IN": sorted(grammar.verbs)}},
        {"LOWER": {"IN": sorted(grammar.verb_forms)}},
    ]
    for opener in grammar.as_clause_openers:
        words = [{"LOWER": w} for w in opener.split()]
        matcher.add("as_verb", [[*words, clitics, aux, verb] for verb in verbs])
    return matcher


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """One match per start, the longest, in text order, and none inside another (not
    "reported by" inside "as reported by")."""
    best: dict[int, tuple[int, int, int]] = {}
    for match in matches:
        if match[1] not in best or match[2] > best[match[1]][2]:
            best[match[1]] = match
    kept = [best[k] for k in sorted(best)]
    return [m for m in kept if not any(o is not m and o[1] < m[1] and m[2] <= o[2] for o in kept)]


def _drop_nested(found: list[RawAttribution]) -> list[RawAttribution]:
    """One attribution per content (a cited source aside): drop duplicates and those nested in
    another's content."""
    kept: list[RawAttribution] = []
    for att in sorted(found, key=lambda a: (a.content[0], -(a.content[1] - a.content[0]))):
        dup = False
        for other in kept:
            s, e = other.content
            if att.extra.get("cited") and att.content == other.content:
                continue  # …, citing X: a second source of the same words
            if _opens_with(other, att):
                continue  # denied a report saying X: the report is a source of its own
            if att.content == other.content or (
                s <= att.content[0]
                and att.content[1] <= e
                and att.cue is not None
                and other.cue is not None
                and s <= att.cue.start_char < e
                and not (other.kind == "according_to" and att.speaker is not None)
            ):
                dup = True
                break
        if not dup:
            kept.append(att)
    return kept


def _opens_with(outer: RawAttribution, inner: RawAttribution) -> bool:
    """The outer content is the report that makes the inner attribution: it opens with the
    inner one's speaker or cue, a determiner or adjective aside, and the inner cue is a noun or
    a participle (dismissed a media report saying …; denied reports that …)."""
    first = inner.speaker if inner.speaker is not None else inner.cue
    if first is None or outer.content == inner.content or first.start_char < outer.content[0]:
        return False
    cue = inner.cue[-1] if inner.cue is not None else None
    nominal = cue is not None and (
        cue.pos_ == "NOUN"
        or cue.tag_ == "VBG"
        or ("Part" in cue.morph.get("VerbForm") and "Pres" in cue.morph.get("Tense"))
    )
    if not nominal:
        return False  # said the vote showed that …: a clause, not a report named as object
    doc, i = first.doc, first.start - 1
    while i >= 0 and doc[i].idx >= outer.content[0]:  # the words between, walked back
        if doc[i].pos_ not in {"DET", "ADJ"}:
            return False
        i -= 1
    return True
