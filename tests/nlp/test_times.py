"""recoupe_times: recognition and normalisation of French time expressions, fixed dates."""

from __future__ import annotations

from datetime import date

import pytest

from recoupe.fr.numbers import parse_number
from recoupe.fr.timex_normalise import (
    Resolution,
    anchor_from_published,
    normalise,
)
from recoupe.fr.timex_recognise import recognise
from recoupe.model import Tense

THURSDAY = "2024-03-28"  # a Thursday


def resolve(
    sentence: str, expression: str, published: str | None = THURSDAY, tense: Tense | None = None
) -> Resolution:
    mentions = [m for m in recognise(sentence) if m.text == expression]
    assert mentions, (
        f"{expression!r} not recognised in {sentence!r}: {[m.text for m in recognise(sentence)]}"
    )
    return normalise(mentions[0], anchor_from_published(published), tense)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Il est né le 25 mars 2024 à Paris.", "le 25 mars 2024", "2024-03-25"),
        ("Signé le 25/03/2024.", "25/03/2024", "2024-03-25"),
        ("Publié 2024-03-25.", "2024-03-25", "2024-03-25"),
        ("Il l'a annoncé en mars 2024.", "mars 2024", "2024-03"),
        ("Il a été élu en 2023.", "2023", "2023"),
        ("Il est arrivé en France en 1999.", "1999", "1999"),
        ("L'accord d'octobre 98 tient.", "octobre 98", "1998-10"),
        ("Le traité signé le 10 novembre 93.", "le 10 novembre 93", "1993-11-10"),
        ("Il est parti l'année 2001.", "l'année 2001", "2001"),
    ],
)
def test_absolute_dates(sentence: str, expression: str, value: str) -> None:
    result = resolve(sentence, expression, published=None)
    assert (result.type, result.value) == ("date", value)
    assert result.earliest is not None and result.earliest.startswith(value)


@pytest.mark.parametrize(
    ("expression", "value", "earliest", "latest"),
    [
        ("hier", "2024-03-27", "2024-03-27", "2024-03-27"),
        ("aujourd'hui", "2024-03-28", "2024-03-28", "2024-03-28"),
        ("demain", "2024-03-29", "2024-03-29", "2024-03-29"),
        ("avant-hier", "2024-03-26", "2024-03-26", "2024-03-26"),
        ("cette semaine", None, "2024-03-25", "2024-03-31"),
        ("la semaine dernière", None, "2024-03-18", "2024-03-24"),
        ("le mois prochain", "2024-04", "2024-04-01", "2024-04-30"),
        ("le mois dernier", "2024-02", "2024-02-01", "2024-02-29"),
        ("il y a trois jours", "2024-03-25", "2024-03-25", "2024-03-25"),
        ("dans deux semaines", "2024-04-11", "2024-04-11", "2024-04-11"),
        ("l'an dernier", "2023", "2023-01-01", "2023-12-31"),
        ("l'année prochaine", "2025", "2025-01-01", "2025-12-31"),
        ("cette année", "2024", "2024-01-01", "2024-12-31"),
        ("il y a deux ans", "2022", "2022-01-01", "2022-12-31"),
    ],
)
def test_deictics_on_a_day(expression: str, value: str | None, earliest: str, latest: str) -> None:
    result = resolve(f"Cela s'est passé {expression}, dit-on.", expression)
    assert (result.value, result.earliest, result.latest) == (value, earliest, latest)
    assert result.explanation


@pytest.mark.parametrize(
    ("expression", "tense", "value"),
    [
        ("mardi", "past", "2024-03-26"),
        ("mardi", "future", "2024-04-02"),
        ("ce mercredi", "past", "2024-03-27"),  # published on a Thursday: the day before
        ("mercredi dernier", None, "2024-03-27"),
        ("jeudi prochain", None, "2024-04-04"),
        ("lundi soir", "past", "2024-03-25"),
        ("mardi après-midi", "past", "2024-03-26"),
        ("vendredi", None, "2024-03-29"),  # nearest when the tense does not decide
    ],
)
def test_weekdays_on_a_day(expression: str, tense: Tense | None, value: str) -> None:
    result = resolve(f"Il a parlé {expression} devant eux.", expression, tense=tense)
    assert result.value == value == result.earliest == result.latest


