"""Start-up: each command imports only what it needs (checked in fresh processes, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Never needed to analyse text files: the web app, the store, Dask, HTML and archive readers,
# table formats.
NOT_FOR_ANALYZE = (
    "fastapi",
    "starlette",
    "uvicorn",
    "dask",
    "distributed",
    "sqlalchemy",
    "trafilatura",
    "warcio",
    "pandas",
    "pyarrow",
    "recoupe.store",
    "recoupe.serve",
)
# Loaded only once a command has started (the NLP, linking, comparison): the CLI's first
# progress line is printed before any of them.
NOT_FOR_THE_CLI = (
    *NOT_FOR_ANALYZE,
    "spacy",
    "thinc",
    "numpy",
    "scipy",
    "datasketch",
    "rapidfuzz",
    "recoupe.api",
    "recoupe.nlp.pipeline",
)

PRINT_MODULES = "import json, sys; print(json.dumps(sorted(sys.modules)))"


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{PRINT_MODULES}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded(_modules_after("import recoupe.cli"), NOT_FOR_THE_CLI) == []


def test_analyze_of_text_files_loads_no_web_store_dask_or_html_library(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "Le pont de Vireloup rouvre\n\nLe maire de Vireloup, Paul Garnier, a annoncé lundi "
        "la réouverture du pont après six mois de travaux.",
        encoding="utf-8",
    )
    (corpus / "two.txt").write_text(
        "Vireloup : le pont rouvert\n\nAprès six mois de chantier, le pont de Vireloup a "
        "rouvert lundi, selon le maire Paul Garnier.",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    code = (
        "import recoupe.cli\n"
        f"recoupe.cli.main(['analyze', {str(corpus)!r}, '-q', '-o', {str(report)!r}],"
        " standalone_mode=False)"
    )
    modules = _modules_after(code)
    assert len(json.loads(report.read_text("utf-8"))["articles"]) == 2
    assert _loaded(modules, NOT_FOR_ANALYZE) == []
    assert "spacy" in modules  # the check sees what the run imported
