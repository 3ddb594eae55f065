"""Claims read with the dependency parse: clause words by offset, a predicate two outlets
share, and names an article writes without a recognised mention."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import SentenceOf, _common, _reporting_words, clash, same_predication
from recoupe.compare.statements import Fact, Statement, clauses, named_anchors, story_statements
from recoupe.fr.lexicon import canonical


def _parsed(
    text: str,
    words: list[tuple[str, str, str]],
    outlet: str = "A",
    start: int = 0,
) -> Statement:
    """A statement whose words are (lemma, word as written, head of its clause as written)."""
    starts, frames = [], []
    for _, written, head in words:
        starts.append(start + text.index(written))
        frames.append(start + text.index(head))
    lemmas = [lemma for lemma, _, _ in words]
    return Statement(
        article=outlet.lower(),
        outlet=outlet,
        start=start,
        end=start + len(text),
        text=text,
        lemmas=frozenset(canonical(lemma) for lemma in lemmas),
        predicate=None,
        negated=False,
        entities=frozenset(),
        words=tuple(lemmas),
        word_starts=tuple(starts),
        word_frames=tuple(frames),
    )


def test_a_clause_keeps_the_words_the_parse_places_in_it_even_irregular_ones():
    text = "Le pompier est mort en héros, selon le maire de Lauzac."
    words = [
        ("pompier", "pompier", "mort"),
        ("mourir", "mort", "mort"),
        ("héros", "héros", "mort"),
        ("maire", "maire", "mort"),
    ]
    first, second = clauses(_parsed(text, words, start=100), by_offset=True)
    assert first.text == "Le pompier est mort en héros"
    assert first.words == ("pompier", "mourir", "héros")  # "mort" is no prefix of "mourir"
    assert first.word_starts == (103, 115, 123)
    assert second.words == ("maire",)


def test_few_shared_words_corroborate_only_with_a_shared_predicate():
    wore = _parsed(
        "Le président a porté un maillot rouge",
        [
            ("président", "président", "porté"),
            ("porter", "porté", "porté"),
            ("maillot", "maillot", "porté"),
        ],
    )
    shown = _parsed(
        "Le logo visible sur le maillot du président",
        [
            ("logo", "logo", "visible"),
            ("visible", "visible", "visible"),
            ("maillot", "maillot", "visible"),
            ("président", "président", "visible"),
        ],
        outlet="B",
    )
    also_wore = _parsed(
        "Le président portait ce maillot au stade",
        [
            ("président", "président", "portait"),
            ("porter", "portait", "portait"),
            ("maillot", "maillot", "portait"),
            ("stade", "stade", "portait"),
        ],
        outlet="B",
    )
    assert not same_predication(Fact((wore, shown)))  # one topic, two claims
    assert same_predication(Fact((wore, also_wore)))


def test_a_nominalisation_of_the_paraphrase_table_is_the_same_predicate():
    fell = _parsed(
        "La tribune du stade s'est effondrée lundi",
        [
            ("tribune", "tribune", "effondrée"),
            ("stade", "stade", "effondrée"),
            ("effondrer", "effondrée", "effondrée"),
        ],
    )
    hurt = _parsed(
        "Des supporters ont été blessés dans l'effondrement de la tribune",
        [
            ("supporter", "supporters", "blessés"),
            ("blesser", "blessés", "blessés"),
            ("effondrement", "effondrement", "blessés"),
            ("tribune", "tribune", "blessés"),
        ],
        outlet="B",
    )
    assert same_predication(Fact((fell, hurt)))


def test_a_fragment_without_its_own_predicate_or_a_clause_without_parse_is_not_held_back():
    fragment = _parsed(
        "et le maillot du président",
        [("maillot", "maillot", "maillot"), ("président", "président", "maillot")],
    )
    # the frame head lies outside the clause: it states no predicate of its own
    fragment = Statement(**{**fragment.__dict__, "word_frames": (0, 0)})
    shown = _parsed(
        "Le logo visible sur le maillot du président",
        [
            ("logo", "logo", "visible"),
            ("visible", "visible", "visible"),
            ("maillot", "maillot", "visible"),
            ("président", "président", "visible"),
        ],
        outlet="B",
    )
    assert same_predication(Fact((fragment, shown)))
    unparsed = Statement(**{**shown.__dict__, "word_starts": (), "word_frames": ()})
    wore = _parsed(
        "Le président a porté un maillot rouge",
        [
            ("président", "président", "porté"),
            ("porter", "porté", "porté"),
            ("maillot", "maillot", "porté"),
        ],
    )
    assert same_predication(Fact((wore, unparsed)))


def test_participles_of_reporting_verbs_and_denials_are_shared_words():
    assert "annoncer" in _reporting_words()
    assert "accuse" not in _reporting_words()  # "les accusés", a noun
    assert "nier" not in _reporting_words()  # "l'Ukraine a nié": the claim itself
    convicted = _parsed(
        "tous les accusés ont été condamnés",
        [("accusé", "accusés", "condamnés"), ("condamner", "condamnés", "condamnés")],
    )
    sentenced = _parsed(
        "la condamnation des accusés",
        [("condamnation", "condamnation", "condamnation"), ("accusé", "accusés", "condamnation")],
        outlet="B",
    )
    assert {"accuse", "condamner"} <= _common(Fact((convicted, sentenced)))


def test_names_an_article_writes_without_a_mention_are_anchors():
    corpus = build(
        [
            Doc(
                "a",
                "La Moldavie a nié toute implication. Le Front du littoral a revendiqué l'attaque.",
                source="A",
                entities={
                    "Moldavie": ("place", ["Moldavie"]),
                    "Front du littoral": ("organization", ["Front du littoral"]),
                },
            ),
            Doc(
                "b",
                "Les autorités moldaves ont démenti. Le front du Littoral a revendiqué l'attentat.",
                source="B",
            ),
        ]
    )
    story = one_story(corpus)
    by_text = {s.text: s for s in named_anchors(story_statements(story, corpus), story, corpus)}
    country = next(iter(by_text["La Moldavie a nié toute implication."].entities))
    group = next(iter(by_text["Le Front du littoral a revendiqué l'attaque."].entities))
    denial = by_text["Les autorités moldaves ont démenti."]
    assert denial.entities == {country}
    # the demonym is the name, not a word besides it
    assert not any(lemma.startswith("moldave") for lemma in denial.lemmas)
    assert by_text["Le front du Littoral a revendiqué l'attentat."].entities == {group}


def test_pieces_of_a_hyphenated_word_are_no_shared_words():
    # the tagger may split "T-shirt" into "T", "-", "shirt": three tokens, one word
    wore = _parsed(
        "Le président a porté un T-shirt rouge",
        [
            ("président", "président", "porté"),
            ("porter", "porté", "porté"),
            ("t", "T", "porté"),
            ("-", "-", "porté"),
            ("shirt", "shirt", "porté"),
        ],
    )
    shown = _parsed(
        "Le logo visible sur le T-shirt du président",
        [
            ("logo", "logo", "visible"),
            ("visible", "visible", "visible"),
            ("t", "T", "visible"),
            ("-", "-", "visible"),
            ("shirt", "shirt", "visible"),
            ("président", "président", "visible"),
        ],
        outlet="B",
    )
    assert not same_predication(Fact((wore, shown)))


def _sentence_and_clause(text: str, words: list[tuple[str, str, str]], outlet: str, start: int):
    whole = _parsed(text, words, outlet, start)
    return whole, clauses(whole, by_offset=True)[-1]


def test_two_clauses_denying_one_paraphrase_class_agree_whatever_their_sentences_say():
    closed = (
        "Malgré la file devant la mairie de Lauzac, aucun habitant n'a pu entrer.",
        [
            ("file", "file", "file"),
            ("mairie", "mairie", "file"),
            ("habitant", "habitant", "entrer"),
            ("entrer", "entrer", "entrer"),
        ],
    )
    whole_a, denied_a = _sentence_and_clause(*closed, "A", 0)
    assert denied_a.text == "aucun habitant n'a pu entrer."

    def other(clause: str, words: list[tuple[str, str, str]]) -> tuple[Statement, Statement]:
        text = f"Les élus se pressent pour entrer, {clause}."
        head = [("élu", "élus", "pressent"), ("presser", "pressent", "pressent")]
        return _sentence_and_clause(
            text, [*head, ("entrer", "entrer", "pressent"), *words], "B", 500
        )

    # "accéder" is "entrer" in the paraphrase table: both outlets deny the entry of the public,
    # though B's sentence also says the elected members entered
    whole_b, denied_b = other(
        "les habitants n'étant pas autorisés à accéder à la salle",
        [
            ("habitant", "habitants", "autorisés"),
            ("autoriser", "autorisés", "autorisés"),
            ("accéder", "accéder", "accéder"),
            ("salle", "salle", "accéder"),
        ],
    )
    context = SentenceOf([whole_a, whole_b])
    assert not clash(denied_a, denied_b, context)
    # a denial of another predicate: A's "entrer" is still said without negation by B
    whole_c, voted = other(
        "les habitants n'ayant pas voté dans la salle",
        [
            ("habitant", "habitants", "voté"),
            ("voter", "voté", "voté"),
            ("salle", "salle", "voté"),
        ],
    )
    assert clash(denied_a, voted, SentenceOf([whole_a, whole_c]))
    # one side affirms: the clauses clash
    whole_d, allowed = other(
        "les habitants étant autorisés à accéder à la salle",
        [
            ("habitant", "habitants", "autorisés"),
            ("autoriser", "autorisés", "autorisés"),
            ("accéder", "accéder", "accéder"),
            ("salle", "salle", "accéder"),
        ],
    )
    assert clash(denied_a, allowed, SentenceOf([whole_a, whole_d]))


def test_a_fragment_sharing_a_bare_title_says_nothing_in_common():
    from recoupe.compare.findings import named_people
    from recoupe.model import Entity

    # invented: "a ajouté le procureur général" / "le procureur général a demandé un report"
    said_by = _parsed(
        "a ajouté le procureur général",
        [("procureur", "procureur", "procureur"), ("général", "général", "procureur")],
    )
    said_by = Statement(**{**said_by.__dict__, "word_frames": (0, 0)})  # no predicate of its own
    asked = _parsed(
        "le procureur général a demandé un report de l'audience",
        [
            ("procureur", "procureur", "demandé"),
            ("général", "général", "demandé"),
            ("demander", "demandé", "demandé"),
            ("report", "report", "demandé"),
            ("audience", "audience", "demandé"),
        ],
        outlet="B",
    )
    people = named_people([Entity("E1", "person", "Président du tribunal")])
    assert people == frozenset()  # a title typed as a person names no one
    assert same_predication(Fact((said_by, asked)))  # without people: the former rule
    assert not same_predication(Fact((said_by, asked)), people=people)
    # a named person, or a word besides the title, is what both say
    named = Statement(**{**said_by.__dict__, "entities": frozenset({"E2"})})
    named_too = Statement(**{**asked.__dict__, "entities": frozenset({"E2"})})
    mayor = named_people([Entity("E2", "person", "Lucie Garnier")])
    assert same_predication(Fact((named, named_too)), people=mayor)
    delay = _parsed(
        "le report de l'audience, selon le procureur général",
        [
            ("report", "report", "report"),
            ("audience", "audience", "report"),
            ("procureur", "procureur", "report"),
            ("général", "général", "report"),
        ],
        outlet="C",
    )
    delay = Statement(**{**delay.__dict__, "word_frames": (0, 0, 0, 0)})
    assert same_predication(Fact((delay, asked)), people=people)


def test_a_shared_predicate_must_bear_a_shared_word_in_both_clauses():
    # invented: the jury is the subject of "délibérer" in one, of "se retirer" in the other
    deliberated = _parsed(
        "le jury a délibéré pendant une heure",
        [("jury", "jury", "délibéré"), ("délibérer", "délibéré", "délibéré")],
    )
    withdrew = _parsed(
        "avant que le jury se retire pour délibérer",
        [
            ("jury", "jury", "retire"),
            ("retirer", "retire", "retire"),
            ("délibérer", "délibérer", "délibérer"),
        ],
        outlet="B",
    )
    assert not same_predication(Fact((deliberated, withdrew)))
    # the same verb bearing the same word: one claim
    also = _parsed(
        "le jury a délibéré longuement",
        [("jury", "jury", "délibéré"), ("délibérer", "délibéré", "délibéré")],
        outlet="B",
    )
    assert same_predication(Fact((deliberated, also)))
    # two predicates both clauses state, whatever they bear
    both = _parsed(
        "un geste « pas calculé, pas réfléchi »",
        [("calculer", "calculé", "calculé"), ("réfléchir", "réfléchi", "réfléchi")],
    )
    both_too = _parsed(
        "Ce geste n'était « pas calculé, pas réfléchi",
        [("calculer", "calculé", "calculé"), ("réfléchir", "réfléchi", "réfléchi")],
        outlet="B",
    )
    assert same_predication(Fact((both, both_too)))
