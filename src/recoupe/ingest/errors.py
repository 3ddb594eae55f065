"""Bad input versus bugs.

:class:`InputError` is the one exception readers raise for bad input; it
becomes an ordinary ``Rejected`` record. Any other exception inside a reader is
a bug in recoupe or a missing dependency: it is logged with its traceback and
becomes a ``Rejected`` whose reason starts with :data:`INTERNAL_ERROR`, listed
apart from ordinary rejections. With ``RECOUPE_STRICT=1`` (the test suite sets
it) it is raised instead, so a test can never mistake a bug for bad input.
"""

from __future__ import annotations

import logging
import os

from recoupe.model import Rejected

STRICT_ENV = "RECOUPE_STRICT"
INTERNAL_ERROR = "internal error"

logger = logging.getLogger("recoupe.ingest")


class InputError(Exception):
    """Input that cannot be analysed; ``reason`` says why in words a person can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def strict_mode() -> bool:
    """True when ``RECOUPE_STRICT`` is set (to anything but 0): reader bugs are raised."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def internal_error(name: str, error: Exception) -> Rejected:
    """A reader's unexpected exception, logged with its traceback, as a Rejected marked internal."""
    logger.error("internal error while reading %s (a bug: please report it)", name, exc_info=error)
    return Rejected(
        name,
        f"{INTERNAL_ERROR} while reading (a bug in recoupe, please report it): "
        f"{type(error).__name__}: {error}",
    )


def is_internal_error(rejected: Rejected) -> bool:
    """Whether a rejection is a bug (see :func:`internal_error`) rather than bad input."""
    return rejected.reason.startswith(INTERNAL_ERROR)
