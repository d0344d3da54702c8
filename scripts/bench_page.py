"""Measure graph.html at corpus scale: its size, the time kg takes to render it, and the time
Chromium takes to load it, lay it out, find a name and open the details panel.

Usage: python scripts/bench_page.py [--n 2000 10000] [--folder DIR] [--runs 3] [--keep]

For each N, N synthetic releases (``scripts/bench.py``'s ``generate``) are built with ``kg build
DIR -o OUT -q`` (timed; an OUT with a graph.html from the same kg is reused). The page is rendered
again in this process from the build's state (``OUTDIR/.kgcache/kg.sqlite``: the network's sums and
each release's details, as ``kg build`` left them) to time ``kg.render.html.render_html`` alone,
and written over OUT/graph.html (the page's script and styles may have changed since the build).
Then graph.html is opened ``--runs`` times in the system Chromium (Playwright, a fresh context each
time, every non-file request refused): load is the time from navigation until the layout has
settled and the page is drawn (``body[data-kg-drawn]``), with the page's own timings (its data
parsed, its search index and ties built, drawn); search is typing the name of the least central
actor until its result is listed; panel is choosing it until its details are shown. Prints a
markdown table (medians of the runs).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # the generator of invented releases


def build(folder: Path, out: Path, n: int) -> float | None:
    """Generate and build ``n`` releases unless ``out`` holds their page; the build's seconds."""
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        bench.generate(folder, n)
    if (out / "graph.html").is_file() and _snapshot(out) is not None:
        return None
    started = time.perf_counter()
    subprocess.run(
        ["kg", "build", str(folder), "-o", str(out), "-q"], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def _snapshot(out: Path):
    """The state the last build of ``out`` kept in its cache database (``kg.engine.state``), with
    the details of its releases (``kg.engine.cache.CachedDetails``), or None if it kept none."""
    from kg.engine.cache import CACHE_DIR, CacheDB, CachedDetails
    from kg.engine.state import load_state

    folder = out / CACHE_DIR
    if not folder.is_dir():
        return None
    db = CacheDB(str(folder))
    try:
        last = load_state(db.state())
    finally:
        db.close()
    if last is None or last.description is None:
        return None
    chunks = sorted((iri, g.chunk) for iri, g in last.groups.items())
    return last, CachedDetails(str(folder), chunks)


def render_seconds(out: Path, n: int) -> tuple[float, float]:
    """Seconds of ``centrality`` and of ``render_html`` on the build's network and details."""
    from kg.network.actors import assemble
    from kg.network.centrality import centrality
    from kg.render.html import render_html

    last, details = _snapshot(out)
    network = assemble(last.description, last.totals.network)
    started = time.perf_counter()
    scores = centrality(network)
    ranked = time.perf_counter()
    page = render_html(network, f"보도자료 {n}건", scores, details)
    rendered = time.perf_counter()
    # the page kg build writes with this kg (graph_page.js and .css are not in the cache's key)
    (out / "graph.html").write_text(page, encoding="utf-8")
    return ranked - started, rendered - ranked


def browse(page_path: Path, runs: int) -> dict[str, float]:
    """Median seconds of loading the page, finding a name and opening its panel."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 850})
            context.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            page = context.new_page()
            started = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-kg-drawn]", state="attached", timeout=600_000)
            loaded = time.perf_counter()
            timings = page.evaluate("kgPage.timings")
            name = page.evaluate("kgPage.data.actors.label[kgPage.data.count - 1]")
            typed = time.perf_counter()
            page.fill("#kg-search", name)
            page.wait_for_selector("#kg-results button")
            listed = time.perf_counter()
            page.press("#kg-search", "Enter")
            page.wait_for_selector("#kg-details:not([hidden])")
            shown = time.perf_counter()
            for key, value in (
                ("load", loaded - started),
                ("data parsed", timings["parsed"] / 1000),
                ("ready", timings["ready"] / 1000),
                ("drawn", timings["drawn"] / 1000),
                ("search", listed - typed),
                ("panel", shown - listed),
            ):
                found.setdefault(key, []).append(value)
            context.close()
        browser.close()
    return {key: statistics.median(values) for key, values in found.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument(
        "--folder", type=Path, help="where the corpora and builds go (default: a temporary folder)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the corpora and builds")
    args = parser.parse_args(argv)
    root = args.folder or Path(tempfile.mkdtemp(prefix="kg-page-"))
    header = "| releases | actors | page | data | kg build | centrality | render_html | load "
    rows = [
        header + "| data parsed | search ready | drawn | search | panel |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    try:
        for n in args.n:
            folder, out = root / f"c{n}", root / f"out{n}"
            built = build(folder, out, n)
            ranked, rendered = render_seconds(out, n)
            page = out / "graph.html"
            text = page.read_text(encoding="utf-8")
            start = text.index('id="kg-data">') + len('id="kg-data">')
            data = len(text[start : text.index("</script>", start)].encode("utf-8"))
            actors = json.loads(text[start : text.index("</script>", start)])["count"]
            seen = browse(page, args.runs)
            rows.append(
                f"| {n:,} | {actors:,} | {page.stat().st_size / 2**20:.1f} MiB | "
                f"{data / 2**20:.1f} MiB "
                f"| {'reused' if built is None else f'{built:.0f} s'} | {ranked:.1f} s | "
                f"{rendered:.1f} s "
                f"| {seen['load']:.1f} s | {seen['data parsed']:.1f} s | {seen['ready']:.1f} s "
                f"| {seen['drawn']:.1f} s | {seen['search']:.2f} s | {seen['panel']:.2f} s |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    finally:
        if not args.keep and args.folder is None:
            shutil.rmtree(root, ignore_errors=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
