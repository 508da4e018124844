"""The analyser's spaCy factories: each takes its language from the pipeline it joins (a blank
English pipeline gets English lexicons, not French ones), declares what it reads and writes
truthfully, and lets a house list replace a lexicon through the component config."""

from __future__ import annotations

import pytest
import spacy

from analyzer.lexicons import lexicon
from analyzer.pipeline import COMPONENTS

# Language-dependent components and a lexicon-backed attribute to tell the language by.
_SIGNS = {
    "analyzer_attribution": lambda pipe, lang: (
        "say" in pipe.grammar.verbs if lang == "en" else "déclarer" in pipe.grammar.verbs
    ),
    "analyzer_sources": lambda pipe, lang: pipe.source_nouns == lexicon(lang, "source_nouns"),
    "analyzer_hedges": lambda pipe, lang: pipe.reporting == set(lexicon(lang, "reporting_verbs")),
    "analyzer_claims": lambda pipe, lang: pipe.verbs == lexicon(lang, "reporting_verbs"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(_SIGNS))
def test_factory_takes_the_pipeline_language(name: str, lang: str) -> None:
    pipe = spacy.blank(lang).add_pipe(name)
    assert _SIGNS[name](pipe, lang)
    other = "fr" if lang == "en" else "en"
    assert not _SIGNS[name](pipe, other)


def _frame(nlp, text: str) -> list[str]:
    return [text[f.start : f.end] for f in nlp(text)._.framing]


def test_blank_english_pipeline_frames_with_english_terms() -> None:
    nlp = spacy.blank("en")
    for name in ("analyzer_quotes", "analyzer_segments", "analyzer_framing"):
        nlp.add_pipe(name)
    assert _frame(nlp, "It was a scandal.") == ["scandal"]
    assert _frame(nlp, "C'est un scandale.") == []


def test_segments_boilerplate_follows_the_pipeline_language() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("analyzer_quotes")
    nlp.add_pipe("analyzer_segments")
    doc = nlp("The minister spoke.\n\nRelated articles\n\nMore text here.")
    assert doc._.boilerplate, "an English boilerplate line is found by the English lexicon"


def test_loaded_terms_replaced_through_the_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("analyzer_quotes")
    nlp.add_pipe("analyzer_segments")
    nlp.add_pipe("analyzer_framing", config={"loaded_terms": {"dastardly": "evaluative"}})
    assert _frame(nlp, "A dastardly scandal.") == ["dastardly"]


def test_built_pipeline_languages_and_declarations(fr, en) -> None:
    for analyzer, lang in ((fr, "fr"), (en, "en")):
        nlp = analyzer.nlp
        assert [n for n in nlp.pipe_names if n in COMPONENTS] == list(COMPONENTS)
        for name, sign in _SIGNS.items():
            assert sign(nlp.get_pipe(name), lang), (lang, name)
        # Every extension a component requires is assigned by a component before it (the
        # English model's attribute_ruler sets token.pos and token.morph without declaring it).
        problems = nlp.analyze_pipes(pretty=False)["problems"]
        own = {n: [a for a in problems[n] if a.startswith("doc._.")] for n in COMPONENTS}
        assert own == {n: [] for n in COMPONENTS}, problems
        if lang == "fr":
            assert problems == {n: [] for n in nlp.pipe_names}, problems


def test_requires_name_what_segments_reads() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("analyzer_segments")
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["analyzer_segments"] == ["doc._.quotes"]
