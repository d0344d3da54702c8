"""The sum of many releases' ``kg.network.ties.NetworkPart``, from which a release can be taken
out again (a corpus rebuild).
"""

from __future__ import annotations

from kg.network.ties import NetworkPart


class NetworkTotal:
    """The sum of the ``NetworkPart`` of many releases, its actors numbered so that a corpus of
    thousands of releases (millions of ties) stays small: a tie is one int key, ``i << 32 | j``.

    A part can be taken out again (``subtract``: a release changed). Weights and counts come
    back exactly (the weights are sums of halves); what the sum keeps as a union of bits or a
    least value cannot always be taken apart, so ``subtract`` notes it as ``unsure`` until the
    parts added next give the same bits or values back. A total that stays unsure has to be
    summed again from its parts.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []  # IRI of each number
        self.weights: dict[int, float] = {}
        self.kinds: dict[int, int] = {}  # bits of TIE_KINDS
        self.mentions: dict[int, int] = {}
        self.first_mention: dict[int, tuple[int, str, str]] = {}
        self.evidence: dict[int, tuple[str, str]] = {}
        self.givers: dict[int, list[int]] = {}  # actor -> parts giving [first_mention, evidence]
        self.roles: dict[int, dict[int, int]] = {}  # person -> role -> parts naming it
        self.member_of: dict[int, dict[int, int]] = {}  # person -> organization -> parts
        # what subtract took out and the parts added since have not given back
        self.unsure_kinds: dict[int, int] = {}  # tie -> kind bits
        self.unsure_least: dict[tuple[int, int], tuple] = {}  # (actor, 0 or 1) -> value

    @property
    def unsure(self) -> bool:
        return bool(self.unsure_kinds or self.unsure_least)

    def id(self, iri: str) -> int:
        number = self.ids.get(iri)
        if number is None:
            number = self.ids[iri] = len(self.names)
            self.names.append(iri)
        return number

    def add(self, part: NetworkPart) -> None:
        """Add the part of one more release (or of any triples disjoint from those added)."""
        self._add_ties(part)
        for actor, count in part.mentions.items():
            i = self.id(actor)
            self.mentions[i] = self.mentions.get(i, 0) + count
        for n, (mine, theirs) in enumerate(
            ((self.first_mention, part.first_mention), (self.evidence, part.evidence))
        ):
            for actor, value in theirs.items():
                i = self.id(actor)
                self.givers.setdefault(i, [0, 0])[n] += 1
                if i not in mine or value < mine[i]:
                    mine[i] = value
        for mine, theirs in ((self.roles, part.roles), (self.member_of, part.member_of)):
            for actor, values in theirs.items():
                counts = mine.setdefault(self.id(actor), {})
                for value in values:
                    j = self.id(value)
                    counts[j] = counts.get(j, 0) + 1
        if self.unsure:
            self._give_back(part)

    def _add_ties(self, part: NetworkPart) -> None:
        # self.id and self.tie, inlined: the hot loop of a corpus
        ids, names, weights, kinds = self.ids, self.names, self.weights, self.kinds
        part_kinds = part.kinds
        for (a, b), weight in part.weights.items():
            i = ids.get(a)
            if i is None:
                i = ids[a] = len(names)
                names.append(a)
            j = ids.get(b)
            if j is None:
                j = ids[b] = len(names)
                names.append(b)
            key = i << 32 | j if i < j else j << 32 | i
            weights[key] = weights.get(key, 0.0) + weight
            kinds[key] = kinds.get(key, 0) | part_kinds[(a, b)]

    def subtract(self, part: NetworkPart) -> None:
        """Take out a part added before."""
        self._subtract_ties(part)
        for actor, count in part.mentions.items():
            i = self.ids[actor]
            left = self.mentions[i] - count
            if left:
                self.mentions[i] = left
            else:
                del self.mentions[i]
        self._subtract_least(part)
        for mine, theirs in ((self.roles, part.roles), (self.member_of, part.member_of)):
            for actor, values in theirs.items():
                i = self.ids[actor]
                counts = mine[i]
                for value in values:
                    j = self.ids[value]
                    counts[j] -= 1
                    if counts[j] == 0:
                        del counts[j]
                if not counts:
                    del mine[i]

    def _subtract_ties(self, part: NetworkPart) -> None:
        ids, weights, kinds = self.ids, self.weights, self.kinds
        for (a, b), weight in part.weights.items():
            i, j = ids[a], ids[b]
            key = i << 32 | j if i < j else j << 32 | i
            left = weights[key] - weight
            if left == 0:  # no other part gave this tie: it goes, bits and all
                del weights[key], kinds[key]
                self.unsure_kinds.pop(key, None)
            else:
                weights[key] = left
                self.unsure_kinds[key] = self.unsure_kinds.get(key, 0) | part.kinds[(a, b)]

    def _subtract_least(self, part: NetworkPart) -> None:
        """Take out a part's first mentions and evidence: a least value that goes while other
        parts still give one leaves the sum unsure of the next."""
        for n, (mine, theirs) in enumerate(
            ((self.first_mention, part.first_mention), (self.evidence, part.evidence))
        ):
            for actor, value in theirs.items():
                i = self.ids[actor]
                givers = self.givers[i]
                givers[n] -= 1
                if givers[n] == 0:
                    del mine[i]
                    self.unsure_least.pop((i, n), None)
                elif mine[i] == value:  # the least value goes; the next is not known
                    self.unsure_least[(i, n)] = value

    def _give_back(self, part: NetworkPart) -> None:
        """Settle what ``subtract`` left unsure that ``part`` gives again: the same kind bits of
        a tie, or a value no greater than the least one taken out."""
        ids, unsure_kinds = self.ids, self.unsure_kinds
        if unsure_kinds:
            for (a, b), mask in part.kinds.items():
                i, j = ids[a], ids[b]
                key = i << 32 | j if i < j else j << 32 | i
                bits = unsure_kinds.get(key)
                if bits is not None:
                    if bits & ~mask:
                        unsure_kinds[key] = bits & ~mask
                    else:
                        del unsure_kinds[key]
        for n, theirs in enumerate((part.first_mention, part.evidence)):
            for actor, value in theirs.items():
                taken = self.unsure_least.get((ids[actor], n))
                if taken is not None and value <= taken:
                    del self.unsure_least[(ids[actor], n)]
