"""The CLI: thin, documented, clean errors and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from recoupe.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        found[full] = command
        if isinstance(command, click.Group):
            found.update(_commands(command, full + " "))
    return found


def test_every_command_and_option_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, command in _commands(main).items():
        assert f"recoupe {name}" in readme, f"`recoupe {name}` is not documented in README.md"
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                assert longest in readme, f"option {longest} of `recoupe {name}` is undocumented"


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["$id"] == "recoupe/report/v1"


def test_analyze_mixed_inputs_reports_rejections_and_summary(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Le conseil municipal de Brisac vote le budget\n"
        "Le conseil municipal de Brisac a adopté mardi un budget de 12 millions d'euros, "
        "a annoncé la maire Hélène Vautrin.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert [a["id"] for a in data["articles"]] == ["good"]
    reasons = {Path(r["path"]).name: r["reason"] for r in data["rejected"]}
    assert set(reasons) == {"empty.txt", "blob.txt"}
    assert re.search(r"1 analysed, 2 rejected", result.output)
    # every long phase says so (one line each off a terminal)
    for phase in (
        "loading the model…",
        "linking entities and stories…",
        "comparing the stories…",
        "writing the json report…",
    ):
        assert phase in result.output


def test_markdown_output(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        " date 2025-02-11 Le préfet Marc Olivier a visité l'usine de Brisac.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["analyze", str(article), "--format", "md", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# recoupe report")
    assert "2025-02-11" in result.output
    assert (
        "…\n" not in result.output.split("# recoupe report")[0]
        and "linking entities" not in result.output
    )  # -q


def test_all_inputs_rejected_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "empty.txt")])
    assert result.exit_code == 3
    assert "empty" in result.output


def test_missing_path_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope.txt"), "-o", str(output)])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output and "Traceback" not in result.output
    assert not output.exists()


@pytest.mark.parametrize("command", [["search", "maire"], ["export"]])
def test_search_and_export_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "absent.db"
    result = CliRunner().invoke(main, [*command, "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: no database at {db}; add articles first with `recoupe ingest --db {db} FILES`"
    ]
    assert not db.exists()


def test_database_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "missing-dir" / "x.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot create the database {db}: directory {db.parent} does not exist"
    ]
