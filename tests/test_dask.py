"""Dask: the same records on a LocalCluster as in a local run, after sorting by id."""

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

TEXTS = [
    "Le maire de Lille a déclaré que le tramway serait prolongé.",
    "« Les travaux commenceront en mars », a affirmé Pierre Martin.",
    "Selon une source proche du dossier, la préfecture aurait reçu le projet.",
    "",
]


def _records() -> list[dict]:
    return [
        {"id": f"d{i}", "text": text, "outlet": "La Gazette", "lang": "fr"}
        for i, text in enumerate(TEXTS)
    ]


@pytest.fixture(scope="module")
def local_results(fr):
    from analyzer.frontends.batch import run_local

    return sorted(run_local(_records()), key=lambda r: r["id"])


def test_batch_on_a_local_cluster_gives_the_local_records(tmp_path, local_results):
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = ["batch", str(source), "--dask-local", "1", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", *command],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 2, done.stderr  # the empty record
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(lines, key=lambda r: r["id"]) == local_results
    assert "error" in local_results[3] and local_results[0]["attributions"]


def test_bag_and_dataframe_entry_points(local_results):
    import dask.bag as db
    from distributed import Client, LocalCluster

    from analyzer.frontends.dask import analyze_bag, analyze_dataframe

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        bag = db.from_sequence(_records(), npartitions=2)
        results = sorted(analyze_bag(bag).compute(), key=lambda r: r["id"])
        assert results == local_results
        pd = pytest.importorskip("pandas")
        import dask.dataframe as dd

        frame = dd.from_pandas(pd.DataFrame(_records()), npartitions=2)
        scores = analyze_dataframe(frame).compute().sort_values("id")
    assert list(scores["id"]) == [r["id"] for r in local_results]
    assert list(scores["score"][:3]) == [r["score"]["value"] for r in local_results[:3]]
    assert scores["error"].iloc[3] and json.loads(scores["report"].iloc[0])["id"] == "d0"
