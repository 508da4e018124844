"""The article the project started from (read from ../shared when it exists)."""

import pytest

from tests.conftest import SHARED

REFERENCE = SHARED / "reference" / "bladi-espagne-maroc.fr.txt"


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not here")
def test_reference_article(fr):
    text = REFERENCE.read_text(encoding="utf-8")
    report = fr.analyze(text)
    media = [
        a for a in report.attributions if a.speaker and "médias espagnols" in a.speaker.span.text
    ]
    assert len(media) == 1, [a.to_dict() for a in report.attributions]
    att = media[0]
    assert att.speaker.type == "vague"
    # a que-clause that is one quotation is mixed, its marks kept (docs/annotation.md 1)
    assert att.kind == "mixed"
    assert att.content.text.startswith('"le gouvernement de Madrid')
    assert att.cue.span.text == "ont précisé"
    boilerplate_start = text.index("Bladi.net Google News")
    late = [a.to_dict() for a in report.attributions if a.content.start >= boilerplate_start]
    assert late == [], late
    assert len(report.attributions) == 1, [a.to_dict() for a in report.attributions]
