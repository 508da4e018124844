"""Helpers for the tests that run ``analyzer serve`` as a real subprocess on loopback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANALYZER = ROOT / ".venv" / "bin" / "analyzer"


def start(*options: str) -> tuple[subprocess.Popen, str, Path]:
    """``analyzer serve`` on a free port; its URL once it listens (models still loading) and
    the file its standard error (start-up, access log, warnings) goes to."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"analyzer-serve-{os.getpid()}-{time.time()}"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [str(ANALYZER), "serve", "--port", "0", *options],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"serving on (http://\S+)", log.read_text())
        if found:
            return proc, found.group(1), log
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"the server did not start: {log.read_text()}")


def call(
    url: str, body: bytes | None = None, kind: str = "text/plain", method: str | None = None
) -> tuple[int, dict]:
    """Status and JSON payload of one request (errors included)."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=180) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def wait_ready(url: str, seconds: float = 300) -> None:
    """Until ``/health`` says ready; fail at once when it says the models cannot load."""
    deadline = time.monotonic() + seconds
    health: dict = {}
    while time.monotonic() < deadline:
        status, health = call(f"{url}/health")
        if status == 200:
            return
        assert health.get("status") != "failed", health
        time.sleep(0.5)
    raise AssertionError(f"the models did not load in {seconds} s: {health}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
