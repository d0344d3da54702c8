"""Regenerate outputs/ (graph.ttl, centrality.csv, graph.html, resolution.json) from the example.

Run after any change that alters what kg builds; tests/test_outputs.py fails until you do.

    python scripts/build_outputs.py
"""

from __future__ import annotations

import os
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/gb-2023-07-14-ai-seminar.txt"
OUTDIR = "outputs"


def main() -> None:
    # Relative paths, from the repository root: kg:sourceFile records the path as given, and the
    # committed outputs must not depend on where the repository was cloned.
    os.chdir(ROOT)
    summary = kg.build([EXAMPLE], OUTDIR)
    for path in summary.paths:
        print(f"wrote: {path}")


if __name__ == "__main__":
    main()
