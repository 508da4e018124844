"""The analyser on a Dask cluster: ``analyzer batch --dask-scheduler`` and a Python entry point.

Needs ``pip install 'sourcing-analyzer[dask]'`` (dask[distributed]; pandas for dataframes).
Each worker process loads a model once (the first document it analyses) and keeps it; run
workers with one thread each (``--nthreads 1``), as spaCy gains nothing from threads.

From Python, with a bag of records ``{"id", "text", "outlet", "date", "author", "lang"}``
(or ``{"id", "path"}`` for files the workers can read)::

    import dask.bag as db
    from analyzer.frontends.dask import analyze_bag

    records = db.read_text("corpus-*.jsonl").map(json.loads)
    results = analyze_bag(records)              # a bag of result dicts, as batch writes them
    results.map(json.dumps).to_textfiles("out/*.jsonl")

or with a dask dataframe that has ``id`` and ``text`` columns::

    from analyzer.frontends.dask import analyze_dataframe

    scores = analyze_dataframe(df)              # id, language, score, grade, ..., report (JSON)
    scores.groupby("outlet").score.mean().compute()
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from analyzer.errors import ConfigError
from analyzer.frontends.batch import IN_FLIGHT_PER_WORKER, analyse_item, flat_record


def _require() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError(
            "Dask runs need dask[distributed] (pip install 'sourcing-analyzer[dask]')"
        ) from None


def analyze_bag(bag: Any, lang: str | None = None) -> Any:
    """A dask bag of result dicts (one per record of ``bag``), lazily; errors are records."""
    return bag.map(analyse_item, lang=lang)


#: The columns of ``analyze_dataframe``: flat figures, plus the whole report as JSON text.
DATAFRAME_COLUMNS = {
    "id": "object",
    "outlet": "object",
    "date": "object",
    "author": "object",
    "language": "object",
    "score": "float64",
    "grade": "object",
    "attributions": "float64",
    "sources": "float64",
    "hedges": "float64",
    "error": "object",
    "report": "object",
}


def _partition(frame: Any, text_column: str, id_column: str, lang: str | None) -> Any:
    import pandas as pd

    rows = []
    for record in frame.to_dict("records"):
        item = {
            key: str(record[key])
            for key in ("outlet", "date", "author", "lang")
            if key in record and pd.notna(record[key])
        }
        item["id"] = str(record[id_column]) if id_column in record else ""
        item["text"] = record.get(text_column)
        if not isinstance(item["text"], str):
            item = {"id": item["id"], "error": f"{item['id']}: no '{text_column}' text"}
        flat = flat_record(analyse_item(item, lang))
        rows.append({column: flat.get(column) for column in DATAFRAME_COLUMNS})
    return pd.DataFrame(rows, columns=list(DATAFRAME_COLUMNS)).astype(DATAFRAME_COLUMNS)


def analyze_dataframe(
    frame: Any, text_column: str = "text", id_column: str = "id", lang: str | None = None
) -> Any:
    """A dask dataframe of results, one row per row of ``frame`` (see DATAFRAME_COLUMNS)."""
    import pandas as pd

    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in DATAFRAME_COLUMNS.items()})
    return frame.map_partitions(_partition, text_column, id_column, lang, meta=meta)


def run_dask(
    work: Iterable[dict],
    lang: str | None = None,
    scheduler: str | None = None,
    local: int = 0,
) -> Iterator[dict]:
    """Results of ``work`` items as they finish on a cluster: the scheduler at ``scheduler``,
    else a local cluster of ``local`` worker processes (closed at the end). A few documents
    per worker are in flight at a time, so the corpus is streamed. A document whose worker
    died (``KilledWorker``) or that failed on the cluster is recorded as an error."""
    _require()
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=local, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or local or 1)
        limit = workers * IN_FLIGHT_PER_WORKER
        work = iter(work)
        owners: dict[str, dict] = {}
        queue = as_completed()
        for item in work:
            future = client.submit(analyse_item, item, lang, pure=False)
            owners[future.key] = item
            queue.add(future)
            if len(owners) >= limit:
                break
        for future in queue:
            item = owners.pop(future.key)
            try:
                yield future.result()
            except Exception as exc:  # the worker died, or the cluster lost the task
                yield {"id": item["id"], "error": f"internal error: on the cluster: {exc}"}
            future.release()
            following = next(work, None)
            if following is not None:
                new = client.submit(analyse_item, following, lang, pure=False)
                owners[new.key] = following
                queue.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
