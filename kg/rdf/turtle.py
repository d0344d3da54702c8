"""N-Triples and Turtle text of rdflib triples, written without a store.

A corpus build writes each release's statements as soon as they are made (``kg.engine.corpus``): one
N-Triples line per triple (``nt_line``), sorted, then grouped by subject into Turtle
(``turtle_statements``). Same triples, same text; the result parses back to the same graph
(tests/test_turtle.py checks it against Oxigraph's parser); ``nt_literal`` and ``nt_node`` read
the terms of a line back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

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


def _iri(value: str) -> str:
    if _IRI_UNSAFE.search(value):
        value = value.translate(_IRI_ESCAPES)
    return f"<{value}>"


def _string(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"'


def nt(term) -> str:
    """The N-Triples form of an rdflib term: ``<iri>``, ``"text"@ko``, ``"5"^^<...#integer>``,
    ``_:id``. A plain literal and an ``xsd:string`` one are written alike, as RDF 1.1 has it."""
    if type(term) is URIRef:
        return _iri(term)
    if isinstance(term, Literal):
        text = _string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^{_iri(term.datatype)}"
        return text
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nt_line(triple: tuple) -> str:
    """One N-Triples statement (no newline)."""
    s, p, o = triple
    return f"{nt(s)} {nt(p)} {nt(o)} ."


def turtle_header(prefixes: Mapping[str, str]) -> str:
    """The ``@prefix`` lines (sorted by name) and a blank line."""
    lines = [f"@prefix {name}: <{iri}> ." for name, iri in sorted(prefixes.items())]
    return "\n".join(lines) + "\n\n"


class _Shortener:
    """Writes ``<iri>`` as ``prefix:local`` where Turtle allows it; remembers what it did."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so a namespace inside another one never wins.
        self.namespaces = sorted(
            ((iri, name) for name, iri in prefixes.items()), key=lambda t: -len(t[0])
        )
        self.memo: dict[str, str] = {}

    def __call__(self, token: str) -> str:
        if token in self.memo:
            return self.memo[token]
        short = token
        iri = token[1:-1]
        for namespace, name in self.namespaces:
            if iri.startswith(namespace) and _LOCAL_NAME.match(iri, len(namespace)):
                short = f"{name}:{iri[len(namespace) :]}"
                break
        self.memo[token] = short
        return short

    def term(self, token: str) -> str:
        if token.startswith("<"):
            return self(token)
        if token.endswith(">") and '"^^<' in token:  # a typed literal
            lexical, datatype = token.rsplit("^^", 1)
            if datatype == _XSD_INTEGER and _INTEGER.match(lexical[1:-1]):
                return lexical[1:-1]
            return f"{lexical}^^{self(datatype)}"
        return token


def turtle_statements(lines: Iterable[str], prefixes: Mapping[str, str]) -> str:
    """Turtle of N-Triples ``lines`` as ``nt_line`` writes them, sorted (so each subject's lines
    are adjacent): one statement per subject, its types first (``a``), a blank line after each.
    Prefixed names use ``prefixes``; subjects stay full IRIs."""
    shorten = _Shortener(prefixes)
    out: list[str] = []
    subject = None
    groups: list[tuple[str, list[str]]] = []  # (predicate, objects) of the current subject

    def flush() -> None:
        types = [o for p, objects in groups if p == _RDF_TYPE for o in objects]
        parts = []
        if types:
            parts.append("a " + " , ".join(types))
        parts += [f"{shorten(p)} {' , '.join(objects)}" for p, objects in groups if p != _RDF_TYPE]
        out.append(f"{subject} " + " ;\n    ".join(parts) + " .\n\n")

    for line in lines:
        s, p, rest = line.split(" ", 2)
        o = shorten.term(rest[:-2])
        if s != subject:
            if subject is not None:
                flush()
            subject, groups = s, []
        if groups and groups[-1][0] == p:
            groups[-1][1].append(o)
        else:
            groups.append((p, [o]))
    if subject is not None:
        flush()
    return "".join(out)


# -- reading the lines back (kg.network.actors reads a release's triples in this form) -----------------


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
    """``(value, language or "")`` of an N-Triples literal token; None for an IRI or a blank node."""
    if not token.startswith('"'):
        return None
    end = token.rindex('"')
    suffix = token[end + 1 :]
    return _unescape(token[1:end]), suffix[1:] if suffix.startswith("@") else ""


def nt_node(token: str) -> str:
    """The IRI (or ``_:id``) of a node token."""
    return _unescape(token[1:-1]) if token.startswith("<") else token
