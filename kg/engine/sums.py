"""What each release adds to a corpus graph (``ReleaseRDF``) and their sum (``Totals``), which a
rebuild starts from: it takes out the releases that changed or went and adds the new ones.

The sum does not depend on the order releases are added in (sets, counts, and tie weights that
are sums of halves, exact in floating point), and a release can be taken out again as long as
the sum stays ``exact`` (``kg.network.sums.NetworkTotal``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kg.engine.codec import dumps, loads
from kg.errors import CacheFormatError
from kg.network.sums import NetworkTotal
from kg.network.ties import NetworkPart


@dataclass(frozen=True)
class ReleaseRDF:
    """What one release (or several files with one text) adds to a corpus graph, besides the
    Turtle statements about its own nodes (kept beside it in the cache)."""

    own: int  # triples about the release's own nodes (its statements)
    memberships: int
    shared: tuple[str, ...]  # sorted N-Triples lines about persons, organizations and roles
    labelled: frozenset[str]  # OrgNode keys whose labels the graph needs
    typed: frozenset[str]  # OrgNode keys whose kind class the graph needs
    part: NetworkPart

    def to_bytes(self) -> bytes:
        p = self.part
        return dumps(
            [
                self.own,
                self.memberships,
                list(self.shared),
                sorted(self.labelled),
                sorted(self.typed),
                [[a, b, w, p.kinds[(a, b)]] for (a, b), w in p.weights.items()],
                list(p.mentions.items()),
                [[actor, *value] for actor, value in p.first_mention.items()],
                [[actor, *value] for actor, value in p.evidence.items()],
                [[actor, sorted(values)] for actor, values in p.roles.items()],
                [[actor, sorted(values)] for actor, values in p.member_of.items()],
            ]
        )

    @classmethod
    def from_bytes(cls, blob: bytes) -> ReleaseRDF:
        """The ``to_bytes`` of a release; ``CacheFormatError`` for anything else."""
        data = loads(blob)
        try:
            own, memberships, shared, labelled, typed, ties, *actors = data
            mentions, first, evidence, roles, member_of = actors
            part = NetworkPart()
            for a, b, w, kinds in ties:
                part.weights[(_str(a), _str(b))] = _float(w)
                part.kinds[(a, b)] = _int(kinds)
            part.mentions.update({_str(a): _int(n) for a, n in mentions})
            part.first_mention.update(
                {_str(a): (_int(o), _str(m), _str(s)) for a, o, m, s in first}
            )
            part.evidence.update({_str(a): (_str(m), _str(t)) for a, m, t in evidence})
            part.roles.update({_str(a): set(map(_str, rs)) for a, rs in roles})
            part.member_of.update({_str(a): set(map(_str, os_)) for a, os_ in member_of})
            return cls(
                _int(own),
                _int(memberships),
                tuple(map(_str, shared)),
                frozenset(map(_str, labelled)),
                frozenset(map(_str, typed)),
                part,
            )
        except (TypeError, ValueError) as error:
            raise CacheFormatError(f"not a release's RDF: {error}") from None


def _str(value) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _int(value) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an integer, found {type(value).__name__}")
    return value


def _float(value) -> float:
    if type(value) not in (float, int):
        raise TypeError(f"expected a number, found {type(value).__name__}")
    return float(value)


class Totals:
    """The sum of the ``ReleaseRDF`` of many releases; a release can be taken out again
    (``subtract``) as long as the sum stays ``exact``."""

    def __init__(self) -> None:
        self.before: dict[str, bool] | None = None  # see track
        self.shared: Counter[str] = Counter()  # line -> releases that have it
        self.labelled: Counter[str] = Counter()
        self.typed: Counter[str] = Counter()
        self.network = NetworkTotal()
        self.own = 0
        self.memberships = 0

    def track(self) -> None:
        """Note from now on which shared lines are added or taken out (``touched``, ``had``)."""
        self.before = {}

    @property
    def touched(self) -> Iterable[str]:
        """The shared lines added or taken out since ``track``."""
        return (self.before or {}).keys()

    def had(self, line: str) -> bool:
        """Whether ``line`` was a shared line when ``track`` was called."""
        before = self.before or {}
        return before.get(line, line in self.shared)

    def _note(self, lines: Iterable[str]) -> None:
        before, shared = self.before, self.shared
        for line in lines:
            if line not in before:
                before[line] = line in shared

    @property
    def exact(self) -> bool:
        """Whether the sum is known to equal that of the releases added and not taken out."""
        return not self.network.unsure

    def add(self, result: ReleaseRDF) -> None:
        if self.before is not None:
            self._note(result.shared)
        self.shared.update(result.shared)
        self.labelled.update(result.labelled)
        self.typed.update(result.typed)
        self.network.add(result.part)
        self.own += result.own
        self.memberships += result.memberships

    def subtract(self, result: ReleaseRDF) -> None:
        if self.before is not None:
            self._note(result.shared)
        for mine, theirs in (
            (self.shared, result.shared),
            (self.labelled, result.labelled),
            (self.typed, result.typed),
        ):
            for value in theirs:
                left = mine[value] - 1
                if left:
                    mine[value] = left
                else:
                    del mine[value]
        self.network.subtract(result.part)
        self.own -= result.own
        self.memberships -= result.memberships
