"""A content-hash cache of extracted facts, so a rebuild only reads new or changed releases.

``FactsCache`` keeps, per release, its ``ReleaseFacts`` (``OUTDIR/.kgcache/{sha1}.facts``) and
their resolution summary (``{sha1}.summary``), pickled, keyed by the file's bytes, how it is
read, and the extractor's code and lexicons: editing kg invalidates every entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg import __version__
from kg.engine.atomic import write_atomic
from kg.model import ReleaseFacts
from kg.resolve.summary import ReleaseSummary

CACHE_DIR = ".kgcache"
FACTS_SUFFIX = ".facts"
SUMMARY_SUFFIX = ".summary"
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


#: Packages whose upgrade can change what kg extracts or writes: part of the cache key.
FINGERPRINT_PACKAGES = ("spacy", "python-mecab-ko", "python-mecab-ko-dic", "rdflib")


@cache
def code_fingerprint() -> str:
    """A hash of kg's version, its Python sources and its data files (lexicons), and of the
    versions of the packages that read and write releases (``FINGERPRINT_PACKAGES``)."""
    root = Path(__file__).parents[1]  # kg/
    digest = hashlib.sha1(__version__.encode())
    for package in FINGERPRINT_PACKAGES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and (path.suffix == ".py" or "data" in path.relative_to(root).parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class FactsCache:
    """Cached ``ReleaseFacts`` in ``folder`` keyed by file content and ``code_fingerprint()``."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def key(self, path: str) -> str:
        # The content and how it is read (.html as a page, anything else as text) key the entry;
        # the path the release is read from is set on load.
        digest = hashlib.sha1(code_fingerprint().encode())
        digest.update(b"html\0" if Path(path).suffix.lower() in (".html", ".htm") else b"text\0")
        digest.update(Path(path).read_bytes())
        return digest.hexdigest()

    def get(self, key: str, path: str) -> ReleaseFacts | None:
        """The cached facts of a release, read from ``path`` this time, or None."""
        facts = self._load(key, FACTS_SUFFIX, ReleaseFacts)
        if facts is not None:
            facts.release.path = path
        return facts

    def has(self, key: str) -> bool:
        """Whether the cache holds an entry (facts and summary) for ``key``."""
        return (self.folder / f"{key}{SUMMARY_SUFFIX}").is_file() and (self.folder / f"{key}{FACTS_SUFFIX}").is_file()

    def get_summary(self, key: str, path: str) -> ReleaseSummary | None:
        """The resolution summary of a cached release (``put_facts``), or None."""
        summary = self._load(key, SUMMARY_SUFFIX, ReleaseSummary)
        if summary is None or not (self.folder / f"{key}{FACTS_SUFFIX}").is_file():
            return None
        summary.path = path
        return summary

    def _load(self, key: str, suffix: str, kind: type):
        try:
            value = pickle.loads((self.folder / f"{key}{suffix}").read_bytes())
        except _UNREADABLE:
            return None  # absent or unreadable: extract again
        return value if isinstance(value, kind) else None

    def put_facts(self, key: str, facts: ReleaseFacts, summary: ReleaseSummary) -> None:
        """Store a release's facts and their summary (the summary last: it marks a whole entry).
        A cache that cannot be written only costs speed, so a failure is ignored."""
        try:
            for suffix, value in ((FACTS_SUFFIX, facts), (SUMMARY_SUFFIX, summary)):
                write_atomic(self.folder / f"{key}{suffix}", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass

    def prune(self, keep: set[str]) -> None:
        """Remove the entries not in ``keep`` (files since changed or gone from the inputs)."""
        for pattern in (f"*{FACTS_SUFFIX}", f"*{SUMMARY_SUFFIX}"):
            for entry in self.folder.glob(pattern):
                if entry.stem not in keep:
                    entry.unlink(missing_ok=True)
