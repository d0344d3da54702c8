"""An incremental corpus build starts from the last build's sums (kg.engine.state) and takes out
the releases that changed or went: it must give the bytes of a clean build every time."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

import kg
from kg.engine.background import Background
from kg.engine.cache import CacheDB
from kg.engine.corpus import build_corpus
from kg.engine.state import load_state, save_state
from kg.engine.sums import ReleaseRDF, Totals
from kg.errors import BuildStepError
from kg.network.actors import describe
from kg.network.sums import NetworkTotal
from kg.network.ties import NetworkPart

FIXTURES = Path(__file__).parent / "fixtures"
RELEASES = sorted((FIXTURES / "corpus").glob("*.txt")) + sorted(
    (FIXTURES / "invented").glob("*.txt")
)
OUTPUTS = ("graph.ttl", "centrality.csv", "graph.html", "resolution.json")

HEAD = (
    "보도자료\n\n가나도, 연구 협력 회의\n부서명\n미래산업국 디지털정책과\n전화번호\n012-345-6789\n"
    "작성자\n박담당\n작성일\n2026-04-0{day} 10:00:00\n조회수\n3\n\n가나도는 {day}일 연구 협력 "
    "회의를 "
    "열었다고 밝혔다.\n\n회의에는 {who}이 참석했다.\n\n담당부서 :\n가나도청\n"
)
AT_UNIVERSITY, AT_COMPANY = "한지민 가나대학교 교수", "한지민 다라전자 고문"


def _same_as_clean(folder: Path, out: Path, clean: Path) -> None:
    shutil.rmtree(clean, ignore_errors=True)
    kg.build([str(folder)], clean, jobs=1)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


def _built(tmp_path: Path, n: int) -> tuple[Path, Path]:
    """A folder of the first ``n`` releases, built into an output folder beside it."""
    folder, out = tmp_path / "corpus", tmp_path / "out"
    folder.mkdir()
    for path in RELEASES[:n]:
        shutil.copy(path, folder)
    kg.build([str(folder)], out, jobs=1)
    return folder, out


def _corpus(folder: Path, out: Path):
    """build_corpus on the folder, as kg build runs it (the temporary files removed)."""
    corpus = build_corpus(sorted(str(p) for p in folder.iterdir()), out / ".kgcache", jobs=1)
    corpus.turtle_path.unlink()
    corpus.resolution_path.unlink()
    return corpus


def test_each_rebuild_of_a_changing_folder_equals_a_clean_build(tmp_path):
    folder, out, clean = tmp_path / "corpus", tmp_path / "out", tmp_path / "clean"
    folder.mkdir()
    for path in RELEASES[:8]:
        shutil.copy(path, folder)
    (folder / "a.txt").write_text(HEAD.format(day=1, who=AT_UNIVERSITY), encoding="utf-8")
    (folder / "b.txt").write_text(
        HEAD.format(day=2, who=f"{AT_UNIVERSITY}와 {AT_COMPANY}"), encoding="utf-8"
    )
    kg.build([str(folder)], out, jobs=1)
    assert "fingerprint" in CacheDB(out / ".kgcache").state()

    # more releases, two of which move 한지민's anchor: a and b are written again
    for path in RELEASES[8:11]:
        shutil.copy(path, folder)
    for day, name in ((3, "c.txt"), (4, "d.txt")):
        (folder / name).write_text(HEAD.format(day=day, who=AT_COMPANY), encoding="utf-8")
    corpus = _corpus(folder, out)
    assert corpus.resumed
    assert (corpus.extracted, corpus.written) == (5, 7)
    kg.build([str(folder)], out, jobs=1)
    _same_as_clean(folder, out, clean)

    # a release goes, another changes: both are taken out of the sums (or, where what they
    # gave cannot be taken apart, such as an actor's first mention, everything is summed again)
    (folder / RELEASES[0].name).unlink()
    changed = folder / RELEASES[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n문의: 가나도청\n", encoding="utf-8")
    corpus = _corpus(folder, out)
    assert (corpus.extracted, corpus.written) == (1, 1)
    kg.build([str(folder)], out, jobs=1)
    _same_as_clean(folder, out, clean)

    # the anchor moves back
    (folder / "c.txt").unlink()
    (folder / "d.txt").unlink()
    kg.build([str(folder)], out, jobs=1)
    _same_as_clean(folder, out, clean)


def _set_state(out: Path, name: str, value: bytes) -> None:
    db = CacheDB(out / ".kgcache")
    with db.transaction() as cursor:
        cursor.execute("UPDATE state SET value = ? WHERE name = ?", (value, name))
    db.close()


@pytest.mark.parametrize("name", ["net.ties", "groups", "shared.counts", "description"])
def test_a_damaged_state_costs_speed_only(tmp_path, name):
    folder, out = _built(tmp_path, 4)
    _set_state(out, name, b"\x80not data")
    shutil.copy(RELEASES[4], folder)
    corpus = _corpus(folder, out)
    assert not corpus.resumed and (corpus.cached, corpus.extracted) == (4, 1)
    kg.build([str(folder)], out, jobs=1)
    _same_as_clean(folder, out, tmp_path / "clean")


def _part(ties: dict, first: dict | None = None, roles: dict | None = None) -> NetworkPart:
    part = NetworkPart()
    for (a, b), (kind, weight) in ties.items():
        part.tie(a, b, kind, weight)
    part.first_mention.update(first or {})
    part.roles.update(roles or {})
    for a, b in ties:
        part.mentions[a] += 1
        part.mentions[b] += 1
    return part


def _named(total: NetworkTotal) -> dict:
    """A total's numbers by IRI, as assemble reads them."""
    name = total.names.__getitem__

    def pair(key: int) -> tuple[str, str]:
        return tuple(sorted((name(key >> 32), name(key & 0xFFFFFFFF))))

    return {
        "weights": {pair(k): w for k, w in total.weights.items()},
        "kinds": {pair(k): m for k, m in total.kinds.items()},
        "mentions": {name(i): c for i, c in total.mentions.items()},
        "first": {name(i): v for i, v in total.first_mention.items()},
        "roles": {name(i): {name(r) for r in rs} for i, rs in total.roles.items()},
    }


