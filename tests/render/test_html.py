"""The HTML report: escaping, landmarks, self-containment, highlighting from offsets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from html_helpers import XSS_IMG, XSS_SCRIPT, contradiction_report, xss_report

from recoupe.render.charts import interval, period, timeline_chart
from recoupe.render.highlight import Span, highlight
from recoupe.render.html import render_html, story_view


class _Collector(HTMLParser):
    """Tags, attributes and text of a document, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(contradiction_report(), "en")


@pytest.fixture(scope="module")
def xss_html() -> str:
    return render_html(xss_report(), "en")


def test_hostile_text_is_escaped_everywhere(xss_html: str) -> None:
    doc = parse(xss_html)
    assert doc.scripts == 1  # only the report's own script
    assert not any(tag in ("img", "svg") and "onload" in attrs for tag, attrs in doc.tags)
    assert not any(tag == "img" for tag, _ in doc.tags)
    assert not any(tag in ("b", "i", "u", "em") for tag, _ in doc.tags)
    assert XSS_SCRIPT not in xss_html and XSS_IMG not in xss_html
    text = "".join(doc.text)
    assert XSS_SCRIPT in text
    assert XSS_IMG in text
    assert "Zed & Cie" in text


def test_landmarks_and_heading_hierarchy(html: str) -> None:
    doc = parse(html)
    tags = [tag for tag, _ in doc.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in tags
    assert tags.count("h1") == 1
    levels = [int(tag[1]) for tag in tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert doc.tags[0] == ("html", {"lang": "en"})
    nav = next(attrs for tag, attrs in doc.tags if tag == "nav")
    assert nav.get("aria-label")


def test_no_resource_url_and_a_strict_csp(xss_html: str, html: str) -> None:
    for document in (html, xss_html):
        doc = parse(document)
        for _, attrs in doc.tags:
            for name, value in attrs.items():
                assert not re.match(r"\s*(https?:)?//", value or ""), (name, value)
        outside_text = re.sub(r'<div class="text".*?</div>', "", document, flags=re.S)
        assert "http://" not in outside_text and "https://" not in outside_text
        assert "@import" not in document and "url(" not in document
        csp = next(a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv"))
        assert (
            csp is not None
            and "default-src 'none'" in csp
            and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        )
    assert "http://example.org/x.js" in "".join(parse(xss_html).text)


def test_contradiction_card_names_its_slot_and_subject(html: str) -> None:
    cards = [
        a for t, a in parse(html).tags if t == "article" and a.get("data-kind") == "contradiction"
    ]
    assert len(cards) == 1
    card = cards[0]
    assert card["data-slot"] == "role" and card["data-subject"] == "Avi Lenz"
    assert card["tabindex"] == "0"
    keys = (card["data-evidence"] or "").split()
    assert len(keys) == 2
    marked = {
        key: "".join(re.findall(rf'<mark (?:class="[^"]*" )?data-ev="{key}">([^<]*)', html))
        for key in keys
    }
    assert sorted(marked.values()) == ["ministre de la Défense", "ministre des Affaires étrangères"]


def test_story_view_groups_findings_people_quotes_and_events() -> None:
    report = contradiction_report()
    view = story_view(report, report.stories[0])
    assert [kind for kind, _, cards in view.findings if cards] == [
        "contradiction",
        "single_source",
        "corroborated",
    ]
    lenz = view.people[0]
    assert lenz.entity.name == "Avi Lenz" and {r.text for r in lenz.roles} == {
        "ministre de la Défense",
        "ministre des Affaires étrangères",
    }
    assert view.speakers[0].name == "Avi Lenz" and len(view.speakers[0].quotes) == 2
    assert [e.uncertain for e in view.events] == [True, False]  # March first: it starts earlier
    assert view.timeline.rows[0].width > view.timeline.rows[1].width
    assert [g.title for g in view.outlet_quotes.groups] == ["L'Hebdo", "Le Quotidien"]


def test_highlight_splits_crossing_spans_and_escapes() -> None:
    text = "a <b> c & d"
    spans = [
        Span(0, 5, ("x",), {"data-k": "1"}),
        Span(2, 9, ("y",), {"data-k": "2"}),
        Span(2, 5, ("z",)),
        Span(3, 99, ("out-of-range",)),
    ]
    out = str(highlight(text, spans))
    assert out == (
        '<mark class="x" data-k="1">a <mark class="y" data-k="2"><mark class="z">&lt;b&gt;</mark></mark></mark>'
        '<mark class="y frag" data-k="2"> c &amp;</mark> d'
    )
    collector = parse(out)
    assert "".join(collector.text) == text


def test_highlight_without_spans_is_the_escaped_text() -> None:
    assert str(highlight("<x>\n", [])) == "&lt;x&gt;\n"
    assert str(highlight("", [Span(0, 0, ("x",))])) == ""


def test_periods_and_intervals() -> None:
    assert period("2024-02") is not None and str(period("2024-02")[1]) == "2024-02-29"  # type: ignore[index]
    assert period("2024")[0].isoformat() == "2024-01-01"  # type: ignore[index]
    assert period("soon") is None and period("2024-13") is None
    low, high = interval("2024-03", "2024-03-26", None) or (None, None)
    assert str(low) == "2024-03-01" and str(high) == "2024-03-26"
    assert interval(None, None, "2024-03-26") is not None
    assert timeline_chart([]).rows == ()


def test_empty_report_renders() -> None:
    from recoupe.model import Report

    out = render_html(Report())
    assert "<main" in out and "0</strong> articles" in out
