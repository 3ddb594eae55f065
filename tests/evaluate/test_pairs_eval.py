"""recoupe eval pairs: reading DACCORD-format files, scoring, and the pinned DACCORD dev scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.api import compare_groups
from recoupe.cli import main
from recoupe.evaluate.pairs import (
    Pair,
    PairsError,
    PairVerdict,
    evaluate_pairs,
    judge_pair,
    pair_articles,
    read_pairs,
    score_verdicts,
)

# reached on daccord-dev (497 pairs) when this was written; the issue asks precision >= 0.85
# at recall >= 0.50 and no contradictory pair called corroborated (see README, Quality)
# (0.854 / 0.174, 41 of 48: 0.826 / 0.161 before the sentence denial pass and "Covid-19" read
# as a name, not a figure; 0.860 / 0.182, 43 of 50, since an acronym joins its full name across
# articles ("GRC" / "Gendarmerie royale du Canada"), a denial of another figure agrees and a bare
# percentage of a share "parmi" a group is a percentage of that group)
DACCORD_MIN_PRECISION = 0.85
DACCORD_MIN_RECALL = 0.18
# 36 (52 before) since a sentence never corroborates another that affirms what one of its own
# negations bears on ("n'a pas choqué" / "ont été choquées", "ce n'est pas X mais Y" / X, "sans
# être invité" / "invité par"), calls its own claim false, says an antonym (inflections and
# avant/après on the same word included), or is set against it by a polarity or place
# contradiction; the rest are mostly a clause both sentences share while another sentence differs,
# a word substituted that no table knows, or a figure outside the shared clause (docs/analysis.md);
# 29 since a sentence contradicted as a whole corroborates nothing of that outlet, a restriction
# ("seulement par un médecin", "ne … que", a cleft's names) the other never says withholds it,
# a figure-less clause does not corroborate a figure its own sentence gives otherwise, and a
# clause opening on "ne" denies ("Ni X, ni Y, n'ont …"); 28 since "le taux de X parmi les cas
# est inférieur à 50 %" and "80 % des cas" compare as one quantity
DACCORD_MAX_CONTRADICTORY_CORROBORATED = 28

HEADER = "id\tpremise\thypothesis\tlabel\tlabel_text\n"


def _write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text(header + "".join(rows), "utf-8")
    return path


def test_pairs_are_read_with_quoted_fields_and_both_label_styles(tmp_path):
    path = _write(
        tmp_path,
        [
            'p1\t" Le port a ouvert ""hier"" à Brest. "\tLe port de Brest a ouvert.\t0\tcompatibles\n',
            "p2\tLe maire a signé.\tLe maire n'a pas signé.\tcontradiction\tcontradiction\n",
        ],
    )
    first, second = read_pairs(path)
    assert first == Pair(
        "p1", 'Le port a ouvert "hier" à Brest.', "Le port de Brest a ouvert.", False
    )
    assert second.contradiction


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        ("id\tpremise\tlabel\n", "p1\tx\t0\n", "columns"),
        (HEADER, "p1\tx\ty\tmaybe\tx\n", "unknown label"),
    ],
)
def test_a_bad_pair_file_is_a_clear_error(tmp_path, header, row, message):
    with pytest.raises(PairsError, match=message):
        read_pairs(_write(tmp_path, [row], header))
    result = CliRunner().invoke(main, ["eval", "pairs", str(tmp_path / "pairs.tsv")])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_scores_count_contradictions_and_contradictory_pairs_called_corroborated():
    def verdict(gold: bool, found: bool, corroborated: bool = False) -> PairVerdict:
        return PairVerdict(
            Pair("p", "a", "b", gold), found, corroborated, ("number",) if found else ()
        )

    scores = score_verdicts(
        [
            verdict(True, True),
            verdict(True, False, True),
            verdict(False, True),
            verdict(False, False, True),
        ]
    )
    assert (scores.true_positives, scores.found_contradictions, scores.gold_contradictions) == (
        1,
        2,
        2,
    )
    assert scores.precision == 0.5 and scores.recall == 0.5 and scores.f1 == 0.5
    assert (
        scores.contradictory_called_corroborated == 1 and scores.compatible_called_corroborated == 1
    )
    assert scores.by_slot == {"number": [1, 1]}


def test_invented_pairs_are_judged_with_the_model():
    pairs = [
        Pair(
            "n",
            "L'effondrement de la tribune de Saint-Méran a fait 12 morts lundi soir.",
            "L'effondrement de la tribune de Saint-Méran a fait 17 morts lundi soir.",
            True,
        ),
        Pair(
            "d",
            "Le conseil municipal de Port-Lauzac a approuvé le projet d'extension du port.",
            "Le conseil municipal de Port-Lauzac n'a pas approuvé le projet d'extension du port.",
            True,
        ),
        Pair(
            "c",
            "Le conseil municipal de Port-Lauzac a approuvé le projet d'extension du port.",
            "Le projet d'extension du port a été approuvé par le conseil municipal de Port-Lauzac.",
            False,
        ),
    ]
    stories = compare_groups([pair_articles(p) for p in pairs])
    verdicts = {
        p.id: judge_pair(p, story) for p, story in zip(pairs, stories, strict=True) if story
    }
    assert verdicts["n"].contradiction and verdicts["n"].slots == ("number",)
    assert verdicts["d"].contradiction and not verdicts["d"].corroborated
    assert not verdicts["c"].contradiction and verdicts["c"].corroborated


def test_daccord_dev_scores_stay_at_least_what_was_reached(shared_dir):
    scores = evaluate_pairs(shared_dir / "data" / "daccord-dev" / "daccord_dev.tsv", compare_groups)
    assert scores.pairs == 497
    assert scores.precision >= DACCORD_MIN_PRECISION, scores
    assert scores.recall >= DACCORD_MIN_RECALL, scores
    assert scores.contradictory_called_corroborated <= DACCORD_MAX_CONTRADICTORY_CORROBORATED, (
        scores
    )
