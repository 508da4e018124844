"""The language the analyser speaks: catalogues complete, the choice of language, French
typography, and the French report as a reader sees it.

The 80-column snapshot is of a report built by hand (fixed attributions, score and findings,
the real renderer and its catalogue), so it does not move when attribution accuracy, the score
or the rules' wording change. When a wording
changes on purpose, regenerate it and read the diff:

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_i18n.py -k snapshot
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from rich.console import Console

from analyzer import i18n
from analyzer.i18n import NBSP, NNBSP, accept_language, resolve, translator, typography
from analyzer.report import (
    Attribution,
    Claim,
    Cue,
    Finding,
    Hedge,
    Report,
    Score,
    ScoreComponent,
    Source,
    Span,
    Speaker,
)
from analyzer.rules import RULES, rule
from analyzer.score import compute, findings
from tests.conftest import ROOT, run_cli

SNAPSHOT = Path(__file__).parent / "snapshots" / "report_fr_80.txt"
KEYWORDS = {"tr": None, "_": None, "plural": (1, 2), "N_": None, "verbatim": None}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _source_messages() -> dict[str, tuple[str, ...]]:
    """Every message the code and the page templates mark for translation:
    msgid -> (singular[, plural])."""
    found = {}
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT / "analyzer"),
        method_map=[("**.py", "python"), ("web/**.html", "jinja2")],
        keywords=KEYWORDS,
        comment_tags=(),
    ):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[forms[0]] = forms
    return found


def _catalogue(lang: str):
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "analyzer.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def test_french_is_spoken():
    assert "fr" in i18n.languages() and "en" in i18n.languages()
    assert set(i18n.settings()) >= {"article", "fr", "en"}


@pytest.mark.parametrize("lang", [lang for lang in i18n.languages() if lang != "en"])
def test_every_message_has_a_translation(lang):
    """A message added to the code without its translation fails here (run `make messages`,
    then translate the new entries)."""
    source = _source_messages()
    assert len(source) > 100, "the extraction found too few messages"
    catalogue = _catalogue(lang)
    missing, fuzzy, placeholders = [], [], []
    for msgid, forms in source.items():
        entry = catalogue.get(msgid)
        strings = () if entry is None else (entry.string,) if len(forms) == 1 else entry.string
        if entry is None or not all(strings):
            missing.append(msgid)
            continue
        if entry.fuzzy:
            fuzzy.append(msgid)
        wanted = set(PLACEHOLDER.findall(" ".join(forms)))
        for text in strings:
            if not set(PLACEHOLDER.findall(text)) <= wanted | {"n"}:
                placeholders.append((msgid, text))
    assert not missing, f"{lang}: no translation for {missing}"
    assert not fuzzy, f"{lang}: fuzzy (unchecked) translations {fuzzy}"
    assert not placeholders, f"{lang}: placeholders that the code does not fill {placeholders}"


def test_every_rule_page_is_translated():
    for rule_id in RULES:
        english, french = rule(rule_id, "en"), rule(rule_id, "fr")
        assert french.id == english.id and french.severity == english.severity
        for part in ("summary", "why", "example", "fix"):
            assert getattr(french, part) != getattr(english, part), (rule_id, part)


@pytest.mark.parametrize(
    ("setting", "article", "expected"),
    [
        (None, "fr", "fr"),
        ("article", "en", "en"),
        ("en", "fr", "en"),
        ("fr", "en", "fr"),
        ("fr_CA.UTF-8", "en", "fr"),
        ("de", "fr", "fr"),  # a language we do not speak: the article's
        (None, "de", "en"),
    ],
)
def test_resolve(setting, article, expected):
    assert resolve(setting, article) == expected


def test_accept_language():
    assert accept_language("fr-CA,fr;q=0.9,en;q=0.8") == "fr"
    assert accept_language("de-DE, en;q=0.5, fr;q=0.7") == "fr"
    assert accept_language("en-GB") == "en"
    assert accept_language("de, es") is None
    assert accept_language("fr;q=0, en") == "en"
    assert accept_language(None) is None and accept_language("") is None


def test_french_typography():
    assert typography("source : « les médias » — qui ?", "fr") == (
        f"source{NBSP}: «{NBSP}les médias{NBSP}» — qui{NNBSP}?"
    )
    assert typography("who says so?", "en") == "who says so?"
    tr = translator("fr")
    assert tr.number(0.75) == "0,75" and tr.percent(0.23) in {f"23{NBSP}%", f"23{NNBSP}%"}
    assert translator("en").number(0.75) == "0.75"
    # article text put in a message stays as written
    assert tr("weasel phrase « {phrase} »", phrase="on dit: ça?").endswith(f"on dit: ça?{NBSP}»")


def test_message_with_fix_for_editors():
    from analyzer.i18n import with_fix

    french = with_fix(f"énoncé factuel sans source{NBSP}: qui le dit{NNBSP}?", "Attribuez.", "fr")
    assert french == f"énoncé factuel sans source{NBSP}: qui le dit{NBSP}: Attribuez."
    assert with_fix("quotation with no speaker", "Say who.", "en") == (
        "quotation with no speaker: Say who."
    )
    assert with_fix("no fix", "", "en") == "no fix"


def _hand_report() -> Report:
    """A French article with fixed findings: one named quote, one vague source, a hedge and
    an unattributed claim."""
    text = (
        "Le maire de Quimper démissionne\n\n"
        "« Nous ne commenterons pas », a déclaré Marie Durand, porte-parole de la mairie.\n"
        "Selon certains élus, le maire aurait quitté ses fonctions lundi.\n"
        "La ville compte 63 000 habitants.\n"
    )

    def span(fragment: str) -> Span:
        start = text.index(fragment)
        return Span(start, start + len(fragment), fragment)

    named = Attribution(
        "a1",
        "direct",
        span("Nous ne commenterons pas"),
        Cue(span("a déclaré"), "déclarer", "neutral"),
        Speaker(span("Marie Durand"), "person", None, "s1"),
    )
    vague = Attribution(
        "a2",
        "according_to",
        span("le maire aurait quitté ses fonctions lundi"),
        Cue(span("Selon"), "selon", "neutral"),
        Speaker(span("certains élus"), "vague", None, "s2"),
        hedged=True,
    )
    report = Report(
        text=text,
        language="fr",
        attributions=(named, vague),
        sources=(
            Source("s1", "Marie Durand", "person", (named.speaker.span,), ("a1",)),
            Source("s2", "certains élus", "vague", (vague.speaker.span,), ("a2",)),
        ),
        hedges=(Hedge(span("aurait quitté"), "conditional", False, False),),
        claims=(
            Claim(span("le maire aurait quitté ses fonctions lundi."), True, "vague"),
            Claim(span("La ville compte 63 000 habitants."), False),
        ),
    )
    return replace(report, score=compute(report), findings=findings(report))


def _fixed(report: Report) -> Report:
    """The same report with a fixed score and fixed findings (French text given here), so the
    snapshot follows the renderer, not changes to the score or the rules' wording."""
    components = (
        ("attribution_coverage", 0.125, 0.35, "énoncés attribués : 1 sur 2"),
        ("source_quality", 0.6, 0.25, "attributions : 1 personne, 1 vague"),
        ("source_diversity", 0.25, 0.15, "1 source identifiable"),
        ("hedging", 0.8, 0.15, "1 précaution dans la voix du rédacteur, sans source"),
        ("loaded_language", 1.0, 0.10, "0 terme chargé dans la voix du rédacteur"),
    )
    score = Score(
        45, "D", tuple(ScoreComponent(n, v, w, typography(x, "fr")) for n, v, w, x in components)
    )
    vague, hedge, claim = report.sources[1].mentions[0], report.hedges[0].span, report.claims[1]
    fixed = (
        Finding(
            "vague-source",
            "warning",
            vague,
            4,
            7,
            typography("source vague : « certains élus »", "fr"),
            "Nommez-les.",
        ),
        Finding(
            "unattributed-hedge",
            "warning",
            hedge,
            4,
            31,
            typography("précaution « aurait quitté »", "fr"),
            "Confirmez.",
        ),
        Finding(
            "unattributed-claim",
            "warning",
            claim.span,
            5,
            1,
            typography("énoncé sans source : qui le dit ?", "fr"),
            "Attribuez.",
        ),
    )
    return replace(report, score=score, findings=fixed)