def test_weekday_with_part_of_day_is_a_time_with_timeml_suffix() -> None:
    result = resolve("Il a parlé lundi soir.", "lundi soir", tense="past")
    assert result.type == "time" and result.timeml == "2024-03-25TEV"
    assert "evening" in result.explanation


def test_weekday_in_a_month_dated_article_has_no_value_but_the_month_span() -> None:
    result = resolve("Il a parlé mardi.", "mardi", published="2024-03", tense="past")
    assert result.value is None
    assert (result.earliest, result.latest) == ("2024-03-05", "2024-03-26")
    assert "2024-03" in result.explanation


def test_undated_article_gives_no_value_and_no_interval() -> None:
    result = resolve("Il a parlé mardi.", "mardi", published=None)
    assert (result.value, result.earliest, result.latest) == (None, None, None)


def test_month_dated_hier_is_an_interval_and_last_month_a_value() -> None:
    hier = resolve("Il a parlé hier.", "hier", published="2024-03")
    assert hier.value is None and (hier.earliest, hier.latest) == ("2024-02-29", "2024-03-30")
    last = resolve("Il a parlé le mois dernier.", "le mois dernier", published="2024-03")
    assert last.value == "2024-02"


@pytest.mark.parametrize(
    ("sentence", "expression", "timeml", "value"),
    [
        ("Il fait chaud l'été.", "l'été", "XXXX-SU", None),
        ("Il a fait froid cet hiver.", "cet hiver", "2023-WI", None),  # a winter spans two years
        ("Au printemps 2023, il partit.", "printemps 2023", "2023-SP", "2023"),
        ("Les travaux finiront à l'automne 2026.", "l'automne 2026", "2026-FA", "2026"),
        ("Au XXe siècle, on lisait.", "XXe siècle", "19", None),
        ("Dans les années 80, on dansait.", "les années 80", "198", None),
    ],
)
def test_seasons_centuries_decades(
    sentence: str, expression: str, timeml: str, value: str | None
) -> None:
    result = resolve(sentence, expression)
    assert result.timeml == timeml and result.value == value


def test_part_of_a_year() -> None:
    result = resolve("Le chantier finira fin 2026.", "fin 2026")
    assert (result.value, result.earliest, result.latest) == ("2026", "2026-09-01", "2026-12-31")


def test_previous_week_counts_back_from_the_publication_day() -> None:
    result = resolve("Il était venu la semaine précédente.", "la semaine précédente")
    assert (result.earliest, result.latest) == ("2024-03-18", "2024-03-24")


def test_weekday_in_a_story_span_that_is_not_a_calendar_month() -> None:
    from recoupe.fr.timex_normalise import Anchor

    (mention,) = recognise("samedi")
    anchor = Anchor(date(2025, 9, 21), date(2025, 9, 22), "story span")
    result = normalise(mention, anchor, "past")
    assert result.value == "2025-09-20"  # the only Saturday on or before either day
    assert "story span" in result.explanation


def test_participle_ete_is_not_a_season() -> None:
    assert [m.text for m in recognise("Il a été élu hier.")] == ["hier"]


@pytest.mark.parametrize(
    ("sentence", "expression", "kind", "timeml"),
    [
        ("Il a attendu trois jours.", "trois jours", "duration", "P3D"),
        ("Cela dure depuis plusieurs années.", "plusieurs années", "duration", "PXY"),
        ("Il a couru 30,4 secondes.", "30,4 secondes", "duration", "PT30.4S"),
        ("Un quart de siècle plus tard.", "Un quart de siècle", "duration", "P25Y"),
        ("Il vient tous les jeudis.", "tous les jeudis", "set", "XXXX-WXX-4"),
        ("Il passe chaque jour.", "chaque jour", "set", "P1D"),
        ("Il passe chaque mois.", "chaque mois", "set", "P1M"),
    ],
)
def test_durations_and_sets_are_recognised_not_dated(
    sentence: str, expression: str, kind: str, timeml: str
) -> None:
    result = resolve(sentence, expression)
    assert result.type == kind and result.value is None and result.timeml == timeml


