"""Analysis worker processes for the HTTP service, each with its own Session and models.

Why processes and not threads: spaCy work holds the GIL, so in one process a long article
would stall every other request; and a thread cannot be stopped, while a process can. Each
worker loads its models once at start (``ready`` says when every worker has), takes one job
at a time, and is killed and replaced when its job runs past the time cap or its client has
gone, so the work really stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from analyzer.errors import AnalyzerError
from analyzer.vocabulary import LANGUAGES

# A sentence per language, analysed once at start so the first request pays no model load.
_WARM_UP = {
    "fr": "« Nous tiendrons parole », a déclaré la maire de Brest, Odile Carré.",
    "en": '"We will keep our word," the mayor of Leeds, Ann Carter, said on Monday.',
}


_RETRIES = 3  # a replacement worker that dies while loading is started again this often


class PoolBusy(Exception):
    """No worker became free in time."""


class JobTimeout(Exception):
    """The job ran past its time cap; its worker was replaced."""


class ClientGone(Exception):
    """The client went away before the job finished; its worker was replaced."""


class WorkerCrashed(Exception):
    """The worker died during the job (killed by the system, out of memory)."""


class JobFailed(Exception):
    """An unexpected exception in the job; the message is one line."""


def _worker_main(conn, preload: Sequence[str]) -> None:
    """A worker: warm the models up, say ready, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from analyzer.session import Session

    session = Session()
    try:
        for lang in preload:
            session.analyze_text(_WARM_UP[lang], lang=lang, fmt="text")
    except Exception as exc:  # a missing model: report it, do not serve
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", function(session, *args)))
        except AnalyzerError as exc:
            conn.send(("error", exc if _picklable(exc) else AnalyzerError(str(exc))))
        except Exception as exc:
            conn.send(("internal", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"))


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


class _Worker:
    def __init__(self, context, preload: Sequence[str]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, tuple(preload)), daemon=True
        )
        self.process.start()
        child.close()

    async def receive(self) -> tuple[str, Any]:
        """The next message, waiting on the pipe without a thread (raises EOFError on death)."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        try:
            await readable
        finally:
            loop.remove_reader(fd)
        return self.conn.recv()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class Pool:
    """``size`` worker processes; ``run`` hands a job to the first free one."""

    def __init__(self, size: int, preload: Sequence[str] = LANGUAGES) -> None:
        self.size = size
        self.preload = tuple(preload)
        self.failure: str | None = None
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._ready = 0
        self._tasks: set[asyncio.Task] = set()
        self._closed = False

    @property
    def ready(self) -> bool:
        """Every worker of the first start has its models loaded."""
        return self._ready >= self.size and self.failure is None

    def status(self) -> dict[str, Any]:
        return {
            "workers": self.size,
            "ready": min(self._ready, self.size),
            "idle": self._idle.qsize(),
        }

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn()

    def _spawn(self, attempt: int = 0) -> None:
        if self._closed:
            return
        worker = _Worker(self._context, self.preload)
        self._workers.add(worker)
        task = asyncio.get_running_loop().create_task(self._wait_ready(worker, attempt))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait_ready(self, worker: _Worker, attempt: int) -> None:
        """Put the worker to work once its models are loaded. A replacement that dies while
        loading is tried again (a few times); a worker of the first start that cannot load
        its models is a failure of the whole pool (a missing model will not appear)."""
        try:
            kind, detail = await worker.receive()
        except (EOFError, OSError):
            kind, detail = "failed", "the worker died while loading its models"
        if kind != "ready":
            self._retire(worker)
            if self._ready == 0 or attempt >= _RETRIES:
                self.failure = detail
                return
            await asyncio.sleep(1)
            self._spawn(attempt + 1)
            return
        self._ready += 1
        self._idle.put_nowait(worker)

    def _retire(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        worker.kill()

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        self._spawn()

    async def run(
        self,
        function: Callable[..., Any],
        args: tuple,
        timeout: float,
        gone: Awaitable[None] | None = None,
    ) -> Any:
        """``function(session, *args)`` in a worker, within ``timeout`` seconds from now
        (waiting for a free worker included). Raise PoolBusy, JobTimeout, ClientGone,
        WorkerCrashed, JobFailed, or the job's AnalyzerError."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        watcher = asyncio.ensure_future(gone) if gone is not None else None
        try:
            while True:
                getting = loop.create_task(self._idle.get())
                if not await self._first(getting, watcher, deadline - loop.time()):
                    if watcher is not None and watcher.done():
                        raise ClientGone("the client went away")
                    raise PoolBusy(f"no worker free within {timeout:g} s")
                worker = getting.result()
                if worker.process.is_alive():
                    break
                self._replace(worker)  # died while idle (killed from outside): take another
            try:
                worker.conn.send((function, args))
            except (OSError, ValueError) as exc:
                self._replace(worker)
                raise WorkerCrashed("the worker could not take the job") from exc
            answer = loop.create_task(worker.receive())
            if not await self._first(answer, watcher, deadline - loop.time()):
                self._replace(worker)
                if watcher is not None and watcher.done():
                    raise ClientGone("the client went away")
                raise JobTimeout(f"the analysis was stopped after {timeout:g} s")
        finally:
            if watcher is not None:
                watcher.cancel()
        try:
            kind, value = answer.result()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerCrashed("the worker died during the analysis") from exc
        self._idle.put_nowait(worker)
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        raise JobFailed(value)

    @staticmethod
    async def _first(task: asyncio.Task, watcher: asyncio.Future | None, timeout: float) -> bool:
        """Whether ``task`` finished first; if ``watcher`` did, or the time ran out, ``task`` is
        cancelled."""
        waiting = {task} if watcher is None else {task, watcher}
        done, _ = await asyncio.wait(
            waiting, timeout=max(0.0, timeout), return_when="FIRST_COMPLETED"
        )
        if task in done:
            return True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return False

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._workers):
            worker.kill()
        self._workers.clear()
