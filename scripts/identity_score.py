"""Score identity across releases on an xdoc-style folder (``docs/*.txt``, ``gold.json``, and
``gold/*.json`` per text): which texts' persons of one name end on one node.

    python scripts/identity_score.py ../shared/corpus/xdoc-dev [--identity default] [--gold]
    python scripts/identity_score.py ../shared/corpus/dev2 --links /tmp/dev2-links.json

The texts are ``DIR/docs/*.txt`` (else ``DIR/*.txt``), the per-text gold ``DIR/gold/NAME.json``
(else ``DIR/NAME.gold.json``), the cross-text links ``DIR/gold.json`` (else ``--links``: a set
whose README names its cross-text people keeps their links outside the repository).

Counted as issue 11 counts them: every pair of texts within a ``same_person`` group must share
a node, every pair across the groups of a ``different_people`` entry must not; a text where the
name was not extracted counts as a miss either way. With real extraction the folder's ``docs/``
are built as one corpus (``kg.build``); ``--gold`` feeds the identity logic alone with summaries
made from the per-text gold instead (the gold's persons, posts and organizations; the date and
the notes in parentheses read from the text as ``kg.resolve.summary`` reads them). Prints the
figures, then each remaining error with its evidence; ``identity_scores`` returns them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations, product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import Mention, Person, Release, ReleaseFacts, Span  # noqa: E402
from kg.rdf.iris import release_iri  # noqa: E402
from kg.resolve.forms import canonical  # noqa: E402
from kg.resolve.summary import OrgEntry, ReleaseSummary, person_notes, release_date  # noqa: E402


def gold_summary(text_path: Path, gold: dict) -> ReleaseSummary:
    """The summary of one text made from its per-text gold instead of extraction."""
    text = text_path.read_text(encoding="utf-8")
    release = Release(str(text_path), text, Span(0, len(text)))
    described = {o["name"] for o in gold["organizations"]}
    roles, memberships, aliases = [], [], {}
    for person in gold["persons"]:
        for aff in person.get("affiliations", []):
            inferred = "context" if aff.get("implicit") else None
            # An org alias the text describes is another body the post is in (시의원 of 가나시:
            # 가나시의회); one it does not is a name of the organization (우리 대학: 가나대학교).
            others = [a for a in aff.get("org_aliases", []) if a in described]
            aliases.setdefault(aff.get("org"), []).extend(
                a for a in aff.get("org_aliases", []) if a not in described
            )
            for org in dict.fromkeys([aff.get("org"), *others]):
                if org is not None:
                    memberships.append((person["name"], org))
                for title in [aff.get("title"), *aff.get("title_aliases", [])]:
                    roles.append((person["name"], title, org, inferred))
    organizations = [
        OrgEntry(o["name"], o["type"], _forms(o["aliases"] + aliases.get(o["name"], [])),
                 o.get("parent"), [])
        for o in gold["organizations"]
    ]  # fmt: skip
    persons = [_person(text, p) for p in gold["persons"]]
    facts = ReleaseFacts(release, persons, [])
    return ReleaseSummary(
        path=str(text_path),
        iri=str(release_iri(release)),
        organizations=organizations,
        referenced=[o for o in dict.fromkeys(org for _, org in memberships) if o not in described],
        person_names=[p["name"] for p in gold["persons"]],
        person_spans={p.name: sorted({(m.start, m.end) for m in p.mentions}) for p in persons},
        memberships=memberships,
        date=release_date(release),
        roles=roles,
        notes=person_notes(facts),
        bylines=[p["name"] for p in gold["persons"] if p.get("byline")],
    )


def _forms(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _person(text: str, gold_person: dict) -> Person:
    mentions = []
    for form in dict.fromkeys([gold_person["name"], *gold_person.get("mentions", [])]):
        start = text.find(form)
        while start >= 0:
            mentions.append(Mention(start, start + len(form), form, "PERSON"))
            start = text.find(form, start + len(form))
    return Person(gold_person["name"], mentions)


def texts(folder: Path) -> list[tuple[Path, Path]]:
    """(text, its per-text gold) of a folder: ``docs/NAME.txt`` and ``gold/NAME.json`` (xdoc),
    else ``NAME.txt`` and ``NAME.gold.json`` side by side (dev2, dev3)."""
    if (folder / "docs").is_dir():
        return [
            (t, folder / "gold" / f"{t.stem}.json") for t in sorted((folder / "docs").glob("*.txt"))
        ]
    return [(t, t.with_name(f"{t.stem}.gold.json")) for t in sorted(folder.glob("*.txt"))]


def _gold_resolution(folder: Path, identity: str) -> dict:
    from kg.resolve.resolution import resolve

    summaries = [
        gold_summary(text, json.loads(gold.read_text(encoding="utf-8")))
        for text, gold in texts(folder)
        if gold.is_file()
    ]
    return resolve(summaries, identity=identity).to_dict()


def _built_resolution(folder: Path, identity: str) -> dict:
    import kg
    from kg.resolve.resolution import RESOLUTION_FILE

    with tempfile.TemporaryDirectory() as out:
        kg.build([str(t) for t, _ in texts(folder)], out, jobs=1, identity=identity)
        return json.loads((Path(out) / RESOLUTION_FILE).read_text(encoding="utf-8"))


def _node_of(data: dict) -> dict[tuple[str, str], dict]:
    """(text file name, canonical name) -> its person node."""
    out = {}
    for node in data["persons"]:
        for o in node["occurrences"]:
            out[(Path(o["release"]).name, canonical(o["name"]))] = node
    return out


def _pairs(gold: dict) -> list[tuple[str, str, str, str]]:
    """(kind, name, text, text) of every pair issue 11 counts."""
    out = []
    for group in gold["same_person"]:
        out += [("same_person", group["name"], a, b) for a, b in combinations(group["docs"], 2)]
    for entry in gold["different_people"]:
        for x, y in combinations(entry["groups"], 2):
            out += [("different_people", entry["name"], a, b) for a, b in product(x, y)]
    return out


def identity_scores(
    folder: str | Path,
    identity: str = "default",
    gold: bool = False,
    links: str | Path | None = None,
) -> dict:
    """The pair scores of a folder (``texts``): ``{"same_person": {"pairs", "joined"},
    "different_people": {"pairs", "apart"}, "errors": [...]}``, each error with the pair, what
    went wrong and its evidence (the nodes' posts and reasons, the scored decision). ``links``:
    the cross-text gold, if not the folder's ``gold.json``."""
    folder = Path(folder)
    data = _gold_resolution(folder, identity) if gold else _built_resolution(folder, identity)
    nodes = _node_of(data)
    truth = json.loads(Path(links or folder / "gold.json").read_text(encoding="utf-8"))
    counts = {"same_person": [0, 0], "different_people": [0, 0]}
    errors = []
    for kind, name, a, b in _pairs(truth):
        na, nb = nodes.get((a, canonical(name))), nodes.get((b, canonical(name)))
        counts[kind][0] += 1
        good = na is not None and nb is not None and (na is nb) == (kind == "same_person")
        if good:
            counts[kind][1] += 1
        else:
            errors.append(_error(kind, name, (a, na), (b, nb)))
    return {
        "folder": str(folder),
        "identity": identity,
        "extraction": "gold" if gold else "real",
        "same_person": {"pairs": counts["same_person"][0], "joined": counts["same_person"][1]},
        "different_people": {
            "pairs": counts["different_people"][0],
            "apart": counts["different_people"][1],
        },
        "errors": errors,
    }


def _error(kind: str, name: str, a: tuple[str, dict | None], b: tuple[str, dict | None]) -> dict:
    missing = [text for text, node in (a, b) if node is None]
    error = {"kind": kind, "name": name, "texts": [a[0], b[0]]}
    if missing:
        error["why"] = f"{name} not extracted in {', '.join(missing)}"
        return error
    (ta, na), (tb, nb) = a, b
    error["why"] = "one node" if na is nb else "two nodes"
    error["posts"] = {t: _posts(n, t) for t, n in ((ta, na), (tb, nb))}
    if na is nb:
        error["evidence"] = na["reasons"]
    else:
        found = [d for d in na["decisions"] if d.get("other") == nb["key"]]
        error["evidence"] = found or [
            "not compared: no title, organization, place, party or event in common"
        ]
    return error


def _posts(node: dict, text: str) -> list:
    return [
        [p["title"], p["organization"], p["inferred"]]
        for o in node["occurrences"]
        if Path(o["release"]).name == text
        for p in o.get("posts", [])
    ]


def print_scores(scores: dict) -> None:
    same, apart = scores["same_person"], scores["different_people"]
    print(f"{scores['folder']} identity={scores['identity']} extraction={scores['extraction']}")
    print(f"same-person pairs joined: {same['joined']}/{same['pairs']} {_pct(same, 'joined')}")
    print(f"homonym pairs apart: {apart['apart']}/{apart['pairs']} {_pct(apart, 'apart')}")
    for error in scores["errors"]:
        print(f"- {error['kind']} {error['name']} {' / '.join(error['texts'])}: {error['why']}")
        for text, posts in error.get("posts", {}).items():
            print(f"    posts in {text}: {posts}")
        for item in error.get("evidence", []):
            print(f"    {item if isinstance(item, str) else _record(item)}")


def _record(record: dict) -> str:
    features = "; ".join(
        f"{f['feature']} {f['detail']} ({f['weight']:+.1f})" for f in record["features"]
    )
    return f"best pair {record['a'][0]} / {record['b'][0]}: score {record['score']:.1f}: {features}"


def _pct(counts: dict, part: str) -> str:
    whole = counts["pairs"]
    return f"({100 * counts[part] / whole:.0f}%)" if whole else "(-)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--identity", default="default", choices=["default", "strict", "loose"])
    parser.add_argument(
        "--gold", action="store_true", help="the per-text gold instead of extraction"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--links", help="the cross-text gold (default: FOLDER/gold.json)")
    args = parser.parse_args(argv)
    scores = identity_scores(args.folder, args.identity, args.gold, args.links)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
    else:
        print_scores(scores)


if __name__ == "__main__":
    main()
