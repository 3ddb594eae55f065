"""Helpers of the store tests: invented articles and corpora (never from ../shared)."""

from __future__ import annotations

from pathlib import Path

from recoupe.model import Article
from recoupe.nlp.pipeline import PipelineOptions

# Our rule components on a blank French pipeline: fast, no trained model needed.
BLANK = PipelineOptions(models=())

TOWNS = ("Lauzac", "Saint-Méran", "Vireloup", "Cordanne", "Mirabel", "Estagnol")


def invented_article(number: int, path: str | None = None) -> Article:
    """A short invented French article, different for each number."""
    town = TOWNS[number % len(TOWNS)]
    text = (
        f"Inondations à {town} : le maire annonce un plan numéro {number}\n\n"
        f"Le maire de {town}, Paul Garnier, a déclaré mardi : « Nous reconstruirons la digue "
        f"avant l'hiver. » Le conseil municipal votera le budget de {number * 1000} euros "
        f"le 12 mars 2024, selon la préfecture."
    )
    title = text.split("\n", 1)[0]
    return Article(
        id=f"art-{number}",
        text=text,
        title=title,
        published="2024-03-05",
        source=("Le Courrier de Lauzac", "Radio Vireloup")[number % 2],
        path=path or f"art-{number}.txt",
    )


def write_corpus(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        article = invented_article(number)
        path = directory / f"art-{number:03d}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths
