"""Take the README's screenshots of graph.html in the system Chromium (Playwright, offline).

Usage: python scripts/screenshots.py [--example outputs/graph.html] [--corpus OUT/graph.html]
       [--docs docs]

- ``docs/graph.png``: the example's page with 이철우 found by the search box and his details open.
- ``docs/graph-corpus.png`` (with ``--corpus``, a page of 2,000 releases: ``python
  scripts/bench_page.py --n 2000 --folder DIR --keep`` builds one in DIR/out2000): filtered to
  universities and the people of universities named from March to June, then searched for the
  most central university (typed in full), whose details are open.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _open(browser, page_path: Path):
    context = browser.new_context(viewport={"width": 1400, "height": 850}, device_scale_factor=1)
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
    )
    page = context.new_page()
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-kg-drawn]", state="attached", timeout=300_000)
    return context, page


def _choose(page, text: str) -> None:
    page.fill("#kg-search", text)
    page.wait_for_selector("#kg-results button")
    page.press("#kg-search", "Enter")
    page.wait_for_selector("#kg-details:not([hidden])")
    page.wait_for_timeout(800)  # the view's move to the chosen actor


def _redraw(page, action) -> None:
    page.evaluate("delete document.body.dataset.kgDrawn")
    action()
    page.wait_for_selector("body[data-kg-drawn]", state="attached", timeout=300_000)


def example(browser, page_path: Path, shot: Path) -> None:
    context, page = _open(browser, page_path)
    _choose(page, "이철우")
    page.screenshot(path=str(shot))
    context.close()


def corpus(browser, page_path: Path, shot: Path) -> None:
    context, page = _open(browser, page_path)
    for box in page.locator('input[name="sector"]').all():
        if box.get_attribute("value") != "university":
            _redraw(page, box.uncheck)
    _redraw(page, lambda: page.fill("#kg-from", "2024-03-01"))
    _redraw(page, lambda: page.fill("#kg-to", "2024-06-30"))
    university = page.evaluate(
        "(function (A) { return A.label[A.kind.indexOf(kgPage.data.palette.findIndex("
        "function (p) { return p[0] === 'university'; }))]; })(kgPage.data.actors)"
    )
    _choose(page, university)
    page.screenshot(path=str(shot))
    context.close()


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", type=Path, default=ROOT / "outputs" / "graph.html")
    parser.add_argument("--corpus", type=Path, help="graph.html of a 2,000-release build")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        example(browser, args.example, args.docs / "graph.png")
        print(f"wrote: {args.docs / 'graph.png'}", file=sys.stderr)
        if args.corpus is not None:
            corpus(browser, args.corpus, args.docs / "graph-corpus.png")
            print(f"wrote: {args.docs / 'graph-corpus.png'}", file=sys.stderr)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
