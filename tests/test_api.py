"""The public API: analyze(), Analyzer.analyze / pipe, the spaCy components, long inputs."""

import pytest
import spacy

import analyzer
from analyzer import InputError

TEXTS = [
    "« Le pont rouvrira lundi », a annoncé la mairie de Nantes.",
    "Selon la préfecture, la route restera fermée jusqu'à jeudi.",
    "Le syndicat a affirmé que la grève serait reconduite.",
]


def test_analyze_detects_the_language():
    report = analyzer.analyze(TEXTS[0])
    assert report.language == "fr"
    assert report.to_dict()["schema"] == "analyzer.report/1"


def test_pipe_keeps_order_and_matches_analyze(fr):
    piped = list(fr.pipe(TEXTS, batch_size=2))
    single = [fr.analyze(t) for t in TEXTS]
    assert [r.to_dict() for r in piped] == [r.to_dict() for r in single]


def test_pipe_over_two_processes(fr):
    piped = list(fr.pipe(TEXTS, n_process=2))
    assert [r.to_dict() for r in piped] == [fr.analyze(t).to_dict() for t in TEXTS]


def test_empty_input_is_an_error(fr):
    for text in ("", "   \n "):
        with pytest.raises(InputError, match="empty"):
            fr.analyze(text)


def test_components_work_in_a_users_own_pipeline():
    nlp = spacy.load("fr_core_news_sm")
    for name in (
        "analyzer_quotes",
        "analyzer_segments",
        "analyzer_attribution",
        "analyzer_sources",
    ):
        nlp.add_pipe(name)
    doc = nlp(TEXTS[2])
    assert len(doc._.attributions) == 1
    assert doc._.attributions[0].kind == "indirect"


def test_input_longer_than_max_length_is_analysed_in_chunks(fr):
    paragraph = (
        "Le maire de Lille a déclaré que le tramway serait prolongé. "
        "« Les travaux commenceront en mars », a-t-il ajouté.\n\n"
    )
    text = paragraph * 40
    saved = fr.nlp.max_length
    fr.nlp.max_length = 1000
    try:
        report = fr.analyze(text)
    finally:
        fr.nlp.max_length = saved
    assert len(report.attributions) == 80
    for att in report.attributions:
        assert text[att.content.start : att.content.end] == att.content.text
