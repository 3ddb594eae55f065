"""Issue 2's contract on the real seeds: JSON valid, dates honest, offsets exact, people found."""

from __future__ import annotations

import json

from recoupe.model import to_dict
from recoupe.render.json import render_json, validate

SEED_000 = "000_9014dda8250f2a88"
SEED_003 = "003_1505aa7bd25a2221"


def test_seeds_json_is_valid_against_the_schema(seeds_report) -> None:
    data = json.loads(render_json(seeds_report))
    validate(data)
    assert data["schema"] == "recoupe/report/v1"
    assert len(data["articles"]) == 2
    assert data["rejected"] == []


def test_seed_000_keeps_month_precision_and_has_no_headline(seeds_report) -> None:
    article = seeds_report.article(SEED_000)
    assert article.published == "2024-03"
    assert article.title is None
    assert article.text.startswith("Les pertes civiles")


def test_seed_003_outlet_from_signature_and_first_line_headline(seeds_report) -> None:
    article = seeds_report.article(SEED_003)
    assert article.source == "All Israel News"
    assert article.title is not None
    assert article.text.split("\n", 1)[0] == article.title
    assert article.published is None


def test_every_offset_slices_to_its_text(seeds_report) -> None:
    texts = {a.id: a.text for a in seeds_report.articles}
    spans = [m for e in seeds_report.entities for m in e.mentions]
    spans += [r for e in seeds_report.entities for r in e.roles]
    spans += list(seeds_report.quotes) + list(seeds_report.times)
    spans += [ev for s in seeds_report.stories for f in s.findings for ev in f.evidence]
    assert spans
    for span in spans:
        assert texts[span.article][span.start : span.end] == span.text, to_dict(span)


def test_gold_people_are_person_entities(seeds_report, seeds_gold) -> None:
    persons = [e for e in seeds_report.entities if e.type == "person"]
    for file_name, gold in seeds_gold["files"].items():
        article_id = file_name.rsplit(".", 1)[0]
        found = {m.text for e in persons for m in e.mentions if m.article == article_id} | {
            v for e in persons for v in e.variants
        }
        for person in gold["persons"]:
            surname = person["name"].split()[-1]
            assert any(surname in text for text in found), (file_name, person["name"])
