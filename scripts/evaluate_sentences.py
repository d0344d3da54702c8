"""Score kg's people on single news sentences (KLUE-NER-like), beside the MeCab-ko baseline.

Usage: python scripts/evaluate_sentences.py FILE.tsv [FILE.tsv ...] [-v]

A file holds one sentence per line and, after a tab, the people it names (``|`` between them,
nothing when it names none); lines starting with ``#`` are comments. Each sentence is read as a
release of its own, as kg would read a one-sentence text, and its persons are compared by name
with the gold ones: precision, recall and F1 over every (sentence, name) pair. The baseline is
scripts/baseline_mecab.py (every NNP 인명 token of two characters or more is a person). ``-v``
lists, per sentence, the people missed (-) and invented (+).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from evaluate import Score  # noqa: E402


def read_sentences(path: Path) -> list[tuple[str, set[str]]]:
    """(sentence, gold names) of each line of a sentence file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, names = line.partition("\t")
        out.append((sentence, {n for n in names.split("|") if n}))
    return out


def _persons(extract, path: str) -> set[str]:
    from kg.errors import InputError

    try:
        return {p.name for p in extract(path).persons if p.role != "author"}
    except InputError:  # a sentence kg does not take for a text: it names nobody
        return set()


def score_file(path: Path, verbose: bool = False) -> tuple[Score, Score, float]:
    """kg's and the baseline's person scores on one sentence file, and kg's seconds."""
    from baseline_mecab import baseline_facts

    from kg.engine.pipeline import extract_facts

    kg, base, seconds = Score(), Score(), 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n, (sentence, gold) in enumerate(read_sentences(path)):
            txt = Path(tmp) / f"s{n:04d}.txt"
            txt.write_text(sentence + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            found = _persons(extract_facts, str(txt))
            seconds += time.perf_counter() - t0
            _add(kg, found, gold)
            _add(base, _persons(baseline_facts, str(txt)), gold)
            if verbose and found != gold:
                lines = [f"    - {x}" for x in sorted(gold - found)]
                lines += [f"    + {x}" for x in sorted(found - gold)]
                print(f"  {sentence}\n" + "\n".join(lines))
    return kg, base, seconds


def _add(s: Score, found: set[str], gold: set[str]) -> None:
    s.tp += len(found & gold)
    s.fp += len(found - gold)
    s.fn += len(gold - found)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="sentence files (.tsv)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"error: no such sentence file: {', '.join(missing)}", file=sys.stderr)
        return 2
    print(f"  {'file':24s} {'':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>4s} {'fp':>4s} {'fn':>4s}")
    for f in args.files:
        kg, base, seconds = score_file(f, args.verbose)
        for who, s in (("kg", kg), ("baseline", base)):
            print(
                f"  {f.name[:24]:24s} {who:8s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f" {s.tp:4d} {s.fp:4d} {s.fn:4d}"
            )
        n = len(read_sentences(f))
        print(f"  kg: {n} sentences, {1000 * seconds / max(n, 1):.0f} ms per sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
