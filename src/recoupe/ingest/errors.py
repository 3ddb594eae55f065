"""The one exception readers raise internally; it becomes a Rejected record."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be analysed; ``reason`` says why in words a person can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
