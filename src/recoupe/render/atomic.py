"""Files written whole or not at all: a temporary file beside the target, then a rename.

A run that fails half-way (an exception, a full disk, ``kill -9``) leaves any
existing file of that name untouched; readers never see a half-written report.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write; it replaces ``target`` only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_open(target: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``target`` when the block succeeds."""
    with (
        atomic_path(target) as temporary,
        temporary.open("w", encoding="utf-8", newline=newline) as stream,
    ):
        yield stream


def write_text(target: Path, text: str) -> None:
    """Replace ``target`` by ``text`` (UTF-8) in one step."""
    with atomic_open(target) as stream:
        stream.write(text)


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


def _keep_mode(target: Path, temporary: Path) -> None:
    """mkstemp creates 0600; give the new file the old one's mode, or the umask default."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
