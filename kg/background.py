"""Work that only writes files, done by a forked child process while this one goes on: a corpus
build writes graph.ttl and resolution.json while it assembles and ranks the actor network.

A forked child shares this process's memory until either of them writes to a page, and Python
writes to every object it touches (reference counts): a child that runs long beside a large
process costs memory. ``Background(work, fork=False)`` does the work at once, in this process,
as it is done where the system cannot fork.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable


class Background:
    """``work()`` running in a child process; ``wait()`` returns once it is done and raises
    the error it failed with; ``stop()`` ends it."""

    def __init__(self, work: Callable[[], None], *, fork: bool = True) -> None:
        self.pid = 0
        self.failure: BaseException | None = None  # the child's error, raised by wait()
        if not fork or not hasattr(os, "fork"):
            work()
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, report how it went, leave without cleanup
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            report = b""
            try:
                work()
            except BaseException as error:  # noqa: BLE001  (any failure goes to the parent)
                report = _pickled_error(error)
            os.write(write_end, report)
            os._exit(1 if report else 0)
        os.close(write_end)
        self.pid, self._read_end = pid, read_end

    def wait(self) -> None:
        """Wait for the work to end; raise its error if it failed."""
        if self.pid:
            with os.fdopen(self._read_end, "rb") as report:
                data = report.read()
            os.waitpid(self.pid, 0)
            self.pid = 0
            if data:
                self.failure = pickle.loads(data)
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure

    def stop(self) -> None:
        """End the work now (the build failed or was stopped)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(self._read_end)
            os.waitpid(self.pid, 0)
            self.pid = 0


def _pickled_error(error: BaseException) -> bytes:
    try:
        return pickle.dumps(error)
    except (pickle.PicklingError, TypeError, AttributeError):
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
