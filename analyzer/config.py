"""Configuration: ``[tool.analyzer]`` in ``pyproject.toml`` or a ``.analyzer.toml``, found from
the checked file's folder upward (the first file that has a configuration wins).

    [tool.analyzer]
    language = "fr"              # auto | fr | en
    min_score = 60               # check fails below this score
    fail_on = "warning"          # error | warning | info
    messages = "fr"              # article (default: the article's language) | fr | en
    known_sources = ["house/sources.tsv"]   # name<TAB>type: outlets and sources the house knows
    loaded_terms = ["house/loaded.tsv"]     # extra loaded terms, one a line (or term<TAB>class)

    [tool.analyzer.rules]
    loaded-term = "error"        # a severity, or "off"
    single-source = "off"

    [tool.analyzer.weights]
    attribution_coverage = 0.5

Lexicon paths are relative to the configuration file. A bad key or value fails with the file
and the key named.

Configuration lives in content repositories many people write to, so it is untrusted input:
the configuration file and the files it names must be regular files (not a FIFO, a device or
``/dev/zero``) under ``MAX_CONFIG_BYTES`` and ``MAX_LEXICON_BYTES``, UTF-8, inside the
repository that holds the configuration (the nearest folder with ``.git``, else the
configuration's own folder); every value is type-checked and bounded; an error names the file
and the key and never quotes what a named file holds. ``root`` (``--config-root``) also keeps
the search from leaving a folder.
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.errors import ConfigError
from analyzer.i18n import settings
from analyzer.lexicons import normalise
from analyzer.rules import RULES
from analyzer.score import DEFAULT_WEIGHTS, ScoreConfig
from analyzer.vocabulary import LANGUAGES, SEVERITIES, SOURCE_TYPES

CONFIG_FILES = (".analyzer.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1024 * 1024
MAX_LEXICON_BYTES = 10 * 1024 * 1024
MAX_WEIGHT = 100.0
_KEYS = {
    "language",
    "min_score",
    "fail_on",
    "rules",
    "weights",
    "known_sources",
    "loaded_terms",
    "messages",
}
_SOURCE_TYPES = set(SOURCE_TYPES) - {"unknown"}


@dataclass(frozen=True)
class Config:
    language: str = "auto"
    min_score: int | None = None
    fail_on: str = "error"
    rules: dict[str, str] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    known_sources: dict[str, str] = field(default_factory=dict)
    loaded_terms: tuple[str, ...] = ()
    source: str | None = None  # the file it came from; None for the defaults
    messages: str = "article"  # the language findings speak: article, or a language code

    @property
    def score(self) -> ScoreConfig:
        return ScoreConfig(weights={**DEFAULT_WEIGHTS, **self.weights}, severities=self.rules)

    def describe(self) -> dict[str, Any]:
        """What ``analyzer config`` prints."""
        return {
            "source": self.source or "(defaults: no configuration file found)",
            "language": self.language,
            "min_score": self.min_score,
            "fail_on": self.fail_on,
            "messages": self.messages,
            "rules": {r: self.rules.get(r, rule.severity) for r, rule in RULES.items()},
            "weights": {**DEFAULT_WEIGHTS, **self.weights},
            "known_sources": len(self.known_sources),
            "loaded_terms": len(self.loaded_terms),
        }


def _absolute(path: str | Path) -> Path:
    """``path`` made absolute, symbolic links resolved where they resolve (a loop does not
    raise here: reading the file reports it)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def find(start: str | Path, root: str | Path | None = None) -> Path | None:
    """The first configuration file from ``start``'s folder upward that configures us, not
    above ``root`` when it is given."""
    here = _absolute(start)
    folder = here if here.is_dir() else here.parent
    top = _absolute(root) if root is not None else None
    for candidate in (folder, *folder.parents):
        if top is not None and not candidate.is_relative_to(top):
            break
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and _section(path) is not None:
                return path
    return None


