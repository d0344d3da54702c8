"""Why nodes are what they are: what kg explain prints from resolution.json, as text
(``explain``) or as records for tools (``explain_records``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.errors import ResolutionFileError, UnknownNameError
from kg.resolve.forms import normalize
from kg.resolve.resolution import RESOLUTION_FILE


def _persons(data: dict, wanted: str) -> list[dict]:
    return [n for n in data.get("persons", []) if normalize(n["name"]) == wanted]


def _organizations(data: dict, wanted: str) -> list[dict]:
    out = []
    for node in data.get("organizations", []):
        forms = [node["label"], *node["alt_labels"]]
        if wanted in {normalize(f) for f in forms} or wanted == normalize(node["key"]):
            out.append(node)
    return out


def _record(kind: str, name: str, forms: list[str], node: dict) -> dict:
    """A node of resolution.json as an explain record: what it is, its name and forms, how many
    releases are behind it, then the node's own fields (an organization's ``kind`` is its type)."""
    releases = len({o["release"] for o in node["occurrences"]})
    return {"type": kind, "name": name, "forms": forms, "releases": releases, **node}


def explain_lines(data: dict, name: str) -> list[str]:
    """The nodes called ``name`` in resolution data (``Resolution.to_dict()``): for each, the
    releases, character spans and posts behind it, and why it was merged or kept apart from the
    other nodes of the name (the evidence and its score). Empty when no node has the name."""
    wanted = normalize(name)
    lines: list[str] = []
    persons = _persons(data, wanted)
    strict = data.get("identity", "strict") == "strict"
    for node in persons:
        lines += [f"person {node['name']} <{node['iri']}>", *_evidence_lines(node)]
        if strict and len(persons) > 1:
            lines.append(
                f"  kept apart from the other {len(persons) - 1} {node['name']}: "
                "no organization in common (same name, no shared affiliation)"
            )
    for node in _organizations(data, wanted):
        also = f" (also: {', '.join(node['alt_labels'])})" if node["alt_labels"] else ""
        lines += [f"organization {node['label']} <{node['iri']}>{also}", *_evidence_lines(node)]
    return lines


def _posts_text(posts: list[dict]) -> str:
    """``; 시장 of 가나시, 총장 of 다라대학교 (inferred: publisher)``, or nothing."""
    texts = []
    for post in posts:
        text = post["title"] or "member"
        if post["organization"]:
            text += f" of {post['organization']}"
        if post["inferred"]:
            text += f" (inferred: {post['inferred']})"
        texts.append(text)
    return "; " + ", ".join(texts) if texts else ""


def _evidence_lines(node: dict) -> list[str]:
    lines = []
    for o in node["occurrences"]:
        spans = ", ".join(f"{s}-{e}" for s, e in o["spans"]) or "no span (named by a link only)"
        lines.append(f"  {o['release']}: {o['name']} at {spans}{_posts_text(o.get('posts', []))}")
    lines += [f"  {why}" for why in node["reasons"]]
    if len({o["release"] for o in node["occurrences"]}) == 1 and not node.get("decisions"):
        lines.append("  one release only: nothing merged")
    return lines


def _read(outdir: str | os.PathLike) -> tuple[dict, Path]:
    path = Path(outdir) / RESOLUTION_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8")), path
    except FileNotFoundError as error:
        raise ResolutionFileError(
            str(path), f"no such file; run kg build INPUT... -o {outdir} first"
        ) from error
    except (OSError, ValueError) as error:
        raise ResolutionFileError(
            str(path), f"cannot read it ({error}); run kg build again to rewrite it"
        ) from error


def explain(name: str, outdir: str | os.PathLike = "outputs") -> str:
    """Why the nodes called ``name`` in the graph ``kg build`` wrote to ``outdir`` are what they
    are: for each node, the releases, character spans and posts behind it, the merge reasons,
    and the scored evidence of every pair joined or kept apart.

    Reads ``outdir/resolution.json``. Raises ``ResolutionFileError`` when it is missing or
    unreadable and ``UnknownNameError`` when no node has the name.
    """
    data, path = _read(outdir)
    lines = explain_lines(data, name)
    if not lines:
        raise UnknownNameError(name, str(path))
    return "\n".join(lines) + "\n"


def explain_records(name: str, outdir: str | os.PathLike = "outputs") -> list[dict]:
    """``explain`` as records for tools: one per node called ``name``: ``type`` ("person" or
    "organization"), ``name``, ``forms``, ``releases`` (how many), then the node's fields of
    resolution.json (key, IRI, occurrences with spans and posts, reasons; a person's scored
    ``decisions``, each with its ``score``, ``threshold``, ``decision`` and ``features`` with
    their numeric ``weight``). Raises as ``explain`` does."""
    data, path = _read(outdir)
    wanted = normalize(name)
    records = [_record("person", n["name"], [n["name"]], n) for n in _persons(data, wanted)]
    records += [
        _record("organization", n["label"], [n["label"], *n["alt_labels"]], n)
        for n in _organizations(data, wanted)
    ]
    if not records:
        raise UnknownNameError(name, str(path))
    identity = data.get("identity", "strict")
    return [{**r, "identity": identity} for r in records]
