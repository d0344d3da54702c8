"""The last stage of a corpus build: from the sums of the releases' RDF to graph.ttl and the
actor network.

graph.ttl is the prefixes, the statements about shared nodes (the releases' shared lines and
the resolved organizations' labels and kinds, ``org_lines``), then each release's statements
as the cache keeps them, in input order. The network is ``kg.network.actors.assemble`` of the
description of the shared lines (updated from the last build's when there is one) and the
summed network parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from kg.engine.cache import CacheDB
from kg.engine.codec import dumps
from kg.engine.state import OrgLines
from kg.engine.sums import Totals
from kg.network.actors import Description, describe
from kg.rdf.mapping import TURTLE_PREFIXES, org_node_lines
from kg.rdf.turtle import turtle_header, turtle_statements
from kg.resolve.resolution import Resolution


def org_lines(resolution: Resolution, total: Totals, cached: OrgLines) -> OrgLines:
    """The labels and kind class of every organization the releases need them of
    (``org_node_lines``), by OrgNode key, with what they say; lines ``cached`` (the last
    build's) that still say the same are not made again."""
    out = {}
    for key in total.labelled.keys() | total.typed.keys():
        node = resolution.organizations[key]
        labels, kind = key in total.labelled, key in total.typed
        says = dumps([node.path, labels, kind, node.label, node.alt_labels, node.kind]).decode()
        found = cached.get(key)
        if found is None or found[0] != says:
            found = (says, org_node_lines(node, labels=labels, kind=kind))
        out[key] = found
    return out


def org_only_lines(lines: OrgLines, total: Totals) -> set[str]:
    """The organizations' lines that no release has among its shared lines."""
    return {line for _, found in lines.values() for line in found} - total.shared.keys()


def described(
    total: Totals,
    lines: OrgLines,
    org_only: set[str],
    last: Description | None,
    last_lines: OrgLines,
) -> Description:
    """The description of every shared line: ``last`` updated with the lines that came and
    went since it was made (``total`` tracked them), or made from scratch."""
    if last is None:
        return describe(chain(total.shared, org_only))
    old_org = {line for _, found in last_lines.values() for line in found}

    def was(line: str) -> bool:
        return total.had(line) or line in old_org

    def is_(line: str) -> bool:
        return line in total.shared or line in org_only

    candidates = total.touched | old_org | org_only
    last.update(
        [line for line in candidates if is_(line) and not was(line)],
        [line for line in candidates if was(line) and not is_(line)],
    )
    return last


def turtle_pieces(db_folder: str, shared: Iterable[str], chunks: list[str]) -> Iterator[bytes]:
    """graph.ttl: prefixes, shared statements (sorted here), each release's statements."""
    yield turtle_header(TURTLE_PREFIXES).encode("utf-8")
    yield turtle_statements(sorted(shared), TURTLE_PREFIXES).encode("utf-8")
    db = CacheDB(db_folder)  # this process's own connection (a writer may be a forked child)
    try:
        for chunk in chunks:
            yield db.turtle(chunk)
    finally:
        db.close()
