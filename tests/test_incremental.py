"""Re-analysis after an edit: only changed paragraphs are parsed, the report is the same as a
cold analysis; long texts are built chunk by chunk."""

import time

from analyzer import Analyzer
from analyzer.engine import paragraphs_of, tidy_whitespace
from tests.conftest import SAMPLES


def _article() -> str:
    """About 1,000 words of our sample articles, paragraph by paragraph."""
    files = sorted((SAMPLES / "fr").glob("*.txt"))
    parts: list[str] = []
    for path in files:
        parts.append(path.read_text(encoding="utf-8").strip())
        if len("\n\n".join(parts).split()) >= 1000:
            break
    return "\n\n".join(parts)


def _edit(text: str, index: int, addition: str) -> str:
    paragraphs = text.split("\n\n")
    paragraphs[index] += addition
    return "\n\n".join(paragraphs)


def test_re_analysis_after_an_edit_equals_a_cold_analysis(fr):
    text = _article()
    edited = _edit(text, 5, " « Nous verrons », a répondu le maire, Jean Dupont.")
    fr.analyze(text)
    warm = fr.analyze(edited)
    cold = Analyzer("fr", cache_size=0).analyze(edited)
    assert warm == cold
    assert warm.to_dict() == cold.to_dict()
    assert any(a.content.text == "Nous verrons" for a in warm.attributions)  # the edit is seen


def test_only_the_edited_paragraph_is_parsed_again(fr):
    text = _article()
    fr.analyze(text)
    parsed_before = set(map(id, fr._cache.values()))
    fr.analyze(_edit(text, 3, " Le préfet a démenti."))
    fresh = [doc for doc in fr._cache.values() if id(doc) not in parsed_before]
    assert len(fresh) == 1 and "Le préfet a démenti." in fresh[0].text


def test_warm_re_analysis_is_much_cheaper_than_cold(fr):
    text = _article()

    def best(run) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    cold_analyzer = Analyzer("fr", cache_size=0)
    cold = best(lambda: cold_analyzer.analyze(text))
    fr.analyze(text)
    edits = iter(range(100))
    warm = best(lambda: fr.analyze(_edit(text, 4, f" Le maire a confirmé {next(edits)} fois.")))
    assert warm < 0.6 * cold, f"warm {warm * 1000:.0f} ms, cold {cold * 1000:.0f} ms"


def test_paragraphs_join_back_to_the_chunk():
    text = "Un.\n\nDeux lignes\nici.\n \nTrois.\n\n\n"
    assert "".join(paragraphs_of(text)) == text
    assert len(paragraphs_of(text)) == 3


def test_long_text_analysed_chunk_by_chunk_equals_its_parts(fr):
    paragraph = (
        "Le maire de Lille a déclaré que le tramway serait prolongé. "
        "« Les travaux commenceront en mars », a affirmé Pierre Martin.\n\n"
    )
    text = paragraph * 30
    saved = fr.nlp.max_length
    fr.nlp.max_length = 2000  # about 15 chunks
    try:
        report = fr.analyze(text)
    finally:
        fr.nlp.max_length = saved
    assert len(report.attributions) == 60
    assert len({a.id for a in report.attributions}) == 60
    assert all(text[a.content.start : a.content.end] == a.content.text for a in report.attributions)


def test_folding_blanks_is_linear_time():
    def timed(n: int) -> float:
        text = "Une phrase courte.\n   \n" * n
        start = time.perf_counter()
        folded, positions = tidy_whitespace(text)
        assert positions is not None and len(positions) == len(folded) + 1
        return time.perf_counter() - start

    small, large = timed(5_000), timed(40_000)
    assert large < 8 * small * 2.5, f"{small:.3f}s for 5k blank runs, {large:.3f}s for 40k"
