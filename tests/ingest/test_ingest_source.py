"""Files, directories, stdin and the dispatch by extension or content."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, read_all

from recoupe.ingest import IngestOptions, read_bytes, read_inputs, sniff_format
from recoupe.ingest.source import shown_path
from recoupe.model import Article, Rejected


def _by_path(items: list[Article | Rejected]) -> dict[str, Article | Rejected]:
    return {str(item.path): item for item in items}


def test_mixed_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sous-dossier").mkdir(parents=True)
    (corpus / ".cache").mkdir()
    shutil.copy(FIXTURES / "crue_vezere.txt", corpus / "crue_vezere.txt")
    shutil.copy(FIXTURES / "articles.jsonl", corpus / "sous-dossier" / "articles.jsonl")
    (corpus / "vide.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (corpus / "latin1.txt").write_bytes(
        "Fête à Gérardmer\nLa fête a réuni 3 000 personnes.".encode("latin-1")
    )
    (corpus / "lignes.jsonl").write_bytes(b'{"text": "Bonne ligne."}\n{"text": cass\xc3\xa9e}\n')
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus / ".brouillon.txt").write_text("caché", "utf-8")
    (corpus / ".cache" / "x.txt").write_text("caché aussi", "utf-8")

    items = read_all(corpus)
    found = _by_path(items)
    paths = [str(item.path) for item in items]
    assert paths == sorted(paths)  # sorted walk
    assert not any("brouillon" in p or ".cache" in p for p in paths)  # hidden left out

    kept = [item for item in items if isinstance(item, Article)]
    assert {article.id for article in kept} == {
        "crue_vezere",
        "latin1",
        "lignes-1",
        "qn-101",
        "articles-2",
        "articles-3",
    }
    assert found["corpus/latin1.txt"].text.startswith("Fête à Gérardmer")  # type: ignore[union-attr]

    rejected = {item.path: item.reason for item in items if isinstance(item, Rejected)}
    assert rejected == {
        "corpus/vide.txt": "empty input",
        "corpus/image.txt": "binary content, not text (NUL bytes)",
        "corpus/lignes.jsonl" + "#2": "malformed JSON: Expecting value at line 2",
        "corpus/notes.pdf": "PDF is not supported; extract its text first (for example `pdftotext FILE.pdf`)",
    }


def test_single_article_files_count_in_equals_count_out(tmp_path: Path) -> None:
    files = []
    for number, content in enumerate([b"Texte.", b"", b"\x00\x01", b"   ", b"date 2020"]):
        path = tmp_path / f"f{number}.txt"
        path.write_bytes(content)
        files.append(path)
    assert len(read_all(*files)) == len(files)


def test_missing_path_is_rejected() -> None:
    assert read_all("/nulle/part/absent.txt") == [
        Rejected("absent.txt", "no such file or directory")
    ]


def test_reported_paths_are_never_absolute(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sous").mkdir(parents=True)
    (corpus / "sous" / "a.txt").write_text("Titre\n\nTexte.", "utf-8")
    (tmp_path / "b.txt").write_text("Titre\n\nTexte.", "utf-8")
    items = read_all(corpus, tmp_path / "b.txt")
    assert [item.path for item in items] == ["corpus/sous/a.txt", "b.txt"]
    assert shown_path(Path("relatif/c.txt")) == "relatif/c.txt"
    assert shown_path(Path("../ailleurs/d.txt")) == "d.txt"


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "verrouille.txt"
    path.write_text("Texte.", "utf-8")

    real_open = os.open

    def refuse(name: object, *args: object, **kwargs: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert read_all(path) == [Rejected(path.name, "cannot read: Permission denied")]


def test_large_file_rejected_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gros.txt"
    path.write_bytes(b"x" * 2000)

    def must_not_read(self: Path) -> bytes:
        raise AssertionError("read a file above the limit")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    (rejected,) = read_all(path, options=IngestOptions(max_bytes=1000))
    assert rejected == Rejected(
        path.name, "input is 2000 bytes, above the limit of 1000 (--max-bytes)"
    )


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    assert read_all(tmp_path) == [Rejected(tmp_path.name, "directory holds no files to read")]


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "depeche.md"
    path.write_text("Titre\nCorps.", "utf-8")
    (article,) = read_all(path)
    assert isinstance(article, Article)
    assert article.title == "Titre"


def test_format_option_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text('{"text": "Un."}\n{"text": "Deux."}\n', "utf-8")
    items = read_all(path, options=IngestOptions(format="jsonl"))
    assert [item.id for item in items if isinstance(item, Article)] == ["export-1", "export-2"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = " date 2024-03 Titre bref\nCorps de la dépêche.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = read_inputs(["-"])
    assert isinstance(article, Article)
    assert (article.id, article.path, article.published) == ("stdin", "-", "2024-03")


def test_stdin_content_is_sniffed() -> None:
    items = list(read_bytes(b'{"text": "Un."}\n{"text": "Deux."}\n', "-"))
    assert [item.path for item in items] == ["-#1", "-#2"]
    feed = (FIXTURES / "flux_ouest.atom").read_bytes()
    assert [item.path for item in read_bytes(feed, "-")] == ["-#1", "-#2"]


def test_upload_name_gives_format_and_id() -> None:
    (article,) = read_bytes(b"Titre\nCorps.", "televerse.txt", IngestOptions())
    assert isinstance(article, Article)
    assert (article.id, article.path) == ("televerse", "televerse.txt")


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        ("[{}]", "json"),
        ('{"text": "a"}', "json"),
        ('{"text": "a"}\n{"text": "b"}', "jsonl"),
        ('<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("<!DOCTYPE html><html>", "html"),
        ("Simple texte.", "text"),
        ("<3 les chats", "text"),
    ],
)
def test_sniff_format(content: str, fmt: str) -> None:
    assert sniff_format(content) == fmt


@pytest.mark.parametrize(
    ("data", "named"),
    [(b"%PDF-1.7\n%\xe2\xe3", "PDF"), (b"PK\x03\x04\x14\x00", ".docx"), (b"{\\rtf1\\ansi", "RTF")],
)
def test_document_formats_are_named_as_unsupported(data: bytes, named: str) -> None:
    [rejected] = list(read_bytes(data, "article.txt"))
    assert isinstance(rejected, Rejected)
    assert named in rejected.reason and "not supported" in rejected.reason


def test_article_above_the_model_length_limit_is_rejected_with_its_length() -> None:
    from recoupe.model import MAX_ARTICLE_CHARS

    text = "Titre\n\n" + "Le maire a parlé. " * (MAX_ARTICLE_CHARS // 18 + 1)
    [rejected] = list(read_bytes(text.encode("utf-8"), "long.txt"))
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith(
        f"article too long ({len(text.strip()):,} characters".replace(",", " ")
    )
