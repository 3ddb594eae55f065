"""The gold-dates scorer: one value, a span, or the honest-interval rule."""

from __future__ import annotations

import pytest

from recoupe.evaluate.dates import DateGoldError, score_dates
from recoupe.model import Article, Report, TimeRef

TEXT = "Le pont a rouvert mardi. Les travaux dureront ce week-end. Le maire parlait hier soir."


def _report(*times: TimeRef) -> Report:
    return Report(articles=(Article(id="a", text=TEXT),), times=times)


def _at(expression: str, **fields: str | None) -> TimeRef:
    start = TEXT.index(expression)
    return TimeRef(article="a", start=start, end=start + len(expression), text=expression, **fields)  # type: ignore[arg-type]


GOLD = {
    "files": {
        "a": {
            "dates": [
                {"expression": "mardi", "value": "2024-03-26"},
                {
                    "expression": "ce week-end",
                    "value": None,
                    "interval": True,
                    "resolvable_from_doc": True,
                    "expected_interval": ["2024-03-30", "2024-03-31"],
                },
                {
                    "expression": "hier soir",
                    "value": None,
                    "true_value": "2024-03-25",
                    "resolvable_from_doc": False,
                    "expected_interval": ["2024-03-04", "2024-03-25"],
                },
            ]
        }
    }
}


def test_values_spans_and_honest_intervals_are_right() -> None:
    score = score_dates(
        GOLD,
        _report(
            _at("mardi", value="2024-03-26", earliest="2024-03-26", latest="2024-03-26"),
            _at("ce week-end", earliest="2024-03-30", latest="2024-03-31"),
            _at("hier soir", earliest="2024-02-28", latest="2024-03-30"),  # wider, but honest
        ),
    )
    assert (score.gold, score.predicted, score.correct) == (3, 3, 3)
    assert score.f1 == 1.0


def test_a_guessed_day_and_a_wrong_span_are_wrong() -> None:
    score = score_dates(
        GOLD,
        _report(
            _at("mardi", value="2024-03-19", earliest="2024-03-19", latest="2024-03-19"),
            _at("ce week-end", earliest="2024-03-23", latest="2024-03-24"),
            _at(
                "hier soir", value="2024-03-25", earliest="2024-03-25", latest="2024-03-25"
            ),  # a guess
        ),
    )
    assert (score.found, score.correct) == (3, 0)
    assert {m.reason for m in score.misses} == {"wrong value"}


def test_missing_and_spurious_dates_count() -> None:
    score = score_dates(
        GOLD,
        _report(_at("Le pont", value="2024-03-01", earliest="2024-03-01", latest="2024-03-01")),
    )
    assert (score.gold, score.predicted, score.found, score.correct) == (3, 1, 0, 0)
    assert [m.reason for m in score.misses].count("spurious") == 1


def test_a_gold_expression_absent_from_the_text_is_a_clear_error() -> None:
    gold = {"files": {"a": {"dates": [{"expression": "jeudi", "value": "2024-03-28"}]}}}
    with pytest.raises(DateGoldError, match="jeudi"):
        score_dates(gold, _report())
