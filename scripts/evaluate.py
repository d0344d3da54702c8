"""Score kg against gold annotations: precision, recall and F1 per category.

Usage: python scripts/evaluate.py [FOLDER ...]   (default: ../shared/corpus/dev)

A folder holds NAME.txt + NAME.gold.json (the format of ../shared/corpus). Categories:
people (by full name), organizations (a predicted organization matches a gold one when any of
their forms agree, ignoring spaces and ㈜; a unit's forms include "PARENT UNIT"), person-
organization affiliations (gold pairs with a null organization are not scored), and title
recall (a title matches when equal, or when one ends with the other: 국회의원 / 의원).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.facts.orgs import norm
from kg.facts.release import release_facts
from kg.ingest.release import read_release
from kg.model import ReleaseFacts


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def org_forms(facts: ReleaseFacts) -> dict[str, set[str]]:
    """Every predicted organization's forms, a unit's forms qualified by its parents' forms."""
    by_name = {o.name: o for o in facts.organizations}

    def forms(name: str, depth: int = 0) -> set[str]:
        o = by_name[name]
        own = {norm(f) for f in (o.name, *o.aliases)}
        if o.parent and o.parent in by_name and depth < 5:
            own |= {p + f for p in forms(o.parent, depth + 1) for f in list(own)}
        return own

    return {name: forms(name) for name in by_name}


def title_match(a: str, b: str) -> bool:
    return a == b or a.endswith(b) or b.endswith(a)


def score(facts: ReleaseFacts, gold: dict) -> dict[str, Score]:
    pred_forms = org_forms(facts)
    gold_orgs = [(g, {norm(f) for f in (g["name"], *g.get("aliases", []))}) for g in gold["organizations"]]

    people = Score()
    gold_people = {p["name"] for p in gold["persons"]}
    pred_people = {p.name for p in facts.persons}
    people.tp = len(gold_people & pred_people)
    people.fp = len(pred_people - gold_people)
    people.fn = len(gold_people - pred_people)

    orgs = Score()
    matched_gold = set()
    for forms in pred_forms.values():
        hits = [i for i, (g, gf) in enumerate(gold_orgs) if gf & forms]
        if not hits:
            orgs.fp += 1
        for i in hits:
            matched_gold.add(i)
    required = [i for i, (g, _) in enumerate(gold_orgs) if not g.get("optional")]
    orgs.tp = sum(1 for i in required if i in matched_gold)
    orgs.fn = len(required) - orgs.tp

    affil = Score()
    gold_pairs = [
        (p["name"], {norm(a["org"])} | _gold_aliases(gold_orgs, a["org"]))
        for p in gold["persons"]
        for a in p["affiliations"]
        if a["org"]
    ]
    null_titles = {(p["name"], a["title"]) for p in gold["persons"] for a in p["affiliations"] if not a["org"]}
    pred_pairs = [(m.person, pred_forms.get(m.organization, set()), m.title) for m in facts.memberships if m.organization]
    found = set()
    for person, forms, title in pred_pairs:
        hit = [i for i, (gp, gf) in enumerate(gold_pairs) if gp == person and gf & forms]
        if hit:
            found.update(hit)
        elif not any(p == person and t and title and title_match(t, title) for p, t in null_titles):
            affil.fp += 1
    affil.tp = len(found)
    affil.fn = len(gold_pairs) - len(found)

    titles = Score()
    pred_titles = {}
    for m in facts.memberships:
        if m.title:
            pred_titles.setdefault(m.person, set()).add(m.title)
    for p in gold["persons"]:
        for a in p["affiliations"]:
            if a["title"]:
                if any(title_match(a["title"], t) for t in pred_titles.get(p["name"], ())):
                    titles.tp += 1
                else:
                    titles.fn += 1
    return {"people": people, "organizations": orgs, "affiliations": affil, "titles": titles}


def _gold_aliases(gold_orgs, org: str) -> set[str]:
    for g, forms in gold_orgs:
        if norm(org) in forms:
            return forms
    return set()


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", default=[str(here.parent / "shared" / "corpus" / "dev")])
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    total = {k: Score() for k in ("people", "organizations", "affiliations", "titles")}
    for folder in args.folders:
        for gold_path in sorted(Path(folder).glob("*.gold.json")):
            txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            facts = release_facts(read_release(str(txt)))
            s = score(facts, gold)
            row = "  ".join(f"{k[:5]} {v.tp}/{v.tp + v.fp}/{v.tp + v.fn}" for k, v in s.items())
            print(f"{txt.name:40s} {row}   (tp/predicted/gold)")
            if args.verbose:
                _explain(facts, gold)
            for k, v in s.items():
                total[k].add(v)
    print()
    print(f"{'category':14s} {'precision':>9s} {'recall':>7s} {'F1':>6s}   tp   fp   fn")
    for k, v in total.items():
        if k == "titles":
            print(f"{'title recall':14s} {'':>9s} {v.recall:7.3f} {'':>6s} {v.tp:4d} {'':>4s} {v.fn:4d}")
        else:
            print(f"{k:14s} {v.precision:9.3f} {v.recall:7.3f} {v.f1:6.3f} {v.tp:4d} {v.fp:4d} {v.fn:4d}")
    return 0


def _explain(facts: ReleaseFacts, gold: dict) -> None:
    gp = {p["name"] for p in gold["persons"]}
    for p in facts.persons:
        if p.name not in gp:
            print("    + person", p.name)
    for n in gp - {p.name for p in facts.persons}:
        print("    - person", n)
    forms = org_forms(facts)
    gold_orgs = [(g, {norm(f) for f in (g["name"], *g.get("aliases", []))}) for g in gold["organizations"]]
    for name, f in forms.items():
        if not any(gf & f for _, gf in gold_orgs):
            print("    + org", name)
    for g, gf in gold_orgs:
        if not g.get("optional") and not any(gf & f for f in forms.values()):
            print("    - org", g["name"])
    pred = {(m.person, m.title, m.organization) for m in facts.memberships}
    for p in gold["persons"]:
        for a in p["affiliations"]:
            print("    gold", p["name"], a["title"], a["org"], "| pred", sorted(
                (str(t), str(o)) for q, t, o in pred if q == p["name"]))


if __name__ == "__main__":
    sys.exit(main())
