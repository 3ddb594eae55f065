"""Findings of one story (corroborated, single-source, contradictions)."""

from __future__ import annotations

from dataclasses import replace

from recoupe.corpus import Corpus
from recoupe.model import Story


def compare_story(story: Story, corpus: Corpus) -> Story:
    """Fill a story's findings, timeline, brief and coverage."""
    return replace(story, findings=())
