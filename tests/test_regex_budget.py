"""Time budget on adversarial inputs (issue 12): no regular expression and no markup scan in
the package takes super-linear time.

Every compiled pattern of every module must appear in ``AUDIT`` with the near-miss inputs
that would make it backtrack (so a new pattern cannot slip in unaudited); each is timed with
``finditer`` (an attempt at every position, the worst use) on such input at two sizes, four
times apart. Linear time grows about 4×; quadratic 16×, cubic 64×. The entry points that scan
markup and directives by hand are timed the same way on the inputs that were quadratic or cubic
before (300 unclosed ``<!-- analyzer: ignore a -- b -- c`` took 29 s).
"""

from __future__ import annotations

import gc
import importlib
import re
import time
from collections.abc import Callable

import pytest

from tests.conftest import ROOT

#: Fourfold input; linear code shows about 4×, quadratic 16×. Generous for a loaded machine.
MAX_RATIO = 10.0
#: Below this the measurement is noise: the base size doubles until a run takes this long.
MIN_SECONDS = 0.02
#: A fourfold run under this long passes whatever its ratio (timer and scheduler noise).
NOISE_SECONDS = 0.05
MAX_CHARS = 4_000_000

#: How each pattern is used, and the near-miss inputs that would make it backtrack: "scan"
#: patterns are tried at every position (``finditer``, ``search``, ``sub``, or ``match`` at
#: every ``<``), "match" ones only at a line's start (``match``, ``fullmatch``), "guarded" ones
#: are kept linear by the code around them and timed through their entry point below.
AUDIT: dict[str, tuple[str, list[str]]] = {
    "analyzer.components.claims._DATELINE": ("match", ["AB A", "A \u00a0", "ÉÉ' -", " "]),
    "analyzer.components.claims._LINE": ("scan", ["a", "\n"]),
    "analyzer.components.claims._PHOTO_CREDIT": ("scan", ["(ab/", "(ab/ab) x", "(" + "a" * 41]),
    "analyzer.components.quotes._PARAGRAPH_BREAK": ("scan", ["\n \u00a0\t", "\n" + " " * 50 + "x"]),
    "analyzer.engine._PARAGRAPH_END": ("scan", ["\n" + " " * 30 + "x", "\n\t \r"]),
    "analyzer.engine._WHITESPACE_RUN": ("scan", [" \t", "a \n"]),
    "analyzer.frontends.lsp._HEADER": ("scan", ["Content-Length: ", "Content-Length:\t\t1"]),
    "analyzer.frontends.summarize._MONTH": ("scan", ["1234-", "123"]),
    "analyzer.language._TOKEN": ("scan", ["a", " \n"]),
    "analyzer.language._WORD": ("scan", ["a-", "a'", "é’-"]),
    "analyzer.markup._DIRECTIVE_START": ("scan", ["<!-- analyzer ", "<!--  "]),
    "analyzer.markup._HTML_START": ("scan", ["<!doctype ", "<html"]),
    "analyzer.markup._MARKDOWN_START": ("scan", ["---", "#", "``"]),
    "analyzer.markup.blanking._ENTITY": ("scan", ["&a", "&#1", "&#x"]),
    "analyzer.markup.html._ATTR": ("scan", ['a="', "a='", "a = ", "a=b "]),
    "analyzer.markup.html._COMMENT": ("scan", ["<!-- ", "<!--x-"]),
    "analyzer.markup.html._DECLARATION": ("scan", ["<!x", "<?x"]),
    "analyzer.markup.html._TAG": ("guarded", ["<a ", '<a "', "<a '>'", "<a" + "b" * 30]),
    "analyzer.markup.html._TAG_START": ("scan", ["<", "</"]),
    "analyzer.markup.markdown._ATX_CLOSE": ("scan", [" #", "# ", " # \t"]),
    "analyzer.markup.markdown._ATX_OPEN": ("match", [" \t", "#######"]),
    "analyzer.markup.markdown._Lines._BULLET": ("match", [" \t", "1234567890", "-"]),
    "analyzer.markup.markdown._Lines._INDENT": ("match", [" \t"]),
    "analyzer.markup.markdown._Lines._QUOTE": ("match", [" \t"]),
    "analyzer.markup.markdown_inline._AUTOLINK": ("scan", ["<a", "<ab@", "<a:b", "<http://a.b/c"]),
    "analyzer.markup.markdown_inline._CLOSE_TAG": ("scan", ["</a ", "</a"]),
    "analyzer.markup.markdown_inline._OPEN_TAG": (
        "scan",
        ["<a b", "<a b='", '<a b="', "<a b=c ", "<a b = "],
    ),
    "analyzer.render.html._BLANK_LINE": ("scan", ["\n \t", "\n" + " " * 30 + "x"]),
    "analyzer.render.html._LINE": ("scan", ["\n", "a"]),
    "analyzer.render.html._NBSP_RUN": ("scan", ["\u00a0 ", " "]),
    "analyzer.render.html._SENTENCE_END": ("scan", [".", '"a', "\n"]),
    "analyzer.score._WORD": ("scan", ["a", " "]),
    "analyzer.suppress._BODY": ("match", [" analyzer: ignore -- ", "analyzer: ignore", " \t"]),
    "analyzer.suppress._PARAGRAPH_END": ("scan", ["\n \t", "\n" + " " * 30 + "x"]),
    "analyzer.tooling.evaluate._WORD": ("scan", [".", "a.", "..a"]),
    "analyzer.tooling.gold._SENTENCE_END": ("scan", ['."', ".”’)]x", "\n"]),
}


