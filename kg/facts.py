"""Resolve what the NLP recognised into people, organizations and memberships of one release.

Here short forms merge (경상북도 = 경북도 = 경북; 연세대 = 연세대학교; 한국지능정보원 = NIA),
fused-title fragments take the fullest form the release writes (무안 -> 무안군), units hang
under their parents, and short mentions (김 단장) resolve to a full name or are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.events import credit_groups, resolve_events
from kg.model import Membership, Mention, Organization, Person, Release, ReleaseFacts, Span
from kg.nlp import load as load_nlp
from kg.nlp.index import token_index
from kg.nlp.lexicon import Lexicon
from kg.nlp.lexicon import load as load_lexicon
from kg.nlp.patterns import UNIT_ENDINGS as _UNIT_ENDINGS
from kg.nlp.patterns import OrgRef, PersonHit
from kg.statements import resolve_proposals, resolve_quotes

_BRACKET_OUTLET = re.compile(r"\[[^\]\s=]*=([^\]\s=]+)\]|\[([^\]\s=]+)\s+[가-힣]{2,4}\s*기자\s*\]")
_COPYRIGHT = re.compile(r"(?:저작권자|Copyright)\s*(?:©|ⓒ|\(c\))\s*([^\s,]+)")
_SPACE = re.compile(r"\s+")
_RIGHT_EDGE = (
    r"(?=$|[^가-힣A-Za-z0-9]|(?:은|는|이|가|을|를|과|와|의|에|도|로|으로|에서|에게|이며|이자)(?![가-힣])"
    r"|장|지사|도지사|시장|군수|청)"
)
_RIGHT_EDGE_AT = re.compile(_RIGHT_EDGE)
_WORD_CHAR = re.compile(r"[가-힣A-Za-z0-9]")
# Titles that imply the organization they belong to.
_IMPLIED = {"국회의원": "국회"}


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


class _Orgs:
    """Union of organization forms seen in one release."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.compact = norm(text)
        self.lex = lexicon
        self.nodes: dict[str, _OrgNode] = {}
        self.key_of: dict[str, str] = {}  # norm(form) -> node key
        self._occurs_memo: dict[str, bool] = {}

    def _find(self, form: str) -> str | None:
        return self.key_of.get(norm(form))

    def add(self, surface: str, kind: str | None, parent: str | None = None, implied: bool = False) -> str:
        key = self._find(surface) if parent is None else self.key_of.get(parent + "/" + norm(surface))
        if key is None:
            body = self.lex.body_of_form.get(surface) or self.lex.body_of_form.get(norm(surface))
            if body and parent is None:
                for form in (body.name, *body.short_forms):
                    k = self._find(form)
                    if k:
                        key = k
                        break
        if key is None:
            key = norm(surface) if parent is None else parent + "/" + norm(surface)
            self.nodes[key] = _OrgNode(surface, kind, {surface}, parent, implied)
            if parent is None:
                self.key_of[norm(surface)] = key
            else:
                self.key_of[key] = key
        node = self.nodes[key]
        node.forms.add(surface)
        if not implied:
            node.implied = False
        if node.kind is None and kind:
            node.kind = kind
        if parent is None:
            body = self.lex.body_of_form.get(surface)
            if body:
                node.kind = node.kind or body.kind
                for form in (body.name, *body.short_forms):
                    if self._occurs(form):
                        node.forms.add(form)
                        self.key_of.setdefault(norm(form), key)
            # 연세대 = 연세대학교
            for a, b in (("대학교", "대"), ("대", "대학교")):
                if surface.endswith(a):
                    other = surface[: -len(a)] + b
                    if self._occurs(other):
                        node.forms.add(other)
                        self._merge_into(key, other)
        return key

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
        out = []
        for key, node in self.nodes.items():
            hangul = [f for f in node.forms if re.search(r"[가-힣]", f) and self._occurs(f)]
            # 가나도청 is the office of 가나도: name the government, keep the office as a short form
            hangul = [f for f in hangul if not (f.endswith("청") and f[:-1] in node.forms)] or hangul
            pool = hangul or [f for f in node.forms if self._occurs(f)] or sorted(node.forms)
            # the fullest form the text writes; with spaces when the text writes it so
            body = next((self.lex.body_of_form[f] for f in node.forms if f in self.lex.body_of_form), None)
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
        if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and _RIGHT_EDGE_AT.match(text, at + len(form)):
            return True
        at = text.find(form, at + 1)
    return False


