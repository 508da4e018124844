"""Framing signals (docs/annotation.md section 4): bias indicators, not verdicts.

- non_neutral_verb: an attribution whose cue judges what it reports (its stance in
  ``reporting_verbs.tsv`` is doubt, concession, presupposes_truth or evaluative).
- loaded_term: an evaluative or emotive word of ``loaded_terms.tsv`` in the writer's own voice:
  never inside a quotation or the reported content of an attribution with a source, never in
  site boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from analyzer.components.attribution import RawAttribution
from analyzer.components.matching import lexicon_matchers
from analyzer.components.segments import in_ranges
from analyzer.lexicons import lexicon


@dataclass(frozen=True)
class RawFraming:
    start: int
    end: int
    kind: str
    detail: str


@Language.factory(
    "analyzer_framing",
    assigns=["doc._.framing"],
    requires=["doc._.attributions", "doc._.quotes", "doc._.boilerplate", "token.lemma"],
    default_config={"lang": None, "loaded_terms": None, "extra_loaded_terms": []},
)
def make_framing(
    nlp: Language,
    name: str,
    lang: str | None,
    loaded_terms: dict[str, str] | None,
    extra_loaded_terms: list[str],
) -> FramingFinder:
    """``loaded_terms`` (term -> category) replaces the language's ``loaded_terms.tsv``;
    ``extra_loaded_terms`` adds house words to it (category ``evaluative``)."""
    return FramingFinder(nlp, lang or nlp.lang, extra_loaded_terms, loaded_terms)


class FramingFinder:
    """Sets ``doc._.framing``: ``RawFraming`` records in text order."""

    def __init__(
        self,
        nlp: Language,
        lang: str,
        extra_loaded_terms: list[str] = (),
        loaded_terms: dict[str, str] | None = None,
    ) -> None:
        if not Doc.has_extension("framing"):
            Doc.set_extension("framing", default=None)
        terms = dict(lexicon(lang, "loaded_terms") if loaded_terms is None else loaded_terms)
        terms.update({t.lower(): "evaluative" for t in extra_loaded_terms})
        self.phrases, self.words, self.word_forms = lexicon_matchers(nlp, terms)

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes or []
        boilerplate = doc._.boilerplate or []
        atts: list[RawAttribution] = doc._.attributions or []
        found: list[RawFraming] = []
        for att in atts:
            if att.cue is not None and att.stance and att.stance != "neutral":
                found.append(
                    RawFraming(att.cue.start_char, att.cue.end_char, "non_neutral_verb", att.stance)
                )
        taken: list[tuple[int, int]] = []
        matches = list(self.phrases(doc)) + list(self.words(doc)) + list(self.word_forms(doc))
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
            span = doc[start:end]
            s, e = span.start_char, span.end_char
            if any(q.start <= s < q.end for q in quotes) or in_ranges(s, boilerplate):
                continue
            if any(a.content[0] <= s < a.content[1] for a in atts if a.speaker is not None):
                continue  # the source's words, reported (Selon la ministre, c'est un scandale)
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            found.append(RawFraming(s, e, "loaded_term", doc.vocab.strings[match_id]))
        doc._.framing = sorted(found, key=lambda f: f.start)
        return doc