def test_ages_and_quantities_are_not_times() -> None:
    assert recognise("Agé de 54 ans, il a vendu 2000 euros et 1 999 personnes.") == []


def test_clock_before_day_is_one_expression() -> None:
    result = resolve("Vers 15 h 30, hier, le feu a pris.", "Vers 15 h 30, hier")
    assert result.timeml == "2024-03-27T15:30"


def test_number_words() -> None:
    assert parse_number("dix-huit") == 18
    assert parse_number("vingt et un") == 21
    assert parse_number("quatre-vingt") == 80
    assert parse_number("30,4") == 30.4


def test_offsets_point_into_the_text() -> None:
    text = "Lundi soir, il a dit qu'il viendrait le 6 mai dernier ou dans deux semaines."
    for mention in recognise(text):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.slow
def test_component_uses_verb_tense() -> None:
    from recoupe.model import Article
    from recoupe.nlp.pipeline import PipelineOptions, analyse_local

    article = Article(
        id="a1",
        text="Le ministre a rencontré son homologue ce mercredi. Il se rendra à Paris mardi.",
        published="2024-03-28",
    )
    options = PipelineOptions(models=(("fr", "fr_core_news_sm"),))
    (analysis,) = analyse_local([article], options)
    assert not isinstance(analysis, type(None))
    times = {t.text: t for t in analysis.times}  # type: ignore[union-attr]
    assert times["ce mercredi"].value == "2024-03-27"
    assert times["mardi"].value == "2024-04-02"
    for t in times.values():
        assert article.text[t.start : t.end] == t.text and t.article == "a1"


def test_anaphoric_days_count_from_the_last_day_named() -> None:
    from recoupe.fr.timex_normalise import Anchor

    text = "Le sommet a eu lieu le 12 mars 2024. La veille, il pleuvait ; le lendemain, dans la nuit, il neigeait."
    mentions = recognise(text)
    assert [m.text for m in mentions] == ["le 12 mars 2024", "La veille", "le lendemain", "la nuit"]
    anchor = Anchor(date(2024, 3, 28), date(2024, 3, 28), "publication date 2024-03-28")
    day = date(2024, 3, 12)
    values = [normalise(m, anchor, "past", day).value for m in mentions[1:]]
    assert values == ["2024-03-11", "2024-03-13", "2024-03-12"]
    # no day named before: a part of a day is a part of the day of writing
    assert normalise(mentions[3], anchor, "past", None).value == "2024-03-28"
    # and "la veille" counts from the day of writing; in a month-dated article it has no value
    assert normalise(mentions[1], anchor, "past", None).value == "2024-03-27"
    month = Anchor(date(2024, 3, 1), date(2024, 3, 31), "publication month 2024-03")
    assert normalise(mentions[1], month, "past", None).value is None


def test_a_photo_caption_dates_the_picture_not_the_story() -> None:
    from recoupe.model import Article
    from recoupe.nlp.pipeline import PipelineOptions, analyse_local

    text = (
        "Source: AFP\n"
        "Des pompiers devant la halle de Brévanne, après l'incendie, ce 14 mars 2024.\n"
        "Selon la préfecture, douze commerces ont brûlé la veille. Le maire a visité les lieux.\n"
        "Une vue du marché le 2 mars 2024 ( AFP / Jean Morvan )\n"
        "Le lendemain, une aide a été votée."
    )
    article = Article(id="c1", text=text, published="2024-03-15")
    options = PipelineOptions(models=(("fr", "fr_core_news_sm"),))
    (analysis,) = analyse_local([article], options)
    times = {t.text: t for t in analysis.times}  # type: ignore[union-attr]
    assert times["ce 14 mars 2024"].value == "2024-03-14"  # still a date of the article
    assert times["la veille"].value == "2024-03-14"  # the day before the day of writing
    assert times["Le lendemain"].value == "2024-03-15"  # not the day after the 2 March photo


