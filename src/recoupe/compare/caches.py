"""The comparison's bounded caches, released after each story (and each window of a large one).

compare/ keeps what it reads of a sentence text or a word in bounded ``lru_cache``s
(numbers, clause cuts, negations, antonyms, word vectors and similarities, folded and
canonical forms): copies of a dispatch repeat them within a story. Across stories they
are rarely asked again, but they fill as the corpus grows: after 5,000 replicated
articles ``similarity`` held 39k entries, ``fold`` 30k, ``negated_text`` 14k, and the
comparison of a 20,000-article run added 393 MiB to the linked corpus. Releasing them
when a story's comparison ends bounds that memory by one story; results cannot change
(the functions are pure), and at 5,000 replicated articles the comparison took no more
CPU. The unbounded caches (``functools.cache``) hold data tables and stay.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# the modules whose bounded caches are keyed by a story's texts and words
MODULES = (
    "recoupe.compare.contradictions",
    "recoupe.compare.findings",
    "recoupe.compare.polarity",
    "recoupe.compare.statements",
    "recoupe.compare.vectors",
    "recoupe.fr.lexicon",
    "recoupe.fr.search",
    "recoupe.fr.text",
)
LARGE = 1024  # a cache bounded below this holds a model or a table, not a story's words


def story_caches() -> list[Callable[..., Any]]:
    """Every ``lru_cache`` of :data:`MODULES` bounded at :data:`LARGE` entries or more."""
    out = []
    for name in MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is None or getattr(value, "__module__", None) != name:
                continue
            bound = info().maxsize
            if bound is not None and bound >= LARGE:
                out.append(value)
    return out


_CACHES: list[Callable[..., Any]] = []


def release() -> None:
    """Empty the story caches (found once per process)."""
    if not _CACHES:
        _CACHES.extend(story_caches())
    for cached in _CACHES:
        cached.cache_clear()  # type: ignore[attr-defined]
