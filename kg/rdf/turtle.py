"""RDF as text: N-Triples terms and lines, Turtle statements, and the way back to rdflib terms.

``kg.rdf.mapping`` writes a release's triples once, as N-Triples terms grouped by subject
(``Statements``); ``Turtle`` writes those groups as Turtle statements (one per subject, its
types first, prefixed names where Turtle allows them) and ``Statements.lines`` as N-Triples
lines. Same triples, same text: the order is that of the sorted N-Triples lines. The text
parses back to the same graph (tests/test_turtle.py checks it against Oxigraph's parser);
``nt_split``, ``nt_literal``, ``nt_node`` and ``rdflib_term`` read terms back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.rdf.vocab import KGID

_XSD_STRING = str(XSD.string)
_XSD_INTEGER = f"<{XSD.integer}>"
_RDF_TYPE = f"<{RDF.type}>"
# Characters a Turtle or N-Triples string must escape; the rest of Unicode is written as is.
_ESCAPES = {
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES})
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x21), *map(ord, '<>"{}|^`\\'))}
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_KGID = f"<{KGID}"


def iri_token(value: str) -> str:
    """``<value>``, with the characters N-Triples forbids in an IRI escaped."""
    if _IRI_UNSAFE.search(value):
        value = value.translate(_IRI_ESCAPES)
    return f"<{value}>"


def string_token(value: str) -> str:
    """``"value"``: a plain literal, escaped."""
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"'


def ko_token(value: str) -> str:
    """``"value"@ko``."""
    return f"{string_token(value)}@ko"


def nt(term) -> str:
    """The N-Triples form of an rdflib term: ``<iri>``, ``"text"@ko``, ``"5"^^<...#integer>``,
    ``_:id``. A plain literal and an ``xsd:string`` one are written alike, as RDF 1.1 has it."""
    if type(term) is URIRef:
        return iri_token(term)
    if isinstance(term, Literal):
        text = string_token(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^{iri_token(term.datatype)}"
        return text
    if isinstance(term, URIRef):
        return iri_token(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nt_line(triple: tuple) -> str:
    """One N-Triples statement (no newline) of a triple of rdflib terms."""
    s, p, o = triple
    return f"{nt(s)} {nt(p)} {nt(o)} ."


class Tokens:
    """The N-Triples tokens of a namespace's terms: ``Tokens(FOAF).Person`` is
    ``"<http://xmlns.com/foaf/0.1/Person>"``, made once."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):  # not a term: a probe such as inspect's __wrapped__
            raise AttributeError(name)
        token = iri_token(str(self._namespace[name]))
        setattr(self, name, token)
        return token


