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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

MIN_POOL_TASKS = 32  # tasks per worker process; fewer run in the main process


def _start_worker() -> None:
    """A worker process collects garbage as usual (the main process stops after reading) and
    leaves Ctrl-C to the main process, which stops the workers."""
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(fn: Callable, chunk: list) -> list:
    return [fn(task) for task in chunk]


def _in_order(futures: list) -> Iterator:
    """The results of the chunks' futures in order, each future let go once read (a future
    keeps its result: holding them all would hold every result of the build)."""
    futures.reverse()
    while futures:
        yield from futures.pop().result()


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

    def map(self, fn: Callable, tasks: list, *, in_process_below: int = MIN_POOL_TASKS) -> Iterator:
        """``fn`` over ``tasks``, in order, in one worker per MIN_POOL_TASKS tasks up to
        ``jobs`` (workers already started count); fewer than ``in_process_below`` tasks run in
        this process."""
        if not tasks:
            return iter(())
        if self.jobs <= 1 or len(tasks) < in_process_below:
            return map(fn, tasks)
        wanted = min(self.jobs, -(-len(tasks) // MIN_POOL_TASKS))
        running = sum(workers for _, workers in self.executors)
        if running < wanted:
            self._start(wanted - running)
        running = max(running, wanted)
        self.idle = False
        # chunks of tasks go to the executors in turn, by their numbers of workers, and come
        # back in order: results wait to be read only as long as a chunk takes
        size = max(1, min(64, len(tasks) // (running * 8)))
        given = [0] * len(self.executors)
        futures = []
        # Workers fork on the first task: the objects this process holds are frozen for it, so
        # that a worker's garbage collector does not walk (and copy the pages of) every one.
        gc.freeze()
        try:
            for start in range(0, len(tasks), size):
                turn = min(range(len(given)), key=lambda k: given[k] / self.executors[k][1])
                given[turn] += 1
                futures.append(
                    self.executors[turn][0].submit(_run_chunk, fn, tasks[start : start + size])
                )
        finally:
            gc.unfreeze()
        return _in_order(futures)

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
