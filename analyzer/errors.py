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
