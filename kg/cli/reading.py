"""``kg build`` and ``kg extract``: the commands that read press releases."""

from __future__ import annotations

import click

from kg.cli.options import (
    STREAM_FORMATS,
    format_option,
    outdir_option,
    quiet_option,
    strict_option,
    with_user_errors,
)
from kg.cli.output import (
    Progress,
    echo_records,
    report_duplicates,
    report_skipped,
    wrote,
)
from kg.render.tables import json_line
from kg.resolve.config import IDENTITY_MODES

#: The build summary's fields in table and csv; json adds the lists (skipped, duplicates, outputs).
SUMMARY_COLUMNS = (
    "releases", "persons", "organizations", "memberships", "triples", "cached", "skipped",
    "duplicates", "seconds",
)  # fmt: skip
MENTION_COLUMNS = ("doc", "start", "end", "text", "label")


def summary_record(summary) -> dict:
    """The ``BuildSummary`` of kg build as one record: counts, then the lists behind them."""
    skipped = [{"path": s.path, "problem": s.problem} for s in summary.skipped]
    # BuildSummary.duplicates (groups of paths with one text) comes with the engine's rewrite.
    duplicates = [list(group) for group in getattr(summary, "duplicates", [])]
    return {
        "releases": summary.releases,
        "persons": summary.persons,
        "organizations": summary.organizations,
        "memberships": summary.memberships,
        "triples": summary.triples,
        "cached": summary.cached,
        "skipped": len(skipped),
        "duplicates": len(duplicates),
        "seconds": round(summary.seconds, 2),
        "skipped_files": skipped,
        "duplicate_files": duplicates,
        "outputs": list(summary.paths),
    }


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@outdir_option("Folder for graph.ttl, centrality.csv, graph.html and resolution.json.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that read releases (default: all cores).",
)
@strict_option
@format_option(
    "table",
    "csv",
    "json",
    help="table: a line per field (releases: 1); csv: a header line and a line of counts; "
    "json: an array of one object, with the lists of skipped files, duplicates and outputs too.",
)
@quiet_option
@click.option(
    "--identity",
    type=click.Choice(IDENTITY_MODES),
    default="default",
    show_default=True,
    help="How much evidence makes two mentions of a name one person: strict joins only names "
    "that hold a post in one organization; loose joins on less evidence than default.",
)
@with_user_errors
def build(  # noqa: PLR0913  (one parameter per option: click's way)
    inputs: tuple[str, ...],
    outdir: str,
    jobs: int | None,
    strict: bool,
    fmt: str,
    quiet: bool,
    identity: str,
) -> None:
    """Build graph.ttl, centrality.csv, graph.html and resolution.json from press releases.

    INPUT is a .txt or .html release, or a folder searched for .txt, .html and .htm files. The
    same organization or person in several releases is one node, a person when the evidence
    says so (--identity; kg explain NAME says why).
    Every input is read before anything is written and each output is replaced atomically, so
    a bad input leaves earlier outputs as they were. A rebuild reads only new or changed files
    (OUTDIR/.kgcache, a database of data, never code).
    A bad file named on the command line fails the build; one found in a folder is skipped and
    listed on stderr, unless --strict. Files with the same text under several names are read
    once and listed.

    Prints the summary (releases, persons, organizations, memberships, triples, cached, skipped,
    duplicates, seconds) on stdout; "wrote:" lines, skipped files and progress go to stderr.

    \b
    Example: kg build examples/ -o outputs
    """
    # Imported here: spaCy and MeCab take seconds to load, and query/analyze/validate skip them.
    from kg.engine.pipeline import build as build_graph

    try:
        summary = build_graph(
            inputs,
            outdir,
            jobs=jobs,
            strict=strict,
            progress=None if quiet else Progress("reading releases"),
            write_progress=None if quiet else Progress("writing releases"),
            identity=identity,
        )
    except OSError as error:
        # Inputs are read through kg.ingest, which reports them as KgError; an OSError here is a
        # failed write, and kg.engine.pipeline names the output file or folder in it.
        if error.filename is None:
            raise
        raise click.ClickException(
            f"{error.filename}: cannot write ({error.strerror or error}); "
            "choose a folder you can write to with -o"
        ) from error
    record = summary_record(summary)
    if fmt == "table":  # one record: a line per field
        click.echo("".join(f"{c}: {record[c]}\n" for c in SUMMARY_COLUMNS), nl=False)
    else:
        echo_records([record], SUMMARY_COLUMNS, fmt)
    for path in summary.paths:
        wrote(path)
    report_skipped(summary.skipped)
    report_duplicates(record["duplicate_files"])


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@format_option(*STREAM_FORMATS)
@strict_option
@with_user_errors
def extract(inputs: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Print the entity mentions of press releases, one record per mention.

    Each record is {"doc", "start", "end", "text", "label"}: start and end are character offsets
    into the file's decoded text, label is PERSON, ORG, TITLE, LOC or DATE. jsonl (the default)
    prints each file's mentions as soon as it is read. As with kg build, a bad file found in a
    folder is skipped and listed on stderr unless --strict.

    \b
    Example: kg extract examples/gb-2023-07-14-ai-seminar.txt
    """
    from kg.engine.pipeline import extract as extract_mentions

    skipped: list = []
    mentions = extract_mentions(inputs, strict=strict, skipped=skipped)
    if fmt == "jsonl":
        for record in mentions:
            click.echo(json_line(record), nl=False)
    else:
        echo_records(mentions, MENTION_COLUMNS, fmt, numeric=("start", "end"))
    report_skipped(skipped)
