"""`recoupe ingest`, `recoupe search` and `recoupe export` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import write_corpus

from recoupe.cli import main


@pytest.mark.slow
def test_ingest_twice_then_search_and_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    (corpus / "vide.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)  # the default database is ./recoupe.db
    runner = CliRunner()

    first = runner.invoke(main, ["ingest", str(corpus), "--batch-size", "2"])
    assert first.exit_code == 0, first.output
    first_line = first.stdout.splitlines()[-1]
    assert first_line.startswith("3 added, 0 unchanged, 0 duplicates, 1 rejected, ")
    assert (tmp_path / "recoupe.db").is_file()

    again = runner.invoke(main, ["ingest", str(corpus), "-q"])
    # the second run states the story count too, unchanged
    assert (
        again.stdout.strip()
        == "0 added, 3 unchanged, 0 duplicates, 1 rejected, " + first_line.split(", ")[-1]
    )

    found = runner.invoke(main, ["search", "Vireloup", "--db", "recoupe.db"])
    assert found.exit_code == 0
    lines = found.stdout.splitlines()
    assert lines and all(
        line.startswith("art-002\tarticle\t") and "[Vireloup]" in line for line in lines
    )

    exported = runner.invoke(main, ["export", "--table", "articles", "--table", "rejected"])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [(r["table"], r.get("id") or r.get("path")) for r in records] == [
        ("articles", "art-000"),
        ("articles", "art-001"),
        ("articles", "art-002"),
        ("rejected", "corpus/vide.txt"),
    ]
    bad = runner.invoke(main, ["export", "--format", "csv"])
    assert bad.exit_code == 2 and "-o DIR_OR_FILE" in bad.output