def _render(report: Report) -> str:
    from analyzer.render.terminal import full_report

    console = Console(width=80, color_system=None, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(full_report(report))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def test_french_report_snapshot_at_80_columns():
    out = _render(_fixed(_hand_report()))
    assert max(len(line) for line in out.splitlines()) <= 80
    for english in ("Sourcing score", "key terms", "Findings", "words quoted", "who says so"):
        assert english not in out
    if os.environ.get("UPDATE_SNAPSHOTS") or not SNAPSHOT.exists():
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(out, encoding="utf-8")
    assert out == SNAPSHOT.read_text(encoding="utf-8"), (
        "the French report changed; if on purpose: UPDATE_SNAPSHOTS=1 pytest tests/test_i18n.py"
    )


def test_english_messages_for_a_french_article():
    report = _hand_report()
    english = {f.rule: f.message for f in findings(report, lang="en")}
    french = {f.rule: f.message for f in report.findings}
    assert english.keys() == french.keys()
    assert english["vague-source"] == "vague source: « certains élus » — name who says it"
    assert (
        french["vague-source"]
        == f"source vague{NBSP}: «{NBSP}certains élus{NBSP}» — nommez qui le dit"
    )
    assert "0,50" not in compute(report, lang="en").components[0].explanation


def _cli(*args: str, cwd: Path | None = None, lang: str = "") -> subprocess.CompletedProcess:
    """The command line with no locale unless ``lang`` sets one."""
    return run_cli(*args, cwd=cwd, lang=lang)


@pytest.fixture(scope="module")
def french_draft(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("redaction")
    path = folder / "brouillon.md"
    path.write_text(
        "# Le maire démissionne\n\n"
        "Selon certains élus, le maire de Quimper aurait démissionné lundi soir.\n\n"
        "Le conseil municipal se réunira jeudi pour désigner un successeur.\n",
        encoding="utf-8",
    )
    return path


def test_check_of_a_french_article_speaks_french(french_draft):
    result = _cli("check", str(french_draft), "--no-config")
    assert result.returncode == 0, result.stderr
    assert f"warning vague-source source vague{NBSP}: «{NBSP}certains élus{NBSP}»" in result.stdout
    assert "who says" not in result.stdout and "name who" not in result.stdout
    assert "constat" in result.stderr  # the closing line


def test_messages_option_overrides_the_article(french_draft):
    english = _cli("check", str(french_draft), "--no-config", "--messages", "en")
    assert "warning vague-source vague source: « certains élus » — name who says it" in (
        english.stdout
    ), english.stderr


def test_configuration_and_caller_choose_the_messages(tmp_path, french_draft):
    from analyzer.session import Session

    (tmp_path / ".analyzer.toml").write_text('messages = "en"\n', encoding="utf-8")
    target = tmp_path / "brouillon.md"
    target.write_text(french_draft.read_text(encoding="utf-8"), encoding="utf-8")
    session = Session()
    configured, _ = session.analyze_path(str(target))
    assert configured.language == "fr" and configured.meta["messages"] == "en"
    assert any("name who says it" in f.message for f in configured.findings)
    assert "claims attributed" in configured.score.components[0].explanation
    back, _ = session.analyze_path(str(target), messages="article")  # the caller wins
    assert back.meta["messages"] == "fr"
    assert any("nommez qui le dit" in f.message for f in back.findings)
    assert [f.rule for f in back.findings] == [f.rule for f in configured.findings]


def test_command_line_errors_speak_the_users_language(tmp_path):
    missing = str(tmp_path / "absent.md")
    french = _cli("check", missing, lang="fr_FR.UTF-8")
    assert french.returncode == 2
    assert french.stderr == f"analyzer{NBSP}: erreur{NBSP}: {missing}{NBSP}: fichier introuvable\n"
    english = _cli("check", missing, lang="C.UTF-8")
    assert english.stderr == f"analyzer: error: {missing}: no such file\n"
    assert _cli("check", missing, "--messages", "fr").stderr == french.stderr


def test_error_templates_translate_configuration_errors():
    from analyzer.words import error_text

    message = "p.toml: [tool.analyzer]: unknown key 'langue' (known: ['language'])"
    assert error_text(message, translator("en")) == message
    assert error_text(message, translator("fr")) == (
        f"p.toml: [tool.analyzer]{NBSP}: clé inconnue 'langue' (connues{NBSP}: ['language'])"
    )
    assert error_text("something else: entirely", translator("fr")) == "something else: entirely"


def test_error_templates_still_match_what_the_modules_raise(tmp_path):
    """A reworded error in a module would silently stay English: raise the real ones."""
    from analyzer.config import load
    from analyzer.errors import AnalyzerError
    from analyzer.inputs import read
    from analyzer.language import detect
    from analyzer.words import error_text

    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "pyproject.toml").write_text("[tool.analyzer]\nlangue = 1\n", encoding="utf-8")
    attempts = (
        lambda: read(str(tmp_path / "absent.txt")),
        lambda: read(str(tmp_path)),
        lambda: read(str(tmp_path / "bin.txt")),
        lambda: detect("zzzz qqqq xxxx wwww"),
        lambda: load(tmp_path / "pyproject.toml"),
    )
    for attempt in attempts:
        with pytest.raises(AnalyzerError) as caught:
            attempt()
        message = str(caught.value)
        assert error_text(message, translator("fr")) != message, message


def test_bad_messages_setting_is_a_one_line_error(tmp_path, french_draft):
    (tmp_path / ".analyzer.toml").write_text('messages = "klingon"\n', encoding="utf-8")
    target = tmp_path / "a.md"
    target.write_text(french_draft.read_text(encoding="utf-8"), encoding="utf-8")
    result = _cli("check", str(target))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "messages" in result.stderr


def test_report_of_a_real_article_speaks_the_chosen_language(french_draft):
    """Headings only: what the analyser finds in it may change."""
    from analyzer.config import Config
    from analyzer.session import Session

    session = Session()
    french, _ = session.analyze_path(str(french_draft), config=Config())
    out = _render(french)
    for heading in ("Score de sourçage", "termes clés", "lisibilité", "Texte", "Constats"):
        assert heading in out, heading
    english, _ = session.analyze_path(str(french_draft), config=Config(), messages="en")
    out = _render(english)
    for heading in ("Sourcing score", "key terms", "readability", "Text", "Findings"):
        assert heading in out, heading
    assert "langue" not in out and "Constats" not in out


def test_key_terms_are_written_as_in_the_article(fr):
    from analyzer.render.terminal import text_statistics

    text = (
        "La dette publique inquiète l'Assemblée nationale. Les députés de l'Assemblée "
        "nationale ont débattu de la dette publique mardi. Selon le rapport, la dette publique "
        "atteint un niveau record et l'Assemblée nationale votera jeudi."
    )
    terms = text_statistics(fr.analyze(text))["key_terms"]
    assert terms, "no key terms"
    assert "dette public" not in terms and "assemblée national" not in terms, terms
    assert any("dette publique" in t or "Assemblée nationale" in t for t in terms), terms
