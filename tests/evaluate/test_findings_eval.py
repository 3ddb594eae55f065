"""The findings scorer on small hand-made gold/report pairs, and its CLI command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from recoupe.cli import main
from recoupe.evaluate.findings import score_findings
from recoupe.model import Report, from_dict, to_dict

TEXT_A = "La ministre de l'Intérieur, Hélène Marchal, est venue. Trois personnes sont mortes."
TEXT_B = "La ministre de la Justice, Hélène Marchal, est venue. Trois morts sont à déplorer."
TEXT_C = "Le conseil municipal a voté le budget."


def _gold() -> dict:
    return {
        "events": {
            "E1": {
                "files": ["a.txt", "b"],
                "corroborated": [
                    {
                        "fact": "Three people died",
                        "files": ["a.txt", "b"],
                        "evidence": {"a.txt": "Trois personnes sont mortes", "b": "Trois morts"},
                    },
                    {"fact": "Marchal visited", "files": ["a.txt", "b"]},
                ],
                "single_source": [{"fact": "nothing", "file": "a.txt", "evidence": "est venue"}],
                "contradictions": [
                    {
                        "slot": "role",
                        "subject": "Hélène Marchal",
                        "values": {
                            "a.txt": "ministre de l'Intérieur",
                            "b": "ministre de la Justice",
                        },
                    }
                ],
                "not_contradictions": [
                    {
                        "slot": "number",
                        "subject": "morts",
                        "values": {"a.txt": "Trois", "b": "Trois"},
                    }
                ],
            },
            "E2": {"files": ["c"]},
        }
    }


def _ev(article: str, text: str, needle: str, value: str | None = None) -> dict:
    start = text.index(needle)
    return {
        "article": article,
        "start": start,
        "end": start + len(needle),
        "text": needle,
        "value": value,
    }


def _report(stories: list[list[str]], findings: list[dict]) -> dict:
    return {
        "articles": [
            {"id": "a", "path": "corpus/a.txt", "text": TEXT_A},
            {"id": "b", "path": "b.json", "text": TEXT_B},
            {"id": "c", "path": None, "text": TEXT_C},
        ],
        "stories": [
            {
                "id": f"S{n}",
                "title": "",
                "articles": members,
                "findings": findings if n == 1 else [],
            }
            for n, members in enumerate(stories, 1)
        ],
    }


ROLE = {
    "kind": "contradiction",
    "slot": "role",
    "subject": "Hélène Marchal",
    "summary": "role differs",
    "evidence": [
        _ev("a", TEXT_A, "ministre de l'Intérieur", "ministre de l'Intérieur"),
        _ev("b", TEXT_B, "ministre de la Justice", "ministre de la Justice"),
    ],
}
FALSE_NUMBER = {
    "kind": "contradiction",
    "slot": "number",
    "subject": "nombre de morts",
    "summary": "x",
    "evidence": [
        _ev("a", TEXT_A, "Trois personnes", "Trois"),
        _ev("b", TEXT_B, "Trois morts", "Trois"),
    ],
}
TOLL = {
    "kind": "corroborated",
    "slot": "fact",
    "subject": "",
    "summary": "",
    "evidence": [
        _ev("a", TEXT_A, "Trois personnes sont mortes."),
        _ev("b", TEXT_B, "Trois morts sont à déplorer."),
    ],
}


def test_perfect_report_scores_one():
    scores = score_findings(_gold(), _report([["a", "b"], ["c"]], [ROLE, TOLL]))
    assert scores["stories"]["exact"] and scores["stories"]["pair_recall"] == 1.0
    assert scores["contradictions"]["recall"] == scores["contradictions"]["precision"] == 1.0
    assert (
        scores["corroborated"]["found"] == 1
    )  # the second fact has no evidence and no keyword match
    assert scores["single_source"]["recall"] == 0.0


def test_wrong_stories_and_false_contradictions_are_counted():
    scores = score_findings(_gold(), _report([["a"], ["b", "c"]], [FALSE_NUMBER]))
    assert not scores["stories"]["exact"]
    assert scores["stories"]["pair_recall"] == 0.0 and scores["stories"]["pair_precision"] == 0.0
    assert scores["contradictions"]["recall"] == 0.0
    assert scores["contradictions"]["precision"] == 0.0
    assert scores["contradictions"]["not_contradictions_reported"] == ["number: morts"]


def test_cli_eval_findings(tmp_path):
    gold, report = tmp_path / "gold.json", tmp_path / "report.json"
    gold.write_text(json.dumps(_gold()), "utf-8")
    # The CLI reads a whole report, checked against the schema: written the way render_json does.
    full = to_dict(from_dict(Report, _report([["a", "b"], ["c"]], [ROLE, TOLL])))
    report.write_text(json.dumps(full), "utf-8")
    result = CliRunner().invoke(main, ["eval", "findings", str(gold), str(report)])
    assert result.exit_code == 0, result.output
    assert "contradictions: recall 1.00, precision 1.00" in result.output
    result = CliRunner().invoke(main, ["eval", "findings", str(gold), str(report), "--json"])
    assert json.loads(result.output)["stories"]["exact"] is True


def test_cli_eval_findings_rejects_non_gold(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text("[]", "utf-8")
    result = CliRunner().invoke(main, ["eval", "findings", str(gold), str(gold)])
    assert result.exit_code != 0
    assert "not a JSON object" in result.output
