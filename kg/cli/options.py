"""The options every kg command shares (as sqlite-utils shares its output flags), and the one
place kg's errors become click's one-line ``Error: ...``."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg.errors import KgError

#: What ``--format`` offers on a command that prints records; the first is the default.
RECORD_FORMATS = ("table", "csv", "json")
#: ``--format`` of a command whose records stream (kg extract): one JSON object per line first.
STREAM_FORMATS = ("jsonl", "json", "csv", "table")

GRAPH_FILE = "graph.ttl"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn kg's errors and failed file access into one line ``Error: <path>: <problem>``."""
    try:
        yield
    except KgError as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:
        # An error without a file name, such as a closed stdout pipe, is left to click.
        if error.filename is None:
            raise
        raise click.ClickException(
            f"{error.filename}: cannot read ({error.strerror or error}); "
            "check the path and its permissions"
        ) from error


def with_user_errors(command: Callable) -> Callable:
    """Run ``command`` inside :func:`user_errors`."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with user_errors():
            return command(*args, **kwargs)

    return wrapper


FORMAT_HELP = {
    "table": "aligned columns",
    "csv": "a header line, then one line per record",
    "json": "one array of objects, numbers as numbers",
    "jsonl": "one JSON object per line",
}


def format_option(*choices: str, help: str | None = None) -> Callable:
    """``--format`` for a command that prints records; the first choice is the default."""
    if help is None:
        help = "; ".join(f"{choice}: {FORMAT_HELP[choice]}" for choice in choices) + "."
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="No progress on stderr (warnings and errors still show)."
)

strict_option = click.option(
    "--strict", is_flag=True, help="Fail on the first bad file in a folder instead of skipping it."
)


def outdir_option(help: str) -> Callable:
    """``-o/--outdir``, the build folder, default ``outputs``."""
    return click.option(
        "-o", "--outdir", metavar="DIR", default="outputs", show_default=True, help=help
    )


def graph_argument(required: bool = True) -> Callable:
    """``GRAPH``: a graph.ttl that kg build wrote, or its build folder."""
    return click.argument(
        "graph_path",
        metavar="GRAPH" if required else "[GRAPH]",
        required=required,
        callback=_graph_file,
    )


def _graph_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and Path(value).is_dir():  # a build folder, as kg serve takes
        return str(Path(value) / GRAPH_FILE)
    return value


class LazyChoice(click.Choice):
    """A ``click.Choice`` whose choices are asked for when first needed (its module may load
    NetworkX, which commands that do not use it should not pay for)."""

    def __init__(self, choices: Callable[[], Iterable[str]]) -> None:
        self._choices = choices
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._choices())
