"""A content-hash cache of extracted facts, so a rebuild only reads new or changed releases.

``facts_to_json``/``facts_from_json`` (de)serialize ``ReleaseFacts`` through the dataclasses'
type hints, so fields added to ``kg.model`` are carried without changes here. ``FactsCache``
keeps one JSON file per release in ``OUTDIR/.kgcache/{sha1}.json``, keyed by the file's bytes
and the extractor's code and lexicons: editing kg invalidates it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from datetime import datetime
from functools import cache
from pathlib import Path

from kg import __version__
from kg.atomic import write_atomic
from kg.model import ReleaseFacts

CACHE_DIR = ".kgcache"


def to_data(value):
    """A JSON-ready form of a dataclass tree (lists, dicts, datetimes, ``None``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def from_data(tp, data):
    """Rebuild a value of type ``tp`` (a type hint of ``kg.model``) from ``to_data`` output."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_data(options[0], data) if len(options) == 1 else data
    if origin in (list, tuple):
        args = typing.get_args(tp)
        items = [from_data(args[0] if args else typing.Any, v) for v in data]
        return items if origin is list else tuple(items)
    if origin is dict:
        _, value_type = typing.get_args(tp)
        return {k: from_data(value_type, v) for k, v in data.items()}
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: from_data(hints[k], v) for k, v in data.items() if k in hints})
    if tp is datetime:
        return datetime.fromisoformat(data)
    return data


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def facts_to_json(facts: ReleaseFacts) -> str:
    return json.dumps(to_data(facts), ensure_ascii=False)


def facts_from_json(text: str) -> ReleaseFacts:
    return from_data(ReleaseFacts, json.loads(text))


@cache
def code_fingerprint() -> str:
    """A hash of kg's version, its Python sources and its data files (lexicons)."""
    root = Path(__file__).parent
    digest = hashlib.sha1(__version__.encode())
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
        try:
            facts = facts_from_json((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # absent or unreadable: extract again
        facts.release.path = path
        return facts

    def prune(self, keep: set[str]) -> None:
        """Remove the entries not in ``keep`` (files since changed or gone from the inputs)."""
        for entry in self.folder.glob("*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)

    def put(self, key: str, facts_json: str) -> None:
        """Store an entry; a cache that cannot be written only costs speed, so it is ignored."""
        try:
            write_atomic(self.folder / f"{key}.json", facts_json)
        except OSError:
            pass
