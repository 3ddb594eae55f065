"""Opening inputs from disk: regular files only, never blocking on a FIFO or a device."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from recoupe.ingest.errors import InputError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def open_regular(path: Path) -> BinaryIO:
    """The file open for reading, or InputError when it is not a regular file.

    The open is non-blocking (a FIFO with no writer would otherwise wait forever)
    and the check is made on the open descriptor, so the file cannot be swapped
    between the check and the read. Extensions do not matter: ``x.warc`` may be a FIFO.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as error:
        with contextlib.suppress(OSError):  # a socket cannot even be opened: say what it is
            _check_regular(os.stat(path).st_mode)
        raise InputError(f"cannot read: {error.strerror or error}") from None
    try:
        _check_regular(os.fstat(fd).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "of an unknown kind")
        raise InputError(f"not a regular file: {kind}")
