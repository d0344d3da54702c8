"""Corpus mode: many releases make one graph (kg.resolve), rebuilds read only changed files
(kg.engine.cache), files are read in parallel (kg.engine.corpus), and every merge is explained (kg
explain).

The corpus in fixtures/corpus is invented (people, 가나도, 다라시, 다라전자, 가나대학교), with two
real public bodies written two ways (경상북도/경북도, 연세대학교/연세대).
"""

from __future__ import annotations

import gc
import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from conftest import run
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, ORG, RDF, SKOS

import kg
from kg.engine.cache import CacheDB, facts_key
from kg.engine.pipeline import extract_facts
from kg.engine.release import FACTS, SUMMARY, cached_facts
from kg.model import Membership, Mention, Organization, Person, Release, ReleaseFacts, Span
from kg.resolve.forms import base_form
from kg.resolve.resolution import resolve
from kg.resolve.summary import summarize

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
NOT_TEXT = "not a text file (binary, or neither UTF-8 nor CP949/EUC-KR); give .txt or .html"


@pytest.fixture(scope="module")
def facts() -> list[ReleaseFacts]:
    return [extract_facts(str(path)) for path in FILES]


@pytest.fixture(scope="module")
def resolution(facts):
    return resolve(facts)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("corpus")
    result = run("build", str(CORPUS), "-o", str(outdir), "--quiet")
    assert result.exit_code == 0, result.output
    return outdir


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return Graph().parse(built / "graph.ttl", format="turtle")


def persons_named(graph: Graph, name: str) -> set:
    return {p for p in graph.subjects(FOAF.name, None) if str(graph.value(p, FOAF.name)) == name}


def org_labelled(graph: Graph, label: str):
    (org,) = {
        o
        for o in graph.subjects(SKOS.prefLabel, None)
        if str(graph.value(o, SKOS.prefLabel)) == label
    }
    return org


def releases_of(node) -> list[str]:
    return sorted(Path(o.release).name for o in node.occurrences)


# -- resolution ------------------------------------------------------------------------------


def test_base_forms():
    assert base_form("연세대") == base_form("연세대학교") == "연세대학교"
    assert base_form("가나도청") == "가나도"
    assert base_form("다라시청") == "다라시"
    assert base_form("(주) 다라 전자") == "다라전자"
    assert base_form("경찰청") == "경찰청"  # 청 of an agency, not the office of a province


def test_public_body_written_two_ways_is_one_node(resolution):
    node = resolution.org(str(CORPUS / "04_gyeongbuk_forum.txt"), "경북도")
    assert node is resolution.org(str(CORPUS / "02_gana_gyeongbuk_mou.txt"), "경상북도")
    assert (node.label, node.alt_labels, node.kind) == (
        "경상북도",
        ["경북", "경북도"],
        "government",
    )
    assert node.reasons == [
        (
            f"merged: 경상북도 in {CORPUS / '02_gana_gyeongbuk_mou.txt'} and 경북도 in "
            f"{CORPUS / '04_gyeongbuk_forum.txt'} are forms of the public body 경상북도"
        )
    ]


def test_short_forms_of_invented_organizations_merge(resolution):
    gana = resolution.org(str(CORPUS / "04_gyeongbuk_forum.txt"), "가나도")
    assert gana is resolution.org(str(CORPUS / "01_gana_ai_center.txt"), "가나도")
    assert (gana.label, gana.alt_labels) == ("가나도", ["가나도청"])
    assert releases_of(gana) == [p.name for p in FILES if not p.name.startswith("03")]
    univ = resolution.org(str(CORPUS / "04_gyeongbuk_forum.txt"), "가나대")
    assert univ is resolution.org(str(CORPUS / "05_gana_univ_lab.txt"), "가나대학교")
    assert (univ.label, univ.alt_labels, univ.kind) == ("가나대학교", ["가나대"], "university")
    yonsei = resolution.org(str(CORPUS / "03_dara_factory.txt"), "연세대")
    assert yonsei is resolution.org(str(CORPUS / "02_gana_gyeongbuk_mou.txt"), "연세대학교")


