"""The worker processes of a corpus build, which read releases (and write their RDF) beside
the main process.

A worker loads spaCy and MeCab once, about half a second: ``Workers.warm_up`` starts one at
once, so that it loads them while the main process finds and hashes the inputs. Workers are
forked where the system can fork, so they start with what the main process has loaded.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

MIN_POOL_TASKS = 32  # tasks per worker process; fewer run in the main process


def _start_worker() -> None:
    """A worker process collects garbage as usual (the main process stops after reading) and
    leaves Ctrl-C to the main process, which stops the workers."""
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _load_extractor() -> None:
    from kg.nlp import load

    load()


class Workers:
    """Up to ``jobs`` worker processes, started as the tasks need them."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executors: list[tuple[ProcessPoolExecutor, int]] = []  # (executor, its workers)
        self.idle = False  # only warmed up: no task was given

    def warm_up(self) -> None:
        """Start one worker now, loading the extractor (with ``jobs`` > 1)."""
        if self.jobs > 1 and not self.executors:
            self._start(1).submit(_load_extractor)
            self.idle = True

    def map(
        self, fn: Callable[[list], list], tasks: Iterable, count: int, in_process_below: int = 0
    ) -> Iterator:
        """``fn`` over batches of the ``count`` ``tasks`` (``fn`` takes a list of tasks and
        returns a list of results), the results in order; in one worker per MIN_POOL_TASKS
        tasks up to ``jobs`` (workers already started count). Fewer than ``in_process_below``
        (default MIN_POOL_TASKS) tasks run in this process.

        ``tasks`` are taken as the workers need them, a few batches ahead of the results read,
        so that neither the tasks nor the results of a large corpus wait in memory; the first
        batches go to the workers before this returns."""
        below = in_process_below or MIN_POOL_TASKS
        if count <= 0:
            return iter(())
        if self.jobs <= 1 or count < below:
            size = max(1, min(64, count))
            return (result for batch in _batches(tasks, size) for result in fn(batch))
        wanted = min(self.jobs, -(-count // MIN_POOL_TASKS))
        running = sum(workers for _, workers in self.executors)
        if running < wanted:
            self._start(wanted - running)
        running = max(running, wanted)
        self.idle = False
        size = max(1, min(64, count // (running * 8)))
        return _Stream(self.executors, fn, _batches(tasks, size), ahead=running * 3).results()

    def _start(self, workers: int) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
        self.executors.append((executor, workers))
        return executor

    def close(self) -> None:
        """Stop the workers once they have finished their tasks (at once if they had none)."""
        if self.idle:
            self.abort()
        for executor, _ in self.executors:
            executor.shutdown(wait=True, cancel_futures=True)
        self.executors = []

    def abort(self) -> None:
        """Stop the workers now (the build failed or was interrupted): waiting for an executor
        whose results are no longer read can hang on Ctrl-C."""
        for executor, _ in self.executors:
            processes = list((getattr(executor, "_processes", None) or {}).values())
            executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
        self.executors = []
        self.idle = False


def _batches(tasks: Iterable, size: int) -> Iterator[list]:
    items = iter(tasks)
    while batch := list(islice(items, size)):
        yield batch


class _Stream:
    """Batches given to the executors in turn (by their numbers of workers), ``ahead``
    batches beyond the results read; each future let go once read (a future keeps its result:
    holding them all would hold every result of the build)."""

    def __init__(self, executors: list, fn: Callable, batches: Iterator[list], ahead: int) -> None:
        self.executors, self.fn, self.batches = executors, fn, batches
        self.given = [0] * len(executors)
        self.waiting: deque = deque()
        for _ in range(ahead):
            if not self._submit():
                break

    def _submit(self) -> bool:
        batch = next(self.batches, None)
        if batch is None:
            return False
        given, executors = self.given, self.executors
        turn = min(range(len(given)), key=lambda k: given[k] / executors[k][1])
        given[turn] += 1
        # Workers fork on the first tasks: the objects this process holds are frozen for it, so
        # that a worker's garbage collector does not walk (and copy the pages of) every one.
        gc.freeze()
        try:
            self.waiting.append(executors[turn][0].submit(self.fn, batch))
        finally:
            gc.unfreeze()
        return True

    def results(self) -> Iterator:
        while self.waiting:
            future = self.waiting.popleft()
            self._submit()
            yield from future.result()
