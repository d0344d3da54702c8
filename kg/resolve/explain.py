"""Why nodes are what they are: the text kg explain prints from resolution.json."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ResolutionFileError, UnknownNameError
from kg.resolve.forms import normalize
from kg.resolve.resolution import RESOLUTION_FILE

if TYPE_CHECKING:
    pass


def explain_lines(data: dict, name: str) -> list[str]:
    """The nodes called ``name`` in resolution data (``Resolution.to_dict()``), with the releases
    and character spans behind each and why they were merged. Empty when no node has the name.
    """
    wanted = normalize(name)
    lines: list[str] = []
    persons = [n for n in data.get("persons", []) if normalize(n["name"]) == wanted]
    for node in persons:
        lines += [f"person {node['name']} <{node['iri']}>", *_evidence_lines(node)]
        if len(persons) > 1:
            lines.append(
                f"  kept apart from the other {len(persons) - 1} {node['name']}: "
                "no organization in common (same name, no shared affiliation)"
            )
    for node in data.get("organizations", []):
        forms = [node["label"], *node["alt_labels"]]
        if wanted in {normalize(f) for f in forms} or wanted == normalize(node["key"]):
            also = f" (also: {', '.join(node['alt_labels'])})" if node["alt_labels"] else ""
            lines += [f"organization {node['label']} <{node['iri']}>{also}", *_evidence_lines(node)]
    return lines


def _evidence_lines(node: dict) -> list[str]:
    lines = []
    for o in node["occurrences"]:
        spans = ", ".join(f"{s}-{e}" for s, e in o["spans"]) or "no span (named by a link only)"
        lines.append(f"  {o['release']}: {o['name']} at {spans}")
    lines += [f"  {why}" for why in node["reasons"]]
    if len({o["release"] for o in node["occurrences"]}) == 1:
        lines.append("  one release only: nothing merged")
    return lines


def explain(name: str, outdir: str | os.PathLike = "outputs") -> str:
    """Why the nodes called ``name`` in the graph ``kg build`` wrote to ``outdir`` are what they
    are: for each node, the releases and character spans behind it and the merge reasons.

    Reads ``outdir/resolution.json``. Raises ``ResolutionFileError`` when it is missing or
    unreadable and ``UnknownNameError`` when no node has the name.
    """
    path = Path(outdir) / RESOLUTION_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ResolutionFileError(
            str(path), f"no such file; run kg build INPUT... -o {outdir} first"
        ) from error
    except (OSError, ValueError) as error:
        raise ResolutionFileError(
            str(path), f"cannot read it ({error}); run kg build again to rewrite it"
        ) from error
    lines = explain_lines(data, name)
    if not lines:
        raise UnknownNameError(name, str(path))
    return "\n".join(lines) + "\n"
