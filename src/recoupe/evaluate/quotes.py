"""Score quotes and their speakers against gold annotations (seeds.json conventions).

Gold quotes carry text only: each is located in its article (every occurrence,
or as many as its ``count`` says). A gold quote is found when a predicted quote
of a compatible kind overlaps at least ``threshold`` of the gold span; a
prediction is correct when it is the best-overlapping prediction of some gold
quote it matches (a duplicate prediction counts as wrong). Speaker accuracy is
measured over found gold quotes: the predicted speaker entity's name or a
variant must match the gold speaker's canonical name, surname-aware; a gold
speaker marked ``speaker_unnamed`` (a description, no name) is also matched by a
quote whose speaker is left unknown. Gold quotes marked ``unmarked`` (pull
quotes without quote marks) are not scored, as the gold conventions ask for
mark-based scoring.

Groups: ``direct+partial`` (gold ``quotes``, predictions of kind direct or
partial), ``direct`` and ``partial`` (gold split by ``fragment``/``kind``),
``indirect`` (gold ``indirect_quotes``), ``overall`` (everything).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from recoupe.evaluate.base import (
    ArticleMatcher,
    ScoreError,
    f_score,
    load_gold,
    load_report,
    ratio,
    to_json,
)
from recoupe.model import Quote, Report

THRESHOLDS = (0.3, 0.8)
ARTICLES = {"le", "la", "les", "un", "une", "des"}
HONORIFICS = {"m", "mme", "mlle", "dr", "pr", "me", "mgr", "monsieur", "madame"}
GROUP_KINDS: dict[str, tuple[str, ...]] = {
    "direct+partial": ("direct", "partial"),
    "direct": ("direct",),
    "partial": ("partial",),
    "indirect": ("indirect",),
    "overall": ("direct", "partial", "indirect"),
}


@dataclass(frozen=True)
class GoldQuote:
    article: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None
    unnamed: bool = False


@dataclass(frozen=True)
class Miss:
    group: str
    threshold: float
    gold: GoldQuote | None
    predicted: Quote | None
    reason: str  # "not found", "spurious", "wrong speaker"
    speaker: str | None = None


@dataclass(frozen=True)
class GroupScore:
    correct: int
    predicted: int
    gold: int
    found: int
    speaker_correct: int

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speaker_correct, self.found)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "found": self.found,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
        }


@dataclass(frozen=True)
class QuoteScore:
    groups: dict[float, dict[str, GroupScore]]  # threshold -> group -> score
    misses: tuple[Miss, ...] = ()
    unmatched_files: tuple[str, ...] = field(default=())

    def get(self, group: str, threshold: float = 0.3) -> GroupScore:
        return self.groups[threshold][group]

    def as_dict(self) -> dict[str, Any]:
        return {
            f"overlap>={t:g}": {g: s.as_dict() for g, s in groups.items()}
            for t, groups in self.groups.items()
        } | {"unmatched_files": list(self.unmatched_files)}


# --- names ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w' -]", " ", plain).split())


def _name_forms(name: str) -> list[str]:
    """A name and its parenthesised alias: "Forces de défense (Tsahal)" -> both."""
    forms = [re.sub(r"\s*\([^)]*\)", "", name)]
    forms += re.findall(r"\(([^)]*)\)", name)
    out = []
    for form in forms:
        words = [w for w in _fold(form).split() if w.rstrip(".") not in HONORIFICS]
        while (len(words) > 1 and words[0] in ARTICLES) or (
            words and words[0].startswith("l'") and len(words[0]) > 2
        ):
            # "les autorités" names the "autorités russes" of the gold, "L'Ocha" the OCHA:
            # articles are not names
            words = words[1:] if words[0] in ARTICLES else [words[0][2:], *words[1:]]
        if words:
            out.append(" ".join(words))
    return out


def same_speaker(gold_name: str, names: Sequence[str]) -> bool:
    """Surname-aware fuzzy match of a gold canonical name against names and variants."""
    for gold in _name_forms(gold_name):
        g_words = gold.split()
        for name in names:
            for candidate in _name_forms(name):
                c_words = candidate.split()
                if candidate == gold or fuzz.token_set_ratio(candidate, gold) >= 92:
                    return True
                # Surnames agree and the given names (when both have one) do not clash.
                surname_agrees = len(g_words) > 1 and bool(c_words) and c_words[-1] == g_words[-1]
                if surname_agrees and (len(c_words) == 1 or c_words[0][0] == g_words[0][0]):
                    return True
                if len(g_words) == 1 and len(c_words) > 1 and g_words[0] in c_words:
                    return True
    return False


# --- gold -----------------------------------------------------------------------------


OPENING_MARKS = "«“‹\"'"
CLOSING_MARKS = "»”›\"'"
MARK_SPACES = " \u00a0\u202f\u2009"


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while needle and i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _between_marks(text: str, start: int, end: int) -> bool:
    """Is text[start:end] enclosed by quote marks (or cut by the end of the text)?"""
    before = text[:start].rstrip(MARK_SPACES)
    after = text[end:].lstrip(MARK_SPACES)
    return before[-1:] in set(OPENING_MARKS) and (not after or after[0] in set(CLOSING_MARKS))


def _quote_occurrences(text: str, needle: str, count: int) -> list[int]:
    """Where a gold quote is: its text is written "without the outer quote marks", so the
    occurrences between quote marks come first ("est « positif »" rather than the unquoted
    "un pronostic positif" earlier in the text); the others only when too few are quoted."""
    starts = _occurrences(text, needle)
    quoted = [s for s in starts if _between_marks(text, s, s + len(needle))]
    chosen = (quoted + [s for s in starts if s not in quoted])[:count]
    return sorted(chosen)


def gold_quotes(gold: Mapping[str, Any], report: Report) -> tuple[list[GoldQuote], list[str]]:
    """Gold quotes located in the report's article texts, and gold files with no article."""
    matcher = ArticleMatcher.of_report(report)
    located: list[GoldQuote] = []
    unmatched: list[str] = []
    for key, entry in dict(gold.get("files", {})).items():
        if key.startswith("_"):
            continue
        article_id = matcher.find(key)
        if article_id is None:
            unmatched.append(key)
            continue
        text = report.article(article_id).text
        items = [(q, "quote") for q in entry.get("quotes", [])]
        items += [(q, "indirect") for q in entry.get("indirect_quotes", [])]
        for item, source in items:
            if item.get("unmarked"):
                continue  # a pull quote without quote marks: not a quote by the marks
            if source == "indirect":
                kind = "indirect"
            elif item.get("fragment") or item.get("kind") == "partial":
                kind = "partial"
            else:
                kind = "direct"
            count = int(item.get("count", 1))
            if source == "indirect":
                starts = _occurrences(text, item["text"])[:count]
            else:
                starts = _quote_occurrences(text, item["text"], count)
            if not starts:
                raise ScoreError(
                    f"gold quote not found in article {article_id}: {item['text'][:60]!r}"
                )
            for start in starts:
                located.append(
                    GoldQuote(
                        article_id,
                        start,
                        start + len(item["text"]),
                        item["text"],
                        kind,
                        item.get("speaker"),
                        bool(item.get("speaker_unnamed")),
                    )
                )
    return located, unmatched


