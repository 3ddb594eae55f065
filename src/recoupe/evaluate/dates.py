"""Score the dates of a report against the ``dates`` of a gold file (examples/gold.json format).

A gold date is an expression found verbatim in the article (``count`` times),
with the ISO ``value`` the article allows, or ``value: null`` and an
``expected_interval`` [earliest, latest] when the article does not allow one
day (month-only or undated articles, spans such as "ce week-end").

A predicted date finds a gold date when their spans overlap by at least half
of the shorter one. Its value is right when

- the article allows one value (the gold ``value``, unless
  ``resolvable_from_doc`` is false): the predicted ``value`` is that ISO string;
- the expression names a span (``interval: true``, "ce week-end"): the
  predicted [earliest, latest] is the expected interval;
- the article does not allow a single day (``resolvable_from_doc: false``),
  the honest-interval rule: the prediction claims no single day (its
  ``value`` is null or coarser than a day) and its [earliest, latest] holds
  the true date (``true_value``, else the seeds' ``value``) and meets the
  expected interval. A wider interval is honest, a guessed day is not.

Value precision is over predicted dates in the scored articles (type
``date``, and ``time`` when it names a day or a part of one, not a clock time
alone), value recall over gold dates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoupe.evaluate.base import (
    ArticleMatcher,
    ScoreError,
    f_score,
    load_gold,
    load_report,
    ratio,
    to_json,
)
from recoupe.model import Report, TimeRef

SCORED_TYPES = ("date", "time")  # "samedi soir" is a time of a day
# Not annotated as dates by the gold: a clock time alone ("vers 20h15"), "actuellement",
# "désormais", centuries ("XIIe siècle").
UNSCORED_KINDS = ("clock", "ref_word", "century")
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class GoldDate:
    article: str
    start: int
    end: int
    expression: str
    value: str | None
    interval: tuple[str, str] | None
    true_value: str | None
    resolvable: bool = True  # False: the article's own date cannot give one day
    span: bool = False  # the expression names a span ("ce week-end")


@dataclass(frozen=True)
class DateMiss:
    gold: GoldDate | None
    predicted: TimeRef | None
    reason: str  # "not found", "wrong value", "spurious"


@dataclass(frozen=True)
class DateScore:
    gold: int
    predicted: int
    found: int
    correct: int
    misses: tuple[DateMiss, ...] = ()

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)

    @property
    def recognition_recall(self) -> float:
        return ratio(self.found, self.gold)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "found": self.found,
            "correct": self.correct,
            "value_precision": round(self.precision, 4),
            "value_recall": round(self.recall, 4),
            "value_f1": round(self.f1, 4),
            "recognition_recall": round(self.recognition_recall, 4),
        }


class DateGoldError(ScoreError):
    """A gold file that cannot be read, or a gold date expression not in its article's text."""


def gold_dates(gold: Mapping[str, Any], report: Report) -> list[GoldDate]:
    matcher = ArticleMatcher.of_report(report)
    out: list[GoldDate] = []
    for key, entry in dict(gold.get("files", {})).items():
        article_id = matcher.find(key) if not key.startswith("_") else None
        if article_id is None:
            continue
        text = report.article(article_id).text
        placed: list[tuple[int, int]] = []
        # Longer expressions first: "mercredi" is not the one inside "de mercredi à jeudi".
        for item in sorted(entry.get("dates", []), key=lambda d: -len(d["expression"])):
            expression = item["expression"]
            starts = _occurrences(text, expression)
            if not starts:
                raise DateGoldError(f"gold date not found in article {article_id}: {expression!r}")
            free = [
                s for s in starts if not any(a < s + len(expression) and s < b for a, b in placed)
            ]
            interval = item.get("expected_interval")
            for start in (free or starts)[: int(item.get("count", 1))]:
                placed.append((start, start + len(expression)))
                out.append(
                    GoldDate(
                        article_id,
                        start,
                        start + len(expression),
                        expression,
                        item.get("value"),
                        (interval[0], interval[1]) if interval else None,
                        item.get("true_value"),
                        item.get("resolvable_from_doc") is not False,
                        bool(item.get("interval")),
                    )
                )
    return sorted(out, key=lambda g: (g.article, g.start))


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while needle and i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _overlap(gold: GoldDate, time: TimeRef) -> float:
    shared = min(gold.end, time.end) - max(gold.start, time.start)
    return max(0, shared) / max(1, min(gold.end - gold.start, time.end - time.start))


