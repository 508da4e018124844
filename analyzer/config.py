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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.errors import ConfigError
from analyzer.i18n import settings
from analyzer.lexicons import LexiconError, normalise, read_tsv
from analyzer.rules import RULES
from analyzer.score import DEFAULT_WEIGHTS, ScoreConfig
from analyzer.vocabulary import LANGUAGES, SEVERITIES, SOURCE_TYPES

CONFIG_FILES = (".analyzer.toml", "pyproject.toml")
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


def find(start: str | Path) -> Path | None:
    """The first configuration file from ``start``'s folder upward that configures us."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and _section(path) is not None:
                return path
    return None


def _section(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from exc
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    section = tool.get("analyzer") if path.name == "pyproject.toml" else tool.get("analyzer", data)
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.analyzer] must be a table")
    return section


def load(path: str | Path) -> Config:
    """Read and validate one configuration file."""
    path = Path(path)
    raw = _section(path)
    if raw is None:
        raise ConfigError(f"{path}: no [tool.analyzer] section")
    where = f"{path}: [tool.analyzer]"
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {sorted(_KEYS)})")
    language = raw.get("language", "auto")
    if language not in {"auto", *LANGUAGES}:
        raise ConfigError(f"{where}: language must be auto, fr or en, not {language!r}")
    fail_on = raw.get("fail_on", "error")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: fail_on must be one of {SEVERITIES}, not {fail_on!r}")
    messages = raw.get("messages", "article")
    if messages not in settings():
        raise ConfigError(
            f"{where}: messages must be one of {', '.join(settings())}, not {messages!r}"
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
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key} must be a list of file paths")
    rules = dict(raw.get("rules", {}))
    for rule_id, severity in rules.items():
        if rule_id not in RULES:
            raise ConfigError(f"{where}.rules: unknown rule {rule_id!r}")
        if severity not in (*SEVERITIES, "off"):
            raise ConfigError(
                f"{where}.rules.{rule_id}: severity must be one of "
                f"{(*SEVERITIES, 'off')}, not {severity!r}"
            )
    weights = dict(raw.get("weights", {}))
    for name, weight in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise ConfigError(f"{where}.weights: unknown component {name!r}")
        if (
            not isinstance(weight, int | float)
            or isinstance(weight, bool)
            or not 0 <= weight < float("inf")
        ):
            raise ConfigError(f"{where}.weights.{name}: must be a finite number >= 0")
    if weights and sum({**DEFAULT_WEIGHTS, **weights}.values()) <= 0:
        raise ConfigError(f"{where}.weights: at least one weight must be above 0")
    try:
        known = _known_sources(path.parent, raw.get("known_sources", []))
        loaded = _loaded_terms(path.parent, raw.get("loaded_terms", []))
    except LexiconError as exc:
        raise ConfigError(str(exc)) from exc
    return Config(
        language, min_score, fail_on, rules, weights, known, loaded, str(path), messages=messages
    )


def for_file(path: str | Path) -> Config:
    """The configuration in force for a checked file (the defaults when none is found)."""
    found = find(path if path != "-" else Path.cwd())
    return load(found) if found is not None else Config()


def _known_sources(base: Path, files: list[str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for name in files:
        for entry, source_type in read_tsv(base / name, frozenset(_SOURCE_TYPES)).items():
            known[normalise(entry)] = source_type
    return known


def _loaded_terms(base: Path, files: list[str]) -> tuple[str, ...]:
    terms: list[str] = []
    for name in files:
        path = base / name
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror})") from exc
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                term = line.split("\t")[0].strip()
                terms.append(normalise(term))
    return tuple(terms)