def release_facts(release: Release) -> ReleaseFacts:
    """Extract the people, organizations, memberships, quotes and proposals a release states."""
    nlp = load_nlp()
    lexicon = load_lexicon()
    doc = nlp.make_doc(release.text)
    doc._.kg_body = release.body
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    text = release.text
    orgs = _Orgs(text, lexicon)
    sentences = list(doc._.kg_sentences)

    # organizations first, so people's affiliations find their merged nodes
    hits_by_sentence = list(zip(sentences, doc._.kg_hits))
    held: list[tuple[PersonHit, list[tuple[str | None, str | None]], Span]] = []
    for sp, hits in hits_by_sentence:
        for o in hits.orgs:
            _add_ref(orgs, o)
    if release.publisher:
        key = orgs.add(release.publisher, lexicon.org_kind(release.publisher) or "government")
        if release.publisher + "청" in text:
            orgs.alias(key, release.publisher + "청")
    for sp, hits in hits_by_sentence:
        for hit in hits.persons:
            posts = []
            for aff in hit.affiliations:
                key = _add_chain(orgs, aff.chain) if aff.chain else None
                title = aff.title.title if aff.title else None
                if key is None and title in _IMPLIED:
                    key = orgs.add(_IMPLIED[title], lexicon.org_kind(_IMPLIED[title]), implied=True)
                posts.append((title, key))
            held.append((hit, posts, sp))

    # bylines: the outlet in [서울=뉴스핌] / [한국대학신문 홍길동 기자], else the copyright line
    outlet = None
    m = _COPYRIGHT.search(text)
    if m:
        outlet = orgs.add(m.group(1), "media")
    author_key = None
    if release.department and release.publisher:
        parent = orgs.add(release.publisher, "government")
        for unit in release.department:
            parent = orgs.add(unit, None, parent=parent)
        author_key = parent

    organizations = orgs.finish()
    org_name = {k: o.name for k, o in orgs.org_of_key.items()}

    persons: dict[str, Person] = {}
    posts_of: dict[str, list[tuple[str | None, str | None, Span, Mention | None]]] = {}
    for hit, posts, sp in held:
        p = persons.setdefault(hit.name, Person(hit.name))
        if any(t == "기자" for t, _ in posts):
            hit.role = "byline"
        if hit.role and not p.role:
            p.role = hit.role
        for title, key in posts:
            if hit.role == "byline" and key is None:
                line_start = text.rfind("\n", 0, hit.start) + 1
                bm = _BRACKET_OUTLET.search(text[line_start : hit.end + 4])
                if bm:
                    name = bm.group(1) or bm.group(2)
                    key = orgs.key_of.get(norm(name))
                    if key is None:
                        organizations.append(Organization(name, "media"))
                        org_name[norm(name)] = name
                        key = norm(name)
                elif outlet:
                    key = outlet
            posts_of.setdefault(hit.name, []).append((title, org_name.get(key) if key else None, sp, None))
    if release.author and release.author_span:
        p = persons.setdefault(release.author, Person(release.author))
        p.role = "author"
        posts_of.setdefault(release.author, []).append(
            (None, org_name.get(author_key) if author_key else None, release.author_span, None)
        )

    memberships = _memberships(posts_of)
    mentions = _mentions(doc, release, persons, organizations, hits_by_sentence, memberships)
    facts = ReleaseFacts(release, list(persons.values()), organizations, memberships, mentions, sentences)
    _attach_mentions(facts)
    facts.organizations = [o for o in facts.organizations if o.mentions or o.implied or _is_referenced(o, facts)]
    facts.quotes = resolve_quotes(facts, doc)
    facts.proposals = resolve_proposals(facts, doc)
    facts.events = resolve_events(facts, doc._.kg_events)
    credit_groups(facts)
    return facts


def _is_referenced(org: Organization, facts: ReleaseFacts) -> bool:
    if any(m.organization == org.name for m in facts.memberships):
        return True
    if any(o.parent == org.name for o in facts.organizations):
        return True
    r = facts.release
    return org.name == r.publisher or org.name in r.department


def _add_ref(orgs: _Orgs, o: OrgRef, parent: str | None = None) -> str:
    surface = o.surface
    if o.fuller and orgs._occurs(o.fuller):
        surface = o.fuller
    key = orgs.add(surface, o.kind, parent=parent)
    if o.acronym:
        orgs.alias(key, o.acronym)
    if o.alias:
        orgs.alias(key, o.alias)
    if "(주)" in surface or "㈜" in surface:
        bare = surface.replace("(주)", "").replace("㈜", "").strip()
        if bare:
            orgs.nodes[key].forms.add(bare)
    return key


def _add_chain(orgs: _Orgs, chain: list[OrgRef]) -> str:
    key = _add_ref(orgs, chain[0])
    for o in chain[1:]:
        compact = norm(o.surface)
        if compact.endswith(_UNIT_ENDINGS) or o.from_title and compact.endswith(_UNIT_ENDINGS):
            if o.from_title and orgs.lex.body_of_form.get(o.surface):
                key = _add_ref(orgs, o)
            else:
                key = _add_ref(orgs, o, parent=key)
        else:
            key = _add_ref(orgs, o)
    return key


