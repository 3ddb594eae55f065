"""Every output counts outlets and words the same way."""

from __future__ import annotations

import dataclasses
import re

from html_helpers import contradiction_report

from recoupe.model import Report
from recoupe.render.counts import outlet_counts, plural, summary_line
from recoupe.render.html import finding_counts, render_html
from recoupe.render.markdown import render_markdown


def _one_outlet_and_an_unknown() -> Report:
    report = contradiction_report()
    first, second, *rest = report.articles
    second = dataclasses.replace(second, source=None)
    return dataclasses.replace(report, articles=(first, second, *rest))


def test_plurals() -> None:
    assert [plural(n, "outlet") for n in (0, 1, 2)] == ["0 outlets", "1 outlet", "2 outlets"]
    assert plural(1, "story") == "1 story" and plural(3, "story") == "3 stories"


def test_html_and_markdown_count_the_same_outlets() -> None:
    report = _one_outlet_and_an_unknown()
    named = len(outlet_counts(report))
    html = render_html(report, "en")
    markdown = render_markdown(report)
    html_count = re.search(r"<li><strong>(\d+)</strong> outlets?</li>", html)
    md_count = re.search(r"; (\d+) outlets?;", markdown)
    assert html_count and md_count
    assert int(html_count.group(1)) == int(md_count.group(1)) == named
    assert "1 outlets" not in html + markdown and "1 stories" not in html + markdown
    assert "of unknown outlet (not counted as an outlet)" in html


def test_story_list_counts_contradictions_not_findings() -> None:
    report = contradiction_report()
    story = report.stories[0]
    contradictions = sum(f.kind == "contradiction" for f in story.findings)
    assert finding_counts(story)[0] == ("contradiction", contradictions)
    html = render_html(report, "en")
    assert plural(contradictions, "contradiction") in html
    assert not re.search(r"\d+ findings?</span>", html)


def test_summary_line_plurals() -> None:
    report = contradiction_report()
    one_story = dataclasses.replace(
        report, stories=report.stories[:1], duplicates=report.duplicates[:1]
    )
    assert summary_line(one_story).endswith("1 duplicate, 1 story")