def _patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern at module or class level in the package, by qualified name."""
    found: dict[str, re.Pattern] = {}
    seen: set[int] = set()
    for path in sorted((ROOT / "analyzer").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional dependency that is not installed
            continue
        for attr, value in sorted(vars(module).items()):
            members = [(attr, value)]
            if isinstance(value, type) and value.__module__ == name:
                members = [(f"{attr}.{a}", v) for a, v in vars(value).items()]
            for qualified, obj in members:
                if isinstance(obj, re.Pattern) and id(obj) not in seen:
                    seen.add(id(obj))
                    found[f"{name}.{qualified}"] = obj
    return found


PATTERNS = _patterns()


def _seconds(function: Callable[[str], object], text: str) -> float:
    """The best of three runs, without the cyclic garbage collector (its passes over the many
    objects of a long run are not the pattern's cost)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            function(text)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def _growth(function: Callable[[str], object], make: Callable[[int], str]) -> tuple[str, float]:
    """Time at a size where a run is measurable and at four times that size."""
    k = 64
    while len(make(k)) < MAX_CHARS // 4 and _seconds(function, make(k)) < MIN_SECONDS:
        k *= 2
    small, large = _seconds(function, make(k)), _seconds(function, make(4 * k))
    ratio = large / max(small, 1e-6) if large > NOISE_SECONDS else 1.0
    return f"{len(make(k))} chars {small:.4f} s, {len(make(4 * k))} chars {large:.4f} s", ratio


def test_every_pattern_in_the_package_is_audited():
    unaudited = sorted(set(PATTERNS) - set(AUDIT))
    assert not unaudited, f"add adversarial inputs for {unaudited} to AUDIT"
    assert len(PATTERNS) >= 30


@pytest.mark.parametrize("name", sorted(AUDIT))
def test_pattern_takes_linear_time(name):
    pattern = PATTERNS.get(name)
    if pattern is None:
        pytest.skip(f"{name} is gone or its module cannot be imported here")
    mode, units = AUDIT[name]
    encode = (lambda t: t.encode()) if isinstance(pattern.pattern, bytes) else (lambda t: t)

    def scan(text: str) -> None:
        for _ in pattern.finditer(encode(text)):
            pass

    def match(text: str) -> None:
        pattern.match(encode(text))
        pattern.fullmatch(encode(text))

    if mode == "guarded":
        pytest.skip(f"{name} is kept linear by the code around it (timed as an entry point)")
    for unit in units:
        figures, ratio = _growth(scan if mode == "scan" else match, lambda k, u=unit: u * k)
        assert ratio < MAX_RATIO, f"{name} on {unit!r}×k: {figures} (×{ratio:.1f})"


def _entry_points() -> dict[str, tuple[Callable[[str], object], Callable[[int], str]]]:
    from analyzer import engine, language, markup, suppress

    def markdown(text: str) -> object:
        return markup.analysis_text(text, "markdown")

    def page(text: str) -> object:
        return markup.analysis_text(text, "html")

    def detect(text: str) -> object:
        try:
            return language.detect(text)
        except Exception:
            return None

    return {
        "suppress: unclosed directives": (
            suppress.parse,
            lambda k: "<!-- analyzer: ignore a -- b -- c " * k,
        ),
        "suppress: unclosed directives, one close": (
            suppress.parse,
            lambda k: "<!-- analyzer: ignore a -- b -- c " * k + "-->",
        ),
        "suppress: comments and one far '>'": (suppress.parse, lambda k: "<!-- x " * k + ">"),
        "suppress: directives in one paragraph": (
            suppress.parse,
            lambda k: "<!-- analyzer: ignore vague-source -->" * k,
        ),
        "text: unclosed directives": (
            markup.blank_directives,
            lambda k: "<!-- analyzer: x " * k + "-->",
        ),
        "markdown: unclosed comments": (markdown, lambda k: "a <!-- " * k),
        "markdown: unclosed instructions": (markdown, lambda k: "a <? " * k),
        "markdown: unclosed CDATA": (markdown, lambda k: "a <![CDATA[ " * k),
        "markdown: open tags": (markdown, lambda k: "a <a b " * k),
        "markdown: unclosed brackets": (markdown, lambda k: "a [b " * k),
        "markdown: unclosed link tails": (markdown, lambda k: "[a](" * k),
        "markdown: unclosed titles": (markdown, lambda k: "[a](b (" * k),
        "markdown: angle destinations": (markdown, lambda k: "[a](<" * k + ">"),
        "markdown: unpaired emphasis": (markdown, lambda k: "*a " * k + "b_ " * k),
        "markdown: backtick runs": (
            markdown,
            lambda k: " ".join("`" * (i % 400 + 1) for i in range(k)),
        ),
        "html: tags that never close": (page, lambda k: "a <a b " * k),
        "html: unpaired quote": (page, lambda k: "<a x" * k + '">'),
        "html: unclosed comments": (page, lambda k: "<p>a <!-- " * k),
        "html: nested divs": (page, lambda k: "<div>" * k + "<p>Le maire a dit que oui.</p>"),
        "detect: words": (detect, lambda k: "le chat, " * k),
        "tidy whitespace": (engine.tidy_whitespace, lambda k: "mot  \n" * k),
    }


ENTRY_POINTS = _entry_points()


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_entry_point_takes_linear_time(name):
    function, make = ENTRY_POINTS[name]
    figures, ratio = _growth(function, make)
    assert ratio < MAX_RATIO, f"{name}: {figures} (×{ratio:.1f})"
