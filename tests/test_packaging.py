"""kg ships its ontology, shapes and research queries: setup.cfg maps them into the package, and
kg reads them as package resources, from a wheel as from the source tree."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from conftest import run

import kg
from kg.rdf.bundled import ONTOLOGY_FILES, bundled_folder, bundled_queries, ontology_file

ROOT = Path(__file__).resolve().parents[1]
SETUP = configparser.ConfigParser()
SETUP.read(ROOT / "setup.cfg", encoding="utf-8")
INSTALLED = Path(kg.__file__).resolve().parent  # the source tree's kg/, or a wheel's


def listed(option: str) -> list[str]:
    return [line.strip() for line in SETUP["options"][option].splitlines() if line.strip()]


def test_every_subpackage_is_listed_in_setup_cfg():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "kg").rglob("__init__.py")
    }
    missing = sorted(found - set(listed("packages")))
    assert not missing, f"add {', '.join(missing)} to [options] packages in setup.cfg"


def test_ontology_and_queries_are_mapped_into_the_package():
    assert listed("package_dir") == ["kg.ontology = ontology", "kg.queries = queries"]
    assert {"kg.ontology", "kg.queries"} <= set(listed("packages"))


def test_the_bundled_queries_are_the_files_of_queries():
    source = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert list(bundled_queries()) == source
    for name, query in bundled_queries().items():
        assert query.text == (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        assert query.question.endswith("?"), name


def test_installed_kg_reads_its_own_copy():
    # From a wheel, the files come from inside the installed package; from the source tree (an
    # editable install), from the folders at its top.
    for name in ("ontology", "queries"):
        folder = Path(str(bundled_folder(name)))
        expected = ROOT / name if INSTALLED == ROOT / "kg" else INSTALLED / name
        assert folder.resolve() == expected.resolve()
    for name in ONTOLOGY_FILES:
        assert ontology_file(name).read_bytes() == (ROOT / "ontology" / name).read_bytes()


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_named_query_is_the_query_file(example_built, name):
    named = run("query", str(example_built), "--named", name, "--format", "csv")
    by_file = run("query", str(example_built), "-f", str(ROOT / "queries" / f"{name}.rq"),
                  "--format", "csv")  # fmt: skip
    assert named.exit_code == 0, named.output
    assert named.stdout == by_file.stdout