# --- scoring --------------------------------------------------------------------------


def _overlap(gold: GoldQuote, quote: Quote) -> float:
    shared = min(gold.end, quote.end) - max(gold.start, quote.start)
    return max(0, shared) / max(1, gold.end - gold.start)


def _speaker_names(report: Report, quote: Quote) -> list[str]:
    if quote.speaker:
        try:
            entity = report.entity(quote.speaker)
        except KeyError:
            return [quote.speaker_text] if quote.speaker_text else []
        return [entity.name, *entity.variants]
    return [quote.speaker_text] if quote.speaker_text else []


def _speaker_ok(report: Report, gold: GoldQuote, quote: Quote) -> bool:
    if gold.speaker is None:
        return gold.unnamed and quote.speaker is None
    if gold.unnamed and quote.speaker is None and quote.speaker_text is None:
        # the gold speaker is only described ("interlocuteur non identifié"): a quote
        # whose speaker is left unknown names no one wrongly
        return True
    return same_speaker(gold.speaker, _speaker_names(report, quote))


def score_group(
    report: Report,
    golds: Sequence[GoldQuote],
    predicted: Sequence[Quote],
    group: str,
    threshold: float,
) -> tuple[GroupScore, list[Miss]]:
    misses: list[Miss] = []
    best_for_gold: dict[int, int] = {}
    for g_index, gold in enumerate(golds):
        ranked = [
            (_overlap(gold, quote), p_index)
            for p_index, quote in enumerate(predicted)
            if quote.article == gold.article
        ]
        ranked = [r for r in ranked if r[0] >= threshold]
        if ranked:
            best_for_gold[g_index] = max(ranked)[1]
    speaker_correct = 0
    for g_index, gold in enumerate(golds):
        p_index = best_for_gold.get(g_index)
        if p_index is None:
            misses.append(Miss(group, threshold, gold, None, "not found"))
        elif _speaker_ok(report, gold, predicted[p_index]):
            speaker_correct += 1
        else:
            names = _speaker_names(report, predicted[p_index])
            misses.append(
                Miss(
                    group,
                    threshold,
                    gold,
                    predicted[p_index],
                    "wrong speaker",
                    names[0] if names else None,
                )
            )
    correct_predictions = set(best_for_gold.values())
    for p_index, quote in enumerate(predicted):
        if p_index not in correct_predictions:
            misses.append(Miss(group, threshold, None, quote, "spurious"))
    score = GroupScore(
        correct=len(correct_predictions),
        predicted=len(predicted),
        gold=len(golds),
        found=len(best_for_gold),
        speaker_correct=speaker_correct,
    )
    return score, misses


