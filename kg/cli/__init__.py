"""The ``kg`` command: parses options, calls the library, prints. Nothing else happens here.

Each command lives in a small module (reading: build, extract; querying: query, explain;
analysis: analyze, validate; sharing: serve, push) and imports what it needs when it runs:
kg build starts its worker processes before NetworkX, PyVis and rdflib's SPARQL engine are
loaded, and the other commands never load spaCy.
"""

from __future__ import annotations

import os
import sys

import click

from kg import __version__
from kg.cli.analysis import analyze, validate
from kg.cli.querying import explain, query
from kg.cli.reading import build, extract
from kg.cli.sharing import push, serve

#: The exit status after Ctrl-C, as shells give a process stopped by SIGINT (128 + 2).
INTERRUPTED = 130


class KgGroup(click.Group):
    """click's group, except that Ctrl-C exits with status 130 instead of 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None
        except BrokenPipeError:
            # kg extract ... | head: the reader has what it wanted; the rest goes nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except click.Abort as abort:
            # click turns a KeyboardInterrupt raised while it prompts or reads into Abort.
            if isinstance(abort.__context__, KeyboardInterrupt):
                click.echo("Interrupted.", err=True)
                raise click.exceptions.Exit(INTERRUPTED) from None
            raise


@click.group(
    "kg",
    cls=KgGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph from Korean public-sector press releases (보도자료).

    Records print on stdout (--format table, csv or json, and jsonl where they stream);
    messages, warnings, "wrote:" lines and progress on stderr. A bad input is one line
    "Error: <file>: <problem>" with exit status 1; a bad command line exits with 2; Ctrl-C
    with 130 (kg serve, which runs until Ctrl-C, with 0).

    \b
    Example: kg build examples/ -o outputs
    """


for command in (build, explain, extract, query, analyze, validate, serve, push):
    cli.add_command(command)

main = cli
