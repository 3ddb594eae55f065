"""Contradictions slot by slot, with exact evidence, and the compatible cases that are not."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import compare_story
from recoupe.compare.polarity import contained, denies, negated, opposed
from recoupe.compare.statements import NumberMention, Statement, parse_numbers
from recoupe.corpus import Corpus
from recoupe.model import Finding, TimeRef

GALLANT = {"Yoav Gallant": ("person", ["Yoav Gallant", "Gallant"])}


def _contradictions(corpus: Corpus) -> list[Finding]:
    story = compare_story(one_story(corpus), corpus)
    return [f for f in story.findings if f.kind == "contradiction"]


def _assert_exact(corpus: Corpus, finding: Finding) -> None:
    for ev in finding.evidence:
        assert corpus.article(ev.article).text[ev.start : ev.end] == ev.text


def test_role_contradiction_across_and_inside_articles():
    corpus = build(
        [
            Doc(
                "a",
                "Le ministre israélien de la Défense Yoav Gallant est à Washington.",
                source="Ouest",
                entities=GALLANT,
                roles=[("Yoav Gallant", "ministre israélien de la Défense", "ministre", "defense")],
            ),
            Doc(
                "b",
                "Le ministre israélien des Affaires étrangères Gallant parle.\n"
                "Le ministre israélien de la défense, Yoav Gallant, a rencontré Austin.",
                source="Nord",
                # inside one article only the headline may contradict the body
                title="Le ministre israélien des Affaires étrangères Gallant parle.",
                entities=GALLANT,
                roles=[
                    (
                        "Yoav Gallant",
                        "ministre israélien des Affaires étrangères",
                        "ministre",
                        "foreign_affairs",
                    ),
                    ("Yoav Gallant", "ministre israélien de la défense", "ministre", "defense"),
                ],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert (finding.slot, finding.subject) == ("role", "Yoav Gallant")
    assert set(finding.sources) == {"Ouest", "Nord"}
    # two sides: the defence wordings share one value, the foreign-affairs one differs
    values = {ev.value for ev in finding.evidence}
    assert values == {
        "ministre israélien de la Défense",
        "ministre israélien des Affaires étrangères",
    }
    assert "ministre israélien de la défense" in {ev.text for ev in finding.evidence}
    assert "Affaires étrangères" in finding.summary and "Défense" in finding.summary
    _assert_exact(corpus, finding)


def test_additional_or_reworded_roles_are_not_contradictions():
    hagari = {"Daniel Hagari": ("person", ["Daniel Hagari"])}
    sullivan = {"Jake Sullivan": ("person", ["Jake Sullivan"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le porte-parole de Tsahal, le contre-amiral Daniel Hagari, parle. "
                "Le conseiller américain à la sécurité nationale, Jake Sullivan, écoute.",
                entities={**hagari, **sullivan},
                roles=[
                    ("Daniel Hagari", "porte-parole de Tsahal", "porte-parole", None),
                    ("Daniel Hagari", "contre-amiral", "contre-amiral", None),
                    (
                        "Jake Sullivan",
                        "conseiller américain à la sécurité nationale",
                        "conseiller",
                        "securite nationale",
                    ),
                ],
            ),
            Doc(
                "b",
                "Jake Sullivan, conseiller à la sécurité, a parlé. Le maire de Brest, Daniel Hagari, aussi.",
                entities={**hagari, **sullivan},
                roles=[
                    ("Jake Sullivan", "conseiller à la sécurité", "conseiller", "securite"),
                    ("Daniel Hagari", "maire de Brest", "maire", None),
                ],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_role_contradiction_from_titles_when_parts_are_empty():
    corpus = build(
        [
            Doc(
                "a",
                "La ministre de l'Intérieur, Hélène Marchal, est venue.",
                source="A",
                entities={"Hélène Marchal": ("person", ["Hélène Marchal"])},
                roles=[("Hélène Marchal", "ministre de l'Intérieur", None, None)],
            ),
            Doc(
                "b",
                "La ministre de la Justice, Hélène Marchal, est venue.",
                source="B",
                entities={"Hélène Marchal": ("person", ["Hélène Marchal"])},
                roles=[("Hélène Marchal", "ministre de la Justice", None, None)],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "role"


def _toll(first: str, second: str) -> Corpus:
    place = {"Saint-Méran": ("place", ["Saint-Méran"])}
    return build(
        [
            Doc(
                "a",
                f"L'effondrement de la tribune de Saint-Méran a fait {first} lundi.",
                source="A",
                entities=place,
            ),
            Doc(
                "b",
                f"L'effondrement de la tribune de Saint-Méran a fait {second} selon la préfecture.",
                source="B",
                entities=place,
            ),
        ]
    )


def test_number_contradiction_names_both_values():
    corpus = _toll("12 morts", "17 morts")
    [finding] = _contradictions(corpus)
    assert finding.slot == "number"
    assert {ev.value for ev in finding.evidence} == {"12 morts", "17 morts"}
    assert {ev.text for ev in finding.evidence} == {"12 morts", "17 morts"}
    assert [(g.value, g.sources) for g in finding.values] in (
        [("12 morts", ("A",)), ("17 morts", ("B",))],
        [("17 morts", ("B",)), ("12 morts", ("A",))],
    )
    assert finding.title and 0 < finding.confidence <= 1
    assert set(finding.sources) == {"A", "B"}
    _assert_exact(corpus, finding)


def test_precision_differences_are_not_contradictions():
    assert _contradictions(_toll("plus de 30 000 morts", "30 412 morts")) == []
    assert _contradictions(_toll("environ 800 morts", "800 morts")) == []
    assert _contradictions(_toll("12 morts", "50 blessés")) == []


def test_date_contradiction_on_aligned_statements():
    council = {"Port-Lauzac": ("place", ["Port-Lauzac"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le conseil municipal de Port-Lauzac a adopté mardi le projet du port.",
                source="A",
                entities=council,
                times=[("mardi", "2025-03-11", "2025-03-11")],
            ),
            Doc(
                "b",
                "Le conseil municipal de Port-Lauzac a adopté le 14 mars le projet du port.",
                source="B",
                entities=council,
                times=[("le 14 mars", "2025-03-14", "2025-03-14")],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "date"
    assert {ev.text for ev in finding.evidence} == {"mardi", "le 14 mars"}
    _assert_exact(corpus, finding)


def test_overlapping_dates_are_compatible():
    council = {"Port-Lauzac": ("place", ["Port-Lauzac"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le conseil municipal de Port-Lauzac a adopté mardi le projet du port.",
                source="A",
                entities=council,
                times=[("mardi", "2025-03-04", "2025-03-25")],
            ),
            Doc(
                "b",
                "Le conseil municipal de Port-Lauzac a adopté hier le projet du port.",
                source="B",
                entities=council,
                times=[("hier", "2025-03-11", "2025-03-11")],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_speaker_contradiction_same_quote_two_speakers():
    people = {
        "Julien Fabre": ("person", ["Julien Fabre"]),
        "Armelle Quéré": ("person", ["Armelle Quéré"]),
    }
    quote = "Ce projet est une chance pour Port-Lauzac, pas une menace"
    corpus = build(
        [
            Doc(
                "a",
                f"« {quote} », a lancé le maire, Julien Fabre.",
                source="A",
                entities=people,
                quotes=[(quote, "Julien Fabre", "a lancé")],
            ),
            Doc(
                "b",
                f"« {quote}. » a affirmé Armelle Quéré.",
                source="B",
                entities=people,
                quotes=[(quote + ".", "Armelle Quéré", "a affirmé")],
            ),
        ]
    )
    [finding] = [f for f in _contradictions(corpus) if f.slot == "speaker"]
    assert {ev.value for ev in finding.evidence} == {"Julien Fabre", "Armelle Quéré"}
    assert {ev.text for ev in finding.evidence} == {"Julien Fabre", "Armelle Quéré"}


def test_same_speaker_same_quote_is_no_contradiction():
    people = {"Julien Fabre": ("person", ["Julien Fabre"])}
    quote = "Ce projet est une chance pour la ville"
    corpus = build(
        [
            Doc(
                "a",
                f"« {quote} », dit Julien Fabre.",
                entities=people,
                quotes=[(quote, "Julien Fabre", "dit")],
            ),
            Doc(
                "b",
                f"« {quote} », affirme Julien Fabre.",
                entities=people,
                quotes=[(quote, "Julien Fabre", "affirme")],
            ),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "speaker"] == []


def test_negated_versus_affirmed_statement():
    people = {"Paul Durand": ("person", ["Paul Durand"]), "Brest": ("place", ["Brest"])}
    corpus = build(
        [
            Doc(
                "a",
                "Paul Durand a signé le contrat du port de Brest hier.",
                source="A",
                entities=people,
            ),
            Doc(
                "b",
                "Paul Durand n'a pas signé le contrat du port de Brest hier.",
                source="B",
                entities=people,
                negated=["n'a pas"],
            ),
        ]
    )
    [finding] = [f for f in _contradictions(corpus) if f.slot == "negation"]
    assert {ev.value for ev in finding.evidence} == {"negated", "affirmed"}


def test_generic_organisation_is_not_a_contradiction_but_a_named_one_is():
    vasseur = {"Didier Vasseur": ("person", ["Didier Vasseur"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le président de l'US Saint-Méran, Didier Vasseur, parle.",
                source="A",
                entities=vasseur,
                roles=[("Didier Vasseur", "président de l'US Saint-Méran", "président", None)],
            ),
            Doc(
                "b",
                "Le président du club, Didier Vasseur, parle.",
                source="B",
                entities=vasseur,
                roles=[("Didier Vasseur", "président du club", "président", None)],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_parts_organisation_compared_when_named():
    from dataclasses import replace

    from recoupe.compare.contradictions import role_slot
    from recoupe.model import Role, RoleParts

    named = Role(
        "maire de Saint-Méran",
        "a",
        0,
        1,
        "x",
        RoleParts(function="maire", organization="saint-meran"),
    )
    generic = replace(
        named,
        title="maire de la commune",
        parts=RoleParts(function="maire", organization="commune"),
    )
    assert role_slot(named).of == {"saint", "meran"}
    assert role_slot(generic).of == frozenset()


def test_a_story_from_one_outlet_has_no_single_source_or_corroborated_findings():
    corpus = build(
        [
            Doc(
                "solo",
                "Le conseil de Brisac a voté mardi un budget de 12 millions d'euros.\n"
                "La maire a salué le vote du budget de 12 millions d'euros par le conseil.",
                source="Ouest",
            )
        ]
    )
    story = compare_story(one_story(corpus), corpus)
    assert {f.kind for f in story.findings} <= {"contradiction"}


# --- rules added for real news (issue 11) -------------------------------------------


def _with_times(corpus: Corpus, times: list[TimeRef]) -> Corpus:
    """The corpus with hand-typed time expressions (kind, parts) instead of the builder's."""
    return replace(corpus, times=tuple(times))


