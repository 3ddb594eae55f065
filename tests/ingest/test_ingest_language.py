"""Language identification at ingestion: unsupported languages are rejected, --language forces."""

from __future__ import annotations

from recoupe.ingest.language import check_language, identify
from recoupe.ingest.options import IngestOptions
from recoupe.ingest.source import read_bytes
from recoupe.model import Article, Rejected

ENGLISH = (
    "Flooding closed the harbour road on Wednesday.\n\n"
    '"We are devastated," said the harbour master, who has worked at the port for twenty years. '
    "The council said repairs would start next week and that the road should reopen before the summer."
)
FRENCH = (
    "Les inondations ont fermé la route du port mercredi.\n\n"
    "« Nous sommes dévastés », a déclaré la capitaine du port, qui y travaille depuis vingt ans. "
    "La mairie a indiqué que les travaux commenceraient la semaine prochaine."
)


def test_identify_tells_english_from_french() -> None:
    assert identify(ENGLISH)[0] == "en"  # type: ignore[index]
    assert identify(FRENCH)[0] == "fr"  # type: ignore[index]


def test_too_short_a_text_keeps_the_stated_language() -> None:
    assert identify("Partager:") is None
    article = Article(id="a", text="Partager: Facebook Twitter")
    assert check_language(article, ("fr",)) == article


def test_an_english_text_file_is_rejected_with_the_language_named() -> None:
    items = list(read_bytes(ENGLISH.encode(), "harbour.txt"))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].reason.startswith("English (en) — no model for it")


def test_language_option_forces_the_analysis() -> None:
    items = list(read_bytes(ENGLISH.encode(), "harbour.txt", IngestOptions(language="en")))
    assert isinstance(items[0], Article) and items[0].language == "en"


def test_french_is_kept_and_source_option_names_the_outlet() -> None:
    items = list(read_bytes(FRENCH.encode(), "port.txt", IngestOptions(source="Le Phare du Golfe")))
    article = items[0]
    assert isinstance(article, Article)
    assert article.language == "fr" and article.source == "Le Phare du Golfe"
