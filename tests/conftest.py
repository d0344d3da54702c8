"""Fixtures the test modules share: the bundled example, its facts and graph, its one build, and
``run``, the ``kg`` command line under click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
# Relative, as README command 1 gives it: kg:sourceFile and resolution.json record it as given.
EXAMPLE_NAME = "examples/gb-2023-07-14-ai-seminar.txt"
EXAMPLE = ROOT / EXAMPLE_NAME


def run(*args: str):
    """``kg ARGS...`` in-process; the click ``Result``."""
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="session")
def example_facts():
    """The example's facts (``ReleaseFacts``), extracted once per test session."""
    from kg.engine.pipeline import extract_facts

    return extract_facts(str(EXAMPLE))


@pytest.fixture(scope="session")
def example_graph(example_facts):
    """The example's RDF graph (rdflib), made once per test session. Do not change it."""
    from kg.rdf.mapping import facts_to_graph

    return facts_to_graph([example_facts])


@pytest.fixture(scope="session")
def example_built(tmp_path_factory) -> Path:
    """The folder ``kg build examples/... -o OUT`` wrote, run once from the repository's top
    (as README command 1 runs it). Do not change its files."""
    import kg

    outdir = tmp_path_factory.mktemp("example-built")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        kg.build([EXAMPLE_NAME], outdir)
    return outdir
