"""Start-up and output at scale: a command imports only what it needs; the JSON report is compact and streamed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("fastapi", "starlette", "dask", "distributed", "sqlalchemy", "trafilatura", "psycopg")


def _modules_after(code: str) -> set[str]:
    probe = (
        code + "\nimport sys, json\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_api_imports_no_story_clustering_web_or_database_code():
    loaded = _modules_after("import recoupe.api, recoupe.cli")
    assert not loaded & {"datasketch", "scipy", *HEAVY}


def test_analysing_text_files_loads_no_web_database_dask_or_html_extraction(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Le marché couvert de Lauzac rouvre\n\nLe maire, Paul Garnier, a annoncé lundi la réouverture"
        " du marché couvert de Lauzac après six mois de travaux.\n",
        "utf-8",
    )
    out = tmp_path / "report.json"
    loaded = _modules_after(
        "from recoupe.cli import main\n"
        f"try:\n    main(['analyze', {str(article)!r}, '-q', '-o', {str(out)!r}])\n"
        "except SystemExit as end:\n    assert not end.code, end.code"
    )
    assert json.loads(out.read_text("utf-8"))["articles"]
    assert "datasketch" in loaded  # stories were clustered
    assert not loaded & set(HEAVY)


def test_json_report_is_compact_unless_indented(tmp_path: Path):
    from recoupe.model import Article, Report
    from recoupe.render.json import render_json

    report = Report(articles=(Article(id="a", text="Titre\n\nCorps."),))
    compact, indented = render_json(report), render_json(report, indent=2)
    assert "\n" not in compact and ", " not in compact
    assert json.loads(compact) == json.loads(indented)
    assert indented.count("\n") > 5


def test_json_written_item_by_item_equals_the_rendered_report(sample_report):
    import io

    from recoupe.render.json import render_json, write_json

    out = io.StringIO()
    write_json(sample_report, out)
    assert out.getvalue() == render_json(sample_report)
    indented = io.StringIO()
    write_json(sample_report, indented, indent=2)
    assert indented.getvalue() == render_json(sample_report, indent=2)


def test_a_story_is_written_in_pieces_never_as_one_string(sample_report):
    import io

    from recoupe.model import to_dict
    from recoupe.render.json import _compact, render_json, write_json, write_jsonl

    class Writes(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.pieces: list[str] = []

        def write(self, text: str) -> int:
            self.pieces.append(text)
            return super().write(text)

    stories = {_compact(to_dict(s)) for s in sample_report.stories if s.findings}
    assert stories
    out, lines = Writes(), Writes()
    write_json(sample_report, out)
    write_jsonl(sample_report, lines)
    assert out.getvalue() == render_json(sample_report)  # the same characters
    assert not stories & set(out.pieces)
    assert not any(story[1:] in piece for story in stories for piece in lines.pieces)
    assert [json.loads(line) for line in lines.getvalue().splitlines()][-1]["record"] == "story"


def test_json_lines_report_holds_every_item_once_in_order(sample_report):
    import io

    from recoupe.model import to_dict
    from recoupe.render.json import JSONL_RECORDS, write_jsonl

    out = io.StringIO()
    write_jsonl(sample_report, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0] == {"schema": sample_report.schema}
    full = to_dict(sample_report)
    for field, kind in JSONL_RECORDS.items():
        records = [
            {k: v for k, v in line.items() if k != "record"}
            for line in lines[1:]
            if line["record"] == kind
        ]
        assert records == full[field], field
    assert len(lines) == 1 + sum(len(full[field]) for field in JSONL_RECORDS)
