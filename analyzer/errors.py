"""One exception hierarchy for the whole package.

Every error the analyser raises on purpose derives from ``AnalyzerError`` and carries a one-line
message meant for the user (it names the file, key or entry at fault). Front ends catch
``AnalyzerError`` once and print that line; anything else that escapes is an internal error.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base of every error the analyser raises on purpose; ``str(exc)`` is a one-line message."""


class InputError(AnalyzerError, ValueError):
    """Input the analyser cannot work on (empty, not text); the message says why."""


class InputFileError(AnalyzerError, ValueError):
    """A file that cannot be analysed; the message names the file and the problem."""


class LanguageError(AnalyzerError, ValueError):
    """The text is in neither supported language."""


class ConfigError(AnalyzerError, ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


class LexiconError(AnalyzerError, ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


class GoldError(AnalyzerError, ValueError):
    """A gold file that does not follow the format; the message names the file and the entry."""


class ModelError(AnalyzerError, RuntimeError):
    """No spaCy model for the language can be loaded."""


class InternalError(AnalyzerError, RuntimeError):
    """An unexpected exception while analysing one document (a bug, not bad input).

    The message is one line, ``internal error: ExcType: message (at file.py:line)``, naming the
    innermost frame; the original exception is kept as ``__cause__`` for ``--debug``.
    """

    @classmethod
    def wrap(cls, exc: BaseException) -> InternalError:
        """The one-line error for ``exc``; raise it ``from exc``."""
        error = cls(f"internal error: {type(exc).__name__}: {_one_line(exc)}{_where(exc)}")
        error.__cause__ = exc
        return error


_MAX_MESSAGE = 200


def _one_line(exc: BaseException) -> str:
    """The exception's message on one line, cut short: it may quote article text."""
    text = " ".join(str(exc).split()) or "(no message)"
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _where(exc: BaseException) -> str:
    """`` (at components/attribution.py:410)``: the innermost frame of the traceback, its path
    relative to the package when it lies inside it."""
    import traceback
    from pathlib import Path

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    path = Path(frame.filename)
    package = Path(__file__).resolve().parent
    try:
        name = path.resolve().relative_to(package).as_posix()
    except (ValueError, OSError):
        name = path.name
    return f" (at {name}:{frame.lineno})"
