"""One vocabulary: the ids the report uses are spelled out in analyzer/vocabulary.py, and every
table that names them (the words people read, the lexicon classes, the rules, the HTTP API's
schema) has exactly those keys."""

from __future__ import annotations

from analyzer import vocabulary, words
from analyzer.frontends.api_schema import document
from analyzer.lexicons import CLASSES
from analyzer.rules import RULES
from analyzer.score import GRADES


def test_words_name_every_id_and_no_other() -> None:
    assert tuple(words.SOURCE_TYPES) == vocabulary.SOURCE_TYPES
    assert tuple(words.KINDS) == vocabulary.KINDS
    assert tuple(words.STANCES) == vocabulary.STANCES
    assert tuple(words.SEVERITIES) == vocabulary.SEVERITIES
    assert tuple(words.GRADES) == vocabulary.GRADES


def test_lexicon_classes_and_rules_use_the_vocabulary() -> None:
    assert CLASSES["reporting_verbs"] == frozenset(vocabulary.STANCES)
    assert CLASSES["source_nouns"] < frozenset(vocabulary.SOURCE_TYPES)
    assert CLASSES["hedges"] < frozenset(vocabulary.HEDGE_KINDS)
    assert {r.severity for r in RULES.values()} <= set(vocabulary.SEVERITIES)
    assert tuple(letter for _, letter in GRADES) == vocabulary.GRADES
    assert set(vocabulary.NAMED_TYPES) < set(vocabulary.SOURCE_TYPES)


def test_the_tuples_are_plain_ids_and_named_types_name() -> None:
    assert all(type(v) is str for v in vocabulary.SOURCE_TYPES + vocabulary.KINDS)
    assert set(vocabulary.NAMED_TYPES) == {"person", "organisation", "role", "document"}


def _enums(node) -> list[list]:
    if isinstance(node, dict):
        found = [node["enum"]] if "enum" in node else []
        return found + [e for v in node.values() for e in _enums(v)]
    if isinstance(node, list):
        return [e for v in node for e in _enums(v)]
    return []


def test_http_schema_offers_the_languages_severities_and_formats() -> None:
    enums = _enums(document())
    assert [*vocabulary.LANGUAGES, "auto"] in enums
    assert list(vocabulary.SEVERITIES) in enums
    assert [*vocabulary.INPUT_FORMATS, "auto"] in enums
