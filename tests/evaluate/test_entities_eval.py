"""The entity scorer: B-cubed person clustering and role precision/recall."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli import main
from recoupe.evaluate.entities import bcubed, score_entities
from recoupe.model import Article, Entity, Mention, Report, Role, to_dict

# Minimums reached on the bundled sample corpus (examples/gold.json); raise them on purpose.
SAMPLE_BCUBED_F1 = 0.98
SAMPLE_ROLE_PRECISION = 0.96
SAMPLE_ROLE_RECALL = 0.93


def test_bcubed_perfect_split_and_merge() -> None:
    assert bcubed([("a", "1"), ("a", "1"), ("b", "2")]) == (1.0, 1.0)
    precision, recall = bcubed([("a", "1"), ("b", "1")])
    assert precision == 0.5 and recall == 1.0
    precision, recall = bcubed([("a", "1"), ("a", "2")])
    assert precision == 1.0 and recall == 0.5


def _tiny_report() -> Report:
    text = "Le maire Julien Fabre et M. Fabre."
    role = Role("maire", "art", 3, 8, "maire")
    return Report(
        articles=(Article("art", text),),
        entities=(
            Entity(
                "E1",
                "person",
                "Julien Fabre",
                ("Julien Fabre",),
                (Mention("art", 9, 21, "Julien Fabre"),),
                (role,),
            ),
            Entity("E2", "person", "Fabre", ("M. Fabre",), (Mention("art", 25, 33, "M. Fabre"),)),
        ),
    )


def test_score_counts_split_people_and_roles() -> None:
    gold = {
        "files": {
            "art.txt": {
                "persons": [
                    {
                        "name": "Julien Fabre",
                        "variants": ["Julien Fabre", "M. Fabre"],
                        "roles": ["Maire", "élu"],
                    }
                ]
            }
        }
    }
    score = score_entities(gold, _tiny_report())
    assert score.bcubed_precision == 1.0 and score.bcubed_recall == 0.5
    assert score.role_precision == 1.0 and score.role_recall == 0.5


def test_cli_eval_entities(tmp_path: Path) -> None:
    gold = {
        "files": {
            "art": {
                "persons": [
                    {"name": "Julien Fabre", "variants": ["Julien Fabre"], "roles": ["maire"]}
                ]
            }
        }
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), "utf-8")
    (tmp_path / "report.json").write_text(json.dumps(to_dict(_tiny_report())), "utf-8")
    result = CliRunner().invoke(
        main,
        ["eval", "entities", str(tmp_path / "gold.json"), str(tmp_path / "report.json"), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["bcubed_f1"] == 1.0 and data["role_f1"] == 1.0


def test_cli_eval_entities_bad_gold_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "gold.json").write_text("{}", "utf-8")
    (tmp_path / "report.json").write_text(json.dumps(to_dict(_tiny_report())), "utf-8")
    result = CliRunner().invoke(
        main, ["eval", "entities", str(tmp_path / "gold.json"), str(tmp_path / "report.json")]
    )
    assert result.exit_code != 0 and "files" in result.output


def test_seeds_scores_are_perfect(seeds_report: Report, seeds_gold: dict) -> None:
    score = score_entities(seeds_gold, seeds_report)
    assert score.bcubed_f1 == pytest.approx(1.0)
    assert score.role_precision == pytest.approx(1.0)
    assert score.role_recall == pytest.approx(1.0)


def test_sample_corpus_scores_stay_above_minimums(sample_report: Report, sample_gold: dict) -> None:
    score = score_entities(sample_gold, sample_report)
    assert score.bcubed_f1 >= SAMPLE_BCUBED_F1, score
    assert score.role_precision >= SAMPLE_ROLE_PRECISION, score
    assert score.role_recall >= SAMPLE_ROLE_RECALL, score


def test_julien_and_camille_fabre_stay_two_people(sample_report: Report) -> None:
    fabres = {
        e.name for e in sample_report.entities if e.type == "person" and e.name.endswith("Fabre")
    }
    assert fabres == {"Julien Fabre", "Camille Fabre"}
