"""Page furniture: found line by line, blanked without moving an offset."""

from __future__ import annotations

from recoupe.fr.furniture import blank_furniture, furniture_spans, is_furniture_line

PAGE = (
    "Le pont de Kervéan rouvrira en juin\n"
    "Partager :\n"
    "Facebook Twitter\n"
    "Le maire a annoncé mardi la réouverture du pont ( AFP / Jeanne Morvan ).\n"
    "Lire aussi : Les travaux du port prennent du retard\n"
    "Météo\n"
    "18 °C\n"
    "ven\n"
    "Le chantier a duré six mois, a précisé la mairie dans un long communiqué publié hier soir.\n"
    "Laisser un commentaire\n"
)


def test_furniture_lines_and_widgets_are_found() -> None:
    found = [PAGE[a:b] for a, b in furniture_spans(PAGE)]
    assert found == [
        "Partager :",
        "Facebook Twitter",
        "( AFP / Jeanne Morvan )",
        "Lire aussi : Les travaux du port prennent du retard",
        "Météo",
        "18 °C",
        "ven",
        "Laisser un commentaire",
    ]


def test_blanking_keeps_every_offset_and_every_fact() -> None:
    blank = blank_furniture(PAGE)
    assert len(blank) == len(PAGE)
    assert "Partager" not in blank and "Lire aussi" not in blank and "18 °C" not in blank
    for kept in (
        "Le pont de Kervéan",
        "annoncé mardi la réouverture",
        "Le chantier a duré six mois",
    ):
        assert blank.index(kept) == PAGE.index(kept)


def test_headline_is_never_blanked_and_prose_is_kept() -> None:
    assert furniture_spans("Partager vos idées\nLe texte.", start=len("Partager vos idées")) == []
    assert not is_furniture_line("Par ailleurs, le maire a dit que la ville allait bien.")
    assert not is_furniture_line("Le maire a publié le rapport.")
    # date and byline lines are metadata the reader takes, and their date and author stay found
    assert not is_furniture_line("Publié le 24 mai 2025 à 10h")
    assert not is_furniture_line("Par Jean Dupont, Le Courrier du Sud")
