"""Score kg against the gold annotations of the shared corpora, per set and overall, with the
MeCab-ko baseline (scripts/baseline_mecab.py) beside it.

Usage: python scripts/evaluate.py [SET_OR_FOLDER ...] [-v] [--no-baseline]
       python scripts/evaluate.py --identity DIR [--mode strict|default|loose] [--json]

``--identity DIR`` builds DIR (an xdoc-style folder: docs/*.txt, gold.json) as one corpus and
prints its identity pair scores against gold.json, as scripts/identity_score.py does: every
pair of texts within a ``same_person`` group must share a node, every pair across the groups
of a ``different_people`` entry must not, and a text where the name was not extracted counts
as a miss.

With no argument every shared set is scored: dev, dev2, dev3, seed (the example release) and
xdoc-dev (its per-text gold, gold/NAME.json beside docs/NAME.txt); "overall" sums dev, dev2 and
dev3. A folder holds NAME.txt + NAME.gold.json, or docs/ + gold/. ``-v`` lists, per text, the
misses (-) and false alarms (+) of each category.

How the gold conventions of the corpus READMEs count:
- people: by full name as written. A person marked ``optional`` is neither rewarded nor
  penalized; bylines are people like any other.
- organizations: a predicted organization matches a gold one when any of their forms agree
  (name, aliases, and a unit's forms qualified by its parent's: 청와대 정책실), ignoring spaces
  and ㈜/(주). Each gold organization is found once; a second predicted node for it is neither a
  hit nor a false alarm. A prediction that matches only ``optional`` gold organizations is neutral.
- affiliations: person-organization pairs, each gold pair counted once (two titles in one
  organization are one pair). The gold organization is matched with its forms plus the
  affiliation's ``org_aliases``; ``implicit`` pairs count like stated ones; ``optional`` pairs
  are neutral. An affiliation with ``org: null`` is no pair. In dev, whose README lets a scorer
  read ``org: null`` as "not scored", a predicted pair whose title matches such an affiliation is
  neutral; in the newer sets (dev2, dev3, xdoc-dev) ``org: null`` says the text names no
  organization, so such a pair is a false alarm. (A set whose gold has no ``title_aliases`` at
  all, dev and the seed, is read with dev's conventions.)
- titles: recall over gold affiliations with a title (``title: null`` is not counted), each
  compared with the person's predicted titles: equal to ``title`` or a ``title_aliases`` entry,
  ignoring spaces. dev has no title aliases; there a title also matches when one ends with the
  other (국회의원 / 의원), as its README splits titles that way. Precision (informational) is
  over the predicted titles of gold people.

kg is reached only through ``kg.engine.pipeline.extract_facts`` and ``kg.model``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from kg.model import ReleaseFacts  # noqa: E402

CORPUS = HERE.parents[1] / "shared" / "corpus"
SETS = ("dev", "dev2", "dev3", "seed", "xdoc-dev")
OVERALL = ("dev", "dev2", "dev3")
CATEGORIES = ("people", "organizations", "affiliations", "titles")
_SPACE = re.compile(r"\s+")


def norm(name: str) -> str:
    """Two spellings of one organization or title agree when they agree without spaces and ㈜."""
    return _SPACE.sub("", name).replace("㈜", "").replace("(주)", "")


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


@dataclass
class Misses:
    """What one text's score missed (-) and invented (+), for ``-v``."""

    lines: list[str] = field(default_factory=list)

    def add(self, sign: str, category: str, what: str) -> None:
        self.lines.append(f"    {sign} {category:6s} {what}")


