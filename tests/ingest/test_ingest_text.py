"""The plain text format: date marker, headline, signature."""

from __future__ import annotations

import pytest
from ingest_helpers import FIXTURES, read_all, read_one, reject_one

from recoupe.ingest.text import MAX_HEADLINE_CHARS, find_headline, split_date_marker

LONG_PARAGRAPH = (
    "Le conseil départemental du Cantal a adopté lundi un plan de déneigement "
    "renforcé pour les routes de montagne, après un hiver marqué par de longues "
    "coupures, a indiqué son président lors d'une séance publique à Aurillac, "
    "en promettant des moyens supplémentaires aux communes les plus isolées."
)


def test_marker_on_its_own_line_then_headline_and_signature() -> None:
    (article,) = read_all(FIXTURES / "crue_vezere.txt")
    assert article.id == "crue_vezere"
    assert article.path == "crue_vezere.txt"
    assert article.published == "2023-11-14"
    assert article.title == "Crue de la Vézère : trois communes évacuées dans la nuit"
    assert article.text.startswith(article.title + "\n")
    assert "date" not in article.text.split("\n")[0]
    assert article.source == "La Gazette du Périgord"
    assert article.source_evidence == "signature"
    assert article.language == "fr"


def test_marker_followed_by_long_first_paragraph_gives_no_title() -> None:
    (article,) = read_all(FIXTURES / "depeche_sans_titre.txt")
    assert article.published == "2022"
    assert article.title is None
    assert article.text.startswith("Le conseil municipal de Plouzané")
    assert "\n\nLa maire, Odile Kervella" in article.text  # inner newlines kept


def test_byline_gives_source_and_author() -> None:
    (article,) = read_all(FIXTURES / "byline_par.txt")
    assert article.source == "Le Quotidien du Nord"
    assert article.author == "Jeanne Dupont"
    assert article.source_evidence == "signature"
    assert article.title == "Le festival des Lumières d'Annecy reporté d'une semaine"


@pytest.mark.parametrize(
    ("raw", "published", "rest"),
    [
        (" date 2024-03 Les pertes", "2024-03", " Les pertes"),
        ("date 2024 Texte", "2024", " Texte"),
        ("  date 2024-03-26\nTexte", "2024-03-26", "\nTexte"),
        ("date 2024-13 Texte", None, " Texte"),  # impossible month: marker dropped, no date
        ("date 2024-02-30 Texte", None, " Texte"),
        ("La date 2024 du scrutin", None, "La date 2024 du scrutin"),
        ("date 20245 Texte", None, "date 20245 Texte"),
    ],
)
def test_date_marker_keeps_its_precision(raw: str, published: str | None, rest: str) -> None:
    assert split_date_marker(raw) == (published, rest)


def test_headline_rules() -> None:
    assert find_headline("Titre court\nCorps du texte.") == "Titre court"
    assert find_headline("Une seule ligne sans suite") is None
    assert find_headline("Titre\n\n   \n") is None
    assert find_headline(LONG_PARAGRAPH + "\nSuite.") is None
    limit = "x" * MAX_HEADLINE_CHARS
    assert find_headline(limit + "\nSuite.") == limit
    assert find_headline(limit + "y\nSuite.") is None


def test_text_is_stripped_and_crlf_normalised() -> None:
    article = read_one("\r\n  Titre du jour\r\nPremier paragraphe.\r\n\r\n", "a.txt")
    assert article.text == "Titre du jour\nPremier paragraphe."
    assert article.title == "Titre du jour"


def test_no_extension_is_plain_text() -> None:
    article = read_one("date 2021-06 Bref.", "depeche")
    assert (article.id, article.published, article.text) == ("depeche", "2021-06", "Bref.")


def test_marker_without_text_is_rejected() -> None:
    assert "no article text" in reject_one(" date 2024-03  \n ", "vide.txt").reason


@pytest.mark.parametrize(
    ("last_line", "source"),
    [
        ("Le Staff de Radio Garonne est une équipe de journalistes à Toulouse.", "Radio Garonne"),
        ("(Le Courrier Alpin)", "Le Courrier Alpin"),
        ("© Le Matin Libre", "Le Matin Libre"),
        ("© 2024 Le Matin Libre. Tous droits réservés.", "Le Matin Libre"),
        ("La rédaction de L'Écho des Vallées", "L'Écho des Vallées"),
        ("(avec AFP)", None),
        ("Le maire a conclu la séance à minuit.", None),
    ],
)
def test_signature_rules(last_line: str, source: str | None) -> None:
    article = read_one(f"Titre\nUn paragraphe du corps.\n{last_line}\n", "s.txt")
    assert article.source == source
    assert article.source_evidence == ("signature" if source else None)


def test_source_never_comes_from_the_file_name(tmp_path: object) -> None:
    article = read_one("Titre\nCorps sans signature.", "Le Monde.txt")
    assert article.source is None
    assert article.source_evidence is None


def test_date_line_byline_and_share_line_of_a_text_file() -> None:
    from recoupe.ingest.source import read_bytes

    page = (
        "Partager:\n"
        "Le pont de Kervéan rouvrira en juin\n\n"
        "Mis à jour le 25 mai 2025 à 08h12\n"
        "Publié le 24 mai 2025 à 10h\n"
        "Par Jean Dupont, Le Courrier du Sud\n\n"
        "Le maire de Kervéan, Paul Le Gall, a annoncé mardi que le pont rouvrirait en juin "
        "après six mois de travaux, sous la surveillance des services de l'État."
    )
    (article,) = list(read_bytes(page.encode(), "kervean.txt"))
    assert article.title is None  # "Partager:" is not a headline
    assert article.published == "2025-05-24"  # the publication, not the update
    assert (article.source, article.author) == ("Le Courrier du Sud", "Jean Dupont")
