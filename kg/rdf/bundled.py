"""The files that ship inside kg: the ontology and SHACL shapes (``ontology/``) and the research
queries (``queries/``), read with ``importlib.resources`` wherever kg is installed.

The source tree keeps both folders at its top; setup.cfg maps them into the package as
``kg/ontology`` and ``kg/queries``, so a wheel or an sdist holds them inside ``kg``. An editable
install (``pip install -e .``) imports ``kg`` from the source tree, where they sit beside it.

>>> sorted(ontology_file(name).name for name in ONTOLOGY_FILES)
['kg.ttl', 'shapes.ttl']
>>> bundled_query("who_said_what").question
'Who said what?'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from kg.errors import KgError, UnknownQueryError

ONTOLOGY = "ontology"
QUERIES = "queries"
ONTOLOGY_FILES = ("kg.ttl", "shapes.ttl")
QUERY_SUFFIX = ".rq"


def bundled_folder(name: str) -> Traversable:
    """The folder ``name`` (``ontology`` or ``queries``) inside the installed package, or at the
    top of the source tree when kg runs from there."""
    inside = files("kg") / name
    if inside.is_dir():
        return inside
    beside = Path(__file__).resolve().parents[2] / name
    if beside.is_dir():
        return beside
    raise KgError(
        f"{inside}: the {name} folder kg ships with is missing; reinstall kg (pip install kg, "
        "or pip install -e . in its source tree)"
    )


def ontology_file(name: str) -> Traversable:
    """``kg.ttl`` (the OWL ontology) or ``shapes.ttl`` (the SHACL shapes)."""
    path = bundled_folder(ONTOLOGY) / name
    if not path.is_file():
        raise KgError(f"{path}: missing from the ontology kg ships with; reinstall kg")
    return path


@dataclass(frozen=True)
class BundledQuery:
    """A research query of ``queries/``: its ``name`` (the file name without ``.rq``), the
    ``question`` its first comment asks, and its SPARQL ``text``."""

    name: str
    question: str
    text: str

    @property
    def source(self) -> str:
        """How errors name it: ``queries/NAME.rq``."""
        return f"{QUERIES}/{self.name}{QUERY_SUFFIX}"


_QUESTION = re.compile(r"^(?:Question:\s*)?(.*?\?)(?:\s|$)")


def question_of(text: str) -> str:
    """The question a query file asks: the first sentence of its leading comment, without
    ``Question:``.

    >>> question_of("# Question: Who took part? Persons, then organizations.\\nSELECT ...")
    'Who took part?'
    """
    comment = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line.lstrip("#").strip())
    joined = " ".join(comment)
    match = _QUESTION.match(joined)
    return match.group(1) if match else joined.removeprefix("Question:").strip()


@lru_cache(maxsize=1)
def bundled_queries() -> dict[str, BundledQuery]:
    """Every research query kg ships with, by name, in name order."""
    folder = bundled_folder(QUERIES)
    found = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.is_file() and path.name.endswith(QUERY_SUFFIX):
            text = path.read_text(encoding="utf-8")
            name = path.name.removesuffix(QUERY_SUFFIX)
            found[name] = BundledQuery(name, question_of(text), text)
    return found


def bundled_query(name: str) -> BundledQuery:
    """The research query called ``name`` (``who_said_what``; ``who_said_what.rq`` also works).

    Raises ``UnknownQueryError`` naming it when kg ships no such query.
    """
    queries = bundled_queries()
    query = queries.get(name.removesuffix(QUERY_SUFFIX))
    if query is None:
        raise UnknownQueryError(name, list(queries))
    return query
