"""The language the analyser speaks: gettext catalogues through Babel, and French typography.

Messages are written in English in the code (the gettext source language) and translated by
``analyzer/locale/<lang>/LC_MESSAGES/analyzer.po``, read at run time with Babel (no build step:
an editable install and a fresh clone work alike). Adding a language is adding one ``.po``
file there (``make messages`` extracts the template, ``pybabel init -l xx`` starts a catalogue)
and, when its typography differs, a rule in ``typography``.

Which language speaks is a setting: ``"article"`` (the article's language, the default), or a
language code. ``resolve`` turns a setting, an ``Accept-Language`` header or a locale such as
``fr_CA.UTF-8`` into a language we have.

    tr = translator("fr")
    tr("vague source: « {source} » — name who says it", source="les médias")
    tr.plural("{n} hedge", "{n} hedges", 3)
"""

from __future__ import annotations

import gettext
import io
import os
import re
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "analyzer"
SOURCE_LANGUAGE = "en"
#: The settings ``messages`` accepts besides a language code.
ARTICLE = "article"

NBSP = "\u00a0"  # no-break space: before « : » and inside « »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ?


def languages() -> tuple[str, ...]:
    """Every language the analyser speaks: the source language and each catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def settings() -> tuple[str, ...]:
    """The values the ``messages`` setting accepts."""
    return (ARTICLE, *languages())


def language_of(value: str | None) -> str | None:
    """The language we speak for a code or locale (``fr``, ``fr-CA``, ``fr_FR.UTF-8``), or
    None."""
    if not value:
        return None
    code = re.split(r"[-_.@]", value.strip().lower(), maxsplit=1)[0]
    return code if code in languages() else None


def resolve(setting: str | None, article: str | None = None) -> str:
    """The language to speak: the setting's, else the article's, else English."""
    if setting and setting != ARTICLE:
        chosen = language_of(setting)
        if chosen is not None:
            return chosen
    return language_of(article) or SOURCE_LANGUAGE


def accept_language(header: str | None) -> str | None:
    """The best language we speak from an HTTP ``Accept-Language`` header, or None (then the
    article's language speaks)."""
    if not header:
        return None
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag))
    for _, _, tag in sorted(ranked):
        lang = language_of(tag)
        if lang is not None:
            return lang
    return None


def system_language() -> str:
    """The user's language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), for
    messages that come before any article (command-line errors, the rule pages)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        for part in value.split(":"):
            lang = language_of(part)
            if lang is not None:
                return lang
    return SOURCE_LANGUAGE


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as gettext does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def typography(text: str, lang: str) -> str:
    """French: no-break spaces inside « » and before :, narrow no-break spaces before ; ! ?"""
    if lang != "fr":
        return text
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"(?<!\s)\s*»", NBSP + "»", text)  # from a blank run's start: linear
    text = re.sub(r"(?<=[\w»)\]}])\s*:(?=\s|$)", NBSP + ":", text)
    return re.sub(r"(?<=[\w»)\]}])\s*([;!?])(?=\s|$)", NNBSP + r"\1", text)


def number(value: float, lang: str, digits: int = 2) -> str:
    """A decimal as text, with the language's separator (0,75 in French)."""
    return format_decimal(value, format="0." + "0" * digits if digits else "0", locale=lang)


def percent(value: float, lang: str) -> str:
    """A share as a percentage (75 % in French, with a narrow no-break space)."""
    return format_percent(value, locale=lang)


class Translator:
    """The messages of one language: ``tr(msgid, **values)`` and ``tr.plural(...)``.

    The template is translated, set in the language's typography, then filled with ``values``
    (article text put in a message is left as written)."""

    def __init__(self, lang: str) -> None:
        self.lang = language_of(lang) or SOURCE_LANGUAGE
        self._catalogue = _catalogue(self.lang)

    def __call__(self, message: str, /, **values: object) -> str:
        template = typography(self._catalogue.gettext(message), self.lang)
        return template.format(**values) if values else template

    def plural(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """``{n}`` is filled with ``n``."""
        template = typography(self._catalogue.ngettext(singular, plural, n), self.lang)
        return template.format(n=n, **values)

    def verbatim(self, message: str, /) -> str:
        """Translated but not re-set (examples of article text, code)."""
        return self._catalogue.gettext(message)

    def number(self, value: float, digits: int = 2) -> str:
        return number(value, self.lang, digits)

    def percent(self, value: float) -> str:
        return percent(value, self.lang)


@cache
def translator(lang: str | None) -> Translator:
    """The translator of ``lang`` (English when we do not speak it)."""
    return Translator(lang or SOURCE_LANGUAGE)


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


def speaks(report) -> str:
    """The language a report's messages are in: the one the session chose
    (``report.meta["messages"]``), else the article's."""
    return language_of(report.meta.get("messages")) or resolve(None, report.language)


def with_fix(message: str, fix: str, lang: str) -> str:
    """A finding's message and its fix as one line (an editor diagnostic, a tooltip):
    ``vague source: « on » — name who says it: Name the outlet…``."""
    if not fix:
        return message
    head = message.rstrip(".?!;:" + NBSP + NNBSP + " ")
    return f"{head}{NBSP + ':' if lang == 'fr' else ':'} {fix}"