A = _part(
    {("p1", "o1"): ("membership", 3.0), ("p1", "p2"): ("co-mention", 1.0)},
    first={"p1": (5, "m1", "가")},
    roles={"p1": {"r1"}},
)
B = _part(
    {("p1", "p2"): ("co-presenter", 1.5), ("p2", "o2"): ("membership", 3.0)},
    first={"p1": (2, "m2", "나"), "p2": (9, "m3", "다")},
    roles={"p1": {"r1", "r2"}},
)
C = _part({("p1", "p2"): ("co-mention", 1.0)}, first={"p2": (1, "m4", "라")})


def test_taking_a_part_out_gives_the_sum_of_the_others():
    both = NetworkTotal()
    for part in (A, C):
        both.add(part)
    total = NetworkTotal()
    for part in (A, B, C):
        total.add(part)
    total.subtract(B)
    assert total.unsure  # B gave p1 -- p2 its co-presenter bit and p1 its first mention
    assert _named(total)["weights"] == _named(both)["weights"]
    assert _named(total)["roles"] == {"p1": {"r1"}}
    total.add(B)
    assert not total.unsure  # B gives them back
    total.subtract(B)
    total.subtract(C)
    total.add(C)
    alone = NetworkTotal()
    alone.add(A)
    alone.add(C)
    assert total.unsure  # p1's first mention and the co-presenter bit are still B's
    assert _named(total)["mentions"] == _named(alone)["mentions"]


def test_a_part_taken_out_wholly_leaves_nothing_unsure():
    total = NetworkTotal()
    total.add(A)
    total.add(B)
    total.subtract(A)
    total.subtract(B)
    assert not total.unsure
    assert _named(total) == {"weights": {}, "kinds": {}, "mentions": {}, "first": {}, "roles": {}}


def test_totals_note_the_shared_lines_that_come_and_go():
    one = ReleaseRDF(
        3, 1, ("<a> <p> <b> .", "<c> <p> <d> ."), frozenset({"x"}), frozenset(), NetworkPart()
    )
    two = ReleaseRDF(
        2, 0, ("<c> <p> <d> .", "<e> <p> <f> ."), frozenset(), frozenset({"x"}), NetworkPart()
    )
    totals = Totals()
    totals.add(one)
    totals.track()
    totals.add(two)
    totals.subtract(one)
    assert sorted(totals.touched) == ["<a> <p> <b> .", "<c> <p> <d> .", "<e> <p> <f> ."]
    assert [totals.had(line) for line in sorted(totals.touched)] == [True, True, False]
    assert sorted(totals.shared) == ["<c> <p> <d> .", "<e> <p> <f> ."]
    assert (totals.own, totals.memberships, dict(totals.labelled), dict(totals.typed)) == (
        2,
        0,
        {},
        {"x": 1},
    )


def test_a_description_updated_is_the_description_of_the_new_lines():
    ko = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    kind = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    unit = "<http://www.w3.org/ns/org#unitOf>"
    old = [
        f'<o1> {ko} "가나도"@ko .',
        f"<o1> {kind} <http://www.w3.org/ns/org#Organization> .",
        f"<o2> {unit} <o1> .",
    ]
    new = [f'<o1> {ko} "경상북도"@ko .', old[1], f"<o3> {unit} <o1> ."]
    described = describe(old)
    described.update([new[0], new[2]], [old[0], old[2]])
    assert described == describe(new)


