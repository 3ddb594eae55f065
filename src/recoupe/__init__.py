"""recoupe: cross-check the news across outlets, with every finding pointing to the source words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["AnalyzeOptions", "Report", "analyze", "analyze_articles"]

if TYPE_CHECKING:
    from recoupe.api import AnalyzeOptions, analyze, analyze_articles
    from recoupe.model import Report


def __getattr__(name: str) -> Any:
    # Lazy: importing recoupe.model must not load spaCy.
    if name in {"analyze", "analyze_articles", "AnalyzeOptions"}:
        from recoupe import api

        return getattr(api, name)
    if name == "Report":
        from recoupe.model import Report

        return Report
    raise AttributeError(name)
