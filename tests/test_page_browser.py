"""The page in a real browser: headless Chromium from the Debian package, driven by Playwright.

A person pastes a French article into the page of ``analyzer serve``, presses Analyse and reads
the highlighted text, the score, the sources and the findings; the static page of
``analyzer report --html`` opens and prints without a script. Screenshots (and a PDF) are kept
under ``tests/artifacts/`` to look at.

Skipped when ``/usr/bin/chromium`` or the playwright package (a dev extra) is absent; never
``playwright install``: the browser is the system's.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from serving import ANALYZER, ROOT, start, stop, wait_ready

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# An article of our own: a named mayor, an opponent, a document, a vague source, a hedge in the
# writer's voice, a loaded term and statements nobody stands behind.
ARTICLE = """# Quimperlé : la piscine fermera deux ans pour travaux

La piscine municipale de Quimperlé fermera ses portes le 1er mars pour deux ans de travaux.

« Le bassin fuit depuis 2019 et nous ne pouvions plus attendre », a déclaré la maire, \
Hélène Kervella, lors du conseil municipal de lundi.

Le chantier coûtera 6,4 millions d'euros, selon le rapport de la chambre régionale des comptes.

L'opposition dénonce un fiasco. « Cette fermeture prive 3 000 scolaires de leçons de natation », \
a affirmé Yann Le Bihan, conseiller municipal d'opposition.

Certains parents estiment que la ville aurait pu rouvrir le petit bassin plus tôt.

Les travaux pourraient prendre du retard. La réouverture est prévue au printemps 2028.
"""


def _have_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or not _have_playwright(),
    reason="needs Chromium (apt-get install chromium) and playwright (the dev extra)",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server():
    proc, url, log = start("--workers", "1", "--preload", "fr")
    try:
        wait_ready(url)
        yield url
    finally:
        stop(proc)
        log.unlink(missing_ok=True)


def test_paste_an_article_and_read_the_result(browser, server):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{server}/")
    assert page.title() == "Sourcing analyzer"
    page.fill("#text", ARTICLE)
    page.click("#analyze")
    page.wait_for_selector("#result .report", timeout=120_000)
    assert page.text_content("#status") == "Done."

    # the score, with one line per component
    grade = page.text_content(".grade")
    assert "/100" in grade
    assert page.locator(".components tbody tr").count() >= 4

    # the sources: each named, each with its colour in the text and in the key
    sources = page.locator(".sources tbody th").all_text_contents()
    assert any("Hélène Kervella" in s or "la maire" in s for s in sources), sources
    assert any("Yann Le Bihan" in s for s in sources), sources
    assert any("Certains parents" in s for s in sources), sources
    assert page.locator(".body .quote.s0").count() >= 1
    assert page.locator(".body .quote.s1").count() >= 1
    assert page.locator(".key .quote").count() == len(sources) + 1  # and "no source"

    # hedges, loaded terms and unattributed claims are marked in the text
    assert "fiasco" in page.locator(".body .loaded").all_text_contents()
    hedges = " ".join(page.locator(".body .hedge").all_text_contents())
    assert "pourraient" in hedges
    assert page.locator(".body .claim").count() >= 1

    # the findings quote their sentence and the fix, and link to their place in the text
    findings = page.locator(".findings li.finding")
    assert findings.count() >= 3
    first = findings.first
    assert first.locator("blockquote.sentence mark").count() == 1
    assert first.locator(".fix").text_content().startswith("Fix:")
    link = first.locator("a.where")
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target}.marker").count() == 1
    page.screenshot(path=str(ARTIFACTS / "page.png"), full_page=True)
    page.close()


def test_a_dropped_markdown_file_fills_the_box(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/")
    data = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "piscine.md", { type: "text/markdown" }));
            return dt;
        }""",
        ARTICLE,
    )
    page.dispatch_event("#text", "drop", {"dataTransfer": data})
    page.wait_for_function("document.getElementById('text').value.length > 0")
    assert page.input_value("#text").startswith("# Quimperlé")
    assert page.input_value("#format") == "markdown"
    page.close()


def test_an_error_is_shown_on_the_page(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.fill(
        "#text", "Der Gemeinderat hat gestern das Budget beschlossen, sagte der Bürgermeister."
    )
    page.click("#analyze")
    page.wait_for_selector("#result .error", timeout=60_000)
    assert "French" in page.text_content("#result .error") or page.text_content("#status")
    page.close()


def test_the_static_report_reads_and_prints_without_a_script(browser, tmp_path):
    article = tmp_path / "piscine.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = ARTIFACTS / "report.html"
    result = subprocess.run(
        [str(ANALYZER), "report", "--html", str(out), str(article)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(out.as_uri())
    assert page.title().startswith("Rapport de sourçage")  # a French article: French page
    assert "Quimperlé" in page.title()
    assert page.locator("script").count() == 0
    assert page.locator(".body .quote").count() >= 2
    assert page.locator(".findings li.finding").count() >= 3
    font = page.evaluate("getComputedStyle(document.querySelector('.body p')).fontFamily")
    assert "mono" not in font.lower()
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.emulate_media(media="print")
    page.pdf(path=str(ARTIFACTS / "report.pdf"))
    assert (ARTIFACTS / "report.pdf").stat().st_size > 10_000
    context.close()