def _time(corpus: Corpus, article: str, text: str, **fields: object) -> TimeRef:
    at = corpus.article(article).text.index(text)
    return TimeRef(article, at, at + len(text), text, **fields)  # type: ignore[arg-type]


def test_a_decimal_comma_does_not_cut_the_clause_of_its_figure():
    corpus = build(
        [
            Doc("a", "Le séisme de magnitude 6,8 a frappé la vallée de Tarnel.", source="A"),
            Doc("b", "Le séisme de magnitude 7 a frappé la vallée de Tarnel.", source="B"),
        ]
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "number"
    assert {ev.value for ev in finding.evidence} == {"6,8", "7"}


def test_former_office_against_current_office_for_the_same_person():
    mayor = {"Lucie Berthon": ("person", ["Lucie Berthon"])}
    corpus = build(
        [
            Doc(
                "a",
                "La présidente Lucie Berthon a visité le chantier du port.",
                source="A",
                entities=mayor,
                roles=[("Lucie Berthon", "présidente", "président", None)],
            ),
            Doc(
                "b",
                "L'ancienne présidente Lucie Berthon a visité le chantier du port.",
                source="B",
                entities=mayor,
                roles=[("Lucie Berthon", "ancienne présidente", "président", None)],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert (finding.slot, finding.subject) == ("role", "Lucie Berthon")
    assert {ev.value for ev in finding.evidence} == {"présidente", "ancienne présidente"}
    _assert_exact(corpus, finding)


def test_a_former_portfolio_is_no_contradiction_of_a_current_one():
    minister = {"Paul Morvan": ("person", ["Paul Morvan"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le ministre de l'Intérieur Paul Morvan a visité le port.",
                source="A",
                entities=minister,
                roles=[("Paul Morvan", "ministre de l'Intérieur", "ministre", "interior")],
            ),
            Doc(
                "b",
                "L'ancien ministre de la Défense Paul Morvan a visité le port.",
                source="B",
                entities=minister,
                roles=[("Paul Morvan", "ancien ministre de la Défense", "ministre", "defense")],
            ),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "role"] == []


def _described_speaker(description: str) -> Corpus:
    governor = {"Marc Olivier": ("person", ["Marc Olivier"])}
    quote = "Il a protégé sa famille jusqu'au dernier instant"
    return build(
        [
            Doc(
                "a",
                f"Le gouverneur Marc Olivier a parlé. « {quote} », a précisé Marc Olivier.",
                source="A",
                entities=governor,
                roles=[("Marc Olivier", "gouverneur", "gouverneur", None)],
                quotes=[(quote, "Marc Olivier", "a précisé")],
            ),
            Doc(
                "b",
                f"« {quote} », a précisé {description}.",
                source="B",
                quotes=[(quote, description, "a précisé")],
            ),
        ]
    )


def test_a_quote_given_to_an_office_its_speaker_does_not_hold():
    [finding] = [
        f for f in _contradictions(_described_speaker("le procureur")) if f.slot == "speaker"
    ]
    assert {ev.value for ev in finding.evidence} == {"Marc Olivier", "le procureur"}
    # the same office, or a noun that fits any office, says nothing against the name
    for description in ("le gouverneur", "l'élu démocrate"):
        found = _contradictions(_described_speaker(description))
        assert [f for f in found if f.slot == "speaker"] == [], description


def test_people_counted_by_their_participle():
    units = {n.text: n.unit for n in parse_numbers("deux personnes ont été blessées")}
    assert units == {"deux personnes": "bless"}
    for text in ("115 personnes ont été tuées", "115 morts", "trois décès", "12 tués"):
        assert [n.unit for n in parse_numbers(text)] == ["mort"], text
    assert [n.unit for n in parse_numbers("cinq personnes dans la salle")] == ["personn"]
    corpus = build(
        [
            Doc("a", "Au lycée de Tarnel, deux personnes ont été blessées vendredi.", source="A"),
            Doc("b", "Au lycée de Tarnel, l'attaque a fait trois blessés vendredi.", source="B"),
        ]
    )
    [finding] = _contradictions(corpus)
    assert {ev.value for ev in finding.evidence} == {"deux personnes", "trois blessés"}


def test_a_lower_bound_does_not_give_a_higher_value():
    corpus = build(
        [
            Doc("a", "Les émeutes de Tarnel ont fait quatre morts dont un gendarme.", source="A"),
            Doc(
                "b",
                "Au moins trois personnes sont mortes à Tarnel. "
                "Les émeutes de Tarnel ont fait trois morts dont un gendarme.",
                source="B",
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert {"quatre morts", "trois morts"} <= {ev.value for ev in finding.evidence}


def test_one_figure_of_two_alike_in_a_sentence_is_not_matched_on_one_word():
    corpus = build(
        [
            Doc(
                "a",
                "Le maire a subi une opération de cinq heures mercredi et une autre de deux "
                "heures vendredi.",
                source="A",
            ),
            Doc("b", "Selon son adjoint, il a été opéré pendant trois heures.", source="B"),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "number"] == []


def test_a_bare_weekday_meets_no_date_on_another_weekday():
    wednesday = dt.date(2025, 5, 14).toordinal()
    tuesday = NumberMention(0, 5, "mardi", 0, wednesday - 8, wednesday + 13, "@day", weekday=2)
    day = NumberMention(0, 5, "mercredi 14 mai", wednesday, wednesday, wednesday, "@day")
    assert not tuesday.compatible(day) and not day.compatible(tuesday)
    assert replace(tuesday, weekday=3).compatible(day)
    corpus = build(
        [
            Doc(
                "a",
                "La préfète Anne Roux a annoncé mercredi 14 mai le déploiement des gendarmes.",
                source="A",
                published="2025-05-14",
            ),
            Doc(
                "b",
                "Anne Roux a annoncé mardi le déploiement des gendarmes.",
                source="B",
                published="2025-05",
            ),
        ]
    )
    corpus = _with_times(
        corpus,
        [
            _time(
                corpus,
                "a",
                "mercredi 14 mai",
                value="2025-05-14",
                earliest="2025-05-14",
                latest="2025-05-14",
                kind="dm",
            ),
            _time(
                corpus,
                "b",
                "mardi",
                earliest="2025-05-06",
                latest="2025-05-27",
                kind="weekday",
                parts=(("wd", "mardi"),),
            ),
        ],
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "date"
    assert {ev.text for ev in finding.evidence} == {"mercredi 14 mai", "mardi"}


def test_times_of_day_named_by_the_same_word_of_their_clauses():
    corpus = build(
        [
            Doc("a", "La juge est arrivée vers 9h20 au tribunal de Tarnel.", source="A"),
            Doc("b", "Les avocats ont salué la juge à son arrivée vers 08H00.", source="B"),
        ]
    )
    corpus = _with_times(
        corpus,
        [
            _time(corpus, "a", "vers 9h20", type="time", kind="clock"),
            _time(corpus, "b", "vers 08H00", type="time", kind="clock"),
        ],
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "date"
    assert {ev.text for ev in finding.evidence} == {"vers 9h20", "vers 08H00"}


def _sourced(first: str, second: str, figure: str = "115") -> Corpus:
    bodies = {
        "la préfecture": ("organization", ["la préfecture"]),
        "la gendarmerie": ("organization", ["la gendarmerie"]),
    }
    return build(
        [
            Doc(
                "a",
                f"L'explosion du dépôt de Tarnel a fait {figure} morts, selon {first}.",
                source="A",
                entities=bodies,
            ),
            Doc(
                "b",
                f"Selon {second}, {figure} personnes ont été tuées dans l'explosion du dépôt.",
                source="B",
                entities=bodies,
            ),
        ]
    )


def test_the_same_figure_credited_to_two_sources():
    [finding] = _contradictions(_sourced("la préfecture", "la gendarmerie"))
    assert finding.slot == "speaker"
    assert {g.value for g in finding.values} == {"la préfecture", "la gendarmerie"}
    assert _contradictions(_sourced("la préfecture", "la préfecture")) == []
    # a small count two sources give alike may well be two counts
    assert _contradictions(_sourced("la préfecture", "la gendarmerie", "trois")) == []


def test_two_people_quoted_giving_one_toll_both_said_it():
    people = {
        "Anne Roux": ("person", ["Anne Roux"]),
        "Marc Olivier": ("person", ["Marc Olivier"]),
    }
    first = "L'explosion du dépôt de Tarnel a fait 115 morts"
    second = "Nous comptons 115 morts après l'explosion du dépôt"
    corpus = build(
        [
            Doc(
                "a",
                f"« {first} », a déclaré Anne Roux.",
                source="A",
                entities=people,
                quotes=[(first, "Anne Roux", "a déclaré")],
            ),
            Doc(
                "b",
                f"« {second} », a dit Marc Olivier.",
                source="B",
                entities=people,
                quotes=[(second, "Marc Olivier", "a dit")],
            ),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "speaker"] == []


def _claim(text: str, lemmas: set[str], mentions: tuple = ()) -> Statement:
    return Statement(
        "a",
        "A",
        0,
        len(text),
        text,
        frozenset(lemmas),
        None,
        False,
        frozenset(),
        mentions=mentions,
    )


def test_polarity_rules_on_claims():
    # "sans exception" says "all", "une personne" is no "personne" of a denial
    assert not negated(_claim("le pass est demandé sans exception", {"pass", "demander"}))
    assert not negated(_claim("il a vu une personne armée", {"voir", "armer"}))
    assert negated(_claim("personne n'a vu le tireur", {"voir", "tireur"}))
    # a verb of denial opposes the claim it denies
    said = _claim(
        "les soignants ont reçu l'ordre de cacher les patients",
        {"soignant", "ordre", "cacher", "patient"},
    )
    denied = _claim(
        "les soignants démentent l'ordre de cacher les patients",
        {"soignant", "dementir", "ordre", "cacher", "patient"},
    )
    assert denies(denied) and not negated(denied)
    assert opposed(said, replace(denied, article="b", outlet="B")) == "negation"
    # antonyms count as each other's counterpart; said with a negation, they agree
    saved = _claim("le vaccin a sauvé sa carrière", {"vaccin", "sauver", "carriere"})
    ruined = _claim("le vaccin a ruiné sa carrière", {"vaccin", "ruiner", "carriere"})
    assert opposed(saved, ruined) == "antonym"
    not_ruined = _claim("le vaccin n'a pas ruiné sa carrière", {"vaccin", "ruiner", "carriere"})
    assert opposed(saved, not_ruined) is None
    # the words of a name are no content of a claim
    named = _claim("citant le Croissant-Vert", {"croissant", "vert"}, ((8, 24, "E1"),))
    assert contained(named, said) == 0.0


def test_a_condition_makes_no_claim_and_a_denial_under_it_denies_nothing():
    corpus = build(
        [
            Doc(
                "a",
                "Les visiteurs doivent présenter un test négatif pour entrer dans la clinique.",
                source="A",
            ),
            Doc(
                "b",
                "Sans test négatif, les visiteurs ne peuvent pas entrer dans la clinique.",
                source="B",
                negated=["ne peuvent pas"],
            ),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "negation"] == []


def _photos(place_b: str, date_b: tuple[str, str, str]) -> Corpus:
    places = {
        "Ukraine": ("place", ["Ukraine"]),
        "Russie": ("place", ["Russie"]),
        "Tarnel": ("place", ["Tarnel"]),
    }
    return build(
        [
            Doc(
                "a",
                "Les photographies diffusées par le quotidien Hexa ont été prises en Ukraine "
                "en février 2022.",
                source="A",
                entities=places,
                times=[("février 2022", "2022-02", "2022-02")],
            ),
            Doc(
                "b",
                f"Les photographies diffusées par le quotidien Hexa ont été prises en {place_b} "
                f"{date_b[0]}.",
                source="B",
                entities=places,
                times=[date_b],
            ),
        ]
    )


def test_one_claim_said_alike_but_for_its_country_or_its_date():
    [finding] = _contradictions(_photos("Russie", ("en février 2022", "2022-02", "2022-02")))
    assert finding.slot == "place"
    assert {g.value for g in finding.values} == {"Ukraine", "Russie"}
    [finding] = _contradictions(_photos("Ukraine", ("en 2018", "2018", "2018")))
    assert finding.slot == "date"
    assert {ev.text for ev in finding.evidence} == {"février 2022", "en 2018"}
    # a town is no country: "à Tarnel" may well be in Ukraine
    assert _contradictions(_photos("Tarnel", ("en février 2022", "2022-02", "2022-02"))) == []


def test_a_role_inside_a_quote_is_the_speakers_words_not_the_outlets():
    people = {
        "Lucie Berthon": ("person", ["Lucie Berthon"]),
        "Marc Olivier": ("person", ["Marc Olivier"]),
    }
    quote = "Nous aimions l'ancienne présidente du port"
    corpus = build(
        [
            Doc(
                "a",
                f"La présidente Lucie Berthon a visité le chantier. « {quote} », a dit Marc Olivier.",
                source="A",
                entities=people,
                roles=[
                    ("Lucie Berthon", "présidente", "président", None),
                    ("Lucie Berthon", "ancienne présidente du port", "président", None),
                ],
                quotes=[(quote, "Marc Olivier", "a dit")],
            ),
            Doc(
                "b",
                "L'ancienne présidente Lucie Berthon a visité le chantier.",
                source="B",
                entities=people,
                roles=[("Lucie Berthon", "ancienne présidente", "président", None)],
            ),
        ]
    )
    [finding] = [f for f in _contradictions(corpus) if f.slot == "role"]
    assert {g.value for g in finding.values} == {"présidente", "ancienne présidente"}


def _standfirst(lead: str, body: str) -> Corpus:
    port = {"Brévannes": ("place", ["Brévannes"])}
    return build(
        [
            Doc("a", f"{lead}{body}\n\nLes secours continuent.", source="A", entities=port),
            Doc("b", "La tempête a frappé la côte de Brévannes mardi soir.", source="B"),
        ]
    )


def test_a_standfirst_may_contradict_its_own_body_like_a_headline():
    lead = "Le port de Brévannes a accepté l'aide de cinq pays après la tempête."
    body = "Le port de Brévannes a accepté l'aide de quatre pays : la Norvège, le Chili, l'Inde et le Japon."
    [finding] = _contradictions(_standfirst(f"{lead}\n\n", body))
    assert finding.slot == "number"
    assert {g.value for g in finding.values} == {"cinq pays", "quatre pays"}
    assert {s for g in finding.values for s in g.sources} == {"A"}
    # one paragraph of body: an outlet never contradicts itself there
    assert _contradictions(_standfirst(f"{lead} ", body)) == []
    # a photo caption set apart first is no standfirst
    caption = lead[:-1] + " ( AFP / Jeanne Morel )\n\n"
    assert _contradictions(_standfirst(caption, body)) == []


def _given(first: str, second: str) -> Corpus:
    bodies = {
        "la préfecture": ("organization", ["La préfecture"]),
        "la gendarmerie": ("organization", ["La gendarmerie"]),
        "Tarnel": ("place", ["Tarnel"]),
    }
    return build(
        [
            Doc("a", f"{first} après l'explosion du dépôt de Tarnel.", source="A", entities=bodies),
            Doc("b", f"{second} dans l'explosion du dépôt.", source="B", entities=bodies),
        ]
    )


def test_the_subject_of_a_verb_of_giving_is_the_source_of_its_figure():
    first = "La préfecture évoquait lundi 115 morts"
    second = "La gendarmerie dément. Cette organisation avance plutôt un bilan de 115 morts"
    [finding] = _contradictions(_given(first, second))
    assert finding.slot == "speaker"
    assert {g.value for g in finding.values} == {"la préfecture", "la gendarmerie"}
    stated = "La gendarmerie, jointe par téléphone. La gendarmerie avait fait état d'un bilan de 115 morts"
    [finding] = _contradictions(_given(first, stated))
    assert {g.value for g in finding.values} == {"la préfecture", "la gendarmerie"}
    # the same source both ways, a place as subject, or no organisation to take up: no source
    same = "La préfecture a fait état d'un bilan de 115 morts"
    assert [f for f in _contradictions(_given(first, same)) if f.slot == "speaker"] == []
    place = "Tarnel évoquait 115 morts"
    assert [f for f in _contradictions(_given(place, second)) if f.slot == "speaker"] == []
    alone = "Cette organisation avance plutôt un bilan de 115 morts"
    assert [f for f in _contradictions(_given(first, alone)) if f.slot == "speaker"] == []


# --- held-out audit (issue 11): patterns of real pages, in invented sentences ------------


def _two(
    first: str, second: str, published: tuple[str | None, str | None] = (None, None)
) -> Corpus:
    return build(
        [
            Doc("a", first, source="A", published=published[0]),
            Doc("b", second, source="B", published=published[1]),
        ]
    )


def test_an_age_never_contradicts_a_prison_term():
    corpus = _two(
        "Le tribunal de Kervéan a condamné le boulanger à 12 ans de réclusion criminelle.",
        "Le procureur avait requis la réclusion criminelle contre le boulanger, un homme de 41 ans.",
    )
    assert _contradictions(corpus) == []


def test_two_ages_of_one_person_still_conflict():
    corpus = _two(
        "Le nouveau préfet de Kervéan, âgé de 52 ans, arrive lundi à la préfecture.",
        "Le nouveau préfet de Kervéan, un fonctionnaire de 53 ans, arrive lundi à la préfecture.",
    )
    [finding] = _contradictions(corpus)
    assert {ev.value for ev in finding.evidence} == {"52 ans", "53 ans"}
    assert finding.subject == "âge"


def test_durations_of_other_scales_are_two_periods():
    corpus = _two(
        "Le jury de Kervéan a délibéré pendant trois heures avant le verdict du procès.",
        "Le verdict du procès de Kervéan tombe : dix ans de prison pour le boulanger.",
    )
    assert _contradictions(corpus) == []


def test_first_and_second_round_figures_are_two_counts():
    corpus = _two(
        "Le maire de Kervéan a été réélu au premier tour des municipales avec 71 % des voix.",
        "Le maire de Kervéan a été élu au second tour des municipales avec 54 % des voix.",
    )
    assert _contradictions(corpus) == []


def test_a_source_speaking_on_its_publication_day_dates_no_event():
    # Sunday's paper: the company announced on Sunday; Tuesday's: the strike is this morning
    corpus = build(
        [
            Doc(
                "a",
                "La compagnie des bus de Kervéan a annoncé dimanche une grève des chauffeurs.",
                source="A",
                published="2031-05-04",
                times=[("dimanche", "2031-05-04", "2031-05-04")],
            ),
            Doc(
                "b",
                "Les chauffeurs de la compagnie des bus sont en grève ce mardi à Kervéan.",
                source="B",
                published="2031-05-06",
                times=[("ce mardi", "2031-05-06", "2031-05-06")],
            ),
        ]
    )
    from recoupe.compare.contradictions import number_contradictions
    from recoupe.compare.statements import story_statements

    statements = story_statements(one_story(corpus), corpus)
    assert [f for f in number_contradictions(statements, corpus) if f.slot == "date"] == []


def test_a_numbered_organisation_matches_its_name_alone():
    person = {"Paul Kerhervé": ("person", ["Paul Kerhervé"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le directeur du SDIS29, Paul Kerhervé, a parlé.",
                source="A",
                entities=person,
                roles=[("Paul Kerhervé", "directeur du SDIS29", None, None)],
            ),
            Doc(
                "b",
                "Paul Kerhervé, directeur départemental du SDIS, a parlé.",
                source="B",
                entities=person,
                roles=[("Paul Kerhervé", "directeur départemental du SDIS", None, None)],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_a_corroborated_card_never_quotes_a_contested_value():
    person = {"Paul Kerhervé": ("person", ["Paul Kerhervé"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le préfet Paul Kerhervé, un haut fonctionnaire de 52 ans, est un énarque discret.",
                source="A",
                entities=person,
            ),
            Doc(
                "b",
                "Le préfet Paul Kerhervé est un haut fonctionnaire, un énarque discret.",
                source="B",
                entities=person,
            ),
            Doc(
                "c",
                "Le préfet Paul Kerhervé, un haut fonctionnaire de 53 ans, arrive à Kervéan.",
                source="C",
                entities=person,
            ),
        ]
    )
    story = compare_story(one_story(corpus), corpus)
    assert any(f.kind == "contradiction" for f in story.findings)
    cards = [f for f in story.findings if f.kind == "corroborated"]
    assert cards
    assert not any("52" in f.summary or "52" in (f.title or "") for f in cards), cards


def test_a_ratio_contradicts_a_percentage_beyond_its_rounding_only():
    [finding] = _contradictions(_toll("un bac sur deux", "75 % des bacs"))
    assert {g.value for g in finding.values} == {"un bac sur deux", "75 %"}
    assert _contradictions(_toll("un bac sur huit", "12 % des bacs")) == []
    assert _contradictions(_toll("la moitié des bacs", "48 % des bacs")) == []
    assert _contradictions(_toll("un bac régional sur deux", "un bac sur quatre")) == []
