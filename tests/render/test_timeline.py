"""The story timeline: scaled to the story's days, one row per event told by several outlets."""

from __future__ import annotations

import dataclasses
from datetime import date

from html_helpers import contradiction_report

from recoupe.model import Article, Report, Story, TimelineEvent
from recoupe.render.charts import timeline_chart
from recoupe.render.html import render_html, story_view


def _event(
    article: Article, needle: str, day: str, predicate: str, entities: tuple[str, ...] = ()
) -> TimelineEvent:
    start = article.text.index(needle)
    return TimelineEvent(
        article.id,
        start,
        start + len(needle),
        needle,
        day,
        day[:4] + "-12-31" if len(day) == 4 else day,
        day,
        predicate,
        entities,
    )


def _report() -> Report:
    a = Article(
        "a",
        "Titre A\nLa tribune a cédé lundi. Le club a été fondé en 2014. "
        + "Un très long récit de la soirée " * 6
        + "fin.",
        title="Titre A",
        published="2025-05-20",
        source="Agence",
    )
    b = Article(
        "b",
        "Titre B\nLa tribune s'est effondrée lundi soir.",
        title="Titre B",
        published="2025-05-21",
        source="Journal",
    )
    long_text = a.text[a.text.index("Un très long") :]
    events = (
        _event(a, "Le club a été fondé en 2014", "2014", "fonder"),
        _event(a, "La tribune a cédé lundi", "2025-05-19", "céder", ("E1",)),
        _event(b, "La tribune s'est effondrée lundi soir", "2025-05-19", "effondrer", ("E1",)),
        _event(a, long_text, "2025-05-20", "raconter"),
    )
    story = Story(
        "S1",
        "Tribune",
        ("a", "b"),
        timeline=events,
        published_earliest="2025-05-20",
        published_latest="2025-05-21",
    )
    return Report(articles=(a, b), stories=(story,))


def test_axis_spans_the_story_not_every_recalled_date() -> None:
    report = _report()
    view = story_view(report, report.stories[0])
    assert [e.drawn for e in view.events] == [True, True, False]
    assert view.events[-1].when == "2014-01-01 – 2014-12-31"
    first_tick, last_tick = view.timeline.ticks[0], view.timeline.ticks[-1]
    assert "2014" not in first_tick.label and "May" in last_tick.label
    html = render_html(report, "en")
    assert "Context: dates far from the story" in html


def test_the_same_event_from_two_outlets_is_one_row() -> None:
    report = _report()
    view = story_view(report, report.stories[0])
    collapse = view.events[0]
    assert collapse.outlets == ("Agence", "Journal")
    assert len(collapse.keys.split()) == 2
    assert len(view.timeline.rows) == 2


def test_long_labels_wrap_instead_of_being_cut() -> None:
    report = _report()
    view = story_view(report, report.stories[0])
    story_event = view.events[1]
    assert len(story_event.lines) > 1 and all(len(line) <= 58 for line in story_event.lines)
    html = render_html(report, "en")
    assert (
        html.count("<tspan") >= len(story_event.lines) + 1
    )  # its lines, and the other row's "2 outlets"


def test_rows_grow_with_their_label_lines() -> None:
    day = date(2025, 5, 19)
    chart = timeline_chart([(day, day), (day, day)], lines=[3, 1])
    assert (
        chart.rows[1].y - chart.rows[0].y
        > timeline_chart([(day, day), (day, day)]).rows[1].y - chart.rows[0].y
    )


def test_events_of_one_article_are_never_merged() -> None:
    report = contradiction_report()
    story = report.stories[0]
    a1 = story.timeline[0]
    twin = dataclasses.replace(a1, predicate=a1.predicate)
    report = dataclasses.replace(report, stories=(dataclasses.replace(story, timeline=(a1, twin)),))
    view = story_view(report, report.stories[0])
    assert len(view.events) == 2
