"""Benchmark ``kg build`` on synthetic releases against bare MeCab-ko tokenization of the same
files.

Usage: python scripts/bench.py [--n 1000 10000] [--jobs J] [--stages] [--incremental] [--timeout S]
       [--folder DIR] [--keep]

Generates N invented board-page releases (보도자료 / title / 부서명 / 전화번호 / 작성자 / 작성일 /
조회수, body, 공공누리 footer) from kg's lexicons and invented names, runs ``kg build`` on them in a
subprocess (so its peak memory is its own), tokenizes the same files with bare ``mecab.MeCab``
in this process as the floor, and prints a markdown table: docs/s and triples/s of the build,
peak memory (the largest process's RSS, and the sum of PSS over all its processes: pages that
forked processes share count once), the MeCab floor's docs/s, the build/floor ratio (target
>= 0.6, issue 9) and the time ratio of the largest to the smallest N (target <= 12 for 10000 /
1000). A build that runs longer than
``--timeout`` seconds is stopped and reported as such.

``--stages`` also times each stage of the streaming build in one process with one job, to show
where the time goes: read (extract every file's facts into a fresh cache), resolve, write (each
release's RDF), assemble (graph.ttl and the actor network), as ``kg.engine.corpus.build_corpus``
runs them, then centrality, csv, html and resolution.json as ``kg.engine.pipeline.build`` makes
them. A stage still running at the timeout is reported as unfinished; the outputs are compared with
those of
``kg build``.

``--incremental`` measures a rebuild for each N: after the clean build, 1% more releases
(N // 100, at least one) are added to the folder and ``kg build`` runs again into the same
output folder, reusing its cache; then the grown folder is built clean into a fresh output
folder. It reports both times, the incremental / clean ratio (target <= 0.10), how many
releases each build extracted and wrote RDF for, and whether graph.ttl, centrality.csv and
resolution.json of the rebuild are byte-identical to those of the clean build.

Every name is made up from surname and given-name syllables; names that occur in ``examples/``
are skipped. Organizations are the public bodies of ``kg/data/public_bodies.tsv`` and invented
companies, universities and units.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.nlp.lexicon import Lexicon
from kg.nlp.lexicon import load as load_lexicon

# Common single-syllable surnames first: invented names should look ordinary.
_COMMON_SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍"
_GIVEN = "민서준지현우영수은혜재성호진연주경희태윤동석하나도유빈채원승아예규훈상철미선정"
# Invented stems for companies, universities and units (not names of real bodies).
_STEMS = (
    "가온",
    "나래",
    "다솜",
    "한울",
    "미리",
    "온새",
    "새봄",
    "늘품",
    "라온",
    "해밀",
    "푸른솔",
    "한결",
    "소담",
    "여울",
    "바른",
    "다온",
    "누리",
    "참빛",
    "새누리",
    "아름",
)
_COMPANY_ENDS = ("전자", "테크놀로지", "건설", "식품", "화학", "중공업", "모터스", "물산")
_TOPICS = (
    "인공지능",
    "데이터",
    "탄소중립",
    "스마트농업",
    "디지털헬스",
    "반도체",
    "이차전지",
    "수소에너지",
    "미래모빌리티",
    "메타버스",
    "우주항공",
    "바이오",
    "관광",
    "청년창업",
)
_EVENTS = ("세미나", "토론회", "포럼", "간담회", "설명회", "협약식")
_UNIT_HEADS = ("정책", "혁신", "산업", "기반", "전략", "협력", "진흥")
_UNITS = (("과", "과장"), ("팀", "팀장"), ("센터", "센터장"), ("단", "단장"), ("본부", "본부장"))
_PERSON_TITLES = ("교수", "대표", "이사", "상무", "연구위원", "부장", "원장", "박사")
_DAYS = range(1, 29)


@dataclass
class Lexicons:
    governments: list[str]  # 시·도 (public bodies of kind government ending in 도/시)
    ministries: list[str]
    agencies: list[str]
    universities: list[str]
    associations: list[str]


def lexicons(lex: Lexicon) -> Lexicons:
    def of(kind: str) -> list[str]:
        return [b.name for b in lex.public_bodies if b.kind == kind]

    gov = of("government")
    return Lexicons(
        governments=[g for g in gov if g.endswith(("도", "광역시", "특별시", "자치시"))],
        ministries=[g for g in gov if g.endswith("부")],
        agencies=of("public_agency"),
        universities=of("university"),
        associations=of("association"),
    )


def josa(word: str, batchim: str, vowel: str) -> str:
    """``word`` with the particle form its last syllable takes: 박사 + 을/를 -> 박사를."""
    last = word[-1]
    closed = "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0
    return word + (batchim if closed else vowel)


class Writer:
    """Makes one invented release per seed."""

    def __init__(self, lex: Lexicon, avoid: str) -> None:
        self.lex = lex
        self.bodies = lexicons(lex)
        self.avoid = avoid
        self.rng = random.Random(0)

    def name(self) -> str:
        while True:
            name = (
                self.rng.choice(_COMMON_SURNAMES)
                + self.rng.choice(_GIVEN)
                + self.rng.choice(_GIVEN)
            )
            if name not in self.avoid and name[1:] not in self.lex.titles:
                return name

    def company(self) -> str:
        return self.rng.choice(_STEMS) + self.rng.choice(_COMPANY_ENDS)

    def university(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.bodies.universities)
        return self.rng.choice(_STEMS) + "대학교"

    def unit(self, topic: str) -> tuple[str, str]:
        ending, title = self.rng.choice(_UNITS)
        return topic + self.rng.choice(_UNIT_HEADS) + ending, title

    def organization(self) -> str:
        pick = self.rng.random()
        if pick < 0.3:
            return self.company()
        if pick < 0.5:
            return self.university()
        if pick < 0.7:
            return self.rng.choice(self.bodies.agencies)
        if pick < 0.85:
            return self.rng.choice(self.bodies.associations)
        return self.rng.choice(self.bodies.ministries)

    def release(self, seed: int) -> str:
        rng = self.rng = random.Random(seed)
        publisher = rng.choice(self.bodies.governments)
        topic, other = rng.sample(_TOPICS, 2)
        event = rng.choice(_EVENTS)
        author = self.name()
        month, day = rng.randint(1, 12), rng.choice(_DAYS)
        dept = f"{rng.choice(_TOPICS)}산업국 {topic}{rng.choice(_UNIT_HEADS)}과"
        title = f"{topic} {other} 협력 {event} 개최"
        host_name = self.name()
        lines = [
            "본문 바로가기",
            "",
            "보도자료",
            "",
            title,
            "부서명",
            dept,
            "전화번호",
            f"0{rng.randint(31, 64)}-{rng.randint(200, 899)}-{rng.randint(1000, 9999)}",
            "작성자",
            author,
            "작성일",
            f"2024-{month:02d}-{day:02d} {rng.randint(9, 18):02d}:{rng.randint(0, 59):02d}:00",
            "조회수",
            str(rng.randint(10, 2000)),
            f"- {topic} 기반 {other} 생태계 조성방안 논의 -",
            f"- {topic} 대표기업, 전문가들 한자리에 -",
            f"{event}_{seed}.jpg",
            "",
        ]
        body = [
            (
                f"{josa(publisher, '은', '는')} {day}일 ‘{josa(topic, '과', '와')} {other}의 "
                f"만남’을 주제로 {josa(event, '을', '를')} 개최하고 "
                f"지역 {topic} 기반 확충의 필요성에 대해 논의했다."
            ),
        ]
        guests = [
            f"{self.name()} {self.organization()} {rng.choice(_PERSON_TITLES)}"
            for _ in range(rng.randint(2, 5))
        ]
        ministry = rng.choice(self.bodies.ministries)
        body.append(
            f"{host_name} 국회의원과 {josa(publisher, '이', '가')} 공동주관하는 이번 {event}에는 "
            f"{host_name} 국회의원, "
            f"{self.name()} {ministry} 차관, "
            + ", ".join(guests)
            + josa(guests[-1], "을", "를")[len(guests[-1]) :]
            + f" 비롯해 {self.company()}, {self.company()} 등 국내 {topic} 기업 임원들이 참여했다."
        )
        ordinals = ("첫", "두", "세", "네", "다섯")
        presenters = []
        for k in range(rng.randint(2, 5)):
            name = self.name()
            presenters.append(name)
            org = self.organization()
            unit, unit_title = self.unit(topic)
            post = rng.choice(_PERSON_TITLES)
            lead = "첫 발제자로 나선" if k == 0 else f"{ordinals[k]} 번째 발제자인"
            body.append(
                f"{lead} {name} {post}({org} {unit} "
                f"{unit_title}){josa(unit_title, '은', '는')[-1]} {topic} 동향과 국내 {other} 시장 "
                f"현황을 소개하고, {topic} 기반 조성의 필요성에 대해 강조했다."
            )
        chair = self.name()
        panel = ", ".join(
            f"{self.name()} {rng.choice(_PERSON_TITLES)}({self.organization()} "
            f"{self.unit(other)[0]})"
            for _ in range(rng.randint(2, 5))
        )
        panel = josa(panel[:-1], "이", "가")[:-1] + ")" + josa(panel[:-1], "이", "가")[-1]
        body.append(
            f"이어진 토론에서는 {chair} {self.university()} 교수가 좌장을 맡고, {panel} 토론자로 "
            "참석해 "
            f"{topic} 생태계 조성 방안에 대해 심도 있는 논의를 펼쳤다."
        )
        body.append(
            f"토론자들은 {topic} 경쟁력 강화를 위해서는 지역에서 {other} 활용 확대가 필요하다는데 "
            "의견을 같이하고, "
            f"지역 특화형 {topic} 모델을 개발해 전국으로 확산해 나갈 것을 제안했다."
        )
        if rng.random() < 0.5:
            partner = self.university()
            body.append(
                f"이날 {josa(publisher, '과', '와')} {partner}(총장 "
                f"{self.name()}){josa(partner, '은', '는')[-1]} "
                f"{topic} 인재 양성을 위한 업무협약을 체결하고 공동연구와 현장실습을 함께 "
                "추진하기로 했다."
            )
        body.append(
            f"{josa(publisher, '은', '는')} {event}에서 논의된 내용을 토대로 {topic} 정책을 "
            "구체화할 방침이다."
        )
        body.append(
            f"{host_name} 의원은 “{josa(topic, '은', '는')} 응용분야가 다양해 여러 분야가 연계돼야 "
            "한다”면서, "
            f"“지역이 {other}의 중심지가 되도록 힘쓰겠다”라고 말했다."
        )
        body.append(
            f"{rng.choice(presenters)} {josa(rng.choice(_PERSON_TITLES), '은', '는')} “{topic} "
            "인재 양성이 시급하다”고 밝혔다."
        )
        footer = [
            "OPEN 공공누리 공공저작물 자유이용허락 3유형 : 출처표시필요, 변형 등 2차적 저작물 작성 "
            "금지",
            "",
            "이 게시물은 공공누리 제3유형(출처표시 + 변경금지) 조건에 따라 자유롭게 이용이 "
            "가능합니다.",
            "",
            "담당부서 :",
            publisher + "청",
            "담당자",
            "연락처 :",
            f"0{rng.randint(31, 64)}-{rng.randint(200, 899)}-{rng.randint(1000, 9999)}",
            "최종수정일",
            "2024-01-02",
            "페이지 만족도 및 의견",
        ]
        return "\n".join(lines) + "\n" + "\n\n".join(body) + "\n" + "\n".join(footer) + "\n"


def example_text() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))
    )


def generate(folder: Path, n: int) -> list[Path]:
    """Write ``n`` invented releases to ``folder`` (release k is the same for every ``n``)."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(load_lexicon(), example_text())
    paths = []
    for k in range(n):
        path = folder / f"release-{k:05d}.txt"
        path.write_text(writer.release(k), encoding="utf-8")
        paths.append(path)
    return paths


