"""The 160-article stress corpus: 20 lightly edited copies of the bundled sample (8 articles)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from recoupe.ingest import read_inputs
from recoupe.model import Article

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "corpus"
COPIES = 20


def stress_articles(copies: int = COPIES) -> list[Article]:
    """Each copy renames its outlets and adds a sentence, so no copy is a duplicate of another."""
    originals = [item for item in read_inputs([SAMPLE]) if isinstance(item, Article)]
    out: list[Article] = []
    for copy in range(1, copies + 1):
        for article in originals:
            text = f"{article.text}\n\nMise à jour numéro {copy} : la rédaction a complété cet article."
            out.append(
                dataclasses.replace(
                    article,
                    id=f"{article.id}-c{copy}",
                    text=text,
                    source=f"{article.source or 'Anonyme'} {copy}",
                    path=f"stress/{copy}/{article.path}",
                )
            )
    return out
