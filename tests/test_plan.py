"""kg.engine.plan: what a rebuild reads, writes, takes out, adds and ranks, decided without running
a build (hand-made inputs, cache contents and last build)."""

from __future__ import annotations

from kg.engine.plan import InputFile, PlannedRelease, plan_reading, plan_rebuild
from kg.engine.state import LastBuild, Lookups, ReleaseGroup
from kg.engine.sums import Totals
from kg.resolve.summary import ReleaseSummary

A, B, C, D = (InputFile(f"{name}.txt", f"k{name}") for name in "abcd")


def _summary(file: InputFile, iri: str) -> ReleaseSummary:
    return ReleaseSummary(file.path, iri, [], [], [], {}, [])


def _last(*groups: tuple[str, InputFile, str]) -> LastBuild:
    return LastBuild(
        {iri: ReleaseGroup(((f.path, f.key),), chunk) for iri, f, chunk in groups},
        Lookups({}, {}, {}, {}),
        Totals(),
    )


def test_files_the_cache_lacks_or_that_cannot_be_read_are_extracted():
    unreadable = InputFile("e.txt", None)
    read = plan_reading([A, B, C, unreadable], cached={"ka", "kc", "kx"})
    assert read.extract == (B, unreadable)
    assert read.cached == (A, C)


def test_a_rebuild_keeps_what_did_not_change_and_takes_out_what_went():
    read = plan_reading([A, B, C], cached={"ka", "kb"})
    last = _last(("r/a", A, "RA"), ("r/b", B, "RB"), ("r/x", D, "RX"))
    summaries = [_summary(A, "r/a"), _summary(B, "r/b"), _summary(C, "r/c")]
    plan = plan_rebuild(read, summaries, {"b.txt"}, last, {"RA", "RB", "RX"})
    assert plan.extract == ("c.txt",)
    assert plan.releases == (
        PlannedRelease("r/a", (("a.txt", "ka"),), "RA"),
        PlannedRelease("r/b", (("b.txt", "kb"),), None),  # its view of the resolution changed
        PlannedRelease("r/c", (("c.txt", "kc"),), None),  # new
    )
    assert [r.iri for r in plan.write] == ["r/b", "r/c"]
    assert plan.kept == ("RA",)
    # RB is written again under a new name, RX's release went: both leave the last sums
    assert (plan.from_last, plan.take_out, plan.add_cached) == (False, (), ("RA",))


def test_the_last_sums_are_the_start_when_less_goes_than_stays():
    files = [InputFile(f"{n}.txt", f"k{n}") for n in "abcde"]
    read = plan_reading(files, cached={f.key for f in files})
    last = _last(*((f"r/{f.path}", f, f"R{f.path}") for f in files), ("r/x", D, "RX"))
    summaries = [_summary(f, f"r/{f.path}") for f in files[:4]]  # e.txt went too
    plan = plan_rebuild(read, summaries, set(), last, {g.chunk for g in last.groups.values()})
    assert plan.write == () and plan.extract == ()
    assert (plan.from_last, plan.take_out, plan.add_cached) == (True, ("RX", "Re.txt"), ())
    assert plan.rerank


def test_nothing_changed_ranks_nothing_again():
    read = plan_reading([A, B], cached={"ka", "kb"})
    last = _last(("r/a", A, "RA"), ("r/b", B, "RB"))
    summaries = [_summary(A, "r/a"), _summary(B, "r/b")]
    plan = plan_rebuild(read, summaries, set(), last, {"RA", "RB"})
    assert (plan.write, plan.take_out, plan.from_last, plan.rerank) == ((), (), True, False)


def test_rdf_the_cache_lost_is_written_again_and_sums_that_cannot_be_taken_apart_start_afresh():
    read = plan_reading([A, B, C], cached={"ka", "kb", "kc"})
    last = _last(("r/a", A, "RA"), ("r/b", B, "RB"), ("r/c", C, "RC"), ("r/x", D, "RX"))
    summaries = [_summary(A, "r/a"), _summary(B, "r/b"), _summary(C, "r/c")]
    plan = plan_rebuild(read, summaries, set(), last, {"RA", "RC"})  # RB and RX are gone
    assert [r.iri for r in plan.write] == ["r/b"]
    # RX cannot be taken out of the last sums without its row: the kept RDF is added up instead
    assert (plan.from_last, plan.add_cached) == (False, ("RA", "RC"))


def test_files_with_one_text_are_one_release_and_are_reported():
    read = plan_reading([A, B, C], cached=set())
    summaries = [_summary(A, "r/one"), _summary(B, "r/two"), _summary(C, "r/one")]
    plan = plan_rebuild(read, summaries, set(), None, set())
    assert [r.files for r in plan.releases] == [
        (("a.txt", "ka"), ("c.txt", "kc")),
        (("b.txt", "kb"),),
    ]
    assert plan.duplicates == (("a.txt", "c.txt"),)
    assert (plan.from_last, plan.rerank) == (False, True)
