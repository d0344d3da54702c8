"""How kg commands print: records on stdout; messages, warnings, ``wrote:`` lines and progress on
stderr, so that ``kg ... > file`` keeps only the records."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

import click

from kg.render.tables import format_records

#: Below this many files, progress shows only on a terminal: a log file gets no lines for it.
PROGRESS_MIN_FILES = 50
#: Lines a stage's progress writes to a file (a log): at the start, then at each quarter.
PROGRESS_STEPS = 4
BAR_WIDTH = 30


def echo_records(
    records: Iterable[Mapping], columns: Sequence[str], fmt: str, numeric: Iterable[str] = ()
) -> None:
    """Print records on stdout in ``fmt`` (table, csv, json, jsonl)."""
    click.echo(format_records(records, columns, fmt, frozenset(numeric)), nl=False)


def message(text: str) -> None:
    """A line for the user, not a record: on stderr."""
    click.echo(text, err=True)


def wrote(path: object) -> None:
    """The ``wrote: PATH`` line of a file a command wrote, on stderr."""
    message(f"wrote: {path}")


def report_skipped(skipped: Sequence) -> None:
    """The files a folder held that were not releases, on stderr, after the results."""
    if len(skipped) == 1:
        message(f"skipped 1 file: {skipped[0]}")
    elif skipped:
        message(f"skipped {len(skipped)} files:")
        for one in skipped:
            message(f"  {one}")


def report_duplicates(groups: Sequence[Sequence[str]]) -> None:
    """Files with the same text under several names, each group read (and counted) once."""
    for group in groups:
        first, *others = group
        message(f"same text, read once: {first} (also {', '.join(others)})")


class Progress:
    """``progress(done, total)`` of one stage (``"reading releases"``) on stderr.

    On a terminal it redraws a bar in place. Into a file (a log, CI) it writes a few plain lines
    without carriage returns, at the start and at each quarter, and nothing at all for fewer
    than ``min_total`` files.
    """

    def __init__(
        self,
        stage: str,
        stream: TextIO | None = None,
        terminal: bool | None = None,
        min_total: int = PROGRESS_MIN_FILES,
    ) -> None:
        self.stage = stage
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.min_total = min_total
        self._step = -1  # the last quarter written to a file

    def __call__(self, done: int, total: int) -> None:
        if self.terminal:
            self._bar(done, total)
        elif total >= self.min_total:
            self._line(done, total)

    def _bar(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        line = f"\r{self.stage} [{bar}] {done}/{total}"
        click.echo(line, file=self.stream, nl=done >= total)

    def _line(self, done: int, total: int) -> None:
        step = PROGRESS_STEPS * done // total
        if step == self._step:
            return
        self._step = step
        click.echo(f"{self.stage}: {done}/{total}", file=self.stream)
