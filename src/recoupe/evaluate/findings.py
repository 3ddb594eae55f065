"""Score stories and findings of a JSON report against a gold file.

Gold format: the ``events`` of ``examples/gold.json`` / ``../shared/gold/seeds.json``
(files per event; ``corroborated`` facts with their files and, optionally, an
evidence substring per file; ``single_source`` facts with their file and
optional evidence; ``contradictions`` with slot, subject, values per file and
optional evidence; optional ``not_contradictions``).

- stories: pairwise precision/recall over articles grouped together, and
  whether the grouping is exactly the gold one;
- contradictions: a found contradiction matches a gold one when the slot is
  the same, its evidence comes from at least two gold files holding different
  values, and the subject matches (fuzzy), or its evidence overlaps the gold
  evidence, or its values are the gold values;
- corroborated / single-source facts: matched by evidence overlap when the
  gold gives evidence, else by files and keyword overlap (recall only: gold
  fact lists are not exhaustive).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from recoupe.evaluate.base import ArticleMatcher, ScoreError, load_gold, load_report_data, to_json
from recoupe.fr.text import fold

SUBJECT_SIMILARITY = 80.0
# recoupe's slot -> the gold's name for it: gold files call a claim and its denial "other"
SLOT_ALIASES = {"negation": "other"}
MIN_KEYWORDS = 2
COGNATE_PREFIX = 5
ENGLISH_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "which",
        "also",
        "into",
        "over",
        "after",
        "before",
        "about",
        "their",
        "than",
        "then",
        "there",
        "these",
        "those",
        "they",
        "them",
        "been",
        "have",
        "has",
        "had",
        "its",
        "his",
        "her",
        "said",
        "says",
        "only",
        "more",
        "most",
        "some",
        "such",
        "other",
        "took",
        "place",
        "right",
        "side",
        "including",
        "possible",
    ]
)

Span = tuple[int, int]


@dataclass(frozen=True)
class _Article:
    id: str
    text: str


def _article_index(report: dict[str, Any], gold_files: Iterable[str]) -> dict[str, _Article]:
    """Gold file key -> the report's article (see :class:`~recoupe.evaluate.base.ArticleMatcher`)."""
    texts = {a["id"]: a.get("text") or "" for a in report.get("articles", [])}
    matcher = ArticleMatcher.of_report_data(report)
    out = {}
    for gold_key in gold_files:
        found = matcher.find(gold_key)
        if found is not None:
            out[gold_key] = _Article(found, texts[found])
    return out


def _ratio(hit: int, total: int) -> float:
    return round(hit / total, 4) if total else 1.0


# --- stories ----------------------------------------------------------------------


def score_stories(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    events = gold.get("events", {})
    files = [f for event in events.values() for f in event.get("files", [])]
    index = _article_index(report, files)
    gold_groups = [
        frozenset(index[f].id for f in event.get("files", []) if f in index)
        for event in events.values()
    ]
    known = set().union(*gold_groups) if gold_groups else set()
    found_groups = [
        frozenset(a for a in story.get("articles", []) if a in known)
        for story in report.get("stories", [])
    ]
    found_groups = [g for g in found_groups if g]

    def pairs(groups: list[frozenset[str]]) -> set[frozenset[str]]:
        return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}

    gold_pairs, found_pairs = pairs(gold_groups), pairs(found_groups)
    hit = len(gold_pairs & found_pairs)
    return {
        "gold_stories": len(gold_groups),
        "found_stories": len(found_groups),
        "pair_precision": _ratio(hit, len(found_pairs)),
        "pair_recall": _ratio(hit, len(gold_pairs)),
        "exact": sorted(map(sorted, gold_groups)) == sorted(map(sorted, found_groups)),
        "missing_articles": sorted(set(files) - set(index)),
    }


# --- evidence helpers -------------------------------------------------------------


def _locate(text: str, needle: str) -> Span | None:
    start = text.find(needle)
    if start < 0:
        start = text.casefold().find(needle.casefold())
    return (start, start + len(needle)) if start >= 0 else None


def _overlaps(spans: Iterable[Span], target: Span) -> bool:
    return any(s < target[1] and target[0] < e for s, e in spans)


