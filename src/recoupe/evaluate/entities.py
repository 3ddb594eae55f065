"""Score people and their roles in a report against gold annotations.

Gold files follow the conventions of ``gold/seeds.json``: ``files`` maps a
file name (or article id) to ``persons``, each with a canonical ``name``,
``variants`` (surface forms in that file) and ``roles`` (titles as written).
A gold file maps to its report article by :class:`~recoupe.evaluate.base.ArticleMatcher`.

* Person clustering, B-cubed: every (file, variant) of a gold person is an
  item. Its gold cluster is the canonical name (shared across files); its
  system cluster is the entity with a mention of exactly that text in that
  article (a singleton when none). Precision and recall are averaged over items.
* Roles: per gold person and file, the gold role strings versus the titles of
  the roles the matched entity holds in that article (case-insensitive sets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from recoupe.evaluate.base import (
    ArticleMatcher,
    ScoreError,
    f_score,
    load_gold,
    load_report,
    to_json,
)
from recoupe.model import Report


@dataclass(frozen=True)
class RoleMiss:
    file: str
    person: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass(frozen=True)
class EntityScore:
    bcubed_precision: float
    bcubed_recall: float
    role_precision: float
    role_recall: float
    items: int
    unmatched: tuple[str, ...] = ()  # "file: variant" with no system mention
    role_misses: tuple[RoleMiss, ...] = field(default_factory=tuple)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    @property
    def role_f1(self) -> float:
        return _f1(self.role_precision, self.role_recall)


def _f1(p: float, r: float) -> float:
    return f_score(p, r)


def _system_cluster(report: Report, article: str, variant: str) -> str | None:
    exact: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    for entity in report.entities:
        for mention in entity.mentions:
            if mention.article != article:
                continue
            if mention.text == variant:
                exact[entity.id] += 1
            elif mention.text.casefold() == variant.casefold():
                loose[entity.id] += 1
    best = exact or loose
    return best.most_common(1)[0][0] if best else None


def score_entities(gold: Mapping[str, Any], report: Report) -> EntityScore:
    files = gold.get("files")
    if not isinstance(files, Mapping):
        raise ScoreError("gold has no 'files' object")
    matcher = ArticleMatcher.of_report(report)
    items: list[tuple[str, str]] = []  # (gold cluster, system cluster)
    unmatched: list[str] = []
    role_correct = role_system = role_gold = 0
    misses: list[RoleMiss] = []
    for key, annotation in files.items():
        article = matcher.find(key)
        for person in annotation.get("persons", ()):
            if person.get("photo_credit"):
                continue
            clusters = []
            for variant in person.get("variants", ()):
                system = _system_cluster(report, article, variant) if article else None
                if system is None:
                    unmatched.append(f"{key}: {variant}")
                    system = f"missing:{key}:{variant}"
                else:
                    clusters.append(system)
                items.append((person["name"], system))
            gold_roles = {r.casefold() for r in person.get("roles", ())}
            system_roles: set[str] = set()
            if clusters and article:
                entity = report.entity(Counter(clusters).most_common(1)[0][0])
                system_roles = {r.title.casefold() for r in entity.roles if r.article == article}
            role_correct += len(gold_roles & system_roles)
            role_system += len(system_roles)
            role_gold += len(gold_roles)
            if gold_roles != system_roles:
                misses.append(
                    RoleMiss(
                        key,
                        person["name"],
                        tuple(sorted(gold_roles - system_roles)),
                        tuple(sorted(system_roles - gold_roles)),
                    )
                )
    precision, recall = bcubed(items)
    return EntityScore(
        bcubed_precision=precision,
        bcubed_recall=recall,
        role_precision=role_correct / role_system if role_system else 0.0,
        role_recall=role_correct / role_gold if role_gold else 0.0,
        items=len(items),
        unmatched=tuple(unmatched),
        role_misses=tuple(misses),
    )


def bcubed(items: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """B-cubed precision and recall of (gold cluster, system cluster) items."""
    if not items:
        return 0.0, 0.0
    gold_sizes = Counter(g for g, _ in items)
    system_sizes = Counter(s for _, s in items)
    both = Counter(items)
    precision = sum(both[item] / system_sizes[item[1]] for item in items) / len(items)
    recall = sum(both[item] / gold_sizes[item[0]] for item in items) / len(items)
    return precision, recall


def evaluate_entities(gold_path: Path, report_path: Path) -> EntityScore:
    return score_entities(load_gold(gold_path), load_report(report_path))


def format_score(score: EntityScore, show_errors: bool = False) -> str:
    lines = [
        f"person clustering (B-cubed, {score.items} gold mentions): "
        f"P={score.bcubed_precision:.3f} R={score.bcubed_recall:.3f} F1={score.bcubed_f1:.3f}",
        f"roles: P={score.role_precision:.3f} R={score.role_recall:.3f} F1={score.role_f1:.3f}",
    ]
    if show_errors:
        lines += [f"  no mention: {u}" for u in score.unmatched]
        for miss in score.role_misses:
            lines.append(
                f"  {miss.file} {miss.person}: missing {list(miss.missing)} extra {list(miss.extra)}"
            )
    return "\n".join(lines)


def score_json(score: EntityScore) -> str:
    data = asdict(score)
    data["bcubed_f1"] = score.bcubed_f1
    data["role_f1"] = score.role_f1
    return to_json(data)
