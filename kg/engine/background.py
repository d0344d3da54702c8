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

from kg.errors import BuildStepError


class Background:
    """``work()`` running in a child process; ``wait()`` returns once it is done and raises
    the error it failed with; ``stop()`` ends it. ``what`` names the work in the error raised
    when the child dies without a word (killed for memory, say); ``folder`` is where it wrote.
    """

    def __init__(
        self, work: Callable[[], None], *, what: str, folder: str, fork: bool = True
    ) -> None:
        self.pid = 0
        self.what, self.folder = what, folder
        self._read_end: int | None = None
        if fork and hasattr(os, "fork"):
            try:
                self._start(work)
                return
            except OSError:  # no memory or no process left to fork: do the work here
                pass
        work()

    def _start(self, work: Callable[[], None]) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
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
        if not self.pid:
            return
        report = b""
        while piece := os.read(self._read_end, 1 << 16):  # Ctrl-C here leaves stop() to end it
            report += piece
        os.close(self._read_end)
        self._read_end = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if report:
            raise pickle.loads(report)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            how = (
                f"killed by signal {os.WTERMSIG(status)}"
                if os.WIFSIGNALED(status)
                else f"exit status {os.waitstatus_to_exitcode(status)}"
            )
            raise BuildStepError(self.folder, f"the process writing {self.what} stopped ({how})")

    def stop(self) -> None:
        """End the work now (the build failed or was stopped)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self._read_end is not None:
            os.close(self._read_end)
            self._read_end = None


def _pickled_error(error: BaseException) -> bytes:
    try:
        return pickle.dumps(error)
    except (pickle.PicklingError, TypeError, AttributeError):
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
