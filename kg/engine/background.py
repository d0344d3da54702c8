"""Work that only writes files, done beside the build's own work: a corpus build writes
resolution.json while the releases are written, and graph.ttl while it assembles and ranks the
actor network.

A forked child shares this process's memory until either of them writes to a page, and Python
writes to every object it touches (reference counts): a child that runs long beside a large
process costs memory. So a large build does the work in this process: at once
(``Background(work, fork=False)``), or in a thread (``thread=True``), which runs while this
process waits for its workers (resolution.json is written so while the releases are).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable

from kg.errors import BuildStepError


class Background:
    """``work()`` running in a child process (or a thread); ``wait()`` returns once it is done
    and raises the error it failed with; ``stop()`` ends a child (a thread is left to end on its
    own: its temporary file is the caller's to remove). ``what`` names the work in the error
    raised when the child dies without a word (killed for memory, say); ``folder`` is where it
    wrote."""

    def __init__(
        self,
        work: Callable[[], None],
        *,
        what: str,
        folder: str,
        fork: bool = True,
        thread: bool = False,
    ) -> None:
        self.pid = 0
        self.what, self.folder = what, folder
        self._read_end: int | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        if fork and hasattr(os, "fork"):
            try:
                self._start(work)
                return
            except OSError:  # no memory or no process left to fork: do it here
                pass
        if not thread:
            work()
            return
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    @property
    def threaded(self) -> bool:
        """Whether a thread of this process does the work (it shares its objects)."""
        return self._thread is not None

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001  (wait() raises it in the build's thread)
            self._error = error

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
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            error, self._error = self._error, None
            if error is not None:
                raise error
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
