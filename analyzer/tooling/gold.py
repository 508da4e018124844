"""Gold annotation files: loading, validation and offset filling.

A gold file ``samples/<lang>/<name>.json`` sits beside the article ``<name>.txt`` and follows
docs/annotation.md. Every span is ``{"text", "start", "end"}`` with Python ``str`` offsets into the
article. Annotators may write spans with ``text`` only and run
``python -m analyzer.tooling.gold fill FILE.json`` to compute the offsets, then
``python -m analyzer.tooling.gold check FILE.json`` to validate the file.

External corpora in JSON Lines (``*.jsonl``, one document a line, the PolNeAR format of
``shared/reference/polnear-dev.jsonl``) load with ``load_jsonl``: content spans with offsets,
cue and speaker as text only, no kinds, source types, hedges or claims.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import GoldError
from analyzer.vocabulary import HEDGE_KINDS, KINDS, SOURCE_TYPES

GOLD_SCHEMA = "analyzer.gold/1"


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldSpeaker:
    span: GoldSpan
    type: str
    resolved: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class GoldAttribution:
    kind: str
    content: GoldSpan
    cue: GoldSpan | None
    speaker: GoldSpeaker | None
    #: The speaker as a text-only gold gives it (JSON Lines corpora), whether or not it could be
    #: located in the text (``speaker`` is then its located occurrence, or None).
    speaker_text: str | None = None
    #: A continuing quotation with no speaker span of its own (docs/annotation.md 1): the name it
    #: takes from before, and that name's type.
    resolved: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class GoldHedge:
    span: GoldSpan
    kind: str
    in_quote: bool


@dataclass(frozen=True)
class GoldClaim:
    span: GoldSpan
    attributed: bool


@dataclass
class GoldDocument:
    path: Path
    text: str
    language: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    hedges: list[GoldHedge] | None = None
    claims: list[GoldClaim] | None = None
    #: False when the gold does not tell the kinds apart (every kind is then "indirect"):
    #: no per-kind scores are computed for the document.
    kinds_known: bool = True
    #: False when the gold has no source types and no resolved names (types are "unknown"):
    #: source type and pronoun resolution are not scored for the document.
    types_known: bool = True
    #: The document's id inside a JSON Lines file (None for a ``.json`` gold file).
    id: str | None = None


def _text_path(json_path: Path, data: dict) -> Path:
    return json_path.parent / data.get("text", json_path.with_suffix(".txt").name)


def _span(raw: object, text: str, where: str) -> GoldSpan:
    if not isinstance(raw, dict) or not {"start", "end", "text"} <= raw.keys():
        raise GoldError(f"{where}: a span needs start, end and text")
    start, end = raw["start"], raw["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise GoldError(f"{where}: offsets {start}-{end} are outside the text")
    if text[start:end] != raw["text"]:
        raise GoldError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {raw['text']!r}")
    return GoldSpan(start, end, raw["text"])


def load(json_path: str | Path) -> GoldDocument:
    """Load and validate one gold file; raise GoldError naming the file and entry on a fault."""
    json_path = Path(json_path)
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{json_path}: {exc}") from exc
    if data.get("schema") != GOLD_SCHEMA:
        raise GoldError(f"{json_path}: schema must be {GOLD_SCHEMA!r}")
    text = _text_path(json_path, data).read_text(encoding="utf-8")
    doc = GoldDocument(json_path, text, data.get("language", "fr"))
    for i, raw in enumerate(data.get("attributions", []), 1):
        where = f"{json_path}: attribution {i}"
        if raw.get("kind") not in KINDS:
            raise GoldError(f"{where}: kind {raw.get('kind')!r} is not one of {KINDS}")
        speaker = None
        if raw.get("speaker"):
            sp = raw["speaker"]
            if sp.get("type") not in SOURCE_TYPES:
                raise GoldError(
                    f"{where}: speaker type {sp.get('type')!r} is not one of {SOURCE_TYPES}"
                )
            speaker = GoldSpeaker(
                _span(sp, text, where + " speaker"),
                sp["type"],
                sp.get("resolved"),
                sp.get("source"),
            )
        cue = _span(raw["cue"], text, where + " cue") if raw.get("cue") else None
        resolved, kind = raw.get("speaker_resolved"), raw.get("speaker_type")
        if speaker is None and kind is not None and kind not in SOURCE_TYPES:
            raise GoldError(f"{where}: speaker_type {kind!r} is not one of {SOURCE_TYPES}")
        content = _span(raw.get("content"), text, where + " content")
        doc.attributions.append(
            GoldAttribution(
                raw["kind"],
                content,
                cue,
                speaker,
                resolved=resolved if speaker is None else None,
                type=kind if speaker is None else None,
            )
        )
    if "hedges" in data:
        doc.hedges = []
        for i, raw in enumerate(data["hedges"], 1):
            where = f"{json_path}: hedge {i}"
            if raw.get("kind") not in HEDGE_KINDS:
                raise GoldError(f"{where}: kind {raw.get('kind')!r} is not one of {HEDGE_KINDS}")
            doc.hedges.append(
                GoldHedge(_span(raw, text, where), raw["kind"], bool(raw.get("in_quote")))
            )
    if "claims" in data:
        doc.claims = [
            GoldClaim(_span(raw, text, f"{json_path}: claim {i}"), bool(raw.get("attributed")))
            for i, raw in enumerate(data["claims"], 1)
        ]
    return doc


def find_gold_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the gold ``*.json`` and ``*.jsonl`` files they hold,
    sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted([*p.rglob("*.json"), *p.rglob("*.jsonl")]))
        else:
            found.append(p)
    return found


# --- JSON Lines corpora (PolNeAR) ---------------------------------------------------------

#: A sentence ends after . ! ? (and any closing quotes or brackets) before white space, or at
#: a line break. Rough, but enough to rank speaker occurrences by sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def locate_speaker(
    text: str, needle: str, content: GoldSpan, starts: list[int] | None = None
) -> GoldSpan | None:
    """The whole-word occurrence of ``needle`` that most likely names the source of
    ``content``: first one in the sentence of the content or the one before it (up to the
    sentence where the content ends, since a speaker often follows it), then one outside the
    content, then the nearest to the content. White space may differ (no-break spaces); case
    may differ when no exact occurrence exists. None when it does not occur."""
    words = needle.split()
    if not words:
        return None
    starts = starts if starts is not None else _sentence_starts(text)
    first = bisect_right(starts, content.start) - 1
    last = bisect_right(starts, max(content.start, content.end - 1)) - 1
    lo = starts[max(0, first - 1)]
    hi = starts[last + 1] if last + 1 < len(starts) else len(text)
    pattern = r"\s+".join(map(re.escape, words))
    for flags in (0, re.IGNORECASE):
        found = [
            m for m in re.finditer(pattern, text, flags) if _whole_word(text, m.start(), m.group())
        ]
        if found:
            break
    else:
        return None

    def rank(m: re.Match) -> tuple[bool, bool, int]:
        inside = m.start() < content.end and content.start < m.end()
        distance = content.start - m.end() if m.end() <= content.start else m.start() - content.end
        return (not (lo <= m.start() and m.end() <= hi), inside, max(0, distance))

    best = min(found, key=rank)
    return GoldSpan(best.start(), best.end(), best.group())


def _empty_content(raw: object, text: str) -> bool:
    """An empty content span with offsets inside the text, possibly inverted (start > end)."""
    if not isinstance(raw, dict) or raw.get("text") != "":
        return False
    start, end = raw.get("start"), raw.get("end")
    ints = isinstance(start, int) and isinstance(end, int)
    return ints and min(start, end) >= 0 and max(start, end) <= len(text)


def _text_only(raw: object, where: str) -> str | None:
    """The text of a cue or speaker given as ``{"text": ...}`` (None when absent or empty)."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("text", ""), str):
        raise GoldError(f"{where}: expected an object with a text")
    return raw.get("text") or None


