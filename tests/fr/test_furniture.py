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


def test_datelines_stay_for_the_nlp_but_state_nothing():
    from recoupe.fr.furniture import dateline_spans, outside_datelines

    text = (
        "Publié le 3 mars 2031 - 08:15\n"
        "Le samedi 1 mars 2031 à 17:07 - MAJ samedi 1 mars 2031 à 18:20\n"
        "Par Le Courrier de Kervéan avec AFP (2 mars 2031)*\n"
        "Le pont de Kervéan a rouvert samedi.\n"
    )
    assert len(dateline_spans(text)) == 3
    assert "Publié" in blank_furniture(text)  # the NLP still reads the date
    start, end = outside_datelines(text, 0, len(text))
    assert text[start:end].strip() == "Le pont de Kervéan a rouvert samedi."
    assert not is_furniture_line("Par ailleurs, le maire a parlé avec l'AFP de ses projets.")


def test_captions_with_a_credit_embedded_posts_and_labels_are_furniture():
    for line in (
        "Image d'illustration. © JEANNE MORVAN / AFP",
        "Le trafic ce matin pic.twitter.com/AbC123 — Bus de Kervéan (@BusKervean) March 4, 2031",
        "A lire aussi :VIDEO Le port de Kervéan en travaux",
        "·2 min de lecture",
        "Auteur(s)",
        "Crédits",
    ):
        assert is_furniture_line(line), line
    assert not is_furniture_line("Le maire a remercié les pompiers de Kervéan pour leur courage.")


def test_a_dateline_in_capitals_opening_a_paragraph_and_a_lone_agency_are_furniture():
    text = "Le port rouvre\nFRANCE. A l'issue du conseil, le maire de Kervéan a parlé.\nAFP\n"
    found = [text[a:b] for a, b in furniture_spans(text, start=len("Le port rouvre"))]
    assert found == ["FRANCE.", "AFP"]
    dashed = "Titre\nKERVÉAN (AFP) - Le pont a rouvert."
    assert [dashed[a:b] for a, b in furniture_spans(dashed, start=5)] == ["KERVÉAN (AFP) -"]
    for prose in (
        "SNCF : la grève continue mardi.",
        "La SNCF a annoncé la grève.",
        "Le maire (PS) a parlé.",
        "TGV et TER roulent peu.",
    ):
        assert furniture_spans("Titre\n" + prose, start=5) == [], prose
