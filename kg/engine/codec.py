"""Dataclasses as plain data and back, for the cache database: never pickle.

``Codec(cls).dumps(value)`` turns a dataclass of ``kg.model`` or ``kg.resolve.summary`` (and
what they hold: lists, tuples, sets, dicts with string keys, ``datetime``, ``None``, strings,
numbers) into JSON, a dataclass as the list of its fields in order; ``Codec(cls).loads``
builds it back, checking every value against the field's type, so that a row someone edited is
refused (``CacheFormatError``) instead of being believed half-way. Nothing in a row names a
class or a function: what a row may hold is fixed by the dataclasses' type hints.

Both directions are compiled once per type into closures; a dataclass whose fields are all
plain values (``Mention``, ``Span``) is checked and made in one step.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import datetime
from functools import cache
from operator import attrgetter

from kg.errors import CacheFormatError

_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))
Decoder = Callable[[object], object]
Encoder = Callable[[object], object]
_PLAIN = (str, int, float, bool)


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


@cache
def _fields(cls: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


def _fail(expected: str, value) -> CacheFormatError:
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return CacheFormatError(f"expected {expected}, found {shown}")


# -- encoding ----------------------------------------------------------------------------------


def _same(value):
    return value


@cache
def _encoder(hint) -> Encoder:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _encoder(next(a for a in args if a is not type(None)))
        return _same if inner is _same else (lambda v: None if v is None else inner(v))
    if origin in (list, set, tuple):
        inners = [_encoder(a) for a in args if a is not Ellipsis]
        if all(inner is _same for inner in inners):
            return list if origin is set else _same
        if origin is tuple and Ellipsis not in args:
            return lambda v: [inner(x) for inner, x in zip(inners, v, strict=True)]
        return lambda v: [inners[0](x) for x in v]
    if origin is dict:
        inner = _encoder(args[1])
        return _same if inner is _same else (lambda v: {k: inner(x) for k, x in v.items()})
    if hint is datetime:
        return datetime.isoformat
    if hint in _PLAIN:
        return _same
    if dataclasses.is_dataclass(hint):
        return _dataclass_encoder(hint)
    raise TypeError(f"no encoder for {hint}")


def _dataclass_encoder(cls: type) -> Encoder:
    fields = _fields(cls)
    get = attrgetter(*(name for name, _ in fields))
    inners = [_encoder(hint) for _, hint in fields]
    if len(fields) == 1:
        return lambda v: [inners[0](get(v))]
    if all(inner is _same for inner in inners):
        return get  # a tuple, which JSON writes as a list
    return lambda v: [inner(x) for inner, x in zip(inners, get(v), strict=True)]


# -- decoding ----------------------------------------------------------------------------------


def _plain(kind: type) -> Decoder:
    def decode(value):
        # bool is an int in Python; a field of one is not the other here
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise _fail(kind.__name__, value)
        return value

    return decode


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


def _maker(cls: type) -> Callable:
    """``cls(*values)``; for a frozen dataclass without ``__post_init__``, the instance made
    without its ``__init__`` (which sets each field through ``object.__setattr__``)."""
    names = [name for name, _ in _fields(cls)]
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__"):
        return cls
    if len(names) != len(dataclasses.fields(cls)) or hasattr(cls, "__slots__"):
        return cls
    new = object.__new__

    def make(*values):
        instance = new(cls)
        instance.__dict__.update(zip(names, values))
        return instance

    return make


def _dataclass(cls: type) -> Decoder:
    fields = _fields(cls)
    count = len(fields)
    make = _maker(cls)
    if all(hint in _PLAIN for _, hint in fields):  # Span, Mention: checked in one step
        kinds = tuple(hint for _, hint in fields)

        def decode_plain(value):
            if type(value) is not list or tuple(map(type, value)) != kinds:
                raise _fail(f"{cls.__name__} ({count} fields)", value)
            return make(*value)

        return decode_plain
    inners = tuple(_decoder(hint) for _, hint in fields)

    def decode(value):
        if type(value) is not list or len(value) != count:
            raise _fail(f"{cls.__name__} ({count} fields)", value)
        return make(*[inner(v) for inner, v in zip(inners, value, strict=True)])

    return decode


@cache
def _decoder(hint) -> Decoder:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"no decoder for {hint}")
        inner = _decoder(rest[0])
        return lambda value: None if value is None else inner(value)
    if origin in (list, set, tuple, dict):
        return _container(hint, origin, args)
    if hint is datetime:
        return _datetime
    if hint in _PLAIN:
        return _plain(hint)
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    raise TypeError(f"no decoder for {hint}")


def _container(hint, origin, args) -> Decoder:
    if origin is list:
        return _list(_decoder(args[0]))
    if origin is set:
        return _list(_decoder(args[0]), set)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _list(_decoder(args[0]), tuple)
        return _tuple(tuple(_decoder(a) for a in args))
    if args[0] is not str:
        raise TypeError(f"no decoder for {hint}: keys must be strings")
    return _dict(_decoder(args[1]))


class Codec:
    """Encodes and decodes one dataclass (``Codec(ReleaseFacts)``)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self._encode = _encoder(cls)
        self._decode = _decoder(cls)

    def encode(self, value):
        """``value`` as plain data."""
        return self._encode(value)

    def dumps(self, value) -> bytes:
        return dumps(self._encode(value))

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
