"""Score sentence-pair contradiction detection on DACCORD-format files.

A pair file is tab-separated with a header naming at least ``id``,
``premise``, ``hypothesis`` and ``label`` (1 or ``contradiction`` for a
contradiction, 0 or ``compatibles`` otherwise), as in DACCORD (AFP Factuel
sentence pairs). Each pair becomes one story of two outlets, one sentence
each, analysed and compared exactly as real articles are. A pair is called a
contradiction when the story gets a contradiction finding, and corroborated
when it gets a corroborated finding; the score is precision, recall and F1 of
contradiction, plus how many contradictory pairs were called corroborated
(which must be none).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recoupe.evaluate.base import ScoreError, f_score
from recoupe.model import Article, Story

# analyses and compares each group of articles as one story, None when one is rejected
# (``recoupe.api.compare_groups``); passed in, because evaluate/ sits beside the system it
# scores, not above it (docs/architecture.md)
CompareGroups = Callable[[Sequence[Sequence[Article]]], Sequence[Story | None]]

CONTRADICTION_LABELS = frozenset({"1", "contradiction"})
COMPATIBLE_LABELS = frozenset({"0", "compatible", "compatibles"})
PAIR_DATE = "2024-01-15"  # one shared publication date: the pair is one moment, no update


class PairsError(ScoreError):
    """The pair file cannot be read (missing, not UTF-8, or without the needed columns)."""


@dataclass(frozen=True)
class Pair:
    id: str
    premise: str
    hypothesis: str
    contradiction: bool


@dataclass(frozen=True)
class PairVerdict:
    pair: Pair
    contradiction: bool  # a contradiction finding
    corroborated: bool  # a corroborated finding
    slots: tuple[str, ...] = ()  # slots of the contradiction findings


@dataclass(frozen=True)
class PairScores:
    pairs: int
    gold_contradictions: int
    found_contradictions: int
    true_positives: int
    contradictory_called_corroborated: int
    compatible_called_corroborated: int = 0
    rejected: int = 0
    by_slot: dict[str, list[int]] = field(default_factory=dict)  # slot -> [true, false] positives
    errors: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.true_positives / self.found_contradictions if self.found_contradictions else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_contradictions if self.gold_contradictions else 1.0

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)


def read_pairs(path: str | Path) -> list[Pair]:
    """The labelled pairs of a DACCORD-format TSV file."""
    csv.field_size_limit(sys.maxsize)
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise PairsError(f"cannot read the pair file {path}: {error}") from error
    needed = {"id", "premise", "hypothesis", "label"}
    if not rows or not needed <= set(rows[0]):
        raise PairsError(
            f"{path} needs a tab-separated header with the columns {', '.join(sorted(needed))}"
        )
    pairs = []
    for number, row in enumerate(rows, start=2):
        label = (row["label"] or "").strip().lower()
        if label not in CONTRADICTION_LABELS | COMPATIBLE_LABELS:
            raise PairsError(
                f"{path} line {number}: unknown label {row['label']!r} (use 1/contradiction or 0/compatibles)"
            )
        pairs.append(
            Pair(
                id=row["id"].strip(),
                premise=" ".join((row["premise"] or "").split()),
                hypothesis=" ".join((row["hypothesis"] or "").split()),
                contradiction=label in CONTRADICTION_LABELS,
            )
        )
    return pairs


def pair_articles(pair: Pair) -> tuple[Article, Article]:
    """The pair as two articles of two outlets, published the same day."""
    return (
        Article(id=f"{pair.id}-a", text=pair.premise, source="Source A", published=PAIR_DATE),
        Article(id=f"{pair.id}-b", text=pair.hypothesis, source="Source B", published=PAIR_DATE),
    )


def judge_pair(pair: Pair, story: Story) -> PairVerdict:
    """The verdict on a pair from the findings of its story."""
    slots = tuple(f.slot for f in story.findings if f.kind == "contradiction")
    return PairVerdict(
        pair=pair,
        contradiction=bool(slots),
        corroborated=any(f.kind == "corroborated" for f in story.findings),
        slots=slots,
    )


def score_verdicts(verdicts: Iterable[PairVerdict], rejected: int = 0) -> PairScores:
    verdicts = list(verdicts)
    by_slot: dict[str, list[int]] = {}
    errors = []
    for v in verdicts:
        for slot in dict.fromkeys(v.slots):
            by_slot.setdefault(slot, [0, 0])[0 if v.pair.contradiction else 1] += 1
        if v.contradiction != v.pair.contradiction:
            kind = "false contradiction" if v.contradiction else "missed contradiction"
            errors.append(
                f"{v.pair.id} {kind} {list(v.slots)}: {v.pair.premise[:120]} || {v.pair.hypothesis[:120]}"
            )
        elif v.pair.contradiction and v.corroborated:
            errors.append(f"{v.pair.id} contradiction also corroborated: {v.pair.hypothesis[:120]}")
    return PairScores(
        pairs=len(verdicts),
        gold_contradictions=sum(v.pair.contradiction for v in verdicts),
        found_contradictions=sum(v.contradiction for v in verdicts),
        true_positives=sum(v.contradiction and v.pair.contradiction for v in verdicts),
        contradictory_called_corroborated=sum(
            v.pair.contradiction and v.corroborated for v in verdicts
        ),
        compatible_called_corroborated=sum(
            not v.pair.contradiction and v.corroborated for v in verdicts
        ),
        rejected=rejected,
        by_slot=by_slot,
        errors=tuple(errors),
    )


def evaluate_pairs(path: str | Path, compare: CompareGroups) -> PairScores:
    """Read, analyse, compare and score every pair of a DACCORD-format file."""
    pairs = read_pairs(path)
    stories = compare([pair_articles(pair) for pair in pairs])
    verdicts = [
        judge_pair(pair, story)
        for pair, story in zip(pairs, stories, strict=True)
        if story is not None
    ]
    return score_verdicts(verdicts, rejected=sum(story is None for story in stories))


def scores_json(scores: PairScores) -> str:
    out: dict[str, Any] = {
        "pairs": scores.pairs,
        "rejected": scores.rejected,
        "gold_contradictions": scores.gold_contradictions,
        "found_contradictions": scores.found_contradictions,
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
        "contradictory_called_corroborated": scores.contradictory_called_corroborated,
        "compatible_called_corroborated": scores.compatible_called_corroborated,
        "by_slot": {
            slot: {"true": t, "false": f} for slot, (t, f) in sorted(scores.by_slot.items())
        },
    }
    return json.dumps(out, ensure_ascii=False, indent=2)


def format_scores(scores: PairScores, show_errors: bool = False) -> str:
    lines = [
        f"pairs: {scores.pairs} ({scores.gold_contradictions} contradictory"
        + (f", {scores.rejected} rejected" if scores.rejected else "")
        + ")",
        f"contradiction: precision {scores.precision:.3f}, recall {scores.recall:.3f}, F1 {scores.f1:.3f} "
        f"({scores.true_positives} right of {scores.found_contradictions} found)",
        f"contradictory pairs called corroborated: {scores.contradictory_called_corroborated} "
        f"(compatible pairs called corroborated: {scores.compatible_called_corroborated})",
    ]
    for slot, (true, false) in sorted(scores.by_slot.items()):
        lines.append(f"  {slot}: {true} right, {false} wrong")
    if show_errors:
        lines += [f"  - {e}" for e in scores.errors]
    return "\n".join(lines)
