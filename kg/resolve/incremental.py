"""Resolution from the last build's state: equal to ``resolve`` of the same releases, scoring
again only the names whose evidence changed.

``resolve_incremental(summaries, state, identity)`` returns the resolution and the state for the
next call. The state keeps, for each name that occurs more than once, a digest of its evidence
(the summaries of its releases but for spans, and the organization nodes they name) and its
result (``kg.resolve.identity.NameResult``); a name whose digest is unchanged takes its result
unscored. Organizations are resolved again every time (their union by forms has no scoring and
costs a small part of resolving). The state is plain data (``to_data`` / ``from_data``: dicts,
lists, strings, numbers), for the engine's cache; a state of another mode, or made with other
weights (``kg/data/identity.toml``, ``parties.tsv``), is ignored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from kg.model import ReleaseFacts
from kg.resolve.config import identity_config
from kg.resolve.identity import NameResult
from kg.resolve.persons import NameCache
from kg.resolve.resolution import Resolution, gc_paused, resolve_sorted
from kg.resolve.summary import ReleaseSummary, summarize

_DATA = (
    "identity.toml",
    "parties.tsv",
    "public_bodies.tsv",
    "titles.txt",
    "title_heads.tsv",
    "org_suffixes.tsv",
)


@lru_cache(maxsize=1)
def weights_fingerprint() -> str:
    """A hash of the data identity decides with: a state made with others is not reused."""
    digest = hashlib.sha1()
    for name in _DATA:
        digest.update(resources.files("kg").joinpath("data", name).read_bytes())
    return digest.hexdigest()


@dataclass
class IdentityState:
    """What the next ``resolve_incremental`` reuses: each repeated name's digest and result."""

    identity: str
    fingerprint: str
    names: NameCache = field(default_factory=dict)
    # the names scored (not reused) by the call that made this state; not kept in to_data
    scored: list[str] = field(default_factory=list, compare=False)

    def to_data(self) -> dict:
        return {
            "identity": self.identity,
            "fingerprint": self.fingerprint,
            "names": {n: [d, r.to_data()] for n, (d, r) in self.names.items()},
        }

    @classmethod
    def from_data(cls, data: dict) -> IdentityState:
        names = {n: (d, NameResult.from_data(r)) for n, (d, r) in data["names"].items()}
        return cls(data["identity"], data["fingerprint"], names)


def resolve_incremental(
    releases: Sequence[ReleaseFacts | ReleaseSummary],
    state: IdentityState | None = None,
    identity: str = "default",
) -> tuple[Resolution, IdentityState]:
    """``resolve(releases, identity)`` and the state for the next call, reusing from ``state``
    the result of every name whose evidence is unchanged (``IdentityState``)."""
    facts_list = sorted(
        (r if isinstance(r, ReleaseSummary) else summarize(r) for r in releases),
        key=lambda f: f.path,
    )
    identity_config(identity)
    usable = state is not None and (state.identity, state.fingerprint) == (
        identity, weights_fingerprint()
    )  # fmt: skip
    cache = dict(state.names) if usable else {}
    with gc_paused():
        res, names = resolve_sorted(facts_list, identity, cache)
    scored = [n for n, (d, r) in names.items() if cache.get(n, (None, None))[1] is not r]
    return res, IdentityState(identity, weights_fingerprint(), names, scored)
