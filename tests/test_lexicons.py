"""Lexicons are data: validated on load, with the file and line named on a fault."""

import pytest

from analyzer.lexicons import CLASSES, LexiconError, lexicon, read_tsv


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
