"""Which code a cached value depends on: hashes of parts of kg's source tree.

Cached facts depend on the extraction code, its data files (lexicons) and the packages it
reads with (``FACTS_CODE``, ``FACTS_PACKAGES``); a release's cached RDF on those and the code
that writes RDF (``RDF_CODE``); the last build's sums also on the code that adds them up
(``SUMS_CODE``). Editing the command line, the renderers or the analysis keeps the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg import __version__

KG_ROOT = Path(__file__).parents[1]  # kg/

#: Paths under kg/ (files, or folders taken whole) that extract a release's facts.
FACTS_CODE = ("ingest", "nlp", "facts", "model.py", "data")
#: Packages whose upgrade can change what kg extracts.
FACTS_PACKAGES = ("spacy", "python-mecab-ko", "python-mecab-ko-dic")
#: What resolution reads of a release (``ReleaseSummary``), made again from the cached facts
#: when this code changes.
SUMMARY_CODE = ("resolve/summary.py", "resolve/forms.py")
#: What writes a release's RDF from its facts and its view of the resolution.
RDF_CODE = (
    "rdf/mapping.py",
    "rdf/nif.py",
    "rdf/turtle.py",
    "rdf/iris.py",
    "rdf/vocab.py",
    "resolve/forms.py",
    "network/ties.py",
    "engine/release.py",
    "engine/codec.py",
)
RDF_PACKAGES = ("rdflib",)
#: What adds the releases' RDF up into the last build's sums.
SUMS_CODE = (
    "engine/sums.py",
    "engine/state.py",
    "network/sums.py",
    "network/actors.py",
    "network/centrality.py",
)


def tree_fingerprint(root: Path, members: Iterable[str], packages: Iterable[str] = ()) -> str:
    """A hash of kg's version, of the files under ``root`` that ``members`` name (a member
    that is a folder counts with every file in it, ``__pycache__`` aside) and of the installed
    versions of ``packages``."""
    digest = hashlib.sha1(__version__.encode())
    for package in packages:
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none\0".encode())
    files: list[Path] = []
    for member in members:
        path = root / member
        if path.is_dir():
            files += (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            files.append(path)
    for path in sorted(set(files)):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def facts_fingerprint() -> str:
    """The fingerprint cached facts are keyed by."""
    return tree_fingerprint(KG_ROOT, FACTS_CODE, FACTS_PACKAGES)


@cache
def summary_fingerprint() -> str:
    """The fingerprint a cached ``ReleaseSummary`` is kept with."""
    return tree_fingerprint(KG_ROOT, SUMMARY_CODE)


@cache
def rdf_fingerprint() -> str:
    """The fingerprint a release's cached RDF is keyed by (with its facts and its view)."""
    code = tree_fingerprint(KG_ROOT, RDF_CODE, RDF_PACKAGES)
    return hashlib.sha1(f"{facts_fingerprint()}\0{code}".encode()).hexdigest()


@cache
def sums_fingerprint() -> str:
    """The fingerprint the last build's sums are kept with."""
    code = tree_fingerprint(KG_ROOT, SUMS_CODE)
    return hashlib.sha1(f"{rdf_fingerprint()}\0{code}".encode()).hexdigest()
