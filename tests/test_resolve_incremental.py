"""Incremental resolution (kg.resolve.incremental) equals resolving everything again, after any
sequence of releases added, changed and removed, and scores only the names that changed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.resolve.incremental import IdentityState, resolve_incremental
from kg.resolve.resolution import resolve
from kg.resolve.summary import OrgEntry, ReleaseSummary

NAMES = ("한가람", "두리안", "세나래")
POSTS = (
    ("시장", "청주시"), ("시장", "충주시"), ("시장", None), ("의원", "청주시의회"),
    ("의장", "청주시의회"), ("도지사", "충청북도"), ("충북지사", None), ("총장", "충북대학교"),
    ("교수", None), (None, "국민의힘"),
)  # fmt: skip
ORGS = ("청주시", "충주시", "충청북도", "청주시청", "청주 시", "충북", "충북대")


@st.composite
def summaries(draw, path: str) -> ReleaseSummary:
    roles = draw(
        st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(POSTS)), min_size=1, max_size=4)
    )
    orgs = draw(st.lists(st.sampled_from(ORGS), max_size=2))
    year = draw(st.sampled_from([None, 2014, 2018, 2024]))
    named = list(dict.fromkeys([o for _, (_, o) in roles if o] + orgs))
    persons = list(dict.fromkeys(p for p, _ in roles))
    return ReleaseSummary(
        path=path,
        iri=f"https://w3id.org/kg-press/id/release/{path}",
        organizations=[OrgEntry(o, "government", [], None, []) for o in named],
        referenced=[],
        person_names=persons,
        person_spans={p: [] for p in persons},
        memberships=[(p, o) for p, (_, o) in roles if o],
        date=f"{year}-03-01" if year else None,
        roles=[(p, t, o, None) for p, (t, o) in roles],
    )


@st.composite
def histories(draw) -> list[list[ReleaseSummary]]:
    """Corpora one after the other: each adds, changes or removes a release of the last."""
    paths = [f"r{n}" for n in range(6)]
    corpus: dict[str, ReleaseSummary] = {}
    out = []
    for _ in range(draw(st.integers(2, 6))):
        path = draw(st.sampled_from(paths))
        if path in corpus and draw(st.booleans()):
            del corpus[path]
        else:
            corpus[path] = draw(summaries(path))
        out.append(list(corpus.values()))
    return out


@settings(max_examples=40, deadline=None)
@given(histories())
def test_incremental_resolution_equals_resolving_again(history):
    state = None
    for corpus in history:
        res, state = resolve_incremental(corpus, state)
        again = resolve(corpus)
        assert res.to_dict() == again.to_dict()
        assert res.view(corpus).view_key() == again.view(corpus).view_key()
        state = IdentityState.from_data(json.loads(json.dumps(state.to_data())))


def _release(path: str, *roles) -> ReleaseSummary:
    named = list(dict.fromkeys(o for _, _, o in roles if o))
    persons = list(dict.fromkeys(p for p, _, _ in roles))
    return ReleaseSummary(
        path, f"https://w3id.org/kg-press/id/release/{path}",
        [OrgEntry(o, "government", [], None, []) for o in named], [], persons,
        {p: [] for p in persons}, [(p, o) for p, _, o in roles if o],
        roles=[(p, t, o, None) for p, t, o in roles],
    )  # fmt: skip


def test_only_the_names_a_new_release_touches_are_scored_again():
    corpus = [
        _release("a", ("한가람", "시장", "청주시"), ("두리안", "교수", "충북대학교")),
        _release("b", ("한가람", "시장", None), ("두리안", "교수", None)),
    ]
    _, state = resolve_incremental(corpus)
    assert state.scored == ["두리안", "한가람"]
    _, state = resolve_incremental(corpus, state)
    assert state.scored == []
    corpus.append(_release("c", ("두리안", "교수", "충북대학교"), ("세나래", "주무관", None)))
    res, state = resolve_incremental(corpus, state)
    assert state.scored == ["두리안"]  # 세나래 is named once: nothing to score
    assert res.to_dict() == resolve(corpus).to_dict()


def test_a_state_of_another_mode_is_not_reused():
    corpus = [_release("a", ("한가람", "시장", "청주시")), _release("b", ("한가람", "시장", None))]
    _, state = resolve_incremental(corpus)
    res, loose = resolve_incremental(corpus, state, identity="loose")
    assert loose.scored == ["한가람"]
    assert res.to_dict() == resolve(corpus, identity="loose").to_dict()
    res, strict = resolve_incremental(corpus, loose, identity="strict")
    assert (strict.names, res.to_dict()) == ({}, resolve(corpus, identity="strict").to_dict())


def test_a_name_is_scored_again_when_the_label_of_its_organization_changes():
    corpus = [
        _release("a", ("한가람", "시장", "가나시")),
        _release("b", ("한가람", "시장", "가나시")),
    ]
    _, state = resolve_incremental(corpus)
    # another release writes the city 가나 시: the node's label, named in 한가람's reason, changes
    corpus.append(_release("c", ("두리안", "주무관", "가나 시")))
    res, state = resolve_incremental(corpus, state)
    assert state.scored == ["한가람"]
    assert res.person("a", "한가람").reasons == [
        "merged: 한가람 in a and b share 가나 시: same_post 시장 in both (+8.0, threshold 4.0)"
    ]
    assert res.to_dict() == resolve(corpus).to_dict()