def tiny(path: str, *orgs: Organization, memberships=()) -> ReleaseFacts:
    """A release with only the given organizations and memberships (no text needed)."""
    return ReleaseFacts(Release(path, "", Span(0, 0)), [], list(orgs), list(memberships))


def test_office_and_long_forms_merge_across_releases():
    a = tiny("a.txt", Organization("가나도청", "government"))
    b = tiny("b.txt", Organization("가나도", "government"), Organization("다라 전자㈜", "company"))
    c = tiny("c.txt", Organization("다라전자", "other"))
    res = resolve([c, b, a])
    gana = res.org("a.txt", "가나도청")
    assert gana is res.org("b.txt", "가나도")
    assert (gana.label, gana.alt_labels, gana.path) == ("가나도", ["가나도청"], ("가나도",))
    assert gana.reasons == ["merged: 가나도청 in a.txt and 가나도 in b.txt share the form 가나도"]
    dara = res.org("c.txt", "다라전자")
    assert dara is res.org("b.txt", "다라 전자㈜")
    assert (dara.label, dara.path, dara.kind) == ("다라 전자㈜", ("다라전자",), "company")


def test_units_merge_under_their_merged_parent(resolution):
    paths = {
        resolution.org(str(CORPUS / name), "디지털정책과").path
        for name in ("01_gana_ai_center.txt", "02_gana_gyeongbuk_mou.txt", "05_gana_univ_lab.txt")
    }
    assert paths == {("가나도", "미래산업국", "디지털정책과")}


def test_same_name_sharing_an_organization_is_one_person(resolution):
    governor = {
        resolution.person(str(f), "김철수").key for f in FILES if not f.name.startswith("03")
    }
    (key,) = governor
    node = resolution.persons[key]
    assert node.anchor == "가나도"
    assert releases_of(node) == [p.name for p in FILES if not p.name.startswith("03")]
    # 정수진 is of 경상북도 in one release and of 경북 in the other: the same public body.
    vice = resolution.person(str(CORPUS / "04_gyeongbuk_forum.txt"), "정수진")
    assert vice is resolution.person(str(CORPUS / "02_gana_gyeongbuk_mou.txt"), "정수진")
    assert vice.reasons == [
        (
            f"merged: 정수진 in {CORPUS / '02_gana_gyeongbuk_mou.txt'} and "
            f"{CORPUS / '04_gyeongbuk_forum.txt'} share 경상북도: same_post 행정부지사 in both "
            "(+8.0, threshold 4.0)"
        )
    ]


def test_homonyms_without_a_shared_organization_stay_apart(resolution):
    professor = resolution.person(str(CORPUS / "01_gana_ai_center.txt"), "이영희")
    assert professor is resolution.person(str(CORPUS / "05_gana_univ_lab.txt"), "이영희")
    ceo = resolution.person(str(CORPUS / "03_dara_factory.txt"), "이영희")
    assert ceo is not professor
    assert (professor.anchor, ceo.anchor) == ("가나대학교", "다라전자")


def test_person_without_an_organization_stays_per_release(resolution, facts):
    # 윤서준 박사 hosts an event of 가나도 in two releases: a common title, one person and the
    # department named in both fall short of the default threshold; loose joins them.
    first = resolution.person(str(CORPUS / "01_gana_ai_center.txt"), "윤서준")
    second = resolution.person(str(CORPUS / "02_gana_gyeongbuk_mou.txt"), "윤서준")
    assert first is not second
    (record,) = first.decisions
    assert (record["score"], record["threshold"], record["decision"]) == (3.5, 4.0, "apart")
    assert [(f["feature"], f["weight"]) for f in record["features"]] == [
        ("same_generic_title", 1.0),
        ("co_person", 1.5),
        ("co_orgs", 1.0),
    ]
    assert first.reasons == [
        f"kept apart from the 윤서준 of release <{second.anchor}>: 윤서준 in "
        f"{CORPUS / '01_gana_ai_center.txt'} and {CORPUS / '02_gana_gyeongbuk_mou.txt'}: "
        "score 3.5 (threshold 4.0): same_generic_title 박사 in both (+1.0); co_person 김철수 "
        "(+1.5); co_orgs 가나도, 미래산업국, 디지털정책과 (+1.0)"
    ]
    loose = resolve(facts, identity="loose")
    assert loose.person(str(CORPUS / "01_gana_ai_center.txt"), "윤서준") is loose.person(
        str(CORPUS / "02_gana_gyeongbuk_mou.txt"), "윤서준"
    )