def test_background_work_reports_its_failure(tmp_path):
    done = tmp_path / "done"
    job = Background(done.touch, what="a file", folder=str(tmp_path))
    job.wait()
    assert done.is_file()

    def fail() -> None:
        raise OSError(28, "No space left on device", str(tmp_path))

    job = Background(fail, what="a file", folder=str(tmp_path))
    with pytest.raises(OSError, match="No space left"):  # the child's own error, as it was
        job.wait()


def test_a_background_writer_that_dies_fails_the_build_step(tmp_path):
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would

    job = Background(die, what="graph.ttl", folder=str(tmp_path))
    with pytest.raises(
        BuildStepError, match="the process writing graph.ttl stopped .killed by signal 9.; run kg"
    ):
        job.wait()


def test_stopping_background_work_ends_it(tmp_path):
    job = Background(lambda: time.sleep(60), what="a file", folder=str(tmp_path))
    started = time.perf_counter()
    job.stop()
    job.stop()  # twice is harmless
    job.wait()  # and there is nothing left to wait for
    assert time.perf_counter() - started < 5


def test_a_lost_release_row_in_the_cache_is_written_again(tmp_path):
    folder, out = _built(tmp_path, 5)
    db = CacheDB(out / ".kgcache")
    lost = sorted(db.release_chunks())[2]
    with db.transaction() as cursor:
        cursor.execute("DELETE FROM releases WHERE chunk = ?", (lost,))
    shutil.copy(RELEASES[5], folder)
    corpus = _corpus(folder, out)
    assert (corpus.extracted, corpus.written) == (1, 2)  # the new release and the lost one
    assert lost in db.release_chunks()
    kg.build([str(folder)], out, jobs=1)
    _same_as_clean(folder, out, tmp_path / "clean")


def test_a_large_corpus_writes_its_files_in_its_own_process_with_the_same_bytes(
    tmp_path, monkeypatch
):
    import kg.engine.corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in RELEASES[:6]:
        shutil.copy(path, folder)
    kg.build([str(folder)], tmp_path / "forked", jobs=1)
    monkeypatch.setattr(kg.engine.corpus, "BACKGROUND_MAX_RELEASES", 0)
    kg.build([str(folder)], tmp_path / "here", jobs=1)
    for name in OUTPUTS:
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()
    shutil.copy(RELEASES[6], folder)  # and the snapshot written here serves the next build
    corpus = _corpus(folder, tmp_path / "here")
    assert corpus.resumed and (corpus.extracted, corpus.written) == (1, 1)


def test_the_state_reads_back_as_it_was_saved(tmp_path, monkeypatch):
    import kg.engine.state

    monkeypatch.setattr(kg.engine.state, "PIECE", 7)  # long lists go as pieces of 7 items
    folder, out = _built(tmp_path, 6)
    rows = CacheDB(out / ".kgcache").state()
    last = load_state(rows)
    assert last is not None
    saved = {k: v for k, v in rows.items() if not k.startswith("scores.") and k != "identity"}
    assert dict(save_state(last)) == saved
    assert len(last.groups) == 6 and last.totals.exact


def test_a_rebuild_that_changes_nothing_ranks_nothing_again(tmp_path, monkeypatch):
    import kg.network.centrality

    folder, out = _built(tmp_path, 5)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    def not_again(*args, **kwargs):
        raise AssertionError("ranked again")

    monkeypatch.setattr(kg.network.centrality, "centrality", not_again)
    kg.build([str(folder)], out, jobs=1)
    kg.build([str(folder)], out, jobs=1)  # the scores were kept with the new state too
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    shutil.copy(RELEASES[5], folder)  # a new release changes the network: ranked again
    with pytest.raises(AssertionError, match="ranked again"):
        kg.build([str(folder)], out, jobs=1)


def test_a_rebuild_scores_again_only_the_names_whose_evidence_changed(tmp_path, monkeypatch):
    import kg.engine.plan

    folder, out = _built(tmp_path, 10)
    calls = []
    resolve_incremental = kg.engine.plan.resolve_incremental

    def recorded(summaries, state, identity):
        resolution, new = resolve_incremental(summaries, state, identity=identity)
        calls.append((state, new))
        return resolution, new

    monkeypatch.setattr(kg.engine.plan, "resolve_incremental", recorded)
    kg.build([str(folder)], out, jobs=1)  # nothing changed: the last state, nothing scored
    last, new = calls[-1]
    assert last is not None and last.names and new.scored == [] and new.names == last.names
    (folder / "a.txt").write_text(HEAD.format(day=1, who=AT_UNIVERSITY), encoding="utf-8")
    (folder / "b.txt").write_text(HEAD.format(day=2, who=AT_COMPANY), encoding="utf-8")
    kg.build([str(folder)], out, jobs=1)
    last, new = calls[-1]
    # the names of the new releases that occur twice (their author, the attendee), no other
    assert new.scored == ["박담당", "한지민"] and len(new.names) > len(new.scored)
    _same_as_clean(folder, out, tmp_path / "clean")