def load_jsonl(path: str | Path) -> list[GoldDocument]:
    """Load a JSON Lines corpus, one ``{"id", "lang", "text", "attributions"}`` document a line
    (the PolNeAR format): content spans with offsets, cue and speaker as text only.
    Attributions whose content is empty are left out (nothing to score). Speakers are located
    in the text (see ``locate_speaker``) and typed "unknown"; kinds are unknown
    (``kinds_known=False``), and so are types. Raise GoldError naming the file and the line
    on a fault."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: {exc}") from exc
    docs = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise GoldError(f"{where}: a document needs a text")
        if not isinstance(data.get("attributions", []), list):
            raise GoldError(f"{where}: attributions must be a list")
        text = data["text"]
        doc_id = str(data.get("id", number))
        doc = GoldDocument(
            path,
            text,
            data.get("lang") or "en",
            kinds_known=False,
            types_known=False,
            id=doc_id,
        )
        starts = _sentence_starts(text)
        for i, raw in enumerate(data.get("attributions", []), 1):
            at = f"{where} (id {doc_id}): attribution {i}"
            if not isinstance(raw, dict):
                raise GoldError(f"{at}: expected an object")
            if _empty_content(raw.get("content"), text):
                continue  # nothing to score (PolNeAR has a few, with start > end)
            content = _span(raw.get("content"), text, at + " content")
            _text_only(raw.get("cue"), at + " cue")
            speaker_text = _text_only(raw.get("speaker"), at + " speaker")
            speaker = None
            if speaker_text:
                located = locate_speaker(text, speaker_text, content, starts)
                if located is not None:
                    speaker = GoldSpeaker(located, "unknown")
            doc.attributions.append(
                GoldAttribution("indirect", content, None, speaker, speaker_text)
            )
        docs.append(doc)
    return docs


# --- offset filling, for annotators -------------------------------------------------------


def _whole_word(text: str, i: int, needle: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(needle)] if i + len(needle) < len(text) else " "
    return not (before.isalnum() and needle[:1].isalnum()) and not (
        after.isalnum() and needle[-1:].isalnum()
    )


def _nearest(text: str, needle: str, anchor: int) -> int:
    """Start of the whole-word occurrence of ``needle`` closest to ``anchor``, or -1."""
    best, i = -1, text.find(needle)
    while i != -1:
        if _whole_word(text, i, needle) and (best == -1 or abs(i - anchor) < abs(best - anchor)):
            best = i
        i = text.find(needle, i + 1)
    return best


def _fill_span(
    raw: dict, text: str, anchor: int, where: str, forward_from: int | None = None
) -> None:
    needle = raw.get("text", "")
    if not needle:
        raise GoldError(f"{where}: empty text")
    if "start" in raw and text[raw["start"] : raw.get("end", -1)] == needle:
        return
    if forward_from is not None:
        pos = text.find(needle, forward_from)
        if pos == -1:
            pos = text.find(needle)
    else:
        pos = _nearest(text, needle, anchor)
    if pos == -1:
        raise GoldError(f"{where}: {needle!r} does not occur in the text")
    raw["start"], raw["end"] = pos, pos + len(needle)


def fill(json_path: str | Path) -> int:
    """Compute missing offsets in place. Content spans are searched in document order (each
    from the previous content's start); speakers, cues, hedges and claims at the occurrence
    nearest their anchor (the content, or the previous entry). Returns the number of spans."""
    json_path = Path(json_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    data.setdefault("schema", GOLD_SCHEMA)
    text = _text_path(json_path, data).read_text(encoding="utf-8")
    count, cursor = 0, 0
    for i, att in enumerate(data.get("attributions", []), 1):
        where = f"{json_path}: attribution {i}"
        _fill_span(att["content"], text, cursor, where + " content", forward_from=cursor)
        cursor = att["content"]["start"]
        count += 1
        for part in ("cue", "speaker"):
            if att.get(part):
                _fill_span(att[part], text, cursor, f"{where} {part}")
                count += 1
    for key in ("hedges", "claims"):
        cursor = 0
        for i, raw in enumerate(data.get(key, []), 1):
            _fill_span(raw, text, cursor, f"{json_path}: {key} {i}", forward_from=cursor)
            cursor = raw["start"]
            count += 1
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return count


def _main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"fill", "check"}:
        print("usage: python -m analyzer.tooling.gold fill|check FILE.json...", file=sys.stderr)
        return 2
    status = 0
    for name in argv[1:]:
        try:
            if argv[0] == "fill":
                print(f"{name}: {fill(name)} spans placed")
            doc = load(name)
            print(f"{name}: ok, {len(doc.attributions)} attributions")
        except GoldError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