def _evidence_by_article(finding: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for ev in finding.get("evidence", []):
        out.setdefault(ev["article"], []).append(ev)
    return out


def _keywords(fact: str) -> tuple[list[str], list[str]]:
    """Words of an (English or French) gold fact, and its quoted French fragments."""
    quoted = [q for q in re.findall(r"['‘’\"«»“”]([^'‘’\"«»“”]{6,})['‘’\"«»“”]", fact)]
    words = [
        w
        for w in re.findall(r"\w+", fold(fact))
        if len(w) >= 4 and w not in ENGLISH_STOPWORDS and not w.isdigit()
    ]
    return list(dict.fromkeys(words)), quoted


def _keyword_hits(fact: str, text: str) -> int:
    words, quoted = _keywords(fact)
    folded = fold(text)
    prefixes = {w[:COGNATE_PREFIX] for w in re.findall(r"\w+", folded) if len(w) >= 4}
    hits = sum(1 for w in words if w[:COGNATE_PREFIX] in prefixes)
    hits += sum(2 for q in quoted if fold(q) in folded)
    return hits


# --- facts ------------------------------------------------------------------------


def _findings(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [
        f
        for story in report.get("stories", [])
        for f in story.get("findings", [])
        if f.get("kind") == kind
    ]


def _fact_supported(
    fact: dict[str, Any],
    files: list[str],
    finding: dict[str, Any],
    index: dict[str, _Article],
) -> int:
    """How many of the fact's files the finding supports (evidence overlap or keywords)."""
    by_article = _evidence_by_article(finding)
    evidence = fact.get("evidence")
    supported = 0
    for file in files:
        article = index.get(file)
        if article is None or article.id not in by_article:
            continue
        spans = [(e["start"], e["end"]) for e in by_article[article.id]]
        if isinstance(evidence, dict) and file in evidence:
            target = _locate(article.text, evidence[file])
            if target and _overlaps(spans, target):
                supported += 1
        elif isinstance(evidence, str):
            target = _locate(article.text, evidence)
            if target and _overlaps(spans, target):
                supported += 1
        else:
            text = " ".join(e.get("text", "") for e in by_article[article.id])
            if _keyword_hits(fact.get("fact", ""), text) >= MIN_KEYWORDS:
                supported += 1
    return supported


def score_facts(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    events = gold.get("events", {})
    index = _article_index(report, [f for e in events.values() for f in e.get("files", [])])
    corroborated = _findings(report, "corroborated")
    single = _findings(report, "single_source")
    out: dict[str, Any] = {}
    for kind, found in (("corroborated", corroborated), ("single_source", single)):
        total, hit, missed = 0, 0, []
        for event in events.values():
            for fact in event.get(kind, []):
                files = fact.get("files") or [fact.get("file")]
                need = 2 if kind == "corroborated" else 1
                total += 1
                if any(
                    _fact_supported(fact, files, f, index) >= min(need, len(files)) for f in found
                ):
                    hit += 1
                else:
                    missed.append(fact.get("fact", ""))
        out[kind] = {
            "gold": total,
            "found": hit,
            "recall": _ratio(hit, total),
            "findings": len(found),
            "missed": missed,
        }
    return out


# --- contradictions -----------------------------------------------------------------


def _gold_slot(item: dict[str, Any]) -> tuple[str, str]:
    """(slot, subject); "role of Yoav Gallant" -> ("role", "Yoav Gallant")."""
    slot = str(item.get("slot", ""))
    subject = str(item.get("subject", ""))
    match = re.match(r"(\w+)\s+of\s+(.+)", slot)
    if match:
        slot, subject = match.group(1), subject or match.group(2)
    return slot, subject


def _value_match(gold_value: str, found_values: Iterable[str]) -> bool:
    g = fold(gold_value)
    digits = re.sub(r"\D", "", g)
    for value in found_values:
        v = fold(value)
        if digits and digits == re.sub(r"\D", "", v):
            return True
        if not digits and (g in v or v in g) and v:
            return True
    return False


def contradiction_matches(
    item: dict[str, Any], finding: dict[str, Any], index: dict[str, _Article], distinct: bool = True
) -> bool:
    """Does a found contradiction report this gold item (``distinct``: gold values must differ)?"""
    slot, subject = _gold_slot(item)
    if SLOT_ALIASES.get(finding.get("slot", ""), finding.get("slot")) != slot:
        return False
    values: dict[str, str] = item.get("values", {})
    by_article = _evidence_by_article(finding)
    involved = {f: v for f, v in values.items() if f in index and index[f].id in by_article}
    if distinct and len({fold(v) for v in involved.values()}) < 2:
        return False
    if len(involved) < 2 and len(values) >= 2 and not distinct:
        return False
    if (
        subject
        and fuzz.token_set_ratio(fold(subject), fold(finding.get("subject", "")))
        >= SUBJECT_SIMILARITY
    ):
        return True
    evidence = item.get("evidence", {})
    overlap = 0
    value_hits = 0
    for file, value in involved.items():
        article = index[file]
        spans = [(e["start"], e["end"]) for e in by_article[article.id]]
        if file in evidence:
            target = _locate(article.text, evidence[file])
            if target and _overlaps(spans, target):
                overlap += 1
        if _value_match(
            value, [e.get("value") or e.get("text", "") for e in by_article[article.id]]
        ):
            value_hits += 1
    return overlap >= 2 or value_hits >= 2


def score_contradictions(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    events = gold.get("events", {})
    index = _article_index(report, [f for e in events.values() for f in e.get("files", [])])
    known = {a.id for a in index.values()}
    found = [
        f
        for f in _findings(report, "contradiction")
        if {e["article"] for e in f.get("evidence", [])} & known
    ]
    gold_items = [c for e in events.values() for c in e.get("contradictions", [])]
    not_items = [c for e in events.values() for c in e.get("not_contradictions", [])]
    matched_found: set[int] = set()
    by_slot: dict[str, dict[str, int]] = {}
    missed = []
    for item in gold_items:
        slot = _gold_slot(item)[0]
        row = by_slot.setdefault(slot, {"gold": 0, "found": 0})
        row["gold"] += 1
        hits = [i for i, f in enumerate(found) if contradiction_matches(item, f, index)]
        if hits:
            row["found"] += 1
            matched_found.update(hits)
        else:
            missed.append(f"{slot}: {_gold_slot(item)[1]}")
    false_positives = [found[i] for i in range(len(found)) if i not in matched_found]
    violations = [
        f"{_gold_slot(item)[0]}: {_gold_slot(item)[1]}"
        for item in not_items
        if any(contradiction_matches(item, f, index, distinct=False) for f in false_positives)
    ]
    hit = sum(row["found"] for row in by_slot.values())
    return {
        "gold": len(gold_items),
        "found": len(found),
        "recall": _ratio(hit, len(gold_items)),
        "precision": _ratio(len(matched_found), len(found)),
        "by_slot": by_slot,
        "missed": missed,
        "false_positives": [f"{f.get('slot')}: {f.get('summary')}" for f in false_positives],
        "not_contradictions_reported": violations,
    }


def score_findings(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """Every score of this module for one gold file and one JSON report."""
    return {
        "stories": score_stories(gold, report),
        "contradictions": score_contradictions(gold, report),
        **score_facts(gold, report),
    }


def score_findings_files(gold_path: str | Path, report_path: str | Path) -> dict[str, Any]:
    gold = load_gold(gold_path)
    if not isinstance(gold.get("events"), dict):
        raise ScoreError(f'{gold_path} has no "events" object (see examples/gold.json)')
    return score_findings(gold, load_report_data(report_path))


def score_json(scores: dict[str, Any]) -> str:
    return to_json(scores)


def format_score(scores: dict[str, Any], show_errors: bool = False) -> str:
    """A short human-readable summary (with --errors: what was missed or wrongly reported)."""
    stories = scores["stories"]
    contradictions = scores["contradictions"]
    lines = [
        f"stories: {stories['found_stories']} found / {stories['gold_stories']} gold, "
        f"pair precision {stories['pair_precision']:.2f}, pair recall {stories['pair_recall']:.2f}, "
        f"exact {'yes' if stories['exact'] else 'no'}",
        f"contradictions: recall {contradictions['recall']:.2f}, precision {contradictions['precision']:.2f} "
        f"({contradictions['found']} found, {contradictions['gold']} gold)",
    ]
    for slot, row in sorted(contradictions["by_slot"].items()):
        lines.append(f"  {slot}: {row['found']}/{row['gold']}")
    for kind in ("corroborated", "single_source"):
        row = scores[kind]
        lines.append(
            f"{kind}: recall {row['recall']:.2f} ({row['found']}/{row['gold']} gold facts; {row['findings']} findings)"
        )
    if show_errors:
        for title, items in (
            ("missed contradictions", contradictions["missed"]),
            ("false contradictions", contradictions["false_positives"]),
            ("not-contradictions reported", contradictions["not_contradictions_reported"]),
            ("missed corroborated facts", scores["corroborated"]["missed"]),
            ("missed single-source facts", scores["single_source"]["missed"]),
        ):
            if items:
                lines.append(f"{title}:")
                lines += [f"  - {item}" for item in items]
    return "\n".join(lines)
