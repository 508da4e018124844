"""The lemma cache (analyzer/components/lemmas.py) gives the model's own lemmas, only faster."""

import pytest

from analyzer.pipeline import load_model
from tests.conftest import SAMPLES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cached_lemmas_are_the_models_lemmas(request, lang):
    analyzer = request.getfixturevalue(lang)
    assert analyzer.nlp.get_pipe("lemmatizer").__class__.__name__ == "LemmaCache"
    texts = [p.read_text(encoding="utf-8") for p in sorted((SAMPLES / lang).glob("*.txt"))]
    plain = load_model(lang)
    model_pipes = [n for n in analyzer.nlp.pipe_names if not n.startswith("analyzer_")]
    with analyzer.nlp.select_pipes(enable=model_pipes):
        ours = [[t.lemma_ for t in doc] for doc in analyzer.nlp.pipe(texts * 2)]
    theirs = [[t.lemma_ for t in doc] for doc in plain.pipe(texts * 2)]
    assert sum(len(d) for d in ours) > 1000
    assert ours == theirs


def test_the_cache_keeps_a_lemma_the_attribute_ruler_set(fr):
    doc = fr.nlp("L'homme l'a dit.")
    assert [t.lemma_ for t in doc][:2] == ["le", "homme"]
