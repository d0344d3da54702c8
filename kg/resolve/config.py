"""The weights, threshold and title knowledge identity reads (``kg/data/identity.toml``) and the
parties it knows (``kg/data/parties.tsv``), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.errors import IdentityModeError
from kg.resolve.forms import normalize

#: ``kg build --identity``: strict is the rule kg had before (a shared organization), default
#: and loose score the evidence with the threshold of their name.
IDENTITY_MODES = ("default", "strict", "loose")


@dataclass(frozen=True)
class Party:
    name: str
    lineage: str
    short_forms: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # one object per mode (identity_config): hashed by identity
class IdentityConfig:
    """Everything ``kg.resolve.identity`` decides with: one mode's threshold and the weights."""

    mode: str
    threshold: float
    weights: dict[str, float]
    rival_years: float
    party_years: float
    block_max: int
    rival_kinds: frozenset[str]
    offices: frozenset[str]
    personal: frozenset[str]
    head_endings: tuple[str, ...]
    not_head: frozenset[str]
    former: tuple[str, ...]
    candidate: tuple[str, ...]
    acting: tuple[str, ...]
    plain: tuple[str, ...]
    compatible: frozenset[tuple[str, str]]  # both orders
    legislator: str
    unique: frozenset[str]
    fits: dict[str, tuple[str, ...]]
    levels: dict[str, tuple[str, ...]]  # level -> name endings
    parties: dict[str, Party]  # normalized form -> party

    def weight(self, feature: str) -> float:
        return self.weights[feature]


def _data(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _parties() -> dict[str, Party]:
    out: dict[str, Party] = {}
    for line in _data("parties.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        forms = tuple(f for f in (cells[2].split(",") if len(cells) > 2 else []) if f)
        party = Party(cells[0], cells[1], forms)
        for form in (party.name, *forms):
            out[normalize(form)] = party
    return out


@lru_cache(maxsize=len(IDENTITY_MODES))
def identity_config(mode: str = "default") -> IdentityConfig:
    """The configuration of an identity mode (``IDENTITY_MODES``); strict has the default's
    weights, which it does not use. Raises ``IdentityModeError`` for another mode."""
    if mode not in IDENTITY_MODES:
        raise IdentityModeError(mode, IDENTITY_MODES)
    data = tomllib.loads(_data("identity.toml"))
    titles, limits = data["titles"], data["limits"]
    pairs = {(a, b) for group in titles["compatible"] for a in group for b in group if a != b}
    return IdentityConfig(
        mode=mode,
        threshold=float(data["thresholds"].get(mode, data["thresholds"]["default"])),
        weights={k: float(v) for k, v in data["weights"].items()},
        rival_years=float(limits["rival_years"]),
        party_years=float(limits["party_years"]),
        block_max=int(limits["block_max"]),
        rival_kinds=frozenset(data["posts"]["rival_kinds"]),
        offices=frozenset(data["posts"]["offices"]),
        personal=frozenset(data["evidence"]["personal"]),
        head_endings=tuple(titles["head_endings"]),
        not_head=frozenset(titles["not_head"]),
        former=tuple(titles["former"]),
        candidate=tuple(titles["candidate"]),
        acting=tuple(titles["acting"]),
        plain=tuple(titles["plain"]),
        compatible=frozenset(pairs),
        legislator=titles["legislator"],
        unique=frozenset(titles["unique"]),
        fits={k: tuple(v) for k, v in titles["fits"].items()},
        levels={k: tuple(v) for k, v in data["levels"].items()},
        parties=_parties(),
    )
