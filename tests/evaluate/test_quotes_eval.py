"""The quote scorer: span overlap thresholds, duplicates, speakers, gold location, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli import main
from recoupe.evaluate.base import ScoreError
from recoupe.evaluate.quotes import same_speaker, score_quotes
from recoupe.model import Article, Entity, Quote, Report, to_dict

TEXT = (
    "« Nous tiendrons bon », a déclaré Mme Roux. Le maire a estimé que la digue tiendrait. "
    "Il a dit « nous tiendrons bon » encore."
)


def _report(quotes: list[Quote]) -> Report:
    entities = (
        Entity("E1", "person", "Nathalie Roux", variants=("Mme Roux",)),
        Entity("E2", "person", "Louis Garnier", variants=("Garnier",)),
    )
    return Report(articles=(Article("a1", TEXT),), entities=entities, quotes=tuple(quotes))


def _quote(text: str, kind: str, speaker: str | None, occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Quote("a1", start, start + len(text), text, kind, speaker)  # type: ignore[arg-type]


GOLD = {
    "files": {
        "a1.txt": {
            "quotes": [
                {"text": "Nous tiendrons bon", "speaker": "Nathalie Roux"},
            ],
            "indirect_quotes": [
                {"text": "la digue tiendrait", "speaker": "Louis Garnier", "cue": "a estimé"}
            ],
        }
    }
}


def test_exact_predictions_score_one() -> None:
    report = _report(
        [
            _quote("Nous tiendrons bon", "direct", "E1"),
            _quote("la digue tiendrait", "indirect", "E2"),
        ]
    )
    score = score_quotes(GOLD, report)
    for group in ("direct+partial", "indirect", "overall"):
        s = score.get(group)
        assert (s.precision, s.recall, s.f1, s.speaker_accuracy) == (1.0, 1.0, 1.0, 1.0)


def test_overlap_thresholds_differ() -> None:
    # Predicted span covers half of the gold indirect clause: found at 30%, not at 80%.
    start = TEXT.index("la digue tiendrait")
    half = Quote("a1", start, start + 9, TEXT[start : start + 9], "indirect", "E2")
    score = score_quotes(GOLD, _report([half]))
    assert score.get("indirect", 0.3).recall == 1.0
    assert score.get("indirect", 0.8).recall == 0.0


def test_duplicates_and_wrong_speakers_are_counted() -> None:
    report = _report(
        [
            _quote("Nous tiendrons bon", "direct", "E2"),
            _quote("Nous tiendrons", "direct", "E1"),
        ]
    )
    s = score_quotes(GOLD, report).get("direct+partial")
    assert s.recall == 1.0
    assert s.precision == 0.5  # the second prediction of the same quote is spurious
    assert s.speaker_accuracy == 0.0  # the best-overlapping prediction names Garnier


def test_count_locates_every_occurrence() -> None:
    gold = {
        "files": {
            "a1": {
                "quotes": [{"text": "nous tiendrons bon", "speaker": "Nathalie Roux", "count": 2}]
            }
        }
    }
    report = _report([_quote("nous tiendrons bon", "partial", "E1")])
    s = score_quotes(gold, report).get("direct+partial")
    assert s.gold == 1  # only one lower-case occurrence exists in the text


def test_gold_quote_is_located_between_quote_marks_first() -> None:
    # "la digue" occurs unquoted first; the gold quote is the quoted occurrence further on.
    text = "Le maire parle de la digue. Il a dit que « la digue » tiendra."
    report = Report(
        articles=(Article("a1", text),),
        entities=(Entity("E2", "person", "Louis Garnier"),),
        quotes=(Quote("a1", 43, 51, "la digue", "partial", "E2"),),
    )
    gold = {"files": {"a1": {"quotes": [{"text": "la digue", "speaker": "Louis Garnier"}]}}}
    s = score_quotes(gold, report).get("direct+partial")
    assert (s.recall, s.precision) == (1.0, 1.0)
    # Indirect quotes carry no marks: their first occurrence stays the one scored.
    gold = {"files": {"a1": {"indirect_quotes": [{"text": "la digue", "speaker": "X"}]}}}
    misplaced = Report(
        articles=(Article("a1", text),),
        quotes=(Quote("a1", 43, 51, "la digue", "indirect", None),),
    )
    assert score_quotes(gold, misplaced).get("indirect").recall == 0.0


def test_unnamed_gold_speaker_and_unmarked_pull_quotes() -> None:
    gold = {
        "files": {
            "a1": {
                "quotes": [
                    {
                        "text": "Nous tiendrons bon",
                        "speaker": "interlocuteur non identifié",
                        "speaker_unnamed": True,
                    },
                    {"text": "la digue tiendrait", "speaker": "Louis Garnier", "unmarked": True},
                ]
            }
        }
    }
    unknown = _quote("Nous tiendrons bon", "direct", None)
    s = score_quotes(gold, _report([unknown])).get("direct+partial")
    assert (s.gold, s.recall, s.speaker_accuracy) == (1, 1.0, 1.0)  # the pull quote is not scored
    named = _quote("Nous tiendrons bon", "direct", "E1")  # a name the gold does not give
    assert score_quotes(gold, _report([named])).get("direct+partial").speaker_accuracy == 0.0
    described = Quote("a1", 2, 20, "Nous tiendrons bon", "direct", None, speaker_text="le maire")
    assert score_quotes(gold, _report([described])).get("direct+partial").speaker_accuracy == 0.0


def test_gold_text_missing_from_the_article_is_an_error() -> None:
    gold = {"files": {"a1": {"quotes": [{"text": "absent", "speaker": "X"}]}}}
    with pytest.raises(ScoreError):
        score_quotes(gold, _report([]))


def test_surname_aware_speaker_match() -> None:
    assert same_speaker("Yoav Gallant", ["M. Gallant"])
    assert same_speaker("Forces de défense israéliennes (Tsahal)", ["Tsahal"])
    assert same_speaker("Bureau des affaires humanitaires (OCHA)", ["L'Ocha"])  # elided article
    assert not same_speaker("Bureau des affaires humanitaires (OCHA)", ["L'Onu"])
    assert not same_speaker("Camille Fabre", ["Julien Fabre"])
    assert not same_speaker("Lloyd Austin", ["Yoav Gallant"])


def test_cli_eval_quotes(tmp_path: Path) -> None:
    report = _report([_quote("Nous tiendrons bon", "direct", "E1")])
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), "utf-8")
    (tmp_path / "report.json").write_text(json.dumps(to_dict(report)), "utf-8")
    result = CliRunner().invoke(
        main,
        ["eval", "quotes", str(tmp_path / "gold.json"), str(tmp_path / "report.json"), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overlap>=0.3"]["direct+partial"]["f1"] == 1.0
    text = CliRunner().invoke(
        main,
        ["eval", "quotes", str(tmp_path / "gold.json"), str(tmp_path / "report.json"), "--errors"],
    )
    assert "not found" in text.output  # the indirect quote was not predicted
