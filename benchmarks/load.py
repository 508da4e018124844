"""Load on ``analyzer serve`` over loopback: throughput, latency, and no connection dropped.

Starts ``analyzer serve --workers N`` (default 2), waits for ``/health``, then:

1. burst: ``--clients`` concurrent clients (default 50), each sending its share of
   ``--requests`` small French articles to ``POST /analyze``, a new connection per request (as
   a CMS plug-in would); requests per second, p50/p95/max latency, and every failure by kind
   (connection refused, reset, timeout, non-200);
2. a long article (about 150 KB) in flight while the same clients send small ones: their
   p50/p95 then, and the long one's time (it must not hold the others up);
3. idle sockets: 200 connections that send nothing, while a request must still be answered;
   they are closed by the server after its read timeout.

    python benchmarks/load.py [--workers 2] [--clients 50] [--requests 400] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANALYZER = ROOT / ".venv" / "bin" / "analyzer"
SMALL = (
    "Le conseil municipal a voté le budget mardi soir. « Nous tiendrons nos engagements », a "
    "déclaré Odile Carré, adjointe chargée des finances. Selon la préfecture, la dette aurait "
    "augmenté de 4 % en un an."
)


def long_article(paragraphs: int = 450) -> str:
    names = ["Odile Carré", "Jean Morvan", "Lucie Tanguy", "Paul Le Gall", "Anne Riou"]
    return "\n\n".join(
        f"Le conseil a voté le budget numéro {i}. « Nous tiendrons nos engagements », a déclaré "
        f"{names[i % 5]}, adjointe aux finances. Selon la préfecture, la dette aurait augmenté "
        f"de {i % 9 + 1} % en un an. Certains élus jugent ce chiffre inquiétant."
        for i in range(paragraphs)
    )


def start(workers: int, read_timeout: float) -> tuple[subprocess.Popen, str, int]:
    proc = subprocess.Popen(
        [
            str(ANALYZER),
            "serve",
            "--port",
            "0",
            "--workers",
            str(workers),
            "--preload",
            "fr",
            "--read-timeout",
            str(read_timeout),
            "--no-access-log",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        found = re.search(r"serving on http://([^:]+):(\d+)", line)
        if found:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain
            return proc, found.group(1), int(found.group(2))
    raise SystemExit("the server did not start")


def request(host: str, port: int, path: str, body: bytes, timeout: float = 300) -> tuple:
    """(status or failure kind, seconds) for one request on a new connection."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.request("POST", path, body, {"Content-Type": "text/plain; charset=utf-8"})
        response = conn.getresponse()
        response.read()
        conn.close()
        outcome: int | str = response.status
    except ConnectionRefusedError:
        outcome = "refused"
    except ConnectionResetError:
        outcome = "reset"
    except TimeoutError:
        outcome = "timeout"
    except (http.client.HTTPException, OSError) as exc:
        outcome = type(exc).__name__
    return outcome, time.perf_counter() - started


def wait_ready(host: str, port: int, seconds: float = 600) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the models did not load in time")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def summary(outcomes: list[tuple], seconds: float) -> dict:
    ok = [t for o, t in outcomes if o == 200]
    return {
        "requests": len(outcomes),
        "ok": len(ok),
        "failures": dict(Counter(str(o) for o, _ in outcomes if o != 200)),
        "seconds": round(seconds, 2),
        "requests_per_second": round(len(outcomes) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(1000 * percentile(ok, 0.5)),
        "p95_ms": round(1000 * percentile(ok, 0.95)),
        "max_ms": round(1000 * max(ok, default=0.0)),
        "mean_ms": round(1000 * statistics.fmean(ok)) if ok else 0,
    }


def burst(host: str, port: int, clients: int, total: int) -> dict:
    body = SMALL.encode()
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex:
        outcomes = list(ex.map(lambda _: request(host, port, "/analyze", body), range(total)))
    return summary(outcomes, time.perf_counter() - started)


def with_long_article(host: str, port: int, clients: int, total: int) -> dict:
    long_result: dict = {}

    def send_long() -> None:
        outcome, seconds = request(host, port, "/analyze", long_article().encode())
        long_result.update(status=outcome, seconds=round(seconds, 2))

    thread = threading.Thread(target=send_long)
    thread.start()
    time.sleep(1.0)
    small = burst(host, port, clients, total)
    thread.join()
    return {"small": small, "long": long_result}


def idle_sockets(host: str, port: int, count: int, read_timeout: float) -> dict:
    sockets = [socket.create_connection((host, port), timeout=30) for _ in range(count)]
    outcome, seconds = request(host, port, "/analyze", SMALL.encode())
    time.sleep(read_timeout + 2)
    closed = 0
    for sock in sockets:
        try:
            sock.settimeout(5)
            data = sock.recv(4096)
            closed += 1 if data.startswith(b"HTTP/1.1 408") or data == b"" else 0
        except OSError:
            pass
        finally:
            sock.close()
    return {
        "idle": count,
        "request_while_idle": outcome,
        "request_ms": round(1000 * seconds),
        "closed_by_server": closed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--read-timeout", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    proc, host, port = start(args.workers, args.read_timeout)
    try:
        results = {
            "workers": args.workers,
            "clients": args.clients,
            "ready_after_s": round(wait_ready(host, port), 1),
        }
        request(host, port, "/analyze", SMALL.encode())  # warm
        results["burst"] = burst(host, port, args.clients, args.requests)
        results["long_article"] = with_long_article(host, port, args.clients, args.requests // 2)
        results["idle_sockets"] = idle_sockets(host, port, 200, args.read_timeout)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    b, s, lg, idle = (
        results["burst"],
        results["long_article"]["small"],
        results["long_article"]["long"],
        results["idle_sockets"],
    )
    print(f"{args.workers} workers, {args.clients} concurrent clients, loopback")
    print(f"models ready after {results['ready_after_s']} s")
    print(
        f"burst: {b['requests']} requests, {b['ok']} ok, failures {b['failures'] or 'none'}; "
        f"{b['requests_per_second']} req/s; p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms, "
        f"max {b['max_ms']} ms"
    )
    print(
        f"with a {len(long_article()) // 1000} KB article in flight: {s['requests']} small, "
        f"{s['ok']} ok, failures {s['failures'] or 'none'}; p50 {s['p50_ms']} ms, "
        f"p95 {s['p95_ms']} ms; the long one: {lg.get('status')} in {lg.get('seconds')} s"
    )
    print(
        f"{idle['idle']} idle sockets: a request meanwhile answered {idle['request_while_idle']} "
        f"in {idle['request_ms']} ms; {idle['closed_by_server']} closed by the server after "
        f"{args.read_timeout:g} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