# ---- reading the gold ---------------------------------------------------------------------
def gold_texts(folder: Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs of a set folder: NAME.txt + NAME.gold.json, or docs/ + gold/."""
    if (folder / "gold").is_dir() and (folder / "docs").is_dir():
        return [
            (folder / "docs" / (g.stem + ".txt"), g)
            for g in sorted((folder / "gold").glob("*.json"))
        ]
    return [
        (g.with_name(g.name[: -len(".gold.json")] + ".txt"), g)
        for g in sorted(folder.glob("*.gold.json"))
    ]


def _gold_org_forms(gold: dict) -> dict[str, set[str]]:
    """Each gold organization's forms, a unit's also qualified by its parent's (seed: unit_of)."""
    by_name = {o["name"]: o for o in gold["organizations"]}

    def forms(name: str, depth: int = 0) -> set[str]:
        o = by_name[name]
        own = {norm(f) for f in (o["name"], *o.get("aliases", []))}
        parent = o.get("parent") or o.get("unit_of")
        if parent in by_name and depth < 5:
            own |= {p + f for p in forms(parent, depth + 1) for f in list(own)}
        return own

    return {name: forms(name) for name in by_name}


def _pred_org_forms(facts: ReleaseFacts) -> dict[str, set[str]]:
    by_name = {o.name: o for o in facts.organizations}

    def forms(name: str, depth: int = 0) -> set[str]:
        o = by_name[name]
        own = {norm(f) for f in (o.name, *o.aliases)}
        if o.parent in by_name and depth < 5:
            own |= {p + f for p in forms(o.parent, depth + 1) for f in list(own)}
        return own

    return {name: forms(name) for name in by_name}


def _title_forms(aff: dict) -> set[str]:
    return {norm(t) for t in (aff["title"], *aff.get("title_aliases", [])) if t}


def _title_match(gold_forms: set[str], predicted: str, loose: bool) -> bool:
    p = norm(predicted)
    if p in gold_forms:
        return True
    return loose and any(p.endswith(g) or g.endswith(p) for g in gold_forms)


# ---- scoring ------------------------------------------------------------------------------
def score(
    facts: ReleaseFacts, gold: dict, *, lenient_null: bool = False, misses: Misses | None = None
) -> dict[str, Score]:
    """Scores of one text. ``lenient_null``: dev's conventions (org null not scored, loose
    titles)."""
    misses = misses or Misses()
    optional_people = {p["name"] for p in gold["persons"] if p.get("optional")}
    gold_people = [p for p in gold["persons"] if not p.get("optional")]
    return {
        "people": _score_people(facts, gold_people, optional_people, misses),
        "organizations": _score_orgs(facts, gold, misses),
        "affiliations": _score_pairs(facts, gold, optional_people, lenient_null, misses),
        "titles": _score_titles(facts, gold_people, lenient_null, misses),
    }


def _score_people(facts, gold_people, optional_people, misses) -> Score:
    s = Score()
    gold = {p["name"] for p in gold_people}
    pred = {p.name for p in facts.persons}
    s.tp = len(gold & pred)
    for name in sorted(pred - gold - optional_people):
        s.fp += 1
        misses.add("+", "person", name)
    for name in sorted(gold - pred):
        s.fn += 1
        misses.add("-", "person", name)
    return s


def _score_orgs(facts, gold, misses) -> Score:
    s = Score()
    gold_forms = _gold_org_forms(gold)
    optional = {o["name"] for o in gold["organizations"] if o.get("optional")}
    found: set[str] = set()
    for name, forms in _pred_org_forms(facts).items():
        hits = [g for g, gf in gold_forms.items() if gf & forms]
        if not hits:
            s.fp += 1
            misses.add("+", "org", name)
        found.update(hits)
    for g in gold_forms:
        if g in optional:
            continue
        if g in found:
            s.tp += 1
        else:
            s.fn += 1
            misses.add("-", "org", g)
    return s


def _gold_pairs(
    gold: dict, optional_people: set[str]
) -> dict[tuple[str, str], tuple[set[str], bool]]:
    """(person, org) -> (accepted org forms, optional) for every gold affiliation with an org."""
    org_forms = _gold_org_forms(gold)
    pairs: dict[tuple[str, str], tuple[set[str], bool]] = {}
    for p in gold["persons"]:
        for a in p["affiliations"]:
            if not a["org"]:
                continue
            forms = set(org_forms.get(a["org"], {norm(a["org"])})) | {
                norm(x) for x in a.get("org_aliases", [])
            }
            optional = bool(a.get("optional")) or p["name"] in optional_people
            key = (p["name"], a["org"])
            if key in pairs:
                old_forms, old_optional = pairs[key]
                forms |= old_forms
                optional = optional and old_optional
            pairs[key] = (forms, optional)
    return pairs


def _unscored_nulls(
    gold: dict, optional_people: set[str], lenient_null: bool
) -> dict[str, list[dict]]:
    """Person -> the affiliations with ``org: null`` a predicted pair may match unscored."""
    null_titles: dict[str, list[dict]] = {}
    for p in gold["persons"]:
        for a in p["affiliations"]:
            if not a["org"] and (lenient_null or a.get("optional") or p["name"] in optional_people):
                null_titles.setdefault(p["name"], []).append(a)
    return null_titles


def _score_pairs(facts, gold, optional_people, lenient_null, misses) -> Score:
    s = Score()
    pairs = _gold_pairs(gold, optional_people)
    pred_forms = _pred_org_forms(facts)
    null_titles = _unscored_nulls(gold, optional_people, lenient_null)
    predicted: dict[tuple[str, str], str | None] = {}
    for m in facts.memberships:
        if m.organization:
            predicted.setdefault((m.person, m.organization), m.title)
    found: set[tuple[str, str]] = set()
    for (person, org), title in predicted.items():
        forms = pred_forms.get(org, {norm(org)})
        hits = [k for k, (gf, _) in pairs.items() if k[0] == person and gf & forms]
        if hits:
            found.update(hits)
            continue
        if title and any(
            _title_match(_title_forms(a), title, True) for a in null_titles.get(person, ())
        ):
            continue  # a null-org affiliation the conventions do not score
        s.fp += 1
        misses.add("+", "affil", f"{person} / {title} / {org}")
    for key, (_, optional) in pairs.items():
        if optional:
            continue
        if key in found:
            s.tp += 1
        else:
            s.fn += 1
            misses.add("-", "affil", f"{key[0]} / {key[1]}")
    return s


def _score_titles(facts, gold_people, loose, misses) -> Score:
    s = Score()
    titles: dict[str, set[str]] = {}
    for m in facts.memberships:
        if m.title:
            titles.setdefault(m.person, set()).add(m.title)
    for p in gold_people:
        pred = titles.get(p["name"], set())
        all_forms = [_title_forms(a) for a in p["affiliations"] if a["title"]]
        for a in p["affiliations"]:
            if not a["title"] or a.get("optional"):
                continue
            if any(_title_match(_title_forms(a), t, loose) for t in pred):
                s.tp += 1
            else:
                s.fn += 1
                misses.add(
                    "-",
                    "title",
                    f"{p['name']} / {a['title']} / {a['org']}   predicted {sorted(pred)}",
                )
        for t in sorted(pred):
            if not any(_title_match(f, t, loose) for f in all_forms):
                s.fp += 1
                misses.add("+", "title", f"{p['name']} / {t}")
    return s


# ---- running a set ------------------------------------------------------------------------
@dataclass
class SetResult:
    name: str
    kg: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in CATEGORIES})
    baseline: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in CATEGORIES})
    seconds: float = 0.0


