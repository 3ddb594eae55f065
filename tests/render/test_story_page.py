"""The story page's at-a-glance layer: outlet strip, fact x outlet grid, coverage, framing."""

from __future__ import annotations

import re

from story_helpers import two_story_report

from recoupe.render.html import render_html, story_view
from recoupe.render.story_page import evidence_key, story_glance


def test_outlet_strip_has_one_row_per_outlet_with_headline_and_time() -> None:
    report = two_story_report()
    glance = story_glance(report, report.stories[0])
    assert [(o.outlet, o.headline, o.published) for o in glance.outlets] == [
        ("L'Hebdo", "Visite à Washington", "2024-03"),
        ("Le Quotidien", "Le ministre visite Washington", "2024-03-27"),
    ]


def test_grid_gives_each_outlet_its_value_for_the_disputed_fact() -> None:
    report = two_story_report()
    glance = story_glance(report, report.stories[0])
    disputed = [row for row in glance.grid if row.kind == "disputed"]
    assert len(disputed) == 1
    hebdo, quotidien = disputed[0].cells
    assert hebdo and quotidien
    assert (hebdo.values, quotidien.values) == (
        ("minister:foreign_affairs",),
        ("minister:defense",),
    )
    a1 = report.article("a1")
    start = a1.text.index("ministre de la Défense")
    assert quotidien.keys == evidence_key("a1", start, start + len("ministre de la Défense"))
    # in the HTML, the value links to the passage the contradiction card cites
    view = story_view(report, report.stories[0])
    [strip_keys] = [
        c.keys for c in view.glance.grid[0].cells if c and c.values == ("minister:defense",)
    ]  # type: ignore[union-attr]
    assert strip_keys in view.group("contradiction")[0].keys.split()
    # the role already disputed is not repeated as a key fact
    assert not any(row.label == "Avi Lenz" for row in glance.grid if row.kind == "key")


def test_coverage_bars_and_blindspots_across_the_corpus() -> None:
    report = two_story_report()
    glance = story_glance(report, report.stories[0])
    assert {(b.outlet, b.stories, b.articles) for b in glance.coverage} == {
        ("Le Quotidien", 1, 1),
        ("L'Hebdo", 1, 1),
        ("La Gazette", 1, 0),
    }
    assert glance.blindspots == ("La Gazette",)
    # narrowed to the story (the web app), the corpus still gives the blindspots
    narrowed = report.__class__(articles=report.articles[:2], stories=report.stories[:1])
    assert story_glance(narrowed, report.stories[0], corpus=report).blindspots == ("La Gazette",)


def test_framing_table_is_in_the_html() -> None:
    html = render_html(two_story_report(), "en")
    framing = html[html.index('<table class="framing') :]
    framing = framing[: framing.index("</table>")]
    assert (
        "omitted entities" in framing and "loaded verbs" in framing and "headline focus" in framing
    )
    assert "Nina Park" in framing and "marteler" in framing
    assert "Blindspot:" in html and "La Gazette" in html


def test_single_source_claims_grouped_per_outlet_and_collapsed() -> None:
    report = two_story_report()
    view = story_view(report, report.stories[0])
    assert [(outlet, len(cards)) for outlet, cards in view.single_by_outlet] == [("L'Hebdo", 1)]
    html = render_html(report, "en")
    assert re.search(r'<details class="by-outlet">\s*<summary>L&#39;Hebdo alone reports', html)


def test_a_quote_is_printed_once_per_card() -> None:
    report = two_story_report()
    html = render_html(report, "en")
    single = html[html.index('data-kind="single_source"') :]
    single = single[: single.index("</article>")]
    assert single.count("Nina Park a salué la visite") == 1
    # only contradictions underline their passages in the articles
    underlined = set(re.findall(r'<mark class="ev-finding" data-ev="([^"]+)"', html))
    assert underlined == set(
        story_view(report, report.stories[0]).group("contradiction")[0].keys.split()
    )
