"""CLI and rendering regressions of issue 15: reports kept whole, FIFOs skipped, inert Markdown."""

from __future__ import annotations

import json
import os
import socket
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recoupe.cli import EXIT_NOTHING_ANALYSED, main
from recoupe.ingest import read_inputs
from recoupe.model import (
    Article,
    Duplicate,
    Entity,
    Evidence,
    Finding,
    Mention,
    Quote,
    Rejected,
    Report,
    Role,
    Story,
    TimelineEvent,
    TimeRef,
)
from recoupe.render.markdown import render_markdown

BODY = (
    "Le conseil municipal de Brisac vote le budget\n"
    "Le conseil municipal de Brisac a adopté mardi un budget de 12 millions d'euros, "
    "a annoncé la maire Hélène Vautrin.\n"
)


# --- failure 2: a FIFO named *.warc hangs every run ---------------------------------


@pytest.mark.timeout(60)
def test_fifo_named_warc_is_rejected_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "archive.warc")
    os.mkfifo(tmp_path / "flux.warc.gz")
    (tmp_path / "bon.txt").write_text(BODY, "utf-8")
    items = list(read_inputs([tmp_path]))
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, Rejected)}
    assert reasons == {
        "archive.warc": "not a regular file: a FIFO (named pipe)",
        "flux.warc.gz": "not a regular file: a FIFO (named pipe)",
    }
    assert [i.id for i in items if isinstance(i, Article)] == ["bon"]


@pytest.mark.timeout(60)
def test_fifo_given_by_name_is_rejected_whatever_its_format(tmp_path: Path) -> None:
    fifo = tmp_path / "entree.json"
    os.mkfifo(fifo)
    for fmt in (None, "warc", "json"):
        from recoupe.ingest import IngestOptions

        (item,) = read_inputs([fifo], IngestOptions(format=fmt))
        assert isinstance(item, Rejected) and "FIFO" in item.reason


def test_socket_and_device_are_rejected(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "prise.txt"))
        assert stat.S_ISSOCK(os.stat(tmp_path / "prise.txt").st_mode)
        (sock,) = read_inputs([tmp_path / "prise.txt"])
    finally:
        server.close()
    assert isinstance(sock, Rejected) and "socket" in sock.reason
    (device,) = read_inputs(["/dev/null"])
    assert isinstance(device, Rejected) and "character device" in device.reason


# --- failure 1: a failing run destroyed the existing report ---------------------------


@pytest.mark.parametrize("name", ["rapport.json", "rapport.md"])
def test_failed_write_keeps_the_existing_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    out = tmp_path / name
    out.write_text("ancien rapport", "utf-8")

    def fail_midway(report: object, stream: Any, *args: object) -> None:
        stream.write('{"schema": "recoupe/report/v1", "articles": [')
        raise OSError(28, "No space left on device")

    # Whatever makes the write fail half-way (a full disk, text that cannot be encoded), the old file stays.
    monkeypatch.setattr("recoupe.render.json.write_json", fail_midway)
    monkeypatch.setattr("recoupe.cli.render", lambda *args: "# nouveau \ud800")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "-o", str(out), "-q"])
    assert result.exit_code != 0
    assert out.read_text("utf-8") == "ancien rapport"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", name]  # no temporary file left


@pytest.mark.slow
def test_analyze_with_surrogate_json_keeps_good_articles(tmp_path: Path) -> None:
    records = [
        '{"id": "mauvais", "source": "Le Veilleur \\ud800", "text": "Texte \\ud800 '
        + BODY.replace("\n", " ")
        + '"}',
        json.dumps({"id": "bon", "text": BODY}),
    ]
    (tmp_path / "lot.jsonl").write_text("\n".join(records), "utf-8")
    out = tmp_path / "rapport.json"
    out.write_text("ancien", "utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "lot.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text("utf-8"))
    assert sorted(a["id"] for a in report["articles"]) == ["bon", "mauvais"]
    assert "warning: " in result.output and "lone surrogate" in result.output


# --- failure 7: exit codes and one-line output ----------------------------------------


