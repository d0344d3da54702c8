"""Run scripts/evaluate.py's scoring over a folder of NAME.txt + NAME.gold.json (for tests)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

EVALUATE = Path(__file__).resolve().parents[1] / "scripts" / "evaluate.py"


def evaluator():
    """scripts/evaluate.py as a module."""
    if "evaluate" not in sys.modules:
        spec = importlib.util.spec_from_file_location("evaluate", EVALUATE)
        module = importlib.util.module_from_spec(spec)
        sys.modules["evaluate"] = module  # its dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules["evaluate"]


def scores(folder: Path) -> dict:
    """Summed kg scores per category (people, organizations, affiliations, titles) of ``folder``."""
    return evaluator().evaluate_set(folder, baseline=False, quiet=True).kg
