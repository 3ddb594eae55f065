"""The HTML report of the 160-article stress corpus (20 edited copies of the sample) stays small."""

from __future__ import annotations

import re

import pytest
from stress_corpus import COPIES, stress_articles

from recoupe.api import analyze_articles
from recoupe.model import Report
from recoupe.render.html import render_html

pytestmark = pytest.mark.slow

MAX_HTML_BYTES = 2_000_000  # the bound at 160 articles (it was 11.6 MB)


@pytest.fixture(scope="module")
def stress_report() -> Report:
    articles = stress_articles()
    assert len(articles) == 8 * COPIES == 160
    report = analyze_articles(articles)
    assert len(report.articles) == 160 and report.stories
    return report


@pytest.fixture(scope="module")
def stress_html(stress_report: Report) -> str:
    return render_html(stress_report)


def test_copies_cluster_into_the_sample_stories_with_its_contradictions_once(
    stress_report: Report,
) -> None:
    # 20 edited copies of the 3 sample events stay 3 stories, whatever words they share
    assert sorted(len(story.articles) for story in stress_report.stories) == [40, 60, 60]
    contradictions = [
        finding
        for story in stress_report.stories
        for finding in story.findings
        if finding.kind == "contradiction"
    ]
    assert len(contradictions) == 5  # the sample's five, each once, grouped by value


def test_html_of_160_articles_is_under_two_megabytes(stress_html: str) -> None:
    size = len(stress_html.encode("utf-8"))
    assert size < MAX_HTML_BYTES, f"{size:,} bytes"


def test_every_article_is_still_there_with_its_evidence(stress_html: str) -> None:
    assert len(re.findall(r'<div class="text" data-article="', stress_html)) == 160
    # every passage a finding, grid value or list item points to is marked in the articles
    cited = {
        key for keys in re.findall(r'data-evidence="([^"]+)"', stress_html) for key in keys.split()
    }
    marked = set(re.findall(r'data-ev="([^"]+)"', stress_html))
    assert cited and cited <= marked


def test_long_lists_are_collapsed(stress_html: str) -> None:
    assert "more-facts" in stress_html  # findings past the first 8 of a kind, one line each
    cards = len(re.findall(r'<article class="card', stress_html))
    assert cards <= 3 * (
        8 * 3 + 60
    )  # a story: 8 full cards per kind, plus its single-source claims