class Statements:
    """Triples as N-Triples tokens grouped by subject, each triple once.

    Sorting the subjects and each subject's (predicate, object) pairs gives the order of the
    sorted N-Triples lines: a token never ends inside another one (an IRI token ends with its
    only ``>``; a literal's suffix starts with ``@`` or ``^``, after the space of a line).
    """

    __slots__ = ("by_subject",)

    def __init__(self) -> None:
        self.by_subject: dict[str, set[tuple[str, str]]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        pairs = self.by_subject.get(s)
        if pairs is None:
            self.by_subject[s] = {(p, o)}
        else:
            pairs.add((p, o))

    def __len__(self) -> int:
        return sum(map(len, self.by_subject.values()))

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """Every triple once, in no particular order."""
        for s, pairs in self.by_subject.items():
            for p, o in pairs:
                yield s, p, o

    def sorted_groups(self, subjects: Iterable[str] | None = None) -> list[tuple[str, list]]:
        """``(subject, sorted pairs)`` of ``subjects`` (default: all), by subject."""
        by_subject = self.by_subject
        chosen = by_subject if subjects is None else subjects
        return [(s, sorted(by_subject[s])) for s in sorted(chosen)]

    def lines(self, subjects: Iterable[str] | None = None) -> list[str]:
        """The N-Triples lines (no newline) of ``subjects`` (default: all), sorted."""
        return [f"{s} {p} {o} ." for s, pairs in self.sorted_groups(subjects) for p, o in pairs]


class Turtle:
    """Writes sorted groups of N-Triples tokens as Turtle statements: one per subject, its
    types first (``a``), a blank line after each; prefixed names from ``prefixes`` where the
    local name allows it; subjects stay full IRIs."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so a namespace inside another one never wins.
        self.namespaces = sorted(
            ((iri, name) for name, iri in prefixes.items()), key=lambda t: -len(t[0])
        )
        # kg's own instance IRIs (kgid:...) have a "/" in every local name: never shortened,
        # unless a namespace lies inside kgid.
        inside = any(iri.startswith(str(KGID)) for iri in prefixes.values())
        self.opaque = None if inside else _KGID
        self.memo: dict[str, str] = {}

    def iri(self, token: str) -> str:
        found = self.memo.get(token)
        if found is not None:
            return found
        if self.opaque is not None and token.startswith(self.opaque):
            return token
        short = token
        iri = token[1:-1]
        for namespace, name in self.namespaces:
            if iri.startswith(namespace) and _LOCAL_NAME.match(iri, len(namespace)):
                short = f"{name}:{iri[len(namespace) :]}"
                break
        self.memo[token] = short
        return short

    def term(self, token: str) -> str:
        if token[0] == "<":
            return self.iri(token)
        if token[-1] == ">" and '"^^<' in token:  # a typed literal
            lexical, datatype = token.rsplit("^^", 1)
            if datatype == _XSD_INTEGER and _INTEGER.match(lexical[1:-1]):
                return lexical[1:-1]
            return f"{lexical}^^{self.iri(datatype)}"
        return token

    def statement(self, subject: str, pairs: Iterable[tuple[str, str]]) -> str:
        """The Turtle statement of one subject's sorted (predicate, object) pairs."""
        term = self.term
        types: list[str] = []
        parts: list[tuple[str, list[str]]] = []
        last = None
        objects: list[str] = []
        for p, o in pairs:
            if p == _RDF_TYPE:
                types.append(term(o))
            elif p == last:
                objects.append(term(o))
            else:
                last, objects = p, [term(o)]
                parts.append((p, objects))
        said = [f"a {' , '.join(types)}"] if types else []
        said += [f"{self.iri(p)} {' , '.join(objects)}" for p, objects in parts]
        return f"{subject} " + " ;\n    ".join(said) + " .\n\n"

    def statements(self, groups: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> str:
        """The statements of ``(subject, sorted pairs)`` groups, in their order."""
        return "".join([self.statement(s, pairs) for s, pairs in groups])


@lru_cache(maxsize=8)
def _turtle(prefixes: tuple[tuple[str, str], ...]) -> Turtle:
    return Turtle(dict(prefixes))


def turtle_writer(prefixes: Mapping[str, str]) -> Turtle:
    """The ``Turtle`` writer of ``prefixes``, made once (it remembers the names it shortened)."""
    return _turtle(tuple(sorted(prefixes.items())))


def turtle_header(prefixes: Mapping[str, str]) -> str:
    """The ``@prefix`` lines (sorted by name) and a blank line."""
    lines = [f"@prefix {name}: <{iri}> ." for name, iri in sorted(prefixes.items())]
    return "\n".join(lines) + "\n\n"


def turtle_statements(lines: Iterable[str], prefixes: Mapping[str, str]) -> str:
    """Turtle of sorted N-Triples ``lines`` as ``Statements.lines`` writes them (so each
    subject's lines are adjacent), as ``Turtle.statements`` writes them."""
    return turtle_writer(prefixes).statements(_grouped(lines))


def _grouped(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    subject = None
    pairs: list[tuple[str, str]] = []
    for line in lines:
        s, p, rest = line.split(" ", 2)
        if s != subject:
            if subject is not None:
                yield subject, pairs
            subject, pairs = s, []
        pairs.append((p, rest[:-2]))
    if subject is not None:
        yield subject, pairs


# -- reading terms back (kg.network reads a graph's triples in this form) -----------------------


def nt_split(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object tokens of a line as ``nt_line`` writes it."""
    s, p, o = line.split(" ", 2)
    return s, p, o[:-2]


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(
        lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ECHAR.get(m[3], m[3]), text
    )


def nt_literal(token: str) -> tuple[str, str] | None:
    """``(value, language or "")`` of an N-Triples literal token; None for an IRI or a blank
    node."""
    if not token.startswith('"'):
        return None
    end = token.rindex('"')
    suffix = token[end + 1 :]
    return _unescape(token[1:end]), suffix[1:] if suffix.startswith("@") else ""


def nt_node(token: str) -> str:
    """The IRI (or ``_:id``) of a node token."""
    return _unescape(token[1:-1]) if token.startswith("<") else token


def rdflib_term(token: str) -> URIRef | Literal | BNode:
    """The rdflib term of an N-Triples token (``kg.rdf.mapping.facts_to_graph``)."""
    if token[0] == "<":
        return URIRef(_unescape(token[1:-1]))
    if token.startswith("_:"):
        return BNode(token[2:])
    end = token.rindex('"')
    value, suffix = _unescape(token[1:end]), token[end + 1 :]
    if suffix.startswith("@"):
        return Literal(value, lang=suffix[1:])
    if suffix.startswith("^^"):
        return Literal(value, datatype=URIRef(_unescape(suffix[3:-1])))
    return Literal(value)
