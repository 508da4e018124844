"""Lexicons are data: validated on load, with the file and line named on a fault."""

import ast
from pathlib import Path

import pytest

from analyzer.lexicons import CLASSES, LexiconError, check_word_lists, lexicon, read_tsv
from analyzer.source_typing import typing_words
from analyzer.vocabulary import HEDGE_KINDS, KINDS, SOURCE_TYPES, STANCES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_lexicon_loads(lang):
    for name in CLASSES:
        entries = lexicon(lang, name)
        assert entries, f"{lang}/{name}.tsv is empty"


def test_french_reporting_verbs_cover_every_stance():
    verbs = lexicon("fr", "reporting_verbs")
    assert len(verbs) >= 150
    assert set(verbs.values()) == set(CLASSES["reporting_verbs"])
    assert verbs["déclarer"] == "neutral"
    assert verbs["prétendre"] == "doubt"
    assert verbs["reconnaître"] == "concession"
    assert verbs["révéler"] == "presupposes_truth"
    assert verbs["dénoncer"] == "evaluative"


def test_bad_line_names_file_and_line(tmp_path):
    bad = tmp_path / "reporting_verbs.tsv"
    bad.write_text("# comment\ndire\tneutral\nclamer\tloud\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"reporting_verbs.tsv:3: class 'loud'"):
        read_tsv(bad, CLASSES["reporting_verbs"])
    bad.write_text("dire neutral\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"reporting_verbs.tsv:1: expected"):
        read_tsv(bad, CLASSES["reporting_verbs"])


# -- word lists live in the profiles, not in code ------------------------------------------------

#: Modules cleaned of language words: every word list they use is in ``lexicons/<lang>/``.
CLEANED = (
    "analyzer/source_typing.py",
    "analyzer/components/hedges.py",
    "analyzer/components/attribution.py",
    "analyzer/components/constructions.py",
    "analyzer/score.py",
    "analyzer/components/claims.py",
    "analyzer/components/spans.py",
    "analyzer/components/quotes.py",
    "analyzer/components/framing.py",
    "analyzer/components/segments.py",
    "analyzer/components/sources.py",
    "analyzer/engine.py",
)
#: Constants that name the classes or keys of a data file (a schema), not words of a language.
SCHEMAS = frozenset({"_GRAMMAR_CLASSES"})


def _is_word(text: str) -> bool:
    """Lower-case letters, perhaps with an apostrophe, a hyphen or a space: "les", "n't"."""
    return (
        text == text.lower()
        and any(c.isalpha() for c in text)
        and all(c.isalpha() or c in " '’-" for c in text)
    )


def language_words(source: str, labels: frozenset[str]) -> list[tuple[int, str]]:
    """``(line, word)`` for each lower-case word in a set, list or tuple display or a comparison
    of ``source`` that is not a parse label or a word of the engine's own vocabulary."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in SCHEMAS for t in node.targets
        ):
            skipped |= {id(n) for n in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            items = node.elts
        elif isinstance(node, ast.Compare):
            if all(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and not any(
                isinstance(c, ast.Set | ast.List | ast.Tuple) for c in node.comparators
            ):
                continue  # "names" in cache: a key of the code's own, not a word
            items = [node.left, *node.comparators]
        else:
            continue
        for item in items:
            if (
                isinstance(item, ast.Constant)
                and isinstance(item.value, str)
                and _is_word(item.value)
                and item.value not in labels
            ):
                found.append((item.lineno, item.value))
    return found


@pytest.fixture(scope="module")
def labels(fr, en) -> frozenset[str]:
    """Dependency labels of both models and the engine's vocabulary of types and kinds."""
    deps = {label for a in (fr, en) for label in a.nlp.get_pipe("parser").labels}
    from spacy.tokens.underscore import Underscore

    deps |= {label.split(":")[0] for label in deps}  # "obl" for every obl:…
    own = set(SOURCE_TYPES) | set(KINDS) | set(HEDGE_KINDS) | set(STANCES)
    own |= set(Underscore.doc_extensions)  # doc._.units, doc._.paragraphs …
    from analyzer.components.constructions import (
        CONTENT_FINDERS,
        CUE_CONSTRUCTIONS,
        MARKER_CONSTRUCTIONS,
        NOUN_CONSTRUCTIONS,
        QUOTE_CONSTRUCTIONS,
        SPEAKER_REFINEMENTS,
    )
    from analyzer.lexicons import PROFILE_KEYS

    own |= {
        name
        for name, _ in CUE_CONSTRUCTIONS
        + CONTENT_FINDERS
        + MARKER_CONSTRUCTIONS
        + NOUN_CONSTRUCTIONS
        + QUOTE_CONSTRUCTIONS
        + SPEAKER_REFINEMENTS
    }
    own |= set(PROFILE_KEYS)  # the tables' names and the profile's keys
    from analyzer.vocabulary import SEVERITIES

    own |= {*SEVERITIES, "off"}  # a rule's severity in a configuration, or "off"
    from analyzer.lexicons import profile
    from analyzer.vocabulary import LANGUAGES

    own |= set(LANGUAGES)
    lists = ("source_typing", "hedge_words", "claim_words", "claim_phrases", "noun_phrase")
    for lang in LANGUAGES:  # the names of the profile's word lists ([claim_words] connectors …)
        own |= {k for table in lists for k in profile(lang)[table]}
    return frozenset(deps | own | set(CLASSES) | {c for v in CLASSES.values() for c in v})


@pytest.mark.parametrize("module", CLEANED)
def test_cleaned_modules_hold_no_word_of_a_language(module, labels):
    source = (Path(__file__).resolve().parent.parent / module).read_text(encoding="utf-8")
    assert language_words(source, labels) == []


def test_the_word_check_finds_a_word_set(labels):
    source = 'DETS = frozenset({"les", "the"})\nok = tok.dep_ in {"nsubj", "obj"}\n'
    assert language_words(source, labels) == [(1, "les"), (1, "the")]


def test_profile_word_lists_are_checked():
    keys = ("indefinite", "one_of")
    lists = check_word_lists({"indefinite": ["Un"], "one_of": ["l’un"]}, keys, "p")
    assert lists == {"indefinite": frozenset({"un"}), "one_of": frozenset({"l'un"})}
    with pytest.raises(LexiconError, match=r"p: unknown key 'one_off'"):
        check_word_lists({"indefinite": [], "one_of": [], "one_off": []}, keys, "p")
    with pytest.raises(LexiconError, match=r"p: 'one_of' must be a list of words"):
        check_word_lists({"indefinite": []}, keys, "p")


def test_typing_words_are_one_language_each():
    fr, en = typing_words("fr"), typing_words("en")
    assert "l'un" in fr.one_of and "un" not in en.one_of  # "the UN" is not one of a group
    assert "witness" in en.specific_by_nature and "witness" not in fr.specific_by_nature
    assert fr.name_particles <= fr.name_links


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_information_verb_is_a_reporting_verb(lang):
    """An information verb says how a cue takes its noun object; a verb the cue lexicon lacks
    is never found at all (comptabiliser, officialiser were listed but never matched)."""
    from analyzer.lexicons import lexicon

    verbs = lexicon(lang, "reporting_verbs")
    missing = [
        v
        for v, cls in lexicon(lang, "information_verbs").items()
        if cls != "idiom" and v not in verbs
    ]
    assert missing == []
