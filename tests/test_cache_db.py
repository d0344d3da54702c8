"""The cache database (kg.engine.cache): data only, never code. A planted pickle, a crafted row or
a foreign database is never executed, and the build still gives a clean build's bytes; editing
the command line or the renderers keeps the cache; a build killed at any moment leaves it usable."""

from __future__ import annotations

import os
import pickle
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.engine.cache import DATABASE, CacheDB
from kg.engine.fingerprint import FACTS_CODE, RDF_CODE, tree_fingerprint

FIXTURES = Path(__file__).parent / "fixtures"
RELEASES = sorted((FIXTURES / "corpus").glob("*.txt")) + sorted(
    (FIXTURES / "invented").glob("*.txt")
)
OUTPUTS = ("graph.ttl", "centrality.csv", "graph.html", "resolution.json")
KG = Path(kg.__file__).parent


class _Planted:
    """Unpickling this touches ``marker``: what a planted pickle would do to whoever loads it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("releases")
    for path in RELEASES[:5]:
        shutil.copy(path, folder)
    out = tmp_path_factory.mktemp("clean")
    kg.build([str(folder)], out, jobs=1)
    return folder, _outputs(out)


def _built_copy(clean, tmp_path: Path) -> Path:
    folder, _ = clean
    out = tmp_path / "out"
    kg.build([str(folder)], out, jobs=1)
    return out


def test_planted_pickles_are_never_loaded(clean, tmp_path):
    folder, expected = clean
    out = _built_copy(clean, tmp_path)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Planted(marker))
    cache = out / ".kgcache"
    (cache / "rdf").mkdir()
    for planted in ("corpus.snapshot", "0123abcd.facts", "0123abcd.summary", "rdf/0123.pickle"):
        (cache / planted).write_bytes(payload)
    db = CacheDB(cache)
    with db.transaction() as cursor:  # and a payload in every kind of row
        cursor.execute("UPDATE facts SET facts = ?, summary = ?", (payload, payload))
        cursor.execute("UPDATE releases SET rdf = ?, turtle = ?", (payload, payload))
        cursor.execute("UPDATE state SET value = ?", (payload,))
    db.close()
    summary = kg.build([str(folder)], out, jobs=1)
    assert not marker.exists()
    assert _outputs(out) == expected
    assert summary.cached == 0  # every row was refused, every file read again
    assert not (cache / "corpus.snapshot").exists() and not (cache / "rdf").exists()


def test_a_foreign_file_in_place_of_the_database_is_replaced(clean, tmp_path):
    folder, expected = clean
    out = _built_copy(clean, tmp_path)
    marker = tmp_path / "ran"
    database = out / ".kgcache" / DATABASE
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(pickle.dumps(_Planted(marker)))
    summary = kg.build([str(folder)], out, jobs=1)
    assert not marker.exists()
    assert _outputs(out) == expected
    assert summary.cache_problem == (
        f"{database}: not a kg cache database (file is not a database); removed, "
        "and the cache is made again"
    )


def test_another_programs_database_is_replaced(clean, tmp_path):
    folder, expected = clean
    out = tmp_path / "out"
    (out / ".kgcache").mkdir(parents=True)
    other = sqlite3.connect(out / ".kgcache" / DATABASE)
    other.execute("CREATE TABLE facts (key TEXT, facts BLOB)")
    other.commit()
    other.close()
    summary = kg.build([str(folder)], out, jobs=1)
    assert summary.cache_problem.endswith(
        "not a kg cache database; removed, and the cache is made again"
    )
    assert _outputs(out) == expected


def _tree(tmp_path: Path) -> Path:
    copy = tmp_path / "kg"
    shutil.copytree(KG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_editing_the_cli_or_the_renderers_keeps_the_cache(tmp_path):
    tree = _tree(tmp_path)
    facts, rdf = tree_fingerprint(tree, FACTS_CODE), tree_fingerprint(tree, RDF_CODE)
    for edited in ("cli.py", "render/html.py", "network/centrality.py", "rdf/query.py"):
        with open(tree / edited, "a", encoding="utf-8") as file:
            file.write("\n# an edit\n")
    assert tree_fingerprint(tree, FACTS_CODE) == facts
    assert tree_fingerprint(tree, RDF_CODE) == rdf


def test_editing_extraction_or_its_lexicons_empties_the_facts_cache(tmp_path):
    tree = _tree(tmp_path)
    facts = tree_fingerprint(tree, FACTS_CODE)
    for edited in ("nlp/lexicon.py", "data/title_words.txt", "model.py"):
        before = tree_fingerprint(tree, FACTS_CODE)
        path = tree / edited
        if not path.exists():
            path = next((tree / "data").iterdir())
        with open(path, "a", encoding="utf-8") as file:
            file.write("\n")
        assert tree_fingerprint(tree, FACTS_CODE) != before
    assert tree_fingerprint(tree, FACTS_CODE) != facts
    rdf = tree_fingerprint(tree, RDF_CODE)
    with open(tree / "rdf" / "mapping.py", "a", encoding="utf-8") as file:
        file.write("\n")
    assert tree_fingerprint(tree, RDF_CODE) != rdf


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_a_cache_that_gives_a_clean_build(clean, tmp_path):
    folder, expected = clean
    grown = tmp_path / "releases"
    shutil.copytree(folder, grown)
    out = tmp_path / "out"
    kg.build([str(grown)], out, jobs=1)
    for path in RELEASES[5:9]:
        shutil.copy(path, grown)
    command = [sys.executable, "-c", "import kg, sys; kg.build([sys.argv[1]], sys.argv[2], jobs=2)"]
    rng = random.Random(7)
    for _ in range(6):
        process = subprocess.Popen([*command, str(grown), str(out)], start_new_session=True)
        time.sleep(rng.uniform(0.3, 4.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    kg.build([str(grown)], out, jobs=1)
    reference = tmp_path / "reference"
    kg.build([str(grown)], reference, jobs=1)
    assert _outputs(out) == _outputs(reference)
    assert sorted(p.name for p in out.rglob("*.tmp")) == []
