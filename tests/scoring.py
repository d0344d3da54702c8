"""Run scripts/evaluate.py's scoring over a folder of NAME.txt + NAME.gold.json (for tests)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

EVALUATE = Path(__file__).resolve().parents[1] / "scripts" / "evaluate.py"


def _evaluate():
    if "evaluate" not in sys.modules:
        spec = importlib.util.spec_from_file_location("evaluate", EVALUATE)
        module = importlib.util.module_from_spec(spec)
        sys.modules["evaluate"] = module  # its dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules["evaluate"]


def scores(folder: Path) -> dict:
    """Summed scores per category (people, organizations, affiliations, titles) of ``folder``."""
    from kg.facts.release import release_facts
    from kg.ingest.release import read_release

    ev = _evaluate()
    total = {k: ev.Score() for k in ("people", "organizations", "affiliations", "titles")}
    for gold_path in sorted(folder.glob("*.gold.json")):
        txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for k, v in ev.score(release_facts(read_release(str(txt))), gold).items():
            total[k].add(v)
    return total
