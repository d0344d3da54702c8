"""Write an output file so that a reader never sees it half-written: into a temporary file
beside it (``.NAME.RANDOM.tmp``), then renamed over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

TEMPORARY_SUFFIX = ".tmp"


def write_temporary(folder: str | os.PathLike, name: str, pieces: Iterable[str | bytes]) -> Path:
    """A temporary file ``folder/.NAME.RANDOM.tmp`` holding ``pieces`` (text as UTF-8), written
    one piece at a time, for ``install`` to rename into place. Nothing is left behind on failure;
    an ``OSError`` names ``folder``, not the temporary file."""
    tmp = new_temporary(folder, name)
    write_into(tmp, pieces)
    return tmp


def new_temporary(folder: str | os.PathLike, name: str) -> Path:
    """An empty temporary file ``folder/.NAME.RANDOM.tmp`` for ``write_into``."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(folder)) from error
    os.close(fd)
    return Path(tmp)


def write_into(temporary: Path, pieces: Iterable[str | bytes]) -> None:
    """Write ``pieces`` into a ``new_temporary`` file, which is removed if that fails. An
    ``OSError`` of the writing names the file's folder; errors in making the pieces (reading
    what goes in, say) pass as they are."""
    try:
        try:
            out = open(temporary, "wb")  # noqa: SIM115  (closed below)
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(temporary.parent)) from error
        with out:
            for piece in pieces:
                _write(out, piece.encode("utf-8") if isinstance(piece, str) else piece, temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write(out: BinaryIO, data: bytes, temporary: Path) -> None:
    try:
        out.write(data)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(temporary.parent)) from error


def install(temporary: str | os.PathLike, path: str | os.PathLike) -> None:
    """Rename ``temporary`` (``write_temporary``) to ``path`` with the permissions a plain
    ``open()`` would give it (mkstemp makes files owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    os.replace(temporary, path)


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    An earlier file at ``path`` stays intact if anything fails before the rename.
    """
    target = Path(path)
    temporary = write_temporary(target.parent, target.name, [data])
    try:
        install(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
