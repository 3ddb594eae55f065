"""HTML pages and RSS / Atom feeds."""

from __future__ import annotations

from ingest_helpers import FIXTURES, read_all, read_one, reject_one

from recoupe.ingest import IngestOptions, read_bytes
from recoupe.ingest.html import fragment_to_text
from recoupe.model import Article, Rejected


def test_html_page_text_and_metadata() -> None:
    (article,) = read_all(FIXTURES / "page_gazette.html")
    assert isinstance(article, Article)
    assert article.id == "page_gazette"
    assert article.title == "Les vendanges avancées de trois semaines en Bourgogne"
    assert article.text.startswith(article.title)
    assert "Hélène Morot" in article.text
    assert "Accueil" not in article.text  # navigation removed
    assert "À lire aussi" not in article.text
    assert article.published == "2023-08-21"
    assert (article.source, article.source_evidence) == ("L'Écho des Vallées", "metadata")
    assert article.author == "Claire Fontanel"
    assert article.language == "fr"


def test_html_without_article_text_is_rejected() -> None:
    (rejected,) = read_all(FIXTURES / "page_vide.html")
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "no article text found in the HTML page"


def test_html_page_without_date_gets_none() -> None:
    page = (
        "<html><body><article><p>Le marché couvert de Vannes rouvrira ses portes samedi "
        "après huit mois de travaux, a annoncé la mairie.</p><p>Les commerçants "
        "retrouveront leurs emplacements habituels.</p></article>"
        "<footer>© 2021</footer></body></html>"
    )
    article = read_one(page, "marche.htm")
    assert article.published is None
    assert article.text.startswith("Le marché couvert de Vannes")


def test_rss_feed_entries() -> None:
    path = FIXTURES / "flux_courrier.rss"
    first, second, third = read_all(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.id == "https://courrier-alpin.example/?p=481"  # the entry's guid
    assert first.path == f"{path.name}#1"
    assert first.title == "Avalanche au col du Lautaret : deux skieurs secourus"
    assert first.text == (
        "Avalanche au col du Lautaret : deux skieurs secourus\n\n"
        "Deux skieurs de randonnée ont été secourus mardi après une avalanche "
        "au col du Lautaret.\n\n"
        "« Ils ont eu beaucoup de chance », a indiqué le PGHM de Briançon."
    )
    assert first.published == "2024-03-26"  # as written, not moved to UTC
    assert (first.source, first.source_evidence) == ("Le Courrier Alpin", "metadata")
    assert first.url == "https://courrier-alpin.example/avalanche-lautaret"
    assert first.author == "Paul Girod"
    assert second.id == "flux_courrier-2"
    assert second.published == "2024-03-25"
    assert second.url is None
    assert third == Rejected(
        f"{path.name}#3", "feed entry 3 ('Vidéo : la descente du Pic Blanc') has no text"
    )


def test_atom_feed_entries() -> None:
    first, second = read_all(FIXTURES / "flux_ouest.atom")
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.id == "urn:ouest-matin:1203"
    assert first.text.endswith("a annoncé la préfecture maritime.")
    assert first.source == "Ouest Matin"
    assert first.author == "Yann Le Goff"
    assert first.published == "2024-04-02"
    assert second.published == "2024-04-01"
    assert second.url is None  # the URN id is not a web address


def test_xml_that_is_not_a_feed_is_rejected() -> None:
    assert reject_one('<?xml version="1.0"?><inventaire/>', "x.xml").reason == "feed has no entries"


def test_feed_format_forced_on_any_name() -> None:
    data = (FIXTURES / "flux_ouest.atom").read_bytes()
    items = list(read_bytes(data, "flux.bin", IngestOptions(format="atom")))
    assert len(items) == 2


def test_fragment_to_text() -> None:
    assert fragment_to_text("<p>Un&nbsp;<b>deux</b></p><p>trois<br>quatre</p>") == (
        "Un deux\n\ntrois\nquatre"
    )
    assert fragment_to_text("<script>alert(1)</script>Texte &amp; suite") == "Texte & suite"
    assert fragment_to_text("  simple   texte ") == "simple texte"