def value_right(gold: GoldDate, time: TimeRef) -> bool:
    """The value rule above: the one value, the span, or an honest interval."""
    if gold.resolvable and not gold.span and gold.value is not None:
        return time.value == gold.value
    if time.earliest is None or time.latest is None or gold.interval is None:
        return False
    low, high = gold.interval
    if gold.span:
        return (time.earliest, time.latest) == (low, high)
    if time.value is not None and len(time.value) >= len("2024-01-01"):
        return low == high == time.value  # a single day only where the story allows that one day
    truth = gold.true_value or gold.value
    holds_truth = truth is None or time.earliest <= truth <= time.latest
    return holds_truth and time.earliest <= high and low <= time.latest


def score_dates(gold: Mapping[str, Any], report: Report) -> DateScore:
    golds = gold_dates(gold, report)
    matcher = ArticleMatcher.of_report(report)
    scored = {g.article for g in golds} | {
        matcher.find(k) for k in gold.get("files", {}) if not k.startswith("_")
    }
    predicted = [
        t
        for t in report.times
        if t.article in scored and t.type in SCORED_TYPES and t.kind not in UNSCORED_KINDS
    ]
    used: set[int] = set()
    misses: list[DateMiss] = []
    found = correct = 0
    for g in golds:
        ranked = sorted(
            (
                (_overlap(g, t), i)
                for i, t in enumerate(predicted)
                if t.article == g.article and i not in used
            ),
            reverse=True,
        )
        if not ranked or ranked[0][0] < MIN_OVERLAP:
            misses.append(DateMiss(g, None, "not found"))
            continue
        index = ranked[0][1]
        used.add(index)
        found += 1
        if value_right(g, predicted[index]):
            correct += 1
        else:
            misses.append(DateMiss(g, predicted[index], "wrong value"))
    misses += [DateMiss(None, t, "spurious") for i, t in enumerate(predicted) if i not in used]
    return DateScore(len(golds), len(predicted), found, correct, tuple(misses))


def evaluate_dates(gold_path: Path, report_path: Path) -> DateScore:
    return score_dates(load_gold(gold_path), load_report(report_path))


def format_score(score: DateScore, show_errors: bool = False) -> str:
    lines = [
        f"dates ({score.gold} gold, {score.predicted} predicted): value P={score.precision:.3f} "
        f"R={score.recall:.3f} F1={score.f1:.3f}; recognised {score.found}/{score.gold}"
    ]
    if show_errors:
        for miss in score.misses:
            if miss.gold is not None:
                got = (
                    f" (predicted {miss.predicted.value!r} [{miss.predicted.earliest}, {miss.predicted.latest}])"
                    if miss.predicted
                    else ""
                )
                expected = (
                    miss.gold.value
                    if miss.gold.resolvable and not miss.gold.span and miss.gold.value
                    else f"interval {list(miss.gold.interval or ())}"
                )
                lines.append(
                    f"  {miss.reason}: {miss.gold.article}: {miss.gold.expression!r} gold {expected}{got}"
                )
            elif miss.predicted is not None:
                t = miss.predicted
                lines.append(f"  spurious: {t.article}: {t.text!r} -> {t.value}")
    return "\n".join(lines)


def score_json(score: DateScore) -> str:
    return to_json(score.as_dict())


__all__: Sequence[str] = (
    "DateScore",
    "evaluate_dates",
    "format_score",
    "score_dates",
    "score_json",
)