@pytest.mark.parametrize(
    ("sentence", "expression", "kind", "timeml"),
    [
        ("Le prix est désormais fixé.", "désormais", "time", "PRESENT_REF"),
        ("Auparavant, il était maire.", "Auparavant", "time", "PAST_REF"),
        ("Une réunion hebdomadaire a lieu.", "hebdomadaire", "set", "P1W"),
        ("Le quinquennat s'achève.", "quinquennat", "duration", "P5Y"),
    ],
)
def test_general_references_sets_and_duration_nouns(
    sentence: str, expression: str, kind: str, timeml: str
) -> None:
    result = resolve(sentence, expression)
    assert (result.type, result.timeml, result.value) == (kind, timeml, None)


def test_noun_modifiers_and_age_groups_are_not_times() -> None:
    text = "Les Jeux d'hiver et les sports d'hiver attirent les moins de 17 ans en dehors des heures scolaires."
    assert recognise(text) == []
    assert [m.text for m in recognise("Il fait froid les mois d'hiver.")] == ["les mois d'hiver"]


def test_clock_times_with_and_without_h() -> None:
    text = "Il arrive à 20 heures 30, repart vers 18 h après 3 heures de route."
    found = {m.text: normalise(m, anchor_from_published(THURSDAY)) for m in recognise(text)}
    assert found["20 heures 30"].timeml == "2024-03-28T20:30"
    assert found["18 h"].type == "time" and found["18 h"].value is None  # the day is not stated
    assert found["3 heures"].type == "duration"


def test_same_day_anaphora() -> None:
    (_first, same) = recognise("Il est arrivé le 3 mai 2024 et reparti le jour même.")
    assert same.text == "le jour même"
    day = date(2024, 5, 3)
    assert normalise(same, anchor_from_published(THURSDAY), "past", day).value == "2024-05-03"


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "earliest", "latest"),
    [
        (
            "Le festival a lieu du 12 au 14 mars.",
            "du 12 au 14 mars",
            "2024-03-12/2024-03-14",
            "2024-03-12",
            "2024-03-14",
        ),
        (
            "Les portes ouvertes, les 7 et 8 mars, ont attiré du monde.",
            "les 7 et 8 mars",
            "2024-03-07/2024-03-08",
            "2024-03-07",
            "2024-03-08",
        ),
        (
            "Du 28 février au 3 mars 2024, la foire a duré.",
            "Du 28 février au 3 mars 2024",
            "2024-02-28/2024-03-03",
            "2024-02-28",
            "2024-03-03",
        ),
        (
            "La digue a cédé la nuit du 8 au 9 mars 2023.",
            "la nuit du 8 au 9 mars 2023",
            "2023-03-08",
            "2023-03-08",
            "2023-03-09",
        ),
        (
            "La crue de mardi à mercredi a tout emporté.",
            "de mardi à mercredi",
            "2024-03-26/2024-03-27",
            "2024-03-26",
            "2024-03-27",
        ),
        (
            "La nuit de dimanche à lundi fut calme.",
            "La nuit de dimanche à lundi",
            "2024-03-24",
            "2024-03-24",
            "2024-03-25",
        ),
    ],
)
def test_ranges_of_days_are_iso_intervals(
    sentence: str, expression: str, value: str, earliest: str, latest: str
) -> None:
    r = resolve(sentence, expression, tense="past")
    assert (r.value, r.earliest, r.latest) == (value, earliest, latest)


def test_habitual_weekday_span_is_not_a_range() -> None:
    assert "range_wd" not in {m.kind for m in recognise("Ouvert du lundi au vendredi.")}