def mecab_floor(paths: list[Path]) -> float:
    """Seconds bare MeCab-ko takes to read and tokenize ``paths`` (one core)."""
    import mecab

    tagger = mecab.MeCab()
    started = time.perf_counter()
    for path in paths:
        tagger.parse(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def _tree_rss(pid: int) -> int:
    """Memory (bytes) of ``pid`` and its descendants: the sum of their proportional set sizes
    (PSS), where a page that forked processes share counts once, split among them (the sum of
    their RSS would count it in each); VmRSS where the kernel gives no PSS."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            try:
                rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
                total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE).group(1)) * 1024
            except (OSError, AttributeError):
                status = Path(f"/proc/{p}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, AttributeError):
            continue
    return total


@dataclass
class Run:
    n: int
    seconds: float
    triples: int | None  # None: stopped at the timeout
    peak_rss: int  # largest single process (wait4)
    peak_tree_rss: int  # sampled sum of PSS over the process tree (workers, writers)
    floor_seconds: float


def run_build(
    folder: Path, outdir: Path, jobs: int | None, timeout: float, *, fresh: bool = True
) -> tuple[float, int | None, int, int]:
    """Seconds, triples (None: stopped at ``timeout``), peak RSS of the largest process and of
    the whole process tree, of ``kg build folder -o outdir``. Unless ``fresh`` is false, OUTDIR
    is removed first (kg build keeps a cache of extracted releases and their RDF there)."""
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    cmd = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "build",
        "-q",
        str(folder),
        "-o",
        str(outdir),
    ]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
    timer.start()
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[str] = []
    reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    timed_out = not timer.is_alive()
    timer.cancel()
    reader.join()
    out = "".join(out_chunks)
    if timed_out:
        return seconds, None, usage.ru_maxrss * 1024, max(peak[0], usage.ru_maxrss * 1024)
    if proc.returncode != 0:
        raise SystemExit(f"kg build failed ({proc.returncode}):\n{err.strip()}")
    triples = int(re.search(r"^triples: (\d+)", out, re.MULTILINE).group(1))
    return seconds, triples, usage.ru_maxrss * 1024, max(peak[0], usage.ru_maxrss * 1024)


STAGES = ("read", "resolve", "write", "assemble", "centrality", "csv", "html", "resolution.json")
STAGE_NOTE = (
    "read, resolve, write and assemble are the real kg.engine.corpus.build_corpus(jobs=1), told "
    "apart by when it calls resolve_releases, by its progress calls and by when it returns. "
    "read: cache keys, the cache database's lookups and read_batch of every file into a fresh "
    "database; write: the rebuild plan, Resolution.view of each release and write_batch (the "
    "release's RDF, its statements into the database); assemble: adding up the releases' "
    "ReleaseRDF, the organizations' lines, graph.ttl and the state for the next build, "
    "describe + assemble of the actor network; resolution.json: writing it (timed around "
    "kg.engine.corpus.write_into). Everything is written in the one process here "
    "(kg.engine.corpus.BACKGROUND_MAX_RELEASES = 0: resolution.json by a thread), where kg "
    "build writes graph.ttl and resolution.json of up to 3,000 releases in child processes; "
    "csv, html: rendering and writing the file"
)


def time_stages(folder: Path, out: Path) -> None:  # noqa: C901 (one timed line per stage)
    """Build ``folder`` into ``out`` in this process with one job, as ``kg.engine.pipeline.build``
    does, printing ``STAGE SECONDS`` as each stage ends.

    The corpus stages are timed inside the real ``kg.engine.corpus.build_corpus`` (nothing copied):
    read ends when it calls ``resolve``, write when its progress reports the last release
    written, assemble when it returns; writing resolution.json, when ``build_corpus`` does it,
    is taken out of the stage it happens in; files are written in this process, not by child
    processes. The rest calls what ``kg.engine.pipeline.build`` calls."""
    from kg.engine import corpus
    from kg.engine.atomic import write_atomic
    from kg.engine.cache import CACHE_DIR
    from kg.engine.fingerprint import facts_fingerprint
    from kg.engine.pipeline import CENTRALITY_FILE, GRAPH_FILE, HTML_FILE, page_title
    from kg.facts.release import release_facts
    from kg.ingest.release import find_inputs, read_release
    from kg.network.centrality import centrality, centrality_table
    from kg.render.html import render_html
    from kg.render.tables import table_to_csv
    from kg.resolve.resolution import RESOLUTION_FILE

    shutil.rmtree(out, ignore_errors=True)
    cache_folder = out / CACHE_DIR
    cache_folder.mkdir(parents=True)
    paths = find_inputs([str(folder)], exclude=out)
    release_facts(read_release(paths[0]))  # load spaCy, MeCab and the lexicons first
    facts_fingerprint()

    spent: dict[str, float] = {}
    now = [None, time.perf_counter()]  # the stage running, since when

    def enter(stage: str | None, *, ended: bool = True) -> None:
        """Charge the time since the last switch to the stage running; print it if it ended."""
        t = time.perf_counter()
        previous = now[0]
        if previous is not None:
            spent[previous] = spent.get(previous, 0.0) + t - now[1]
            if ended:
                print(previous, spent[previous], flush=True)
        now[0], now[1] = stage, t

    resolve = corpus.resolve_releases
    temporary = corpus.write_into
    background_max = corpus.BACKGROUND_MAX_RELEASES

    def timed_resolve(*args, **kwargs):
        enter("resolve")
        try:
            return resolve(*args, **kwargs)
        finally:
            enter("write")

    def timed_temporary(path, pieces):
        if RESOLUTION_FILE not in path.name:
            return temporary(path, pieces)
        stage = now[0]
        enter(RESOLUTION_FILE, ended=False)
        try:
            return temporary(path, pieces)
        finally:
            enter(stage)  # resolution.json ended

    def write_progress(done: int, total: int) -> None:
        if done == total:
            enter("assemble")

    corpus.resolve_releases = timed_resolve
    corpus.write_into = timed_temporary
    corpus.BACKGROUND_MAX_RELEASES = 0
    try:
        enter("read")
        built = corpus.build_corpus(
            paths, cache_folder, name=str(folder), jobs=1, write_progress=write_progress
        )
        os.replace(built.turtle_path, out / GRAPH_FILE)
        enter(None)
    finally:
        corpus.resolve_releases = resolve
        corpus.write_into = temporary
        corpus.BACKGROUND_MAX_RELEASES = background_max
    network = built.network
    print("triples", built.triples, flush=True)
    print("actors", len(network), "ties", network.number_of_edges(), flush=True)

    def timed(stage: str, step):
        enter(stage)
        result = step()
        enter(None)
        return result

    resolution_path = getattr(built, "resolution_path", None)
    if resolution_path is not None:
        os.replace(resolution_path, out / RESOLUTION_FILE)
    scores = timed("centrality", lambda: centrality(network))
    timed(
        "csv",
        lambda: write_atomic(
            out / CENTRALITY_FILE, table_to_csv(centrality_table(network, scores))
        ),
    )
    timed(
        "html",
        lambda: write_atomic(
            out / HTML_FILE, render_html(network, page_title(built), scores, built.details)
        ),
    )
    if resolution_path is None:  # an older build_corpus: kg.engine.pipeline renders it
        timed(
            RESOLUTION_FILE, lambda: write_atomic(out / RESOLUTION_FILE, built.resolution.to_json())
        )


def run_stages(  # noqa: PLR0913 (the benchmark's command-line settings)
    folder: Path, n: int, floor: float, timeout: float, built: Path, keep: bool
) -> str:
    """The markdown table of ``time_stages`` for ``folder``, run in a child process; its outputs
    are compared with those ``kg build`` wrote to ``built``."""
    out = folder.parent / f"stages{n}"
    cmd = [sys.executable, __file__, "--stages-of", str(folder), str(out)]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=True
        ).stdout
        stopped = False
    except subprocess.TimeoutExpired as error:
        done = error.stdout.decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
        stopped = True
    except subprocess.CalledProcessError as error:
        done = error.stdout or ""
        stopped = False
        print(f"stages of {n} failed:\n{error.stderr.strip()}", file=sys.stderr)
    seconds: dict[str, float] = {}  # in the order the stages ended
    notes = []
    for line in done.splitlines():
        key, *values = line.split()
        if key in STAGES:
            seconds[key] = float(values[0])
        else:
            notes.append(line)
    if len(seconds) == len(STAGES):
        differ = _differing(out, built)
        notes.append(
            "outputs identical to kg build's"
            if not differ
            else f"differ from kg build's: {', '.join(differ)}"
        )
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    rows = [
        f"stages of {n} releases, one process, one job ({'; '.join(notes)})",
        "",
        "| stage | s | ms / release | x MeCab |",
        "|---|---:|---:|---:|",
    ]
    missing = "stopped at the timeout" if stopped else "failed"
    total = 0.0
    for stage in [*seconds, *(stage for stage in STAGES if stage not in seconds)]:
        if stage in seconds:
            s = seconds[stage]
            total += s
            rows.append(f"| {stage} | {s:.2f} | {1000 * s / n:.2f} | {s / floor:.2f} |")
        else:
            rows.append(f"| {stage} | {missing} | | |")
            missing = "not reached"
    rows.append(f"| (total) | {total:.2f} | {1000 * total / n:.2f} | {total / floor:.2f} |")
    rows.append(f"| (MeCab floor) | {floor:.2f} | {1000 * floor / n:.2f} | 1.00 |")
    rows += ["", STAGE_NOTE]
    return "\n".join(rows)


COMPARED = ("graph.ttl", "centrality.csv", "resolution.json")


def _differing(a: Path, b: Path, names: tuple[str, ...] = COMPARED) -> list[str]:
    """The files of ``names`` whose bytes differ between folders ``a`` and ``b`` (or are
    missing)."""
    differ = []
    for name in names:
        try:
            same = (a / name).read_bytes() == (b / name).read_bytes()
        except OSError:
            same = False
        if not same:
            differ.append(name)
    return differ


def _cache_entries(outdir: Path) -> tuple[set[str], set[str]]:
    """The facts entries and the release RDF entries of the cache database in ``outdir``."""
    import sqlite3

    database = outdir / ".kgcache" / "kg.sqlite"
    if not database.is_file():
        return set(), set()
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        facts = {row[0] for row in db.execute("SELECT key FROM facts")}
        releases = {row[0] for row in db.execute("SELECT chunk FROM releases")}
    finally:
        db.close()
    return facts, releases


def _kg_sources() -> str:
    """A hash of all of kg's code and data."""
    from kg.engine.fingerprint import KG_ROOT, tree_fingerprint

    return tree_fingerprint(KG_ROOT, ["."])


def run_incremental(  # noqa: PLR0913 (the benchmark's command-line settings)
    base: Path, folder: Path, clean: Run, jobs: int | None, timeout: float, code: str
) -> str:
    """Grow ``folder`` (built clean into ``base/out{n}``) by 1%, rebuild into the same output
    folder, build the grown folder clean into a fresh one; the markdown report. ``code`` is
    ``_kg_sources()`` from before the clean build."""
    n = clean.n
    out = base / f"out{n}"
    head = f"incremental rebuild of {n} releases (jobs: {jobs or 'default'})"
    if clean.triples is None:
        return f"{head}: skipped, the clean build was stopped at the timeout"
    extra = max(1, n // 100)
    grow = base / f"grow{n}"
    shutil.rmtree(grow, ignore_errors=True)
    generate(grow, n + extra)
    have = {p.name for p in folder.iterdir()}
    new = sorted(p for p in grow.iterdir() if p.name not in have)
    for path in new:
        shutil.copyfile(path, folder / path.name)
    shutil.rmtree(grow, ignore_errors=True)
    grown = n + len(new)

    facts0, rdf0 = _cache_entries(out)
    inc_seconds, inc_triples, _, _ = run_build(folder, out, jobs, timeout, fresh=False)
    facts1, rdf1 = _cache_entries(out)
    print(f"rebuilt {grown} (+{len(new)}): {inc_seconds:.1f} s", file=sys.stderr)
    grown_out = base / f"out{n}-grown"
    full_seconds, full_triples, _, _ = run_build(folder, grown_out, jobs, timeout)
    facts2, rdf2 = _cache_entries(grown_out)
    print(f"built {grown} clean: {full_seconds:.1f} s", file=sys.stderr)
    code_changed = _kg_sources() != code

    def secs(seconds: float, triples: int | None) -> str:
        return f"{seconds:.1f}" if triples is not None else f"> {seconds:.0f} (stopped)"

    rows = [
        f"{head}: +{len(new)} release{'s' * (len(new) != 1)}",
        "",
        "| build | releases | s | triples | releases extracted | release RDF written |",
        "|---|---:|---:|---:|---:|---:|",
        f"| clean | {n} | {secs(clean.seconds, clean.triples)} | {clean.triples} | {len(facts0)} | "
        f"{len(rdf0)} |",
        (
            f"| incremental, same OUTDIR | {grown} | {secs(inc_seconds, inc_triples)} | "
            f"{inc_triples or ''} "
            f"| {len(facts1 - facts0)} | {len(rdf1 - rdf0)} |"
        ),
        (
            f"| clean of the grown folder | {grown} | {secs(full_seconds, full_triples)} "
            f"| {full_triples or ''} | {len(facts2)} | {len(rdf2)} |"
        ),
        "",
    ]
    if inc_triples is not None:
        ratio = inc_seconds / clean.seconds
        verdict = "met" if ratio <= 0.10 else "missed"
        rows.append(f"incremental / clean {n}: {ratio:.3f} (target <= 0.10: {verdict})")
    if inc_triples is not None and full_triples is not None:
        differ = _differing(out, grown_out)
        rows.append(
            f"{', '.join(COMPARED)} of the rebuild vs the clean build: "
            + ("identical" if not differ else f"differ: {', '.join(differ)}")
        )
    rows.append(
        "releases extracted / release RDF written: new rows of the tables facts and "
        "releases of OUTDIR/.kgcache/kg.sqlite after the build"
    )
    if code_changed or len(facts1 - facts0) > len(new):
        rows.append(
            "WARNING: the rebuild extracted more than the new releases"
            + (": kg's code or data changed since the clean build" if code_changed else "")
            + "; rerun for a valid measurement"
        )
    return "\n".join(rows)


def report(runs: list[Run], jobs: int | None) -> str:
    mib = 1024 * 1024
    rows = [
        (
            "| releases | build s | docs/s | triples | triples/s | peak RSS (MiB, largest process) "
            "| peak memory (MiB, all processes, PSS) | MeCab docs/s | build / MeCab |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        if r.triples is None:
            rows.append(
                f"| {r.n} | > {r.seconds:.0f} (stopped) | < {r.n / r.seconds:.1f} | | | "
                f"{r.peak_rss / mib:.0f} "
                f"| {r.peak_tree_rss / mib:.0f} | {r.n / r.floor_seconds:.0f} | < "
                f"{r.floor_seconds / r.seconds:.3f} |"
            )
            continue
        rows.append(
            f"| {r.n} | {r.seconds:.1f} | {r.n / r.seconds:.1f} | {r.triples} | "
            f"{r.triples / r.seconds:.0f} "
            f"| {r.peak_rss / mib:.0f} | {r.peak_tree_rss / mib:.0f} | {r.n / r.floor_seconds:.0f} "
            f"| {r.floor_seconds / r.seconds:.3f} |"
        )
    lines = ["\n".join(rows), ""]
    lines.append(f"jobs: {jobs or 'default'}; MeCab floor: one process, read + parse of each file")
    if len(runs) >= 2 and runs[0].triples is not None and runs[-1].triples is not None:
        small, large = runs[0], runs[-1]
        lines.append(
            f"time ratio {large.n}/{small.n}: {large.seconds / small.seconds:.2f} "
            f"(linear: {large.n / small.n:.0f})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--n", type=int, nargs="+", default=[1000, 10000], help="release counts to build"
    )
    ap.add_argument("--jobs", type=int, default=None, help="passed to kg build --jobs")
    ap.add_argument(
        "--folder", default=None, help="where to write the releases (default: a temp dir)"
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated releases and outputs")
    ap.add_argument(
        "--timeout", type=float, default=900, help="stop a build after this many seconds"
    )
    ap.add_argument("--stages", action="store_true", help="also time each stage in one process")
    ap.add_argument(
        "--incremental",
        action="store_true",
        help="also time a rebuild after adding 1%% more releases (each N)",
    )
    ap.add_argument("--stages-of", nargs=2, default=None, help=argparse.SUPPRESS)  # --stages' child
    args = ap.parse_args(argv)
    if args.stages_of:
        time_stages(Path(args.stages_of[0]), Path(args.stages_of[1]))
        return 0
    base = Path(args.folder or tempfile.mkdtemp(prefix="kg-bench-"))
    runs = []
    tables: list[str] = []
    code = _kg_sources()
    try:
        for n in sorted(args.n):
            folder = base / f"n{n}"
            shutil.rmtree(folder, ignore_errors=True)  # no releases an earlier --incremental added
            paths = generate(folder, n)
            floor = mecab_floor(paths)
            seconds, triples, rss, tree_rss = run_build(
                folder, base / f"out{n}", args.jobs, args.timeout
            )
            runs.append(Run(n, seconds, triples, rss, tree_rss, floor))
            print(f"built {n}: {seconds:.1f} s, MeCab {floor:.1f} s", file=sys.stderr)
            if args.stages:
                tables.append(
                    run_stages(folder, n, floor, args.timeout, base / f"out{n}", args.keep)
                )
            if args.incremental:  # last for this N: it adds releases to its folder
                tables.append(
                    run_incremental(base, folder, runs[-1], args.jobs, args.timeout, code)
                )
        print(report(runs, args.jobs))
        for table in tables:
            print()
            print(table)
        if _kg_sources() != code:
            print("\nWARNING: kg's code or data changed during the run; rerun for valid numbers")
    finally:
        if not args.keep and args.folder is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