def read_limited(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes; ConfigError otherwise,
    naming the file and never quoting its content. Opened without blocking (a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: {what} must be a regular file")
        if info.st_size > limit:
            raise ConfigError(f"{path}: {what} is larger than {limit // 1024} KiB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ConfigError(f"{path}: {what} is larger than {limit // 1024} KiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {what} is not UTF-8 text (byte {exc.start})") from None


def _show(value: Any) -> str:
    """A value for an error message: short strings quoted, anything else by its type."""
    if isinstance(value, str) and len(value) <= 40 and value.isprintable():
        return repr(value)
    if isinstance(value, bool | int | float) and len(repr(value)) <= 40:
        return repr(value)
    return f"a {type(value).__name__}"


def _section(path: Path) -> dict | None:
    text = read_limited(path, MAX_CONFIG_BYTES, "configuration")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: values nested too deeply") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    section = tool.get("analyzer") if path.name == "pyproject.toml" else tool.get("analyzer", data)
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.analyzer] must be a table")
    return section


def load(path: str | Path, root: str | Path | None = None) -> Config:
    """Read and validate one configuration file. The files it names must lie inside ``root``
    when given, else inside its repository (see ``repository_root``)."""
    path = Path(path)
    raw = _section(path)
    if raw is None:
        raise ConfigError(f"{path}: no [tool.analyzer] section")
    where = f"{path}: [tool.analyzer]"
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {_show(sorted(unknown)[0])} (known: {sorted(_KEYS)})"
        )
    language = raw.get("language", "auto")
    if not isinstance(language, str) or language not in {"auto", *LANGUAGES}:
        raise ConfigError(f"{where}: language must be auto, fr or en, not {_show(language)}")
    fail_on = raw.get("fail_on", "error")
    if not isinstance(fail_on, str) or fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: fail_on must be one of {SEVERITIES}, not {_show(fail_on)}")
    messages = raw.get("messages", "article")
    if not isinstance(messages, str) or messages not in settings():
        raise ConfigError(
            f"{where}: messages must be one of {', '.join(settings())}, not {_show(messages)}"
        )
    min_score = raw.get("min_score")
    if min_score is not None and not (
        isinstance(min_score, int) and not isinstance(min_score, bool) and 0 <= min_score <= 100
    ):
        raise ConfigError(f"{where}: min_score must be a whole number from 0 to 100")
    for key in ("rules", "weights"):
        if not isinstance(raw.get(key, {}), dict):
            raise ConfigError(f"{where}: {key} must be a table ([tool.analyzer.{key}])")
    for key in ("known_sources", "loaded_terms"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and 0 < len(v) <= 4096 and "\x00" not in v for v in value
        ):
            raise ConfigError(f"{where}: {key} must be a list of file paths")
        if len(value) > 100:
            raise ConfigError(f"{where}: {key} names more than 100 files")
    rules = dict(raw.get("rules", {}))
    for rule_id, severity in rules.items():
        if rule_id not in RULES:
            raise ConfigError(f"{where}.rules: unknown rule {_show(rule_id)}")
        if not isinstance(severity, str) or severity not in (*SEVERITIES, "off"):
            raise ConfigError(
                f"{where}.rules.{rule_id}: severity must be one of "
                f"{(*SEVERITIES, 'off')}, not {_show(severity)}"
            )
    weights = dict(raw.get("weights", {}))
    for name, weight in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise ConfigError(f"{where}.weights: unknown component {_show(name)}")
        if (
            not isinstance(weight, int | float)
            or isinstance(weight, bool)
            or not math.isfinite(weight)
            or not 0 <= weight <= MAX_WEIGHT
        ):
            raise ConfigError(f"{where}.weights.{name}: must be a number from 0 to {MAX_WEIGHT:g}")
    if weights and sum({**DEFAULT_WEIGHTS, **weights}.values()) <= 0:
        raise ConfigError(f"{where}.weights: at least one weight must be above 0")
    top = _absolute(root) if root is not None else repository_root(path)
    known: dict[str, str] = {}
    for name in raw.get("known_sources", []):
        text = _referenced(path, top, "known_sources", name)
        known.update(_known_sources(text, f"{where}.known_sources: {_show(name)}"))
    loaded: list[str] = []
    for name in raw.get("loaded_terms", []):
        loaded += _loaded_terms(_referenced(path, top, "loaded_terms", name))
    return Config(
        language,
        min_score,
        fail_on,
        rules,
        weights,
        known,
        tuple(loaded),
        str(path),
        messages=messages,
    )


def repository_root(config: Path) -> Path:
    """The folder the files a configuration names must lie in: the nearest folder holding
    ``.git`` from the configuration's folder upward, else that folder itself."""
    folder = _absolute(config).parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _referenced(config: Path, root: Path, key: str, name: str) -> str:
    """The text of a file a configuration names, refused when it lies outside ``root``."""
    path = _absolute(config.parent / name)
    if not path.is_relative_to(root):
        raise ConfigError(
            f"{config}: [tool.analyzer] {key}: {_show(name)} lies outside {root} "
            "(files a configuration names must be in its repository)"
        )
    return read_limited(path, MAX_LEXICON_BYTES, f"the {key} file named in {config}")


def for_file(path: str | Path, root: str | Path | None = None) -> Config:
    """The configuration in force for a checked file (the defaults when none is found); with
    ``root``, only configuration inside that folder is used."""
    found = find(path if path != "-" else Path.cwd(), root)
    return load(found, root) if found is not None else Config()


def _known_sources(text: str, where: str) -> dict[str, str]:
    """``name<TAB>type`` lines; an error names the line, never its content."""
    known: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2 or not all(c.strip() for c in columns):
            raise ConfigError(f"{where}: line {number} is not 'name<TAB>type'")
        if columns[1].strip() not in _SOURCE_TYPES:
            raise ConfigError(
                f"{where}: line {number}: the type must be one of {sorted(_SOURCE_TYPES)}"
            )
        known[normalise(columns[0])] = columns[1].strip()
    return known


def _loaded_terms(text: str) -> list[str]:
    return [
        normalise(line.split("\t")[0].strip())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