def test_ingest_exits_like_analyze_when_everything_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "vide.txt").write_bytes(b"")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "vide.txt"), "--db", str(db)])
    assert result.exit_code == EXIT_NOTHING_ANALYSED, result.output
    assert "Traceback" not in result.output
    analyzed = CliRunner().invoke(main, ["analyze", str(tmp_path / "vide.txt")])
    assert analyzed.exit_code == result.exit_code


def test_rejection_lines_stay_one_line_per_input(tmp_path: Path) -> None:
    (tmp_path / "deux\nlignes.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path)])
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(lines) == 1 and "deux\\nlignes.txt" in lines[0]


@pytest.mark.slow
def test_search_prints_one_line_per_hit_whatever_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "budget\tde\nBrisac.txt").write_text(BODY, "utf-8")
    db = str(tmp_path / "store.db")
    ingested = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "-q"])
    assert ingested.exit_code == 0, ingested.output
    result = CliRunner().invoke(main, ["search", "budget", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and all(len(line.split("\t")) == 4 for line in lines), lines


# --- failure 6: the Markdown report must be inert -------------------------------------

PAYLOAD = "<img src=x onerror=alert(1)> `x` [y](javascript:alert(1)) &lt;b&gt; | *z*\n# t\n<script>"


def _hostile_report() -> Report:
    text = f"Titre\n{PAYLOAD} a déclaré le maire."
    mention = Mention(PAYLOAD, 0, 5, "Titre")
    evidence = Evidence(PAYLOAD, 0, 5, PAYLOAD, PAYLOAD)
    return Report(
        articles=(
            Article(PAYLOAD, text, title=PAYLOAD, source=PAYLOAD, published=PAYLOAD, path=PAYLOAD),
        ),
        rejected=(Rejected(PAYLOAD, PAYLOAD),),
        duplicates=(Duplicate(PAYLOAD, PAYLOAD),),
        entities=(
            Entity(
                PAYLOAD,
                "person",
                PAYLOAD,
                (PAYLOAD,),
                (mention,),
                (Role(PAYLOAD, PAYLOAD, 0, 5, PAYLOAD),),
            ),
            Entity("o" + PAYLOAD, "organization", PAYLOAD, (PAYLOAD,), (mention,)),
        ),
        quotes=(
            Quote(PAYLOAD, 6, 10, PAYLOAD, "direct", PAYLOAD, PAYLOAD, PAYLOAD),
            Quote(PAYLOAD, 6, 10, PAYLOAD, "indirect", None, PAYLOAD, PAYLOAD),
        ),
        times=(TimeRef(PAYLOAD, 0, 5, PAYLOAD, value=PAYLOAD, earliest=PAYLOAD, latest=PAYLOAD),),
        stories=(
            Story(
                PAYLOAD,
                PAYLOAD,
                (PAYLOAD,),
                findings=(
                    Finding("contradiction", PAYLOAD, PAYLOAD, PAYLOAD, (evidence,), (PAYLOAD,)),
                ),
                timeline=(TimelineEvent(PAYLOAD, 0, 5, PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD),),
                brief=({"text": PAYLOAD, "sources": [PAYLOAD]},),
                coverage=({PAYLOAD: PAYLOAD, "outlet": [PAYLOAD]},),
                published_earliest=PAYLOAD,
                published_latest=PAYLOAD,
            ),
        ),
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_markdown_report_escapes_every_user_controlled_string() -> None:
    from markdown_it import MarkdownIt

    markdown = render_markdown(_hostile_report())
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    parser = _Tags()
    parser.feed(html)
    structure = {
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
    assert set(parser.tags) <= structure, sorted(set(parser.tags) - structure)
    assert parser.attributes == [] or set(parser.attributes) <= {"style"}
    assert markdown.count("\n# ") == 0  # no value opened a heading of its own


@pytest.mark.slow
def test_ingest_with_surrogate_json_stores_every_article(tmp_path: Path) -> None:
    records = [
        '{"id": "mauvais", "text": "Texte \\ud800 ' + BODY.replace("\n", " ") + '"}',
        json.dumps({"id": "bon", "text": BODY.replace("Brisac", "Lauzac")}),
    ]
    (tmp_path / "lot.jsonl").write_text("\n".join(records), "utf-8")
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "lot.jsonl"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 added")
