"""Cross-article time narrowing and story timelines (link/times.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from recoupe.corpus import Corpus
from recoupe.fr.timex_normalise import anchor_from_published, normalise
from recoupe.fr.timex_recognise import recognise
from recoupe.link.times import narrow_times
from recoupe.model import (
    Article,
    ArticleAnalysis,
    LocalEntity,
    Mention,
    Report,
    Sentence,
    Story,
    Tense,
    TimeRef,
)


def _times(article: Article, tenses: dict[str, Tense]) -> tuple[TimeRef, ...]:
    out = []
    for m in recognise(article.text):
        r = normalise(m, anchor_from_published(article.published), tenses.get(m.text))
        out.append(
            TimeRef(
                article.id,
                m.start,
                m.end,
                m.text,
                r.type,
                r.value,
                r.earliest,
                r.latest,
                r.explanation,
                tense=tenses.get(m.text),
                kind=m.kind,
                anchor=r.anchor,
                parts=m.fields,
            )
        )
    return tuple(out)


def _analysis(article: Article, tenses: dict[str, Tense]) -> ArticleAnalysis:
    """One sentence per line; entity e1 is 'Gallant' wherever it occurs."""
    sentences, mentions, offset = [], [], 0
    for line in article.text.split("\n"):
        start, end = offset, offset + len(line)
        keys: tuple[str, ...] = ()
        if "Gallant" in line:
            at = start + line.index("Gallant")
            mentions.append(Mention(article.id, at, at + 7, "Gallant"))
            keys = ("e1",)
        sentences.append(Sentence(start, end, predicate="rencontrer", entity_keys=keys))
        offset = end + 1
    entity = LocalEntity("e1", "person", "Yoav Gallant", tuple(mentions))
    return ArticleAnalysis(article.id, (entity,), (), _times(article, tenses), tuple(sentences))


def _corpus(articles: list[Article], tenses: dict[str, Tense]) -> Corpus:
    analyses = [_analysis(a, tenses) for a in articles]
    corpus = Corpus(
        articles=tuple(articles),
        analyses=tuple(analyses),
        entities=(),
        key_map={(a.id, "e1"): "E1" for a in articles},
        times=tuple(t for a in analyses for t in a.times),
    )
    story = Story("S1", "Gallant à Washington", tuple(a.id for a in articles))
    return replace(corpus, stories=(story,))


DAY = Article(
    "day", "Gallant a rencontré Austin hier.\nLa rencontre a duré.", published="2024-03-27"
)
MONTH = Article(
    "month", "Gallant a parlé lundi soir.\nGallant a vu Austin mardi.", published="2024-03"
)
UNDATED = Article("undated", "Gallant a parlé lundi soir.\nGallant a vu Blinken mardi après-midi.")
PAST: dict[str, Tense] = {
    "hier": "past",
    "lundi soir": "past",
    "mardi": "past",
    "mardi après-midi": "past",
}


def _by_text(corpus: Corpus, article: str) -> dict[str, TimeRef]:
    return {t.text: t for t in corpus.times if t.article == article}


def test_undated_article_inherits_the_story_publication_span() -> None:
    corpus = narrow_times(_corpus([MONTH, UNDATED], PAST))
    story = corpus.stories[0]
    assert (story.published_earliest, story.published_latest) == ("2024-03-01", "2024-03-31")
    times = _by_text(corpus, "undated")
    tuesday = times["mardi après-midi"]
    assert tuesday.value is None
    assert (tuesday.earliest, tuesday.latest) == ("2024-03-05", "2024-03-26")
    assert "story S1" in (tuesday.explanation or "") and "month" in (tuesday.explanation or "")
    monday = times["lundi soir"]
    assert monday.latest is not None and tuesday.latest is not None
    assert monday.earliest < tuesday.earliest and monday.latest < tuesday.latest


def test_day_dated_article_narrows_month_dated_weekday_and_its_week() -> None:
    corpus = narrow_times(_corpus([DAY, MONTH, UNDATED], PAST))
    month = _by_text(corpus, "month")
    assert month["mardi"].value == "2024-03-26"
    assert "article day" in (month["mardi"].explanation or "")
    assert "'hier'" in (month["mardi"].explanation or "")
    assert month["lundi soir"].value == "2024-03-25"  # the same week as the narrowed Tuesday
    undated = _by_text(corpus, "undated")
    assert undated["mardi après-midi"].value == "2024-03-26"
    assert undated["lundi soir"].value == "2024-03-25"


def test_no_narrowing_without_a_shared_entity() -> None:
    other = Article("other", "Austin a rencontré Blinken hier.", published="2024-03-27")
    corpus = narrow_times(_corpus([other, MONTH], PAST))
    assert _by_text(corpus, "month")["mardi"].value is None


def test_ordering_clamps_intervals_of_one_week() -> None:
    # French weeks start on Monday: read as one week, Sunday comes six days after Monday.
    article = Article(
        "m", "Gallant est venu dimanche.\nGallant est parti lundi.", published="2024-03"
    )
    corpus = narrow_times(_corpus([article], {"dimanche": "past", "lundi": "past"}))
    times = _by_text(corpus, "m")
    # Sundays of March 2024: 3..31; Mondays: 4..25; so Sunday >= first Monday + 6 days.
    assert times["lundi"].latest == "2024-03-25"
    assert times["dimanche"].earliest == "2024-03-10"
    assert "same week" in (times["dimanche"].explanation or "")


def test_timeline_is_ordered_with_predicates_and_entities() -> None:
    corpus = narrow_times(_corpus([DAY, MONTH, UNDATED], PAST))
    timeline = corpus.stories[0].timeline
    assert timeline, "expected events"
    starts = [(e.earliest, e.latest) for e in timeline]
    assert starts == sorted(starts)
    for event in timeline:
        article = corpus.article(event.article)
        assert article.text[event.start : event.end] == event.text
        assert event.predicate == "rencontrer"
        assert event.entities == ("E1",)
    assert [e.value for e in timeline][:2] == ["2024-03-25", "2024-03-25"]


# --- the seeds ----------------------------------------------------------------------

SEED_000 = "000_9014dda8250f2a88"
SEED_003 = "003_1505aa7bd25a2221"


def _seed_times(report: Report, article: str) -> dict[str, TimeRef]:
    return {t.text: t for t in report.times if t.article.startswith(article)}


@pytest.mark.slow
def test_seed_000_tuesday_is_any_tuesday_of_march(seeds_report: Report) -> None:
    mardi = _seed_times(seeds_report, SEED_000)["mardi"]
    assert mardi.value is None
    assert (mardi.earliest, mardi.latest) == ("2024-03-05", "2024-03-26")
    mercredi = _seed_times(seeds_report, SEED_000)["ce mercredi"]
    assert (mercredi.earliest, mercredi.latest) == ("2024-03-06", "2024-03-27")


@pytest.mark.slow
def test_seed_003_inherits_march_and_orders_monday_before_tuesday(seeds_report: Report) -> None:
    story = next(s for s in seeds_report.stories if SEED_003 in s.articles)
    assert SEED_000 in story.articles, "the seeds must form one story"
    assert (story.published_earliest, story.published_latest) == ("2024-03-01", "2024-03-31")
    times = _seed_times(seeds_report, SEED_003)
    monday, tuesday = times["lundi soir"], times["mardi après-midi"]
    assert tuesday.value is None and (tuesday.earliest, tuesday.latest) == (
        "2024-03-05",
        "2024-03-26",
    )
    assert (monday.earliest, monday.latest) == ("2024-03-04", "2024-03-25")


def test_reanchoring_reads_typed_facts_not_the_explanation() -> None:
    """Rewording an explanation must not change cross-article dating."""
    corpus = _corpus([MONTH, UNDATED], PAST)
    reworded = tuple(replace(t, explanation="reworded") for t in corpus.times)
    analyses = tuple(
        replace(a, times=tuple(replace(t, explanation="reworded") for t in a.times))
        for a in corpus.analyses
    )
    plain = _by_text(narrow_times(corpus), "undated")
    typed = _by_text(narrow_times(replace(corpus, times=reworded, analyses=analyses)), "undated")
    assert plain["mardi après-midi"].anchor == typed["mardi après-midi"].anchor == "story"
    for text, t in plain.items():
        assert (typed[text].earliest, typed[text].latest, typed[text].value) == (
            t.earliest,
            t.latest,
            t.value,
        )


def test_undated_relative_expression_is_typed_as_such() -> None:
    times = _times(UNDATED, PAST)
    assert {t.anchor for t in times} == {"undated"}
    assert {t.kind for t in times} == {"weekday"}
    assert all(t.tense == "past" for t in times)
    assert ("wd", "mardi") in next(t for t in times if t.text.startswith("mardi")).parts


def test_an_undated_article_explanation_names_a_few_dated_articles_then_counts_the_rest() -> None:
    monthly = [replace(MONTH, id=f"month{k}") for k in range(8)]
    times = _by_text(narrow_times(_corpus([*monthly, UNDATED], PAST)), "undated")
    why = times["mardi après-midi"].explanation or ""
    assert "from articles month0, month1, month2, month3, month4 and 3 others)" in why
    few = _by_text(narrow_times(_corpus([*monthly[:2], UNDATED], PAST)), "undated")
    assert "from articles month0, month1)" in (few["mardi après-midi"].explanation or "")
