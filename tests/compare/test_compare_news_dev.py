"""Cross-checking on real news (../shared/data/news-dev): pinned minimums of what was reached.

The issue's targets (README, Quality): contradictions recall >= 0.70 at
precision >= 0.80 (reached), corroborated recall >= 0.80, corroborated + single-source
findings <= 1.5 x the gold facts. These pins only stop a slide back.
"""

from __future__ import annotations

import pytest

from recoupe.evaluate.findings import score_findings
from recoupe.model import to_dict

CONTRADICTIONS_MIN_RECALL = 0.71
CONTRADICTIONS_MIN_PRECISION = 1.0
CORROBORATED_MIN_RECALL = 0.8  # 61/76 (0.80) reached; issue 11 target 0.80
SINGLE_SOURCE_MIN_RECALL = 0.8
MAX_FINDINGS_PER_GOLD_FACT = (
    1.35  # corroborated + single-source findings / gold facts (target <= 1.5; 1.30 reached)
)


@pytest.fixture(scope="module")
def news_dev(shared_dir):
    import json

    from recoupe import analyze

    folder = shared_dir / "data" / "news-dev"
    report = to_dict(analyze(sorted(folder.glob("*.jsonl"))))
    return json.loads((folder / "gold.json").read_text("utf-8")), report


def test_news_dev_contradictions(news_dev):
    gold, report = news_dev
    contradictions = score_findings(gold, report)["contradictions"]
    assert contradictions["recall"] >= CONTRADICTIONS_MIN_RECALL, contradictions
    assert contradictions["precision"] >= CONTRADICTIONS_MIN_PRECISION, contradictions
    assert contradictions["not_contradictions_reported"] == [], contradictions


def test_news_dev_corroborated_and_single_source_findings_are_few_and_found(news_dev):
    gold, report = news_dev
    scores = score_findings(gold, report)
    corroborated, single = scores["corroborated"], scores["single_source"]
    assert corroborated["recall"] >= CORROBORATED_MIN_RECALL, corroborated
    assert single["recall"] >= SINGLE_SOURCE_MIN_RECALL, single
    ratio = (corroborated["findings"] + single["findings"]) / (
        corroborated["gold"] + single["gold"]
    )
    assert ratio <= MAX_FINDINGS_PER_GOLD_FACT


def test_news_dev_findings_never_set_an_outlet_against_itself(news_dev):
    _, report = news_dev
    source = {a["id"]: a.get("source") or a["id"] for a in report["articles"]}
    for story in report["stories"]:
        for finding in story["findings"]:
            if finding["kind"] == "contradiction":
                outlets = {source[e["article"]] for e in finding["evidence"]}
                assert len(outlets) >= 2 or finding["slot"] in {"number", "date", "role"}, finding[
                    "summary"
                ]
                assert finding["values"] and finding["title"] and 0 < finding["confidence"] <= 1
