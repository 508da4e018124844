"""Properties over arbitrary input: nothing raises, every span points at its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import InputError

_NEWSY = st.lists(
    st.sampled_from(
        [
            "« ",
            " »",
            "“",
            "”",
            '"',
            "‹",
            "›",
            ", a déclaré le ministre",
            " selon la police, ",
            "Il a affirmé que ",
            "\n\n",
            ". ",
            "-t-il",
            " a-t-elle ajouté",
            "Elle",
            "qu'",
            "Pour l'expert Jean Roy, ",
            "De source sûre, ",
            " le préfet ",
            "’",
            "…",
        ]
    )
    | st.text(min_size=1, max_size=12),
    max_size=30,
).map("".join)


def _check(report, text):
    for att in report.attributions:
        spans = [att.content, att.cue.span if att.cue else None]
        spans.append(att.speaker.span if att.speaker else None)
        for span in filter(None, spans):
            assert text[span.start : span.end] == span.text
            assert 0 <= span.start <= span.end <= len(text)
    for src in report.sources:
        for m in src.mentions:
            assert text[m.start : m.end] == m.text


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_arbitrary_unicode_never_raises(fr, text):
    try:
        report = fr.analyze(text)
    except InputError:
        assert not text.strip()
        return
    _check(report, text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_NEWSY)
def test_news_like_fragments_keep_spans_consistent(fr, text):
    try:
        report = fr.analyze(text)
    except InputError:
        assert not text.strip()
        return
    _check(report, text)
