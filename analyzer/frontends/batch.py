"""Corpus runs: many articles, several processes, nothing lost, nothing duplicated.

    analyzer batch corpus/ more/*.md records.jsonl table.csv --jobs 2 --out reports.jsonl

Inputs are streamed, never held whole: files, folders (their articles), globs, JSON Lines of
``{id, text, outlet, date, author, lang}`` and CSV files with a ``text`` column. Every input
gives one JSON line in the output: its report (with ``id``, ``outlet``, ``date``, ``author``),
or ``{"id", "error"}`` when it cannot be analysed, so one bad document never loses the others.

Crash safety: each line is appended with one ``write`` and ``fsync``ed; a rerun with
``--resume`` reads the ids already written back (repairing a half-written last line) and
analyses only the rest. Without ``--resume`` an existing output is replaced only when the new
run has finished (the run writes ``OUT.partial`` meanwhile, which ``--resume`` continues).
A worker that dies (segfault, out of memory, killed) is replaced; the document it was working
on is retried alone and, if it kills the worker again, recorded as an error. Workers never
outlive the parent: they ask the kernel for SIGKILL when the parent dies and also watch their
parent's pid.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import json
import os
import signal
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import AnalyzerError, InputFileError, InternalError
from analyzer.vocabulary import NAMED_TYPES

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv",)
#: Metadata fields carried from a record (or front matter) into its result line.
META_FIELDS = ("outlet", "date", "author")
#: Documents in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4

# -- inputs ---------------------------------------------------------------------------------------


def _is_glob(raw: str) -> bool:
    return any(ch in raw for ch in "*?[") and not Path(raw).exists()


def expand(paths: Iterable[str]) -> Iterator[str]:
    """The input files of ``paths``: files as given, globs expanded (sorted), the articles under
    each folder (sorted). Only names are listed, never contents."""
    for raw in paths:
        if _is_glob(raw):
            yield from sorted(glob.glob(raw, recursive=True))
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (
                str(p)
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
            )
        else:
            yield raw


def items(paths: Iterable[str], text_column: str = "text") -> Iterator[dict]:
    """One work item per document, streamed: ``{"id", "path"}`` for an article file,
    ``{"id", "text", ...metadata}`` for a JSON Lines record or a CSV row, ``{"id", "error"}``
    for an input that cannot be read (it becomes an error line, the run goes on)."""
    for name in expand(paths):
        suffix = Path(name).suffix.lower()
        if suffix in RECORD_SUFFIXES:
            yield from _jsonl_items(name)
        elif suffix in TABLE_SUFFIXES:
            yield from _csv_items(name, text_column)
        else:
            yield {"id": name, "path": name}


def _open_text(name: str):
    try:
        return open(name, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def _record(raw: dict, default_id: str, text_key: str = "text") -> dict:
    text = raw.get(text_key)
    rid = raw.get("id")
    rid = default_id if rid in (None, "") else str(rid)
    if not isinstance(text, str):
        return {"id": rid, "error": f"{default_id}: no '{text_key}' text"}
    item = {"id": rid, "text": text}
    for key in (*META_FIELDS, "lang"):
        if raw.get(key) not in (None, ""):
            item[key] = str(raw[key])
    return item


def _jsonl_items(name: str) -> Iterator[dict]:
    try:
        handle = _open_text(name)
    except InputFileError as exc:
        yield {"id": name, "error": str(exc)}
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": where, "error": f"{where}: not JSON ({exc.msg})"}
                continue
            if not isinstance(raw, dict):
                yield {"id": where, "error": f"{where}: not a JSON object"}
                continue
            yield _record(raw, where)


def _csv_items(name: str, text_column: str) -> Iterator[dict]:
    try:
        handle = _open_text(name)
    except InputFileError as exc:
        yield {"id": name, "error": str(exc)}
        return
    csv.field_size_limit(2**31 - 1)
    with handle:
        reader = csv.DictReader(handle)
        if text_column not in (reader.fieldnames or []):
            yield {"id": name, "error": f"{name}: no '{text_column}' column"}
            return
        for number, row in enumerate(reader, 2):
            yield _record(row, f"{name}:{number}", text_column)


def count(paths: Iterable[str]) -> int:
    """How many items ``items(paths)`` gives, without parsing the records (for the progress
    bar's total; a malformed record file may make it approximate)."""
    total = 0
    for name in expand(paths):
        suffix = Path(name).suffix.lower()
        if suffix in RECORD_SUFFIXES:
            with contextlib.suppress(OSError), open(name, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif suffix in TABLE_SUFFIXES:
            with contextlib.suppress(OSError, csv.Error), _open_text(name) as handle:
                csv.field_size_limit(2**31 - 1)
                total += max(0, sum(1 for _ in csv.reader(handle)) - 1)
        else:
            total += 1
    return total


# -- analysing one item (in a worker process, a Dask worker or in-process) ------------------------

_SESSION = None
_SESSION_LOCK = threading.Lock()


def _session():
    """The process's Session (engines, hence models, load once per process)."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None:
            from analyzer.session import Session

            _SESSION = Session()
        return _SESSION


def analyse_item(item: dict, lang: str | None = None) -> dict:
    """One output line for one work item; never raises for a bad document."""
    if "error" in item:
        return item
    rid = item["id"]
    head = {"id": rid, **({"path": item["path"]} if "path" in item else {})}
    head.update({k: item[k] for k in META_FIELDS if k in item})  # errors keep their outlet
    try:
        session = _session()
        if "path" in item:
            report, document = session.analyze_path(item["path"], lang)
            meta = {k: document.meta.get(k) for k in META_FIELDS}
            meta["outlet"] = meta["outlet"] or Path(item["path"]).parent.name
        else:
            report = session.analyze_text(item["text"], "", lang or item.get("lang"))
            meta = {k: item.get(k) for k in META_FIELDS}
    except AnalyzerError as exc:
        message = str(exc)
        if "path" in item and not message.startswith(item["path"]):
            message = f"{item['path']}: {message}"
        return {**head, "error": message}
    except Exception as exc:
        return {**head, "error": str(InternalError.wrap(exc))}
    data = report.to_dict()
    return {**head, **data, **{k: v for k, v in meta.items() if v is not None}}


def dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


# -- the output file: append, fsync, resume -------------------------------------------------------


class Output:
    """A JSON Lines file written crash-safely: one ``write`` and one ``fsync`` per line.

    ``resume=True`` continues the file (``OUT.partial`` first, if a fresh run over an existing
    output was killed): a half-written last line is cut off and the ids written are returned by
    ``done``. ``resume=False`` starts afresh, in ``OUT.partial`` when ``OUT`` exists, so that
    the old results stay until ``close`` replaces them with the finished run."""

    def __init__(self, path: str, resume: bool = False) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        if resume:
            self.work = self.partial if self.partial.exists() else self.path
        else:
            with contextlib.suppress(FileNotFoundError):
                self.partial.unlink()
            exists = self.path.exists() and self.path.stat().st_size > 0
            self.work = self.partial if exists else self.path
        self.done: set[str] = set()
        self.errors_before = 0
        if resume and self.work.exists():
            self._repair()
            self._read_back()
        self.fd = os.open(self.work, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def _repair(self) -> None:
        """Cut a last line that a kill left without its newline (it is analysed again)."""
        with open(self.work, "rb+") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size == 0:
                return
            handle.seek(size - 1)
            if handle.read(1) == b"\n":
                return
            position, block = size, 1 << 16
            while position > 0:
                start = max(0, position - block)
                handle.seek(start)
                chunk = handle.read(position - start)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    handle.truncate(start + cut + 1)
                    break
                position = start
            else:
                handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())

    def _read_back(self) -> None:
        with open(self.work, encoding="utf-8") as handle:
            for line in handle:
                with contextlib.suppress(json.JSONDecodeError, AttributeError, TypeError):
                    record = json.loads(line)
                    self.done.add(str(record["id"]))
                    self.errors_before += "error" in record

    def write(self, result: dict) -> None:
        data = (dumps(result) + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]
        os.fsync(self.fd)
        self.done.add(str(result["id"]))

    def close(self, finished: bool) -> None:
        """Close; a finished fresh run written to ``OUT.partial`` now replaces ``OUT``."""
        os.close(self.fd)
        if finished and self.work == self.partial:
            os.replace(self.partial, self.path)


# -- workers that never outlive the parent --------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _init_worker(parent: int) -> None:
    """Worker start: die with the parent (kernel signal on Linux, plus a watch on the pid)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one thread per worker: the workers are the cores
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(os.getpid(),),
    )


def _died(item: dict) -> dict:
    head = {"id": item["id"], **({"path": item["path"]} if "path" in item else {})}
    head.update({k: item[k] for k in META_FIELDS if k in item})
    return {**head, "error": "internal error: the worker process died analysing this document"}


def run_pool(work: Iterable[dict], jobs: int, lang: str | None = None) -> Iterator[dict]:
    """Results as they finish, over ``jobs`` worker processes, at most a few documents in
    flight per worker. A dead worker breaks the pool: the pool is replaced and the documents
    that were in flight are retried one at a time; one that kills a worker when alone is the
    culprit and is recorded as an error."""
    work = iter(work)
    suspects: list[dict] = []
    complete = False
    pool = _new_pool(jobs)
    pending: dict[Future, dict] = {}
    try:
        while True:
            limit = 1 if suspects else jobs * IN_FLIGHT_PER_WORKER
            broken: list[dict] = []
            while len(pending) < limit and not broken:
                item = suspects.pop(0) if suspects else next(work, None)
                if item is None:
                    break
                try:
                    pending[pool.submit(analyse_item, item, lang)] = item
                except BrokenProcessPool:
                    broken.append(item)
            if not pending and not broken:
                complete = True
                return
            if pending and not broken:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    item = pending.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        broken.append(item)
                    else:
                        yield future.result()
            if not broken:
                continue
            for future, item in list(pending.items()):  # finished before the break, or lost
                if future.done() and future.exception() is None:
                    yield future.result()
                else:
                    broken.append(item)
            pending.clear()
            pool.shutdown(wait=False, cancel_futures=True)
            pool = _new_pool(jobs)
            if len(broken) == 1 and broken[0].get("_retry"):
                yield _died(broken[0])  # it killed a worker alone, twice: the culprit
                continue
            suspects.extend({**i, "_retry": True} for i in broken)
    finally:
        _stop(pool, kill=not complete)


def _stop(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Shut the pool down; when the run is interrupted (SIGTERM, Ctrl-C, an error), kill the
    workers at once rather than wait for the documents they are on."""
    if kill:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, AttributeError):
                process.kill()
    pool.shutdown(wait=not kill, cancel_futures=True)


def run_local(work: Iterable[dict], lang: str | None = None) -> Iterator[dict]:
    for item in work:
        yield analyse_item(item, lang)


def run(
    work: Iterable[dict],
    jobs: int = 1,
    lang: str | None = None,
    dask_scheduler: str | None = None,
    dask_local: int = 0,
) -> Iterator[dict]:
    """Results for ``work`` items (order not guaranteed with several workers)."""
    if dask_scheduler or dask_local:
        from analyzer.frontends.dask import run_dask

        yield from run_dask(work, lang, scheduler=dask_scheduler, local=dask_local)
    elif jobs > 1:
        yield from run_pool(work, jobs, lang)
    else:
        yield from run_local(work, lang)


# -- the whole command ----------------------------------------------------------------------------


def pending_items(paths: list[str], done: set[str], text_column: str = "text") -> Iterator[dict]:
    """The items not yet in ``done``; an id met twice is analysed once."""
    seen = set(done)
    for item in items(paths, text_column):
        if item["id"] in seen:
            continue
        seen.add(item["id"])
        yield item


def batch(
    paths: list[str],
    out: str,
    jobs: int = 1,
    lang: str | None = None,
    resume: bool = False,
    text_column: str = "text",
    dask_scheduler: str | None = None,
    dask_local: int = 0,
    on_result: Callable[[dict], None] | None = None,
    on_start: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Run a corpus into ``out`` (a JSON Lines path, or ``-`` for stdout); return the number
    of documents analysed now and of error lines now. ``on_start(total, done)`` and
    ``on_result(result)`` drive a progress display."""
    output = None if out == "-" else Output(out, resume=resume)
    done = output.done if output else set()
    if on_start:
        on_start(count(paths), len(done))
    analysed = errors = 0
    finished = False
    previous = signal.getsignal(signal.SIGTERM)

    def _terminate(signum, frame):  # let the pool shut down and the file close
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    results = run(
        pending_items(paths, set(done), text_column), jobs, lang, dask_scheduler, dask_local
    )
    try:
        for result in results:
            if output:
                output.write(result)
            else:
                sys.stdout.write(dumps(result) + "\n")
                sys.stdout.flush()
            analysed += 1
            errors += "error" in result
            if on_result:
                on_result(result)
        finished = True
    finally:
        results.close()  # stops the workers at once if the run was interrupted
        if output:
            output.close(finished)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
    return analysed, errors


def read_results(path: str) -> Iterator[dict]:
    """The records of a results file, streamed (a half-written last line is skipped)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            with contextlib.suppress(json.JSONDecodeError):
                record = json.loads(line)
                if isinstance(record, dict):
                    yield record


# -- Parquet --------------------------------------------------------------------------------------

#: Flat columns for pandas users; the whole report rides along as JSON in ``report``.
PARQUET_COLUMNS = (
    "id",
    "path",
    "outlet",
    "date",
    "author",
    "language",
    "score",
    "grade",
    "attributions",
    "sources",
    "hedges",
    "error",
    "report",
)


def to_parquet(results: str, target: str, rows_per_group: int = 1000) -> int:
    """Write the JSON Lines ``results`` as Parquet, streamed in row groups; return the rows.
    Needs pyarrow (``pip install 'sourcing-analyzer[parquet]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from analyzer.errors import ConfigError

        raise ConfigError(
            "Parquet output needs pyarrow (pip install 'sourcing-analyzer[parquet]')"
        ) from None
    ints = {"score", "attributions", "sources", "hedges"}
    schema = pa.schema([(c, pa.int32() if c in ints else pa.string()) for c in PARQUET_COLUMNS])
    total = 0
    with pq.ParquetWriter(target, schema) as writer:
        batch_rows: list[dict] = []
        for record in read_results(results):
            batch_rows.append(flat_record(record))
            if len(batch_rows) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(batch_rows, schema=schema))
                total += len(batch_rows)
                batch_rows = []
        if batch_rows or total == 0:
            writer.write_table(pa.Table.from_pylist(batch_rows, schema=schema))
            total += len(batch_rows)
    return total


def flat_record(record: dict) -> dict:
    score = record.get("score") or {}
    ok = "error" not in record
    return {
        "id": str(record.get("id")),
        "path": record.get("path"),
        "outlet": record.get("outlet"),
        "date": record.get("date"),
        "author": record.get("author"),
        "language": record.get("language"),
        "score": score.get("value") if ok else None,
        "grade": score.get("grade") if ok else None,
        "attributions": len(record.get("attributions") or []) if ok else None,
        "sources": len(record.get("sources") or []) if ok else None,
        "hedges": len(record.get("hedges") or []) if ok else None,
        "error": record.get("error"),
        "report": dumps(record) if ok else None,
    }


# -- the per-outlet table printed at the end of a run ---------------------------------------------


@dataclass
class Summary:
    """Per-outlet figures over a corpus run."""

    articles: Counter = field(default_factory=Counter)
    scores: dict = field(default_factory=lambda: defaultdict(list))
    types: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: int = 0

    def add(self, result: dict) -> None:
        if "error" in result:
            self.errors += 1
            return
        outlet = result.get("outlet") or "-"
        self.articles[outlet] += 1
        self.scores[outlet].append(result["score"]["value"])
        for att in result["attributions"]:
            kind = att["speaker"]["type"] if att["speaker"] else "unknown"
            self.types[outlet][kind] += 1

    def rows(self) -> list[dict]:
        out = []
        for outlet, n in sorted(self.articles.items()):
            types = self.types[outlet]
            total = sum(types.values()) or 1
            out.append(
                {
                    "outlet": outlet,
                    "articles": n,
                    "mean_score": round(sum(self.scores[outlet]) / n, 1),
                    "attributions": sum(types.values()),
                    "named_share": round(sum(types[t] for t in NAMED_TYPES) / total, 3),
                    "anonymous_share": round(types["anonymous"] / total, 3),
                    "vague_share": round(types["vague"] / total, 3),
                }
            )
        return out
