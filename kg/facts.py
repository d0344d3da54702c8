"""Resolve what the NLP recognised into the facts of one release: people, organizations
(kg.orgs), memberships, mentions (kg.mentions), quotes, proposals and events."""

from __future__ import annotations

import re

from kg.events import credit_groups, resolve_events
from kg.mentions import attach_mentions, find_mentions
from kg.model import Membership, Mention, Organization, Person, Release, ReleaseFacts, Span
from kg.nlp import load as load_nlp
from kg.nlp.lexicon import load as load_lexicon
from kg.nlp.hits import PersonHit
from kg.orgs import OrganizationForms, norm
from kg.statements import resolve_proposals, resolve_quotes

_BRACKET_OUTLET = re.compile(r"\[[^\]\s=]*=([^\]\s=]+)\]|\[([^\]\s=]+)\s+[가-힣]{2,4}\s*기자\s*\]")
_COPYRIGHT = re.compile(r"(?:저작권자|Copyright)\s*(?:©|ⓒ|\(c\))\s*([^\s,]+)")
# Titles that imply the organization they belong to.
_IMPLIED = {"국회의원": "국회"}


def release_facts(release: Release) -> ReleaseFacts:
    """Extract the people, organizations, memberships, quotes and proposals a release states."""
    nlp = load_nlp()
    lexicon = load_lexicon()
    doc = nlp.make_doc(release.text)
    doc._.kg_body = release.body
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    text = release.text
    orgs = OrganizationForms(text, lexicon)
    sentences = list(doc._.kg_sentences)

    # organizations first, so people's affiliations find their merged nodes
    hits_by_sentence = list(zip(sentences, doc._.kg_hits))
    held: list[tuple[PersonHit, list[tuple[str | None, str | None]], Span]] = []
    for _, hits in hits_by_sentence:
        for o in hits.orgs:
            orgs.add_reference(o)
    if release.publisher:
        key = orgs.add(release.publisher, lexicon.org_kind(release.publisher) or "government")
        if release.publisher + "청" in text:
            orgs.alias(key, release.publisher + "청")
    for sp, hits in hits_by_sentence:
        for hit in hits.persons:
            posts = []
            for aff in hit.affiliations:
                key = orgs.add_chain(aff.chain) if aff.chain else None
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
    mentions = find_mentions(doc, release, persons, organizations, hits_by_sentence, memberships)
    facts = ReleaseFacts(release, list(persons.values()), organizations, memberships, mentions, sentences)
    attach_mentions(facts)
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