@pytest.mark.parametrize(
    ("sentence", "expression", "published", "value", "earliest", "latest"),
    [
        (
            "Il est suivi depuis quelques jours.",
            "quelques jours",
            THURSDAY,
            None,
            "2024-03-21",
            "2024-03-28",
        ),
        (
            "Le verdict tombera dans les prochains jours.",
            "dans les prochains jours",
            THURSDAY,
            None,
            "2024-03-29",
            "2024-04-04",
        ),
        (
            "Le procès s'est ouvert il y a près de quatre mois.",
            "il y a près de quatre mois",
            "2024-12",
            None,
            "2024-08-01",
            "2024-09-30",
        ),
        (
            "Le club a ouvert il y a plus de deux ans.",
            "il y a plus de deux ans",
            THURSDAY,
            None,
            "2020-01-01",
            "2022-12-31",
        ),
    ],
)
def test_vague_and_approximate_offsets_are_honest_intervals(
    sentence: str, expression: str, published: str, value: str | None, earliest: str, latest: str
) -> None:
    r = resolve(sentence, expression, published, tense="past")
    assert (r.value, r.earliest, r.latest) == (value, earliest, latest)


def test_since_a_count_stays_a_duration() -> None:
    assert resolve("Il vit ici depuis 20 ans.", "20 ans").type == "duration"
    assert resolve("Il est hospitalisé depuis 3 jours.", "3 jours").type == "duration"


def test_season_of_a_past_or_future_clause() -> None:
    assert resolve("Il a déménagé au printemps.", "printemps", "2023-09-11", "past").value == "2023"
    assert (
        resolve("Il déménagera au printemps.", "printemps", "2023-09-11", "future").value == "2024"
    )
    assert (
        resolve("Les arbres fleurissent au printemps.", "printemps", "2023-09-11", "present").value
        is None
    )
    assert (
        resolve(
            "Depuis qu'au printemps le maire a changé d'avis, tout va.",
            "printemps",
            "2023-09-11",
            "present",
        ).value
        == "2023"
    )


def test_english_date_and_part_of_day_before_the_date() -> None:
    assert resolve("Posted October 13, 2023 on X.", "October 13, 2023").value == "2023-10-13"
    r = resolve("Dans la nuit du 15 avril 2019, le toit a brûlé.", "la nuit du 15 avril 2019")
    assert (r.value, r.type) == ("2019-04-15", "time")
    names = [m.text for m in recognise("Il l'a redit dimanche en début d'après-midi.")]
    assert names == ["dimanche en début d'après-midi"]


def test_hours_after_the_day_named_before() -> None:
    from recoupe.fr.timex_normalise import Anchor

    (mention,) = [
        m for m in recognise("quelques heures après l'explosion") if m.kind == "hours_after"
    ]
    assert mention.text == "quelques heures"  # TimeML extent: "après" is a signal
    anchor = Anchor(date(2024, 3, 1), date(2024, 3, 31), "publication date 2024-03")
    r = normalise(mention, anchor, "past", date(2024, 3, 22))
    assert (r.value, r.earliest, r.latest) == (None, "2024-03-22", "2024-03-23")
    assert normalise(mention, anchor, "past", None).earliest is None


@pytest.mark.slow
def test_month_dated_article_places_weekdays_and_quoted_deictics_by_its_own_days() -> None:
    from recoupe.model import Article
    from recoupe.nlp.pipeline import PipelineOptions, analyse_local

    text = (
        "La halle de Brévanne a brûlé vendredi 22 mars 2024. Samedi, le maire a visité les lieux. "
        "« J'ai vu les pompiers ce matin », a déclaré la préfète lundi 25 mars. "
        "Hier, le conseil a voté une aide. "
        "Depuis la fermeture du marché le 5 mars, les commerçants attendent. Dans l'après-midi, ils ont manifesté."
    )
    article = Article(id="m1", text=text, published="2024-03")
    options = PipelineOptions(models=(("fr", "fr_core_news_sm"),))
    (analysis,) = analyse_local([article], options)
    times = {t.text: t for t in analysis.times}  # type: ignore[union-attr]
    assert times["Samedi"].value == "2024-03-23"  # the Saturday nearest the day named
    assert times["ce matin"].value == "2024-03-25"  # spoken on Monday 25 March
    assert times["Hier"].value is None  # outside quotes: the unknown day of writing
    assert (times["Hier"].earliest, times["Hier"].latest) == ("2024-02-29", "2024-03-30")
    # the 5 March of a 'depuis' phrase is background: the afternoon is not the 5th
    assert times["l'après-midi"].value != "2024-03-05"
