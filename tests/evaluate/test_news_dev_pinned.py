"""Quotes, speakers and roles on ../shared/data/news-dev (27 real French pages), pinned.

Measured with fr_core_news_md (``recoupe analyze ../shared/data/news-dev/*.jsonl``
then ``recoupe eval quotes|entities``): direct+partial R 0.941 P 0.990 speaker
0.968; partial R 0.897; indirect R 0.938 P 0.984 speaker 1.000; roles R 0.831 P 0.970;
person B-cubed P 1.000 R 1.000 (no false merge); date value F1 0.907 (``recoupe eval dates``). Raise on
purpose only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.evaluate.dates import score_dates
from recoupe.evaluate.entities import score_entities
from recoupe.evaluate.quotes import score_quotes

MIN_QUOTES_RECALL = 0.94
MIN_QUOTES_PRECISION = 0.98
MIN_SPEAKER_ACCURACY = 0.96
MIN_PARTIAL_RECALL = 0.89
MIN_INDIRECT_RECALL = 0.93
MIN_INDIRECT_PRECISION = 0.98
MIN_INDIRECT_SPEAKER_ACCURACY = 0.98
MIN_ROLES_RECALL = 0.83
MIN_PERSON_BCUBED_F1 = 0.995
MIN_ROLES_PRECISION = 0.97
MIN_DATE_VALUE_F1 = 0.90


@pytest.fixture(scope="module")
def news_dev(shared_dir: Path):
    from recoupe import analyze

    folder = shared_dir / "data" / "news-dev"
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    return gold, analyze(sorted(folder.glob("*.jsonl")))


@pytest.mark.slow
def test_news_dev_quotes_and_speakers_are_pinned(news_dev) -> None:
    gold, report = news_dev
    assert not report.rejected, (
        report.rejected
    )  # all French: none rejected by language identification
    score = score_quotes(gold, report)
    quotes = score.get("direct+partial", 0.3)
    assert quotes.recall >= MIN_QUOTES_RECALL, quotes.as_dict()
    assert quotes.precision >= MIN_QUOTES_PRECISION, quotes.as_dict()
    assert quotes.speaker_accuracy >= MIN_SPEAKER_ACCURACY, quotes.as_dict()
    assert score.get("partial", 0.3).recall >= MIN_PARTIAL_RECALL
    indirect = score.get("indirect", 0.3)
    assert indirect.recall >= MIN_INDIRECT_RECALL, indirect.as_dict()
    assert indirect.precision >= MIN_INDIRECT_PRECISION, indirect.as_dict()
    assert indirect.speaker_accuracy >= MIN_INDIRECT_SPEAKER_ACCURACY, indirect.as_dict()


@pytest.mark.slow
def test_news_dev_people_and_roles_are_pinned(news_dev) -> None:
    gold, report = news_dev
    score = score_entities(gold, report)
    assert score.bcubed_f1 >= MIN_PERSON_BCUBED_F1
    assert score.bcubed_precision == 1.0  # no false merge of two people
    assert score.role_recall >= MIN_ROLES_RECALL
    assert score.role_precision >= MIN_ROLES_PRECISION


@pytest.mark.slow
def test_news_dev_dates_are_pinned(news_dev) -> None:
    gold, report = news_dev
    assert score_dates(gold, report).f1 >= MIN_DATE_VALUE_F1