def test_resolution_does_not_depend_on_release_order(facts, resolution):
    assert resolve(list(reversed(facts))).to_dict() == resolution.to_dict()


@pytest.mark.parametrize("enabled", [True, False])
def test_resolving_leaves_the_garbage_collector_as_it_was(facts, resolution, enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        assert resolve(facts).to_json() == resolution.to_json()
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


# -- the graph -------------------------------------------------------------------------------


def test_graph_has_one_node_per_resolved_entity(graph):
    assert len(persons_named(graph, "김철수")) == 1
    assert len(persons_named(graph, "이영희")) == 2
    assert len(persons_named(graph, "윤서준")) == 2
    gyeongbuk = org_labelled(graph, "경상북도")
    assert {str(a) for a in graph.objects(gyeongbuk, SKOS.altLabel)} == {"경북", "경북도"}
    gana = org_labelled(graph, "가나도")
    assert {str(a) for a in graph.objects(gana, SKOS.altLabel)} == {"가나도청"}
    # exactly one prefLabel per organization, however many releases name it
    for org in set(graph.subjects(RDF.type, ORG.Organization)):
        assert len(set(graph.objects(org, SKOS.prefLabel))) == 1, org


def test_merged_person_links_memberships_of_every_release(graph):
    (governor,) = persons_named(graph, "김철수")
    memberships = set(graph.subjects(ORG.member, governor))
    assert len(memberships) == 4
    assert {graph.value(m, ORG.organization) for m in memberships} == {
        org_labelled(graph, "가나도")
    }


# -- incremental, parallel, skipping ---------------------------------------------------------


def _same_build(a: Path, b: Path) -> None:
    ga = Graph().parse(a / "graph.ttl", format="turtle")
    gb = Graph().parse(b / "graph.ttl", format="turtle")
    assert isomorphic(ga, gb)
    assert (a / "centrality.csv").read_text("utf-8") == (b / "centrality.csv").read_text("utf-8")
    assert json.loads((a / "resolution.json").read_text("utf-8")) == json.loads(
        (b / "resolution.json").read_text("utf-8")
    )


def test_incremental_build_equals_a_clean_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in FILES[:2]:
        shutil.copy(path, corpus)
    first = kg.build([str(corpus)], tmp_path / "B", jobs=1)
    assert (first.releases, first.cached) == (2, 0)
    shutil.copy(FILES[2], corpus)
    again = kg.build([str(corpus)], tmp_path / "B", jobs=1)
    assert (again.releases, again.cached) == (3, 2)  # only the new file was read
    clean = kg.build([str(corpus)], tmp_path / "A", jobs=1)
    assert clean.cached == 0
    _same_build(tmp_path / "A", tmp_path / "B")


def test_a_rebuild_in_another_identity_mode_equals_a_clean_build_in_it(tmp_path):
    kg.build([str(CORPUS)], tmp_path / "B", jobs=1, identity="loose")  # 윤서준 is one node
    rebuilt = kg.build([str(CORPUS)], tmp_path / "B", jobs=1, identity="default")
    assert rebuilt.cached == len(FILES)
    kg.build([str(CORPUS)], tmp_path / "A", jobs=1, identity="default")
    _same_build(tmp_path / "A", tmp_path / "B")
    assert (tmp_path / "A" / "graph.ttl").read_bytes() == (
        tmp_path / "B" / "graph.ttl"
    ).read_bytes()


def test_changed_file_is_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    kg.build([str(corpus)], tmp_path / "out", jobs=1)
    changed = corpus / FILES[0].name
    changed.write_text(changed.read_text("utf-8").replace("100여 명", "200여 명"), "utf-8")
    summary = kg.build([str(corpus)], tmp_path / "out", jobs=1)
    assert (summary.releases, summary.cached) == (len(FILES), len(FILES) - 1)
    # the entry of the file's old content is gone
    assert len(CacheDB(tmp_path / "out" / ".kgcache").facts_keys()) == len(FILES)


def test_two_jobs_equal_one_job(tmp_path, monkeypatch):
    import kg.engine.workers

    monkeypatch.setattr(kg.engine.workers, "MIN_POOL_TASKS", 1)  # worker processes even for 5 files
    kg.build([str(CORPUS)], tmp_path / "one", jobs=1)
    kg.build([str(CORPUS)], tmp_path / "two", jobs=2)
    for name in ("graph.ttl", "centrality.csv", "resolution.json", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_progress_is_reported(tmp_path):
    reading, writing = [], []
    kg.build(
        [str(CORPUS)],
        tmp_path / "out",
        jobs=1,
        progress=lambda done, total: reading.append((done, total)),
        write_progress=lambda done, total: writing.append((done, total)),
    )
    total = len(FILES)
    assert reading[0] == (0, total) and reading[-1] == (total, total)
    assert writing[0] == (0, total) and writing[-1] == (total, total)


@pytest.fixture
def corpus_with_bad_file(tmp_path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    bad = corpus / "99_photo.txt"
    bad.write_bytes(PNG_BYTES)
    return corpus, bad


def test_bad_file_in_a_folder_is_skipped_with_a_summary(tmp_path, corpus_with_bad_file):
    corpus, bad = corpus_with_bad_file
    result = run("build", str(corpus), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert f"releases: {len(FILES)}" in result.stdout.splitlines()
    # after the "wrote:" lines, which are messages on stderr too
    assert result.stderr.splitlines()[-1] == f"skipped 1 file: {bad}: {NOT_TEXT}"


def test_strict_fails_on_a_bad_file_in_a_folder_and_keeps_outputs(tmp_path, corpus_with_bad_file):
    corpus, bad = corpus_with_bad_file
    outdir = tmp_path / "out"
    assert run("build", str(CORPUS), "-o", str(outdir)).exit_code == 0
    before = {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()}
    result = run("build", str(corpus), "-o", str(outdir), "--strict")
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: {NOT_TEXT}\n"
    assert {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()} == before


def test_folder_of_bad_files_fails(tmp_path):
    (tmp_path / "corpus").mkdir()
    bad = tmp_path / "corpus" / "photo.txt"
    bad.write_bytes(PNG_BYTES)
    result = run("build", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'corpus'}: no file could be read as a press release; {bad}: "
        f"{NOT_TEXT}\n"
    )
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_bad_file_named_explicitly_still_fails(tmp_path, corpus_with_bad_file):
    _, bad = corpus_with_bad_file
    result = run("build", str(FILES[0]), str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: {NOT_TEXT}\n"


# -- explain ---------------------------------------------------------------------------------


def test_explain_names_the_shared_organization(built):
    result = run("explain", "김철수", "-o", str(built))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("person 김철수 <https://w3id.org/kg-press/id/person/")
    assert (
        f"  {CORPUS / '01_gana_ai_center.txt'}: 김철수 at 190-193, 294-297; 도지사 of 가나도"
        in lines
    )
    assert (
        f"  merged: 김철수 in {CORPUS / '01_gana_ai_center.txt'} and "
        f"{CORPUS / '04_gyeongbuk_forum.txt'} share 가나도: same_post 도지사 in both "
        "(+8.0, threshold 4.0)"
    ) in lines


def test_explain_an_organization_by_a_short_form(built):
    result = run("explain", "경북", "-o", str(built))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("(also: 경북, 경북도)")
    assert "are forms of the public body 경상북도" in result.output


def test_explain_says_why_homonyms_stay_apart(built):
    result = run("explain", "이영희", "-o", str(built))
    assert result.output.count("person 이영희 ") == 2
    assert "share 가나대학교" in result.output
    assert (
        f"  kept apart from the 이영희 of 다라전자: 이영희 in {CORPUS / '01_gana_ai_center.txt'} "
        "and "
        f"{CORPUS / '03_dara_factory.txt'}: score -1.5 (threshold 4.0): unrelated_posts nothing "
        "in common: 교수 of 가나대학교; 대표 of 다라전자 (-1.5)"
    ) in result.output.splitlines()


def test_explain_of_a_strict_build_says_no_organization_is_shared(tmp_path):
    result = run("build", str(CORPUS), "-o", str(tmp_path), "--quiet", "--identity", "strict")
    assert result.exit_code == 0, result.output
    result = run("explain", "이영희", "-o", str(tmp_path))
    assert "kept apart from the other 1 이영희: no organization in common" in result.output
    assert "score" not in result.output


def test_explain_as_json_records(built):
    result = run("explain", "이영희", "-o", str(built), "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [(r["type"], r["key"], r["identity"]) for r in records] == [
        ("person", "이영희|가나대학교", "default"),
        ("person", "이영희|다라전자", "default"),
    ]
    (apart,) = records[0]["decisions"]
    assert apart["other"] == "이영희|다라전자"
    assert (apart["score"], apart["decision"], apart["conflict"]) == (-1.5, "apart", False)
    assert records[1]["occurrences"][0]["posts"] == [
        {"title": "대표", "organization": "다라전자", "inferred": None}
    ]


def test_explain_unknown_name(built):
    result = run("explain", "홍길순", "-o", str(built))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: 홍길순: no person or organization of that name in {built / 'resolution.json'}; "
        "check the spelling (kg query lists the names)\n"
    )


def test_explain_without_a_build(tmp_path):
    result = run("explain", "김철수", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'resolution.json'}: no such file; "
        f"run kg build INPUT... -o {tmp_path} first\n"
    )


# -- the cache --------------------------------------------------------------------------------


def _through_cache(f, folder) -> object:
    db = CacheDB(folder)
    db.put_facts([("k", FACTS.dumps(f), SUMMARY.dumps(summarize(f)), "")])
    return cached_facts(db, "k", f.release.path)


def test_extracted_facts_survive_the_cache(facts, tmp_path):
    for f in facts:
        assert _through_cache(f, tmp_path) == f
        ((_, summary, _),) = CacheDB(tmp_path).facts_rows(["k"], "summary")
        assert SUMMARY.loads(summary) == summarize(f)


names = st.text(alphabet="가나다라마바사경북도청대학교 ", min_size=1, max_size=8)
offsets = st.integers(min_value=0, max_value=500)
spans = st.builds(Span, offsets, offsets)
mentions = st.builds(Mention, offsets, offsets, names, st.sampled_from(["PERSON", "ORG", "TITLE"]))
releases = st.builds(
    Release,
    path=names,
    text=st.text(max_size=40),
    body=spans,
    title=st.none() | names,
    subtitles=st.lists(names, max_size=2),
    department=st.lists(names, max_size=2),
    author_span=st.none() | spans,
    published=st.none() | st.datetimes(min_value=datetime(2000, 1, 1)),
    views=st.none() | st.integers(min_value=0),
    offset_map=st.none() | st.lists(offsets, max_size=5),
)
release_facts = st.builds(
    ReleaseFacts,
    release=releases,
    persons=st.lists(st.builds(Person, names, st.lists(mentions, max_size=2)), max_size=3),
    organizations=st.lists(
        st.builds(
            Organization,
            names,
            st.sampled_from(["government", "company", "other"]),
            st.lists(names, max_size=2),
            st.none() | names,
            st.lists(mentions, max_size=2),
            st.booleans(),
        ),
        max_size=3,
    ),
    memberships=st.lists(
        st.builds(
            Membership, names, st.none() | names, st.none() | names, spans, st.none() | mentions
        ),
        max_size=3,
    ),
    mentions=st.lists(mentions, max_size=3),
    sentences=st.lists(spans, max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(release_facts)
def test_facts_round_trip_through_the_cache(f):
    with tempfile.TemporaryDirectory() as folder:
        assert _through_cache(f, folder) == f


def test_the_cache_tells_a_page_from_text(tmp_path):
    text, page = tmp_path / "a.txt", tmp_path / "a.html"
    text.write_text("같은 내용", encoding="utf-8")
    page.write_text("같은 내용", encoding="utf-8")
    assert facts_key(str(text)) != facts_key(str(page))