def evaluate_set(
    folder: Path, *, baseline: bool = True, verbose: bool = False, quiet: bool = False
) -> SetResult:
    """Score every text of one set folder with kg (and the baseline)."""
    from kg.engine.pipeline import extract_facts

    result = SetResult(folder.name)
    texts = gold_texts(folder)
    golds = [json.loads(g.read_text(encoding="utf-8")) for _, g in texts]
    lenient = not any(
        "title_aliases" in a for g in golds for p in g["persons"] for a in p["affiliations"]
    )
    base = None
    if baseline:
        from baseline_mecab import baseline_facts as base
    for (txt, _), gold in zip(texts, golds):
        misses = Misses()
        t0 = time.perf_counter()
        facts = extract_facts(str(txt))
        result.seconds += time.perf_counter() - t0
        s = score(facts, gold, lenient_null=lenient, misses=misses)
        for k, v in s.items():
            result.kg[k].add(v)
        if base:
            for k, v in score(base(str(txt)), gold, lenient_null=lenient).items():
                result.baseline[k].add(v)
        if not quiet:
            row = "  ".join(f"{k[:5]} {v.tp}/{v.tp + v.fp}/{v.tp + v.fn}" for k, v in s.items())
            print(f"  {txt.name[:44]:44s} {row}   (tp/predicted/gold)")
            if verbose:
                print("\n".join(misses.lines))
    return result


def _table(title: str, kg: dict[str, Score], base: dict[str, Score] | None) -> None:
    print(f"{title}")
    head = f"  {'category':13s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>4s} {'fn':>4s}"
    print(head + ("   | baseline  P      R     F1" if base else ""))
    for k in CATEGORIES:
        v = kg[k]
        line = f"  {k:13s} {v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f}"
        line += f" {v.tp:5d} {v.fp:4d} {v.fn:4d}"
        if base:
            b = base[k]
            line += f"   |        {b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}"
        print(line)


def resolve_folders(names: list[str]) -> list[Path]:
    return [Path(n) if Path(n).is_dir() else CORPUS / n for n in names or SETS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help=f"set names under {CORPUS} or folders (default: all)")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="list misses (-) and false alarms (+)"
    )
    ap.add_argument("--no-baseline", action="store_true", help="do not score the MeCab-ko baseline")
    ap.add_argument("-q", "--quiet", action="store_true", help="no per-text lines")
    ap.add_argument("--identity", metavar="DIR", help="score identity across DIR's texts instead")
    ap.add_argument("--mode", default="default", choices=["default", "strict", "loose"])
    ap.add_argument("--json", action="store_true", help="--identity: the scores as JSON")
    args = ap.parse_args(argv)
    if args.identity:
        return _identity(Path(args.identity), args.mode, args.json)
    folders = resolve_folders(args.sets)
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"error: no such corpus folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    overall = SetResult("overall")
    seconds, texts = 0.0, 0
    for folder in folders:
        print(f"== {folder.name}")
        r = evaluate_set(
            folder, baseline=not args.no_baseline, verbose=args.verbose, quiet=args.quiet
        )
        _table(f"{folder.name}: kg", r.kg, None if args.no_baseline else r.baseline)
        seconds += r.seconds
        texts += len(gold_texts(folder))
        if folder.name in OVERALL:
            for k in CATEGORIES:
                overall.kg[k].add(r.kg[k])
                overall.baseline[k].add(r.baseline[k])
        print()
    if all(any(f.name == n for f in folders) for n in OVERALL):
        _table(
            "overall (dev + dev2 + dev3): kg",
            overall.kg,
            None if args.no_baseline else overall.baseline,
        )
    print(
        f"\nkg extraction: {texts} texts, {seconds:.1f} s"
        f" ({1000 * seconds / max(texts, 1):.0f} ms per text)"
    )
    return 0


def _identity(folder: Path, mode: str, as_json: bool) -> int:
    if not (folder / "gold.json").is_file():
        print(f"error: {folder}: no gold.json of cross-text links", file=sys.stderr)
        return 2
    import identity_score

    scores = identity_score.identity_scores(folder, identity=mode)
    if as_json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
    else:
        identity_score.print_scores(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
