"""Dataclasses as plain data and back, for the cache database: never pickle.

``encode(value)`` turns a dataclass of ``kg.model`` or ``kg.resolve.summary`` (and what they
hold: lists, tuples, dicts with string keys, ``datetime``, ``None``, strings, numbers) into
JSON-ready lists, a dataclass as the list of its fields in order; ``Codec(cls).decode`` builds
it back, checking every value against the field's type, so that a row someone edited is
refused (``CacheFormatError``) instead of being believed half-way. Nothing in a row names a
class or a function: what a row may hold is fixed by the dataclasses' type hints.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import datetime
from functools import cache

from kg.errors import CacheFormatError

_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))
Decoder = Callable[[object], object]


def dumps(data) -> bytes:
    """JSON of plain data, as UTF-8 (a lone surrogate kept as its bytes)."""
    return _JSON.encode(data).encode("utf-8", "surrogatepass")


def loads(blob: bytes | str):
    """Plain data from ``dumps``; ``CacheFormatError`` for anything that is not JSON."""
    try:
        if isinstance(blob, bytes):
            blob = blob.decode("utf-8", "surrogatepass")
        return json.loads(blob)
    except (ValueError, TypeError, RecursionError) as error:
        raise CacheFormatError(f"not JSON data: {error}") from None


def encode(value):
    """``value`` as plain data (see the module docstring)."""
    if dataclasses.is_dataclass(value):
        return [encode(getattr(value, f.name)) for f in _fields(type(value))]
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


def _fail(expected: str, value) -> CacheFormatError:
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return CacheFormatError(f"expected {expected}, found {shown}")


def _plain(kind: type) -> Decoder:
    def decode(value):
        # bool is an int in Python; a field of one is not the other here
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise _fail(kind.__name__, value)
        return value

    return decode


def _optional(inner: Decoder) -> Decoder:
    return lambda value: None if value is None else inner(value)


def _list(inner: Decoder, make: type = list) -> Decoder:
    def decode(value):
        if type(value) is not list:
            raise _fail("a list", value)
        return make(map(inner, value))

    return decode


def _tuple(inners: tuple[Decoder, ...]) -> Decoder:
    def decode(value):
        if type(value) is not list or len(value) != len(inners):
            raise _fail(f"a list of {len(inners)}", value)
        return tuple(inner(v) for inner, v in zip(inners, value, strict=True))

    return decode


def _dict(inner: Decoder) -> Decoder:
    def decode(value):
        if type(value) is not dict:
            raise _fail("an object", value)
        return {k: inner(v) for k, v in value.items()}

    return decode


def _datetime(value) -> datetime:
    if type(value) is not str:
        raise _fail("a date", value)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise _fail("a date", value) from None


def _dataclass(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    inners = tuple(_decoder(hints[f.name]) for f in _fields(cls))
    count = len(inners)

    def decode(value):
        if type(value) is not list or len(value) != count:
            raise _fail(f"{cls.__name__} ({count} fields)", value)
        return cls(*[inner(v) for inner, v in zip(inners, value, strict=True)])

    return decode


@cache
def _decoder(hint) -> Decoder:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"no decoder for {hint}")
        return _optional(_decoder(rest[0]))
    if origin is list:
        return _list(_decoder(args[0]))
    if origin is set:
        return _list(_decoder(args[0]), set)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _list(_decoder(args[0]), tuple)
        return _tuple(tuple(_decoder(a) for a in args))
    if origin is dict:
        if args[0] is not str:
            raise TypeError(f"no decoder for {hint}: keys must be strings")
        return _dict(_decoder(args[1]))
    if hint is datetime:
        return _datetime
    if hint in (str, int, float, bool):
        return _plain(hint)
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    raise TypeError(f"no decoder for {hint}")


class Codec:
    """Encodes and decodes one dataclass (``Codec(ReleaseFacts)``)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self._decode = _decoder(cls)

    def dumps(self, value) -> bytes:
        return dumps(encode(value))

    def loads(self, blob: bytes | str):
        """The value of ``dumps``; ``CacheFormatError`` for a blob that is not one."""
        return self.decode(loads(blob))

    def decode(self, data):
        try:
            return self._decode(data)
        except CacheFormatError as error:
            raise CacheFormatError(f"not a {self.cls.__name__}: {error.problem}") from None
        except (TypeError, ValueError, RecursionError) as error:  # a constructor refused it
            raise CacheFormatError(f"not a {self.cls.__name__}: {error}") from None
