"""The organizations of one release: short forms merged (경북 = 경상북도, 연세대 = 연세대학교,
NIA = 한국지능정보원), the fullest form the release writes named (무안 -> 무안군), units under
parents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Organization
from kg.nlp.hits import OrgRef
from kg.nlp.lexicon import Lexicon
from kg.nlp.organizations import UNIT_ENDINGS as _UNIT_ENDINGS

_SPACE = re.compile(r"\s+")
_RIGHT_EDGE = (
    r"(?=$|[^가-힣A-Za-z0-9]|(?:은|는|이|가|을|를|과|와|의|에|도|로|으로|에서|에게|이며|이자)(?![가-힣])"
    r"|장|지사|도지사|시장|군수|청)"
)
_RIGHT_EDGE_AT = re.compile(_RIGHT_EDGE)
_WORD_CHAR = re.compile(r"[가-힣A-Za-z0-9]")


def norm(name: str) -> str:
    """The key two spellings of one organization share: no spaces, no ㈜/(주)."""
    return _SPACE.sub("", name).replace("㈜", "").replace("(주)", "")


@dataclass
class _OrgNode:
    name: str
    kind: str | None
    forms: set[str] = field(default_factory=set)
    parent: str | None = None  # key of the parent node
    implied: bool = False


class OrganizationForms:
    """Union of organization forms seen in one release."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.nodes: dict[str, _OrgNode] = {}
        self.key_of: dict[str, str] = {}  # norm(form) -> node key
        self._occurs_memo: dict[str, bool] = {}
        self.publisher: str | None = None  # the node of the release's publisher

    def _find(self, form: str) -> str | None:
        return self.key_of.get(norm(form))

    def add(
        self, surface: str, kind: str | None, parent: str | None = None, implied: bool = False
    ) -> str:
        """The node of ``surface`` (a unit of ``parent`` when given), made when it is new; the
        forms the lexicon and the release give it join the node."""
        key = self._known_key(surface, parent)
        if key is None:
            key = self._new_node(surface, kind, parent, implied)
        node = self.nodes[key]
        node.forms.add(surface)
        if not implied:
            node.implied = False
        if node.kind is None and kind:
            node.kind = kind
        if parent is None:
            self._add_other_forms(key, surface)
        return key

    def _known_key(self, surface: str, parent: str | None) -> str | None:
        """The node ``surface`` (under ``parent``) already is, if any."""
        if parent is not None:
            return self._known_unit(surface, parent)
        key = self._find(surface)
        if key is None and self.lex.self_kind(surface):
            key = self._own(self.lex.self_kind(surface))
        if key is None:
            body = self.lex.body(surface) or self.lex.body(norm(surface))
            if body:
                key = next(filter(None, map(self._find, (body.name, *body.short_forms))), None)
        return key

    def _known_unit(self, surface: str, parent: str) -> str | None:
        key = self.key_of.get(parent + "/" + norm(surface))
        if key is None:
            top = self.key_of.get(norm(surface))
            if top is not None and self.nodes[top].parent is None and top != parent:
                # 가나원 다라센터 홍길동 센터장: the unit the sentence also named on its own
                self.nodes[top].parent = parent
                self.key_of[parent + "/" + norm(surface)] = key = top
        return key

    def _new_node(self, surface: str, kind: str | None, parent: str | None, implied: bool) -> str:
        key = norm(surface) if parent is None else parent + "/" + norm(surface)
        self.nodes[key] = _OrgNode(surface, kind, {surface}, parent, implied)
        if parent is None:
            self.key_of[norm(surface)] = key
        else:
            self.key_of[key] = key
        return key

    def _add_other_forms(self, key: str, surface: str) -> None:
        """The lexicon's forms of the body ``surface`` names and the longer or shorter forms of
        its ending that the release writes, as forms of node ``key``."""
        node = self.nodes[key]
        body = self.lex.body(surface)
        if body:
            node.kind = node.kind or body.kind
            for form in (body.name, *body.short_forms):
                if self._occurs(form):
                    node.forms.add(form)
                    self.key_of.setdefault(norm(form), key)
        # 연세대 = 연세대학교, 가나상의 = 가나상공회의소
        for a, b in self._endings:
            if surface.endswith(a) and len(surface) > len(a):
                other = surface[: -len(a)] + b
                if self._occurs(other):
                    node.forms.add(other)
                    self._merge_into(key, other)

    def _own(self, kind: str) -> str | None:
        """The node a release's name for itself (우리 대학, 본교) is: the publisher when it is of
        that kind, else the node of another such name, else none yet."""
        if self.publisher is not None and self._kind(self.publisher) == kind:
            return self.publisher
        return next(
            (
                k
                for k, n in self.nodes.items()
                if n.parent is None and any(self.lex.self_kind(f) for f in n.forms)
            ),
            None,
        )

    @property
    def _endings(self) -> list[tuple[str, str]]:
        pairs = [(full, short) for short, full in self.lex.short_endings]
        return pairs + [(short, full) for short, full in self.lex.short_endings]

    def add_reference(self, o: OrgRef, parent: str | None = None) -> str:
        """Add an organization the NLP recognised, with its acronym, alias and fuller form. The
        fragment of a fused title that ends the one longer name the release gives (협의회장 ->
        가나구의회 의장협의회) is that organization's short form."""
        surface = next((f for f in o.fuller if self._occurs(f)), o.surface)
        if o.from_title and parent is None and self._find(surface) is None:
            longer = self._ending_with(surface)
            if longer is not None:
                self.nodes[longer].forms.add(surface)
                self.key_of[norm(surface)] = longer
                return longer
        key = self.add(surface, o.kind, parent=parent)
        if o.acronym:
            self.alias(key, o.acronym)
        if o.alias:
            self.alias(key, o.alias)
        if "(주)" in surface or "㈜" in surface:
            bare = surface.replace("(주)", "").replace("㈜", "").strip()
            if bare:
                self.nodes[key].forms.add(bare)
        return key

    def add_chain(self, chain: list[OrgRef]) -> str | None:
        """Add an affiliation chain (가나도 미래전략과): units hang under the organization before
        them. A fragment that names an organization only in its fuller form (경기도교육감 ->
        경기도교육청) is left out when the release does not write that form."""
        chain = [o for o in chain if not o.needs_fuller or any(self._occurs(f) for f in o.fuller)]
        if not chain:
            return None
        key = self.add_reference(chain[0])
        for o in chain[1:]:
            compact = norm(o.surface)
            if compact.endswith(_UNIT_ENDINGS):
                if o.from_title and self.lex.body_of_form.get(o.surface):
                    key = self.add_reference(o)
                else:
                    key = self.add_reference(o, parent=key)
            else:
                key = self.add_reference(o)
        return key

    def _ending_with(self, fragment: str) -> str | None:
        """The one node whose name ends with ``fragment`` (two characters or more), or None."""
        tail = norm(fragment)
        if len(tail) < 2 or self.lex.body(fragment):
            return None
        # 상의: the one 상공회의소 of the release
        tails = {tail} | {full for short, full in self.lex.short_endings if short == tail}
        found = {
            k
            for k, n in self.nodes.items()
            if n.parent is None
            and any(len(norm(n.name)) > len(t) and norm(n.name).endswith(t) for t in tails)
        }
        return found.pop() if len(found) == 1 else None

    def _merge_into(self, key: str, form: str) -> None:
        other = self._find(form)
        if other and other != key and other in self.nodes:
            node = self.nodes.pop(other)
            self.nodes[key].forms |= node.forms
            for k, v in list(self.key_of.items()):
                if v == other:
                    self.key_of[k] = key
            for n in self.nodes.values():
                if n.parent == other:
                    n.parent = key
        self.key_of[norm(form)] = key

    def adopt_own_names(self) -> None:
        """The nodes of the release's names for itself (우리 대학) added before the publisher
        was known become the publisher's when they name its kind of body."""
        if self.publisher is None:
            return
        kind = self._kind(self.publisher)
        for key, node in list(self.nodes.items()):
            if (
                key != self.publisher
                and node.parent is None
                and all(self.lex.self_kind(f) == kind for f in node.forms)
            ):
                for form in sorted(node.forms):
                    self.alias(self.publisher, form)

    def alias(self, key: str, form: str) -> None:
        self.nodes[key].forms.add(form)
        self._merge_into(key, form)

    def _occurs(self, form: str) -> bool:
        """Whether the release writes ``form`` as a word of its own (a particle may follow)."""
        found = self._occurs_memo.get(form)
        if found is None:
            found = self._occurs_memo[form] = _written_alone(self.text, form)
        return found

    def _kind(self, key: str) -> str:
        """A unit takes the type of the organization it belongs to (a 국회 committee is a
        legislature's, a 한전 branch a public agency's); a top-level node its own."""
        node = self.nodes[key]
        top = node
        while top.parent and top.parent in self.nodes:
            top = self.nodes[top.parent]
        return top.kind or node.kind or "other"

    def finish(self) -> list[Organization]:
        for node in self.nodes.values():
            hangul = [f for f in node.forms if re.search(r"[가-힣]", f) and self._occurs(f)]
            # 가나도청 is the office of 가나도: name the government, keep the office as a short form
            hangul = [
                f for f in hangul if not (f.endswith("청") and f[:-1] in node.forms)
            ] or hangul
            pool = hangul or [f for f in node.forms if self._occurs(f)] or sorted(node.forms)
            # 우리 대학 names the publisher; the publisher's own name is the node's name
            pool = [f for f in pool if not self.lex.self_kind(f)] or (
                [f for f in node.forms if not self.lex.self_kind(f)] or pool
            )
            # the fullest form the text writes; with spaces when the text writes it so
            body = next((self.lex.body(f) for f in node.forms if self.lex.body(f)), None)
            if body and body.name in pool:
                name = body.name  # 경상북도, not the 경상북도청 of a page footer
            else:
                name = max(pool, key=lambda f: (len(norm(f)), " " in f, f))
            node.name = name
        by_key = {}
        for key, node in self.nodes.items():
            aliases = sorted({f for f in node.forms if f != node.name})
            by_key[key] = Organization(node.name, self._kind(key), aliases, None, [], node.implied)
        for key, node in self.nodes.items():
            if node.parent:
                by_key[key].parent = by_key[node.parent].name
        out = list(by_key.values())
        self.org_of_key = by_key
        return out


def _written_alone(text: str, form: str) -> bool:
    """Whether ``text`` writes ``form`` with no letter or digit before it and ``_RIGHT_EDGE`` after.

    The same test as one regex search for the form between the two edges, without compiling a
    regex per form: that compiling cost more than the rest of the extraction.
    """
    at = text.find(form)
    while at >= 0:
        left_edge = at == 0 or not _WORD_CHAR.match(text, at - 1)
        if left_edge and _RIGHT_EDGE_AT.match(text, at + len(form)):
            return True
        at = text.find(form, at + 1)
    return False