def _memberships(posts_of) -> list[Membership]:
    out = []
    for name, posts in posts_of.items():
        seen: dict[tuple[str | None, str | None], Membership] = {}
        titled_orgs = {o for t, o, _, _ in posts if t and o}
        titles_with_org = {t for t, o, _, _ in posts if t and o}
        all_titles = {t for t, _, _, _ in posts if t}
        for title, org, sp, ev in posts:
            if org is None and title in titles_with_org:
                continue
            # 홍길동 의원 after 홍길동 국회의원: the same post, written short
            if org is None and title and any(t != title and t.endswith(title) for t in all_titles):
                continue
            if title is None and org in titled_orgs:
                continue
            if (title, org) == (None, None):
                continue
            if (title, org) not in seen:
                seen[(title, org)] = Membership(name, org, title, sp, ev)
        out.extend(seen.values())
    return out


def _boundary_ok(doc, text: str, start: int, end: int) -> bool:
    if start > 0 and _WORD_CHAR.match(text, start - 1):
        return False
    if end >= len(text) or not _WORD_CHAR.match(text, end):
        return True
    index = token_index(doc)
    span = index.char_range(end, min(len(text), end + 1))
    if span is None or index.starts[span[0]] != end:
        return False
    tok = span[0]
    return index.tags[tok].startswith(("J", "VCP")) or index.text[end : index.ends[tok]] in ("씨", "기자")


def _find_all(text: str, needle: str, start: int, end: int):
    """Where ``needle`` occurs in ``text[start:end]``, without overlaps: ``re.finditer`` of the
    escaped needle, minus compiling a regex for every name."""
    at = text.find(needle, start, end)
    while at >= 0:
        yield at
        at = text.find(needle, at + (len(needle) or 1), end)


def _mentions(doc, release, persons, organizations, hits_by_sentence, memberships) -> list[Mention]:
    text = release.text
    body = release.body
    found: dict[tuple[int, int], Mention] = {}

    def add(start: int, end: int, label: str) -> None:
        if (start, end) not in found and not any(
            s <= start and end <= e and (s, e) != (start, end) for (s, e) in found
        ):
            found[(start, end)] = Mention(start, end, text[start:end], label)

    for name in persons:
        for s in _find_all(text, name, body.start, body.end):
            e = s + len(name)
            if _boundary_ok(doc, text, s, e) or text[e : e + 2] in ("기자",) or text[e : e + 1] == "씨":
                add(s, e, "PERSON")
    if release.author_span:
        add(release.author_span.start, release.author_span.end, "PERSON")
    # short forms: 김 단장 -> the one person with that surname and title
    for _, hits in hits_by_sentence:
        for surname, title, start in hits.short_mentions:
            cands = {
                ms.person
                for ms in memberships
                if ms.person.startswith(surname) and ms.title and ms.title.endswith(title.title)
            }
            if len(cands) == 1:
                add(start, start + len(surname), "PERSON")
                persons[cands.pop()].mentions.append(Mention(start, title.end, text[start : title.end], "PERSON"))
    for org in organizations:
        forms = {org.name, *org.aliases}
        for form in sorted(forms, key=len, reverse=True):
            for s in _find_all(text, form, body.start, body.end):
                e = s + len(form)
                if _boundary_ok(doc, text, s, e) or _title_follows(text, e):
                    add(s, e, "ORG")
    for _, hits in hits_by_sentence:
        for t in hits.titles:
            if any(ms.title == t.title for ms in memberships):
                add(t.start, t.end, "TITLE")
    for s, e in doc._.kg_dates or []:
        add(s, e, "DATE")
    index = token_index(doc)
    for tok, semantic in enumerate(index.semantics):
        if semantic == "지명" and index.tags[tok] == "NNP" and body.start <= index.starts[tok] < body.end:
            add(index.starts[tok], index.ends[tok], "LOC")
    return sorted(found.values(), key=lambda m: (m.start, m.end))


def _title_follows(text: str, end: int) -> bool:
    tail = _TAIL.match(text, end).group(0)
    if tail.startswith("장"):  # 클라우드-플랫폼기술단 + 장
        return True
    return tail.startswith(_long_titles(load_lexicon().titles))


_TAIL = re.compile(r"[가-힣0-9]*")


@lru_cache(maxsize=4)
def _long_titles(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(t for t in titles if len(t) >= 2)


def _attach_mentions(facts: ReleaseFacts) -> None:
    person_of = {p.name: p for p in facts.persons}
    forms = {}
    for o in facts.organizations:
        for f in (o.name, *o.aliases):
            forms.setdefault(f, o)
    for m in facts.mentions:
        if m.label == "PERSON" and m.text in person_of:
            person_of[m.text].mentions.append(m)
        elif m.label == "PERSON":
            for p in facts.persons:
                if any(pm.start == m.start for pm in p.mentions):
                    break
        elif m.label == "ORG" and m.text in forms:
            forms[m.text].mentions.append(m)
    for p in facts.persons:
        p.mentions.sort(key=lambda m: m.start)
