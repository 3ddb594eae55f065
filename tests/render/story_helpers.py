"""A two-story corpus for the story page tests: one outlet leaves story S1 out (a blindspot)."""

from __future__ import annotations

import dataclasses

from html_helpers import contradiction_report

from recoupe.model import Article, Report, Story

FRAMING = (
    {
        "outlet": "Le Quotidien",
        "articles": ["a1"],
        "omitted": ["Nina Park"],
        "shared_facts": 2,
        "exclusive_facts": 1,
        "loaded_verbs": [],
        "headline_focus": "Washington",
        "quoted_words": ["Avi Lenz 100%"],
    },
    {
        "outlet": "L'Hebdo",
        "articles": ["b2"],
        "omitted": [],
        "shared_facts": 2,
        "exclusive_facts": 2,
        "loaded_verbs": ["marteler"],
        "headline_focus": "Washington",
        "quoted_words": ["Avi Lenz 100%"],
    },
)


def two_story_report() -> Report:
    report = contradiction_report()
    other = Article(
        "c3",
        "Fête du port à Brisac\nLa fête du port de Brisac a réuni 3 000 personnes samedi.",
        title="Fête du port à Brisac",
        published="2024-03-30",
        source="La Gazette",
    )
    s1 = dataclasses.replace(report.stories[0], coverage=FRAMING)
    s2 = Story("S2", "Fête du port à Brisac", ("c3",))
    return dataclasses.replace(report, articles=(*report.articles, other), stories=(s1, s2))
