"""Ranking a corpus build's network: ``kg.network.centrality.centrality``, with the half of the
sampled betweenness counted by a forked child while this process computes PageRank and the
other half, and the scores kept in the cache database so that a rebuild whose network did not
change (``RebuildPlan.rerank`` false) takes them from there.

PageRank is not started from the last build's vector: power iteration stops within a
tolerance of the fixed point, so another start ends at other last digits, and graph.html
orders its actors by those digits; a rebuild must give the bytes of a clean build.
"""

from __future__ import annotations

import os
import signal
from array import array
from collections.abc import Callable

import numpy as np

from kg.engine.cache import CacheDB, quiet_fork
from kg.engine.codec import dumps, loads
from kg.errors import BuildStepError, CacheFormatError
from kg.network.actors import ActorNetwork

Scores = dict[str, dict[str, float]]
_MEASURES = ("degree", "betweenness", "pagerank")


def rank(network: ActorNetwork, folder: str, states: tuple[str, str], rerank: bool) -> Scores:
    """The centrality of ``network``. ``states`` are the ids of the last build's state and of
    this build's: when ``rerank`` is false the scores kept with the last state serve (and are
    kept with this one), else they are computed and kept."""
    from kg.network.centrality import centrality

    last, now = states
    db = CacheDB(folder)
    try:
        if not rerank:
            kept = _kept(db, last, network.node_names)
            if kept is not None:
                db.put_state({"scores.state": now.encode()})
                return kept
        scores = centrality(network, start=forked)
        _keep(db, now, network.node_names, scores)
        return scores
    finally:
        db.close()


def _kept(db: CacheDB, state: str, names: list[str]) -> Scores | None:
    rows = db.state(prefix="scores.")
    try:
        if rows.get("scores.state") != state.encode() or loads(rows["scores.names"]) != names:
            return None
        columns = []
        for measure in _MEASURES:
            column = array("d")
            column.frombytes(rows[f"scores.{measure}"])
            if len(column) != len(names):
                return None
            columns.append(column.tolist())
    except (KeyError, ValueError, CacheFormatError):
        return None
    return {u: dict(zip(_MEASURES, values, strict=True)) for u, *values in zip(names, *columns)}


def _keep(db: CacheDB, state: str, names: list[str], scores: Scores) -> None:
    rows = {"scores.state": state.encode(), "scores.names": dumps(names)}
    for measure in _MEASURES:
        rows[f"scores.{measure}"] = array("d", (scores[u][measure] for u in names)).tobytes()
    db.put_state(rows)


def forked(parts: list[Callable[[], np.ndarray]]) -> Callable[[], list[np.ndarray]]:
    """``kg.network.centrality.Start``: ``parts[1:]`` counted by forked children from now on,
    ``parts[0]`` here when the results are asked for."""
    children = [_Child(part) for part in parts[1:]]

    def results() -> list[np.ndarray]:
        try:
            return [parts[0](), *(child.result() for child in children)]
        finally:
            for child in children:
                child.stop()

    return results


class _Child:
    """``part()`` (an array of floats) computed by a forked child, or here if none can fork."""

    def __init__(self, part: Callable[[], np.ndarray]) -> None:
        self.part, self.pid, self.read_end = part, 0, None
        if not hasattr(os, "fork"):
            return
        try:
            read_end, write_end = os.pipe()
            with quiet_fork():  # the child counts and leaves: no database
                pid = os.fork()
        except OSError:
            return
        if pid == 0:  # the child: count, send the numbers, leave without cleanup
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            code = 1
            try:
                data = np.asarray(part(), dtype=np.float64).tobytes()
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end

    def result(self) -> np.ndarray:
        if not self.pid:
            return self.part()
        with os.fdopen(self.read_end, "rb") as out:
            data = out.read()
        self.read_end = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or len(data) % 8:
            raise BuildStepError("centrality", "the process counting betweenness stopped")
        return np.frombuffer(data, dtype=np.float64)

    def stop(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.read_end is not None:
            os.close(self.read_end)
            self.read_end = None
