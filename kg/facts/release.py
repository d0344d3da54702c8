"""Resolve what the NLP recognised into the facts of one release: people, organizations
(kg.orgs), memberships, mentions (kg.mentions), quotes, proposals and events."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.facts.events import credit_groups, resolve_events
from kg.facts.mentions import MentionSources, attach_mentions, find_mentions
from kg.facts.orgs import OrganizationForms, norm
from kg.facts.statements import resolve_proposals, resolve_quotes
from kg.model import Membership, Organization, Person, Release, ReleaseFacts, Span
from kg.nlp import load as load_nlp
from kg.nlp.context import ContextOrgs
from kg.nlp.hits import Affiliation, PersonHit, SentenceHits
from kg.nlp.lexicon import Lexicon
from kg.nlp.organizations import is_unit

_BRACKET_OUTLET = re.compile(r"\[[^\]\s=]*=([^\]\s=]+)\]|\[([^\]\s=]+)\s+[가-힣]{2,4}\s*기자\s*\]")
_COPYRIGHT = re.compile(
    r"(?:저작권자|Copyright)\s*(?:\(c\)|[©ⓒ])\s*((?:[^\s,.<>\]]+\s?){1,3})", re.I
)
# [가나뉴스] opening a line; 가나일보(www.example.kr) alone on a line.
_OPENING_OUTLET = re.compile(
    r"^\[((?=[^\]]*[A-Za-z0-9])[^\]\s=ㅣ|]{2,20}|[가-힣]{1,10}(?:일보|신문|뉴스|방송|통신|포스트|타임즈|타임스|저널|투데이|미디어|경제))\]",
    re.M,
)
_NEXT_LINE_OUTLET = re.compile(
    r"\s*([가-힣A-Za-z0-9]{2,12}(?:일보|신문|뉴스|방송|통신|타임즈|타임스|저널))\s*(?:\(|$)", re.M
)
# Titles that imply the organization they belong to, whatever else the phrase names.
_IMPLIED = {"국회의원": "국회"}


@dataclass
class _Post:
    """One post of a person as the facts hold it: the organization is a node key until named."""

    title: str | None
    key: str | None
    sentence: Span
    inferred: str | None = None
    former: bool = False
    office: tuple[str, str] | None = None  # a candidacy's post: (title, node key)


def release_facts(release: Release) -> ReleaseFacts:
    """Extract the people, organizations, memberships, quotes and proposals a release states."""
    nlp = load_nlp()
    lexicon = nlp.get_pipe("kg_people").lexicon  # the lexicon the pipeline was built with
    doc = nlp.make_doc(release.text)
    doc._.kg_body = release.body
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    sentences = list(doc._.kg_sentences)
    hits_by_sentence = list(zip(sentences, doc._.kg_hits))
    _foreign_short_forms(doc._.kg_hits)
    ContextOrgs(lexicon, release, sentences, doc._.kg_hits).infer()
    _careers_of_short_forms(hits_by_sentence, release.text)  # after: the person's organization

    orgs = _organizations(release, hits_by_sentence, lexicon)
    held = [
        (hit, _posts(orgs, hit, sp, lexicon), sp)
        for sp, hits in hits_by_sentence
        for hit in hits.persons
    ]
    outlet = _copyright_outlet(orgs, release.text, lexicon)
    author_key = _department(orgs, release)

    organizations = orgs.finish()
    named = _Names(orgs, organizations)
    persons, posts_of = _people(held, release.text, named, outlet)
    if release.author and release.author_span:
        p = persons.setdefault(release.author, Person(release.author))
        p.role = "author"
        posts_of.setdefault(release.author, []).append(_Post(None, author_key, release.author_span))

    memberships = _memberships(posts_of, named)
    sources = MentionSources(persons, organizations, memberships, [h for _, h in hits_by_sentence])
    mentions = find_mentions(doc, release, sources)
    facts = ReleaseFacts(
        release, list(persons.values()), organizations, memberships, mentions, sentences
    )
    attach_mentions(facts)
    facts.organizations = [
        o for o in facts.organizations if o.mentions or o.implied or _is_referenced(o, facts)
    ]
    facts.quotes = resolve_quotes(facts, doc)
    facts.proposals = resolve_proposals(facts, doc)
    facts.events = resolve_events(facts, doc._.kg_events)
    credit_groups(facts)
    return facts


def _foreign_short_forms(hits_by_sentence: list[SentenceHits]) -> None:
    """크리스토퍼 밀러 … 밀러 대표: a foreign surname alone is the release's person of that full
    name (its post is that person's, its words a short form of the name), not a new person."""
    full: dict[str, set[str]] = {}
    titles: dict[str, set[str]] = {}  # the titles each full name holds with an organization
    for hits in hits_by_sentence:
        for p in hits.persons:
            if " " in p.name:
                full.setdefault(p.name.rsplit(" ", 1)[1], set()).add(p.name)
                titles.setdefault(p.name, set()).update(
                    a.title.title for a in p.affiliations if a.title and a.chain
                )
    for hits in hits_by_sentence:
        for p in hits.persons:
            names = full.get(p.name) if " " not in p.name else None
            if names is None or len(names) != 1:
                continue
            surname, p.name = p.name, next(iter(names))
            for aff in p.affiliations:
                if aff.title is not None:
                    hits.short_mentions.append((surname, aff.title, p.start))
            # 콜린스 부사장: the post the full name holds, not a new one to find a body for
            p.affiliations = [
                a
                for a in p.affiliations
                if a.chain or a.title is None or a.title.title not in titles.get(p.name, ())
            ]


def _people(held, text: str, named: _Names, outlet: str | None):
    """The release's persons and each one's posts (a byline's outlet found for it)."""
    persons: dict[str, Person] = {}
    posts_of: dict[str, list[_Post]] = {}
    for hit, posts, _ in held:
        p = persons.setdefault(hit.name, Person(hit.name))
        if any(post.title == "기자" for post in posts):
            hit.role = "byline"
        if hit.role and not p.role:
            p.role = hit.role
        for post in posts:
            if hit.role == "byline" and post.key is None:
                post.key, post.inferred = _byline_outlet(text, hit, named, outlet)
            posts_of.setdefault(hit.name, []).append(post)
    return persons, posts_of


_CAREER = re.compile(r"지낸|지냈|역임|거쳐|거친|거쳤")


def _careers_of_short_forms(hits_by_sentence, text: str) -> None:
    """이 전 의원은 가나시의회 의장을 지냈다, 김 대표는 가나본부장을 거쳤다: the posts a sentence
    says the person it names by a short form held (the one person of the release with that
    surname and title). A unit fused into such a title is of that person's organization."""
    for sp, hits in hits_by_sentence:
        if hits.persons or not hits.posts or not hits.short_mentions:
            continue
        surname, title, start = hits.short_mentions[0]
        if not _CAREER.search(text[sp.start : sp.end]):
            continue
        owners = [
            p
            for _, other in hits_by_sentence
            for p in other.persons
            if p.name.startswith(surname)
            and any(a.title and _short_of(a.title.title, title.title) for a in p.affiliations)
        ]
        if len({p.name for p in owners}) != 1:
            continue
        top = next((a.chain[:1] for p in owners for a in p.affiliations if a.chain), [])
        held = [
            Affiliation(replace(a.title, former=True), (top if _fused_unit(a) else []) + a.chain)
            for a in hits.posts
            if a.title.start > start
        ]
        if held:
            hits.persons.append(PersonHit(owners[0].name, start, start + len(surname), held))


def _short_of(title: str, short: str) -> bool:
    """A short form's title is the post's, written whole or by its head (대표 of 대표이사)."""
    return title.endswith(short) or title.startswith(short)


def _fused_unit(aff: Affiliation) -> bool:
    return len(aff.chain) == 1 and aff.chain[0].from_title and is_unit(aff.chain[0].surface)


def _organizations(release: Release, hits_by_sentence, lexicon: Lexicon) -> OrganizationForms:
    """The release's organization nodes: those the sentences name, and its publisher."""
    orgs = OrganizationForms(release.text, lexicon)
    for _, hits in hits_by_sentence:  # organizations first, so posts find their merged nodes
        for o in hits.orgs:
            orgs.add_reference(o)
    if release.publisher:
        key = orgs.add(release.publisher, lexicon.org_kind(release.publisher) or "government")
        orgs.publisher = key
        orgs.adopt_own_names()
        if release.publisher + "청" in release.text:
            orgs.alias(key, release.publisher + "청")
    return orgs


def _posts(orgs: OrganizationForms, hit: PersonHit, sp: Span, lexicon: Lexicon) -> list[_Post]:
    """A person's posts with their organizations added to the release's nodes."""
    out = []
    for aff in hit.affiliations:
        title = aff.title.title if aff.title else None
        key = orgs.add_chain(aff.chain) if aff.chain else None
        implied = _IMPLIED.get(title)
        stated = key is None or (
            implied is not None and orgs.nodes[key].name == implied
        )  # the title says it
        post = _Post(title, key, sp, None if stated else aff.inferred)
        if aff.title is not None:
            post.former = aff.title.former
            if aff.title.office_org is not None:  # 가나시장 후보: the office it is for
                post.office = (aff.title.office, orgs.add_chain([aff.title.office_org]))
        out.append(post)
        if implied and (key is None or orgs.nodes[key].name != implied):
            out.append(_Post(title, orgs.add(implied, lexicon.org_kind(implied), implied=True), sp))
    return out


def _copyright_outlet(orgs: OrganizationForms, text: str, lexicon: Lexicon) -> str | None:
    """The outlet a copyright line names (저작권자 © 가나일보; 저작권자ⓒ 공감언론 가나통신사)."""
    m = _COPYRIGHT.search(text)
    if m is None:
        return None
    words = [w for w in m.group(1).split() if not w.startswith(("무단", "All", "all"))]
    if not words:
        return None
    outlet = next((w for w in reversed(words) if lexicon.org_kind(w) == "media"), words[0])
    return orgs.add(outlet, "media")


def _department(orgs: OrganizationForms, release: Release) -> str | None:
    """The node of the release's department under its publisher (the author's unit)."""
    if not (release.department and release.publisher):
        return None
    parent = orgs.add(release.publisher, "government")
    for unit in release.department:
        parent = orgs.add(unit, None, parent=parent)
    return parent


class _Names:
    """Node keys -> organization names, for the organizations of the finished release."""

    def __init__(self, orgs: OrganizationForms, organizations: list[Organization]) -> None:
        self.orgs = orgs
        self.organizations = organizations
        self.name_of = {k: o.name for k, o in orgs.org_of_key.items()}

    def name(self, key: str | None) -> str | None:
        return self.name_of.get(key) if key else None

    def outlet(self, name: str) -> str:
        """The key of the outlet ``name``, added as an organization when the release has none."""
        key = self.orgs.key_of.get(norm(name))
        if key is None:
            self.organizations.append(Organization(name, "media"))
            key = norm(name)
            self.name_of[key] = name
        return key


def _byline_outlet(
    text: str, hit: PersonHit, named: _Names, outlet: str | None
) -> tuple[str | None, str | None]:
    """The outlet of a byline without one: the bracket on its line; else (inferred: the byline
    itself does not name it) an outlet in brackets opening a line ([가나뉴스] …), the copyright
    line's, or the outlet named on the line after the byline (가나일보(www.example.kr))."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    bm = _BRACKET_OUTLET.search(text[line_start : hit.end + 4])
    if bm:
        return named.outlet(bm.group(1) or bm.group(2)), None
    opening = _OPENING_OUTLET.search(text)
    if opening:
        return named.outlet(opening.group(1)), "context"
    if outlet:
        return outlet, "context"
    line_end = text.find("\n", hit.end)
    after = _NEXT_LINE_OUTLET.match(text, line_end + 1) if line_end >= 0 else None
    if after:
        return named.outlet(after.group(1)), "context"
    return None, None


def _is_referenced(org: Organization, facts: ReleaseFacts) -> bool:
    if any(m.organization == org.name for m in facts.memberships):
        return True
    if any(o.parent == org.name for o in facts.organizations):
        return True
    r = facts.release
    return org.name == r.publisher or org.name in r.department


def _memberships(posts_of: dict[str, list[_Post]], named: _Names) -> list[Membership]:
    out = []
    for person, posts in posts_of.items():
        resolved = [(p, named.name(p.key)) for p in posts]
        with_org = {(p.title, org) for p, org in resolved if org}
        titled_orgs = {org for t, org in with_org if t}
        titles_with_org = {t for t, _ in with_org if t}
        all_titles = {p.title for p in posts if p.title}
        seen: dict[tuple[str | None, str | None], Membership] = {}
        for post, org in resolved:
            if _redundant(post.title, org, titles_with_org, titled_orgs, all_titles):
                continue
            if (
                org
                and post.title
                and any(
                    t and t != post.title and t.endswith(post.title) and o == org
                    for t, o in with_org
                )
            ):
                continue  # 홍길동 의원 (국회) after 홍길동 국회의원 (국회)
            found = seen.get((post.title, org))
            if found is None:
                found = seen[(post.title, org)] = Membership(
                    person, org, post.title, post.sentence, None, post.inferred, post.former
                )
            else:
                if post.inferred is None:
                    found.inferred = None  # stated somewhere: not inferred
                if not post.former:
                    found.former = False  # held now, somewhere in the release
            if post.office is not None and found.office is None:
                found.office, found.office_organization = post.office[0], named.name(post.office[1])
        out.extend(seen.values())
    return out


def _redundant(title, org, titles_with_org, titled_orgs, all_titles) -> bool:
    """A post another post of the same person says more fully."""
    if (title, org) == (None, None):
        return True
    if org is None and title in titles_with_org:
        return True
    # 홍길동 의원 after 홍길동 국회의원: the same post, written short
    if org is None and title and any(t != title and t.endswith(title) for t in all_titles):
        return True
    return title is None and org in titled_orgs
