"""A result cache for ``analyzer check --cache`` (the pre-commit hook): an unchanged article
costs a file read and a hash, and the spaCy model is loaded only when something must be analysed.

An entry is keyed by the article's bytes, the configuration that shapes the analysis (language,
rule severities, weights, house lexicons, not the pass/fail thresholds, which are applied after)
and the analyser itself (its version and a fingerprint of its installed files, so an upgrade or an
edited lexicon is a miss). Entries are JSON files written atomically; a corrupt, truncated or
foreign entry is a miss, never an error. The folder is ``--cache-dir``, else
``$ANALYZER_CACHE_DIR``, else ``.analyzer_cache`` in the current folder (it holds a
``.gitignore`` of ``*``, as ruff's does).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer import __version__
from analyzer.report import (
    Attribution,
    Claim,
    Cue,
    Finding,
    Framing,
    Hedge,
    Report,
    Score,
    ScoreComponent,
    Source,
    Span,
    Speaker,
)

if TYPE_CHECKING:
    from analyzer.config import Config
    from analyzer.inputs import Document

CACHE_ENV = "ANALYZER_CACHE_DIR"
DEFAULT_DIR = ".analyzer_cache"
_FORMAT = 1  # bump when the entry layout changes


@cache
def analyser_fingerprint() -> str:
    """The version and every installed file of the package (path, size, modification time):
    cheap to compute (a few dozen stats) and changed by any upgrade, lexicon or model edit."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def config_fingerprint(config: Config) -> str:
    """What in a configuration changes the report (thresholds do not: they judge it after)."""
    shaping = {
        "language": config.language,
        "rules": config.rules,
        "weights": config.weights,
        "known_sources": config.known_sources,
        "loaded_terms": list(config.loaded_terms),
        "messages": getattr(config, "messages", None),
    }
    return json.dumps(shaping, sort_keys=True, ensure_ascii=False)


class ResultCache:
    """Reports stored by key in one folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0

    def key(self, content: bytes, config: Config, lang: str | None) -> str:
        digest = hashlib.sha256()
        for part in (analyser_fingerprint(), config_fingerprint(config), lang or ""):
            digest.update(part.encode() + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Report | None:
        """The stored report (named ``path``), or None when absent or unusable."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry of another key")
            report = report_from_dict(data["report"], data["text"], path)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            with contextlib.suppress(OSError):
                self._path(key).unlink()  # corrupt: drop it, analyse again
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: Report) -> None:
        """Store atomically (temporary file, then rename); a cache that cannot be written is
        simply not used."""
        entry = {"key": key, "text": report.text, "report": report.to_dict()}
        entry["report"]["meta"] = report.meta
        target = self._path(key)
        try:
            self._prepare()
            target.parent.mkdir(exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False, default=str)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)

    def _prepare(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# made by analyzer\n*\n", encoding="utf-8")


class CachedSession:
    """A Session that looks in the cache first and makes the real one (loading spaCy) only on a
    miss; without a cache it is the plain Session."""

    def __init__(self, cache_folder: str | Path | None = None) -> None:
        from analyzer.inputs import MAX_BYTES

        self.cache = ResultCache(cache_folder) if cache_folder is not None else None
        self._session = None
        #: The per-file size cap, kept here so a cache hit never has to build the Session.
        self.max_bytes = MAX_BYTES

    @classmethod
    def for_args(cls, args: Any) -> CachedSession:
        """From ``--cache`` / ``--cache-dir`` (commands without them get no cache)."""
        folder = getattr(args, "cache_dir", None)
        if folder is None and getattr(args, "cache", False):
            folder = os.environ.get(CACHE_ENV) or DEFAULT_DIR
        return cls(folder)

    @property
    def session(self):
        if self._session is None:
            from analyzer.session import Session

            self._session = Session()
            self._session.max_bytes = self.max_bytes
        return self._session

    def analyze_path(
        self, path: str, lang: str | None, config: Config
    ) -> tuple[Report, Document | None]:
        """Session.analyze_path, with the document None when the report came from the cache."""
        if self.cache is None or path == "-":
            return self.session.analyze_path(path, lang, config)
        from analyzer.inputs import InputFileError, read_bytes

        try:  # a regular file within the size cap only: a FIFO or /dev/zero is never read
            content = read_bytes(path, self.max_bytes)
        except InputFileError:
            return self.session.analyze_path(path, lang, config)  # it names the error
        key = self.cache.key(content, config, lang)
        report = self.cache.get(key, path)
        if report is not None:
            return report, None
        report, document = self.session.analyze_path(path, lang, config)
        self.cache.put(key, report)
        return report, document


def _span(data: dict, text: str) -> Span:
    start, end = int(data["start"]), int(data["end"])
    return Span(start, end, text[start:end])


def report_from_dict(data: dict[str, Any], text: str, path: str | None) -> Report:
    """The Report that ``Report.to_dict`` described (spans re-cut from ``text``)."""

    def speaker(s: dict | None) -> Speaker | None:
        if s is None:
            return None
        return Speaker(_span(s, text), s["type"], s.get("resolved"), s.get("source_id"))

    def cue(c: dict | None) -> Cue | None:
        return None if c is None else Cue(_span(c, text), c["lemma"], c["stance"])

    score = data.get("score")
    return Report(
        text=text,
        language=data["language"],
        attributions=tuple(
            Attribution(
                a["id"],
                a["kind"],
                _span(a["content"], text),
                cue(a.get("cue")),
                speaker(a.get("speaker")),
                bool(a.get("hedged", False)),
            )
            for a in data["attributions"]
        ),
        sources=tuple(
            Source(
                s["id"],
                s["name"],
                s["type"],
                tuple(_span(m, text) for m in s["mentions"]),
                tuple(s["attributions"]),
            )
            for s in data["sources"]
        ),
        hedges=tuple(
            Hedge(_span(h, text), h["kind"], h["in_quote"], h["attributed"]) for h in data["hedges"]
        ),
        framing=tuple(Framing(_span(f, text), f["kind"]) for f in data["framing"]),
        claims=tuple(
            Claim(_span(c, text), c["attributed"], c.get("source_type")) for c in data["claims"]
        ),
        findings=tuple(
            Finding(
                f["rule"],
                f["severity"],
                _span(f, text),
                f["line"],
                f["column"],
                f["message"],
                f.get("fix", ""),
            )
            for f in data["findings"]
        ),
        score=None
        if score is None
        else Score(
            score["value"],
            score["grade"],
            tuple(
                ScoreComponent(c["name"], c["value"], c["weight"], c["explanation"])
                for c in score["components"]
            ),
        ),
        path=path,
        meta=dict(data.get("meta") or {}),
    )