def score_quotes(
    gold: Mapping[str, Any], report: Report, thresholds: Sequence[float] = THRESHOLDS
) -> QuoteScore:
    golds, unmatched = gold_quotes(gold, report)
    matcher = ArticleMatcher.of_report(report)
    scored = {g.article for g in golds} | {matcher.find(k) for k in gold.get("files", {})}
    predictions = [q for q in report.quotes if q.article in scored]
    groups: dict[float, dict[str, GroupScore]] = {}
    misses: list[Miss] = []
    for threshold in thresholds:
        groups[threshold] = {}
        for group, kinds in GROUP_KINDS.items():
            group_gold = [g for g in golds if g.kind in kinds]
            group_predicted = [q for q in predictions if q.kind in kinds]
            score, group_misses = score_group(report, group_gold, group_predicted, group, threshold)
            groups[threshold][group] = score
            if group in {"direct+partial", "indirect"}:
                misses += group_misses
    return QuoteScore(groups, tuple(misses), tuple(unmatched))


# --- files and output -----------------------------------------------------------------


def evaluate_quotes(gold_path: Path, report_path: Path) -> QuoteScore:
    """Score a JSON report (``recoupe analyze --format json``) against a gold file."""
    return score_quotes(load_gold(gold_path), load_report(report_path))


def format_score(score: QuoteScore, show_errors: bool = False) -> str:
    lines = []
    for threshold, groups in score.groups.items():
        lines.append(f"overlap >= {threshold:.0%} of the gold span")
        lines.append(
            f"  {'group':<15} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}"
        )
        for name, s in groups.items():
            lines.append(
                f"  {name:<15} {s.gold:>5} {s.predicted:>5} {s.precision:>6.3f} {s.recall:>6.3f} "
                f"{s.f1:>6.3f} {s.speaker_accuracy:>8.3f}"
            )
    if score.unmatched_files:
        lines.append(
            "gold files with no article in the report: " + ", ".join(score.unmatched_files)
        )
    if show_errors:
        lines.append("errors (overlap >= 30%):")
        for miss in score.misses:
            if miss.threshold != THRESHOLDS[0]:
                continue
            item = miss.gold or miss.predicted
            assert item is not None
            speaker = (
                f" (predicted speaker {miss.speaker!r}, gold {miss.gold.speaker!r})"
                if miss.gold and miss.reason == "wrong speaker"
                else ""
            )
            lines.append(
                f"  [{miss.group}] {miss.reason}: {item.article}: {item.text[:90]!r}{speaker}"
            )
    return "\n".join(lines)


def score_json(score: QuoteScore) -> str:
    return to_json(score.as_dict())
