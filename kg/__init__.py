"""kg: a knowledge-graph builder for Korean public-sector press releases (보도자료).

``kg.build(inputs, outdir)`` writes graph.ttl, centrality.csv and graph.html;
``kg.extract(inputs)`` yields the entity mentions. Both load spaCy and MeCab on first use only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "build", "extract"]

if TYPE_CHECKING:
    from kg.engine.pipeline import build, extract


def __getattr__(name: str):
    # Lazy, so that `import kg.errors` (or `kg query`) does not pay for loading spaCy.
    if name in ("build", "extract"):
        from kg.engine import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
