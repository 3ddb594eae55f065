"""Findings of one story: corroborated facts, single-source facts, contradictions.

``compare_story`` is the compare/ entry point: it reduces the story's articles
to statements, groups aligned statements into facts, finds contradictions, and
fills the story's findings, coverage and brief (the timeline is left as the
link stage set it).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from recoupe.compare.brief import story_brief
from recoupe.compare.claims import (
    aligns_alone,
    collapse,
    expand_facts,
    expand_findings,
    following,
    merged_polarity,
    signature,
)
from recoupe.compare.contradictions import make_evidence, minority_spans, story_contradictions
from recoupe.compare.coverage import story_coverage
from recoupe.compare.polarity import (
    DENIAL_LEMMAS,
    NEGATION_WORDS,
    PASSED_OVER,
    calls_false,
    denied_spans,
    negated_text,
    opposite_forms,
    opposition_keys,
)
from recoupe.compare.statements import (
    GENERIC_PREDICATES,
    Aligner,
    Fact,
    NumberMention,
    Statement,
    _same_word,
    clauses,
    counted_keys,
    facts,
    figure_key,
    named_anchors,
    outlet_of,
    story_statements,
)
from recoupe.compare.vectors import similarity
from recoupe.corpus import Corpus
from recoupe.fr.lexicon import (
    canonical,
    paraphrase_map,
    reporting_lemmas,
    reporting_verbs,
    speaker_nouns,
    titles,
    word_class,
)
from recoupe.fr.numbers import word_number
from recoupe.fr.text import fold
from recoupe.model import Entity, Finding, Story

MIN_LEMMAS = 3  # shorter sentences carry no fact worth reporting alone
MIN_COMMON = 2  # content words or names all statements of a corroborated fact must share
MAX_TITLE_CHARS = 90
MIN_TITLE_WORDS = 6  # a shorter clause is titled by its whole sentence
MAX_MERGED_SENTENCES = 2  # sentences of one article a merged corroboration may cite
MAX_SINGLE_PER_ARTICLE = 8  # single-source findings per article, the most informative kept
COUNTERPART_SCORE = (
    0.15  # below alignment (0.2), above chance: a clause this close has a counterpart
)
SINGLE_SOURCE_CONFIDENCE = (
    0.6  # a claim one outlet makes: sure it is there, unsure nobody else says it
)
# another outlet's sentence says a clause when it says all the clause's keys and this many
# of its sentence's (docs/analysis.md: calibrated on news-dev single-source recall)
SAID_ELSEWHERE_CONTEXT = 2
SAID_ELSEWHERE_SIMILARITY = 0.75  # word-vector cosine of two words saying the same
MAX_QUOTE_CHARS = 160
MAX_CUT_CHARS = 14
MAX_RUN = 6  # clauses in one single-source passage
# two sentences state one claim when the other says this share of the shorter one's content
# words and names (calibrated on news-dev, the sample and DACCORD dev: news-dev is flat from
# 0.4 to 0.7, the sample loses corroborations under 0.45, DACCORD gains below; docs/analysis.md)
SAME_CLAIM_SHARE = 0.5
MIN_CLAIM_ANCHORS = 4  # fewer content words and names make no claim to compare
# shared content words that make a corroboration without a shared predicate (calibrated on
# news-dev, the sample and DACCORD dev: 2 lost the sample's corroborations; docs/analysis.md)
PREDICATE_FREE_WORDS = 3
# "et non en russe", "non pas"; not "non-vaccinés", "non seulement", "non loin"
NON_RE = re.compile(r"\bnon\b(?![-\u2011]|\s+(?:seulement|loin|sans|plus)\b)", re.IGNORECASE)
# participles the lemmatiser leaves as they are ("démenti", "nié"); the lemmas are polarity's
DENIAL_FORMS = frozenset({"dementi", "nie"})
# a clause opening on "ne"/"n'": its negation was opened before the cut ("Ni le parquet, ni la
# police, n'ont connaissance …"); an expletive "ne" never opens a clause, and "ne … que"
# restricts
OPEN_NE_RE = re.compile(r"^\W*n(?:e\s|['’])(?![^,;:.]*\bqu(?:e\s|['’]))", re.IGNORECASE)


def _short(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _entity_rank(entity_id: str) -> tuple[int, str]:
    digits = entity_id.lstrip("E")
    return (int(digits) if digits.isdigit() else 1 << 30, entity_id)


def fact_subject(fact: Fact, corpus: Corpus) -> str:
    """The entities most statements of the fact share, else its predicate."""
    counts = Counter(e for s in fact.statements for e in s.entities)
    # ties broken by entity order (first mention in the corpus), never by set order
    ranked = sorted(counts, key=lambda e: (-counts[e], _entity_rank(e)))
    shared = [e for e in ranked if counts[e] >= min(2, len(fact.statements))]
    people_first = sorted(shared[:4], key=lambda e: corpus.entity(e).type != "person")
    if people_first:
        return ", ".join(corpus.entity(e).name for e in people_first[:2])
    predicate = next((s.predicate for s in fact.statements if s.predicate), None)
    if predicate:
        return predicate
    first_words = [w for s in fact.statements for w in s.words[:2]]
    return " ".join(first_words[:2]) or "fait"


def representative(fact: Fact) -> Statement:
    """The statement that best stands for the fact: body before headline, then shortest."""
    return min(fact.statements, key=lambda s: (s.headline, s.quoted, len(s.text)))


def is_salient(statement: Statement, corpus: Corpus) -> bool:
    """A statement worth reporting as a fact: it names, dates or counts something, or says enough."""
    source = corpus.article(statement.article).source
    if source and source in statement.text:  # the outlet's own signature or byline
        return False
    if len(statement.lemmas) > MIN_LEMMAS or (statement.numbers and statement.lemmas):
        return True
    anchored = statement.entities or statement.times or statement.quoted
    return len(statement.lemmas) >= MIN_LEMMAS - 1 and bool(anchored)


@functools.cache
def _reporting_words() -> frozenset[str]:
    """Reporting verbs as lemmas can show them, without the forms of their participles (a
    participle the lemmatiser keeps is a noun or an adjective: "les accusés") and without
    the verbs of denial: "l'Ukraine a nié" / "a démenti" is the claim, not who says it."""
    participles = {
        fold(verb.lemma)[:-2] + ending
        for verb in reporting_verbs().values()
        if verb.lemma.endswith("er")
        for ending in ("e", "ee", "es", "ees")
    }
    return reporting_lemmas() - participles - DENIAL_LEMMAS


def _common(fact: Fact) -> frozenset[str]:
    """Content words and names every statement of the fact says (generic verbs left out)."""
    return frozenset.intersection(*(_keys(s) for s in fact.statements))


TIME_WORDS = word_class("time_word")  # "samedi", "matin": a moment, said by days instead


ISO_DATE_RE = re.compile(r"\d{4}(?:-\d{2}){0,2}")
MOMENT = "^moment"  # the anchor of a moment all statements of a fact name


def _moments(statement: Statement) -> frozenset[str]:
    """The year, month and day of each date the statement names, resolved ("2019",
    "2019-04", "2019-04-15"): "en avril 2019" and "le 15 avril 2019" name one moment."""
    return frozenset(
        t.value[:size]
        for t in statement.times
        if t.value and ISO_DATE_RE.fullmatch(t.value)
        for size in (4, 7, 10)
        if size <= len(t.value)
    )


def said_alike(fact: Fact) -> frozenset[str]:
    """What the fact's statements say in common (``_common``), a moment counted once, by the
    dates they name alike, not by its words: "ce samedi matin" / "samedi matin" said of two
    different things ("a déclaré le magistrat ce samedi matin" / "a lancé M. Dupic samedi
    matin") is no claim in common, "A quelques heures du verdict" / "un verdict … en deux
    heures" shares one word."""
    words = frozenset(c for c in _common(fact) if fold(c) not in TIME_WORDS)
    moment = frozenset.intersection(*(_moments(s) for s in fact.statements))
    return words | {MOMENT} if moment else words


def _predicates(statement: Statement) -> frozenset[str]:
    """Canonical lemmas of the words heading a clause of the statement in the parse (its own
    predicates, not the verb of a clause it hangs from); none without a parse."""
    if len(statement.word_starts) != len(statement.words):
        return frozenset()
    return frozenset(
        canonical(word)
        for word, at, head in zip(
            statement.words, statement.word_starts, statement.word_frames, strict=True
        )
        if at == head
    )


def _own_predicates(statement: Statement) -> frozenset[str]:
    """The statement's predicates but generic and reporting verbs: what it states itself."""
    return _predicates(statement) - GENERIC_PREDICATES - reporting_lemmas()


def _predicate_classes(statement: Statement) -> frozenset[str]:
    """The statement's predicates and the words of a paraphrase group (fr/data/paraphrases.tsv:
    verbs and their nominalisations, "l'effondrement" / "s'est effondrée"), generic verbs left out."""
    classes = {canonical(w) for w in statement.words if fold(w) in paraphrase_map()}
    return (_predicates(statement) | classes) - GENERIC_PREDICATES


def _place_words(fact: Fact, places: frozenset[str]) -> frozenset[str]:
    """The folded words and lemmas of the fact's mentions of places ("pyrenees", "orientales")."""
    words: set[str] = set()
    for s in fact.statements:
        for x, y, entity in s.mentions:
            if entity in places:
                for w in re.findall(r"[^\W\d_]+", s.text[x - s.start : y - s.start]):
                    words.update((fold(w), canonical(w), fold(canonical(w))))
    return frozenset(words)


def says_more_than_where(fact: Fact, places: frozenset[str]) -> bool:
    """The fact's statements share something besides the places they name: a word, a figure or
    a date. Fragments sharing "dans les Pyrénées-Orientales" tell where, not what happened."""
    where = _place_words(fact, places)
    return any(
        c[0] in "#~^"
        or (c.startswith("@") and c[1:] not in places)
        or (c.replace("-", "").isalpha() and len(c) > 1 and c not in where)
        for c in said_alike(fact)
    )


@functools.cache
def _who_words() -> frozenset[str]:
    """Folded words of titles and of speaker nouns ("président", "avocat", "général",
    "direction", "sapeur", "pompier"): the words of who says or who is, never what."""
    persons = [noun for noun, entry in speaker_nouns().items() if entry.type == "person"]
    # single words only: "ministre des Affaires étrangères" names a portfolio; an institution
    # ("l'hôpital de Banská Bystrica") is where something happens, it stays a word
    forms = [*titles(), *persons]
    return frozenset(w for form in forms if " " not in form for w in form.split("-"))


def named_people(entities: Iterable[Entity]) -> frozenset[str]:
    """Ids of the person entities named by a name, not by a title ("Président de la
    République" typed as a person names no one in particular)."""
    who = _who_words()
    return frozenset(
        e.id for e in entities if e.type == "person" and fold(e.name.split()[0]) not in who
    )


def says_what(fact: Fact, people: frozenset[str]) -> bool:
    """The fact's statements share what is said of someone, not only who they are: a figure,
    a person, or a word that is no part of a title or of who speaks. "estime ce matin la
    direction de la SNCF" / "selon les prévisions de la direction de la SNCF" share an
    attribution, "président de la République" a bare title: neither is a claim; "le colonel
    Jean-Pierre Salles-Mazou" names the same person."""
    who = _who_words()
    return any(
        c[0] in "#~^"
        or (c.startswith("@") and c[1:] in people)
        or (c.replace("-", "").isalpha() and len(c) > 1 and fold(c) not in who)
        for c in said_alike(fact)
    )


def same_predication(
    fact: Fact, places: frozenset[str] = frozenset(), people: frozenset[str] | None = None
) -> bool:
    """Statements that share few words say the same thing of them: when each states a
    predicate of its own (a verb heading a clause, reporting verbs left out), two outlets
    share one, as a predicate or as its nominalisation.

    Sharing a figure or ``PREDICATE_FREE_WORDS`` content words is enough; so is a
    statement that states no predicate of its own (a fragment, "2 421 blessés", or who
    says it, "a déclaré le maire, Julien Fabre") when it shares more than the ``places`` it
    names (entity ids). Else "Le président ukrainien a porté un
    T-shirt…" and "le symbole apparaissant sur le T-shirt du président ukrainien" would be
    one claim for sharing a topic.
    """
    common = said_alike(fact)
    words = [c for c in common if c.isalpha() and len(c) > 1]  # "T-shirt" is no three words
    if any(c.startswith("#") for c in common) or len(words) >= PREDICATE_FREE_WORDS:
        return True
    if not all(_own_predicates(s) for s in fact.statements):
        return says_more_than_where(fact, places) and (people is None or says_what(fact, people))
    # two statements of two outlets share a class when some class is said by two outlets
    # (counted by class, not tested pair by pair: a fact may hold many statements)
    outlets_of: dict[str, set[str]] = {}
    classes = [_predicate_classes(s) for s in fact.statements]
    for s, own_classes in zip(fact.statements, classes, strict=True):
        for c in own_classes:
            outlets_of.setdefault(c, set()).add(s.outlet)
    if not any(len(outlets) >= 2 for outlets in outlets_of.values()):
        return False
    # a name, a figure or a date is what both say; else the shared predicate must bear a
    # shared word in both ("la cour a délibéré" / "la cour se retire pour délibérer": the
    # court is what "se retirer" says), or the shared words are all predicates of both
    # ("pas prémédité, pas réfléchi")
    values = [
        {n.value for n in s.numbers if not n.vague and n.value >= 10} for s in fact.statements
    ]
    if any(c[0] in "@#~^" for c in common) or set.intersection(*values):
        return True
    said: dict[tuple[str, str], set[str]] = {}
    for s, own_classes in zip(fact.statements, classes, strict=True):
        for key in _framed(s):
            if key[1] in common:
                said.setdefault(key, set()).add(s.outlet)
        if len(words) > 1 and set(words) <= own_classes:
            said.setdefault(("*", "*"), set()).add(s.outlet)  # every shared word a predicate
    return any(len(outlets) >= 2 for outlets in said.values())


def _framed(statement: Statement) -> frozenset[tuple[str, str]]:
    """(predicate, word) for each word of a clause the statement's own predicate heads, both
    canonical: "la cour se retire pour délibérer" gives ("retirer", "cour"), not
    ("deliberer", "cour")."""
    if len(statement.word_starts) != len(statement.words):
        return frozenset()
    words = list(zip(statement.words, statement.word_starts, statement.word_frames, strict=True))
    heads = {at: canonical(w) for w, at, _ in words}
    # a nominalisation bears the words of its clause too: "blessés dans l'effondrement de la
    # tribune" gives ("effondrer", "tribune") beside ("blesser", "tribune")
    nominal = [
        (canonical(w), frame)
        for w, at, frame in words
        if at != frame and fold(w) in paraphrase_map()
    ]
    return frozenset(
        (heads[frame], canonical(w)) for w, at, frame in words if frame != at and frame in heads
    ) | frozenset(
        (noun, canonical(w))
        for noun, in_frame in nominal
        for w, _, frame in words
        if frame == in_frame and canonical(w) != noun
    )


Context = Callable[[Statement], Statement]  # a clause -> the whole sentence it was cut from


def _own_sentence(statement: Statement) -> Statement:
    return statement


@functools.cache
def _anchor_skip() -> frozenset[str]:
    """Generic verbs, reporting verbs and negation words: no anchor (united once, not per call)."""
    return GENERIC_PREDICATES | reporting_lemmas() | NEGATION_WORDS


def _anchors(statement: Statement) -> tuple[str, ...]:
    """What a claim says that another must say too: its content words (generic verbs,
    reporting verbs and negation words left out), each once."""
    skip = _anchor_skip()
    return tuple(
        w
        for w in dict.fromkeys(w.lower() for w in statement.words)
        if w.isalpha() and len(w) > 1 and fold(w) not in skip and canonical(w) not in skip
    )


def _said_among(word: str, others: Sequence[tuple[str, str]]) -> bool:
    """The same lemma, a paraphrase (fr/data/paraphrases.tsv) or an inflection of it among
    ``others`` (words as ``_word_forms`` reads them). Not a vector neighbour: those made
    unrelated sentences of the sample "one claim" (its corroborated recall fell from 0.80 to
    0.70), and antonyms are neighbours too."""
    key, folded = canonical(word), fold(word)
    return any(
        o_key == key or _same_word(folded, o_folded) or _same_word(o_folded, folded)
        for o_key, o_folded in others
    )


def _word_forms(statement: Statement) -> tuple[tuple[str, str], ...]:
    """The statement's words lower-cased, each as its canonical and folded forms (what
    ``_said_among`` compares), read once for all the words of the other statement."""
    return tuple((canonical(o), fold(o)) for o in (w.lower() for w in statement.words))


def said_share(short: Statement, long: Statement) -> float:
    """Share of the shorter claim's anchors (content words and names) the other one says."""
    words = _anchors(short)
    total = len(words) + len(short.entities)
    if not total:
        return 0.0
    others = _word_forms(long)
    said = sum(1 for w in words if _said_among(w, others)) + len(short.entities & long.entities)
    return said / total


def same_claim(a: Statement, b: Statement) -> bool:
    """Two sentences that state one claim: the shorter, saying enough to be a claim
    (``MIN_CLAIM_ANCHORS``), says little the other does not."""
    short, long = sorted((a, b), key=lambda s: (len(_anchors(s)) + len(s.entities), s.start))
    if len(_anchors(short)) + len(short.entities) < MIN_CLAIM_ANCHORS:
        return False
    return said_share(short, long) >= SAME_CLAIM_SHARE


def claim_share(a: Statement, b: Statement) -> float:
    """Share of the shorter statement's anchors the other says (``said_share``, ordered as
    ``same_claim`` orders them)."""
    short, long = sorted((a, b), key=lambda s: (len(_anchors(s)) + len(s.entities), s.start))
    return said_share(short, long)


def denies(statement: Statement) -> bool:
    """The statement's words deny: a negation (``polarity.negated``, names left out:
    "Pas-de-Calais" denies nothing), "et non …", or a verb of denial ("démentent l'existence")."""
    text = statement.text
    for start, end, _ in statement.mentions:
        a, b = start - statement.start, end - statement.start
        if 0 <= a < b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]
    return (
        negated_text(text)
        or bool(OPEN_NE_RE.match(text))
        or bool(NON_RE.search(text))
        or bool(statement.lemmas & DENIAL_LEMMAS)
        or any(fold(w) in DENIAL_FORMS for w in statement.words)
        or calls_false(text)
    )


MIN_DENIED_CHARS = 3  # shorter words ("a", "du") are never what a negation bears on
DENIAL_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _denials(
    statement: Statement,
) -> list[tuple[list[str], list[str], frozenset[str], frozenset[str]]]:
    """Each negation of the statement: the folded words it bears on, those of the phrase they
    head, and the entities named in each."""
    spans = denied_spans(statement.text)
    if not spans:
        return []
    skip = (
        GENERIC_PREDICATES | NEGATION_WORDS | PASSED_OVER
    )  # reporting verbs stay: "n'a jamais dit"
    words = [
        (m.start(), m.end(), fold(m.group()))
        for m in DENIAL_WORD_RE.finditer(statement.text)
        if len(m.group()) >= MIN_DENIED_CHARS and fold(m.group()) not in skip
    ]
    out = []
    for a, b, end in spans:
        heads = [w for s, e, w in words if a <= s and e <= b]
        phrase = [w for s, e, w in words if a <= s and e <= end]
        named = [(s - statement.start, e - statement.start, x) for s, e, x in statement.mentions]
        out.append(
            (
                heads,
                phrase,
                frozenset(x for s, e, x in named if s < b and a < e),
                frozenset(x for s, e, x in named if s < end and a < e),
            )
        )
    return out


def _said(word: str, others: Sequence[str]) -> bool:
    return any(_same_word(word, o) or _same_word(o, word) for o in others)


def _denied_classes(statement: Statement) -> frozenset[str]:
    """Paraphrase classes (canonical lemmas) of the predicates the statement's negations bear
    on, from the parse's word offsets: "n'a pu entrer" and "pas autorisé à accéder" both deny
    "entrer". Predicates only (a word heading a clause, or of a paraphrase group): "sans
    système immunitaire" denies a thing, not a predicate. None without a parse."""
    if len(statement.word_starts) != len(statement.words):
        return frozenset()
    spans = [
        (statement.start + a, statement.start + end) for a, _, end in denied_spans(statement.text)
    ]
    return (
        frozenset(
            canonical(w)
            for w, at, head in zip(
                statement.words, statement.word_starts, statement.word_frames, strict=True
            )
            if any(a <= at < end for a, end in spans)
            and (at == head or fold(w) in paraphrase_map())
        )
        - GENERIC_PREDICATES
    )


class _Reading:
    """What ``clash`` reads of one statement, each computed once and only when first needed:
    copies of a claim make facts of many statements, each tested against every other."""

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self.wording: int | None = None  # its ``_wording``'s number in the story (``consistent``)

    @functools.cached_property
    def signature(self) -> Hashable:
        return signature(self.statement, None)

    @functools.cached_property
    def opposition_keys(self) -> tuple[frozenset[object], frozenset[object]]:
        return opposition_keys(self.statement)

    @functools.cached_property
    def denies(self) -> bool:
        return denies(self.statement)

    @functools.cached_property
    def focus(self) -> list[tuple[list[str], frozenset[str]]]:
        return _focus(self.statement)

    @functools.cached_property
    def denied_classes(self) -> frozenset[str]:
        return _denied_classes(self.statement)

    @functools.cached_property
    def spans(self) -> tuple[tuple[int, int, int], ...]:
        return denied_spans(self.statement.text)

    @functools.cached_property
    def denials(self) -> list[tuple[list[str], list[str], frozenset[str], frozenset[str]]]:
        return _denials(self.statement)

    @functools.cached_property
    def denied_phrases(self) -> list[str]:
        """The words of every phrase a negation of the statement bears on."""
        return [w for _, phrase, _, _ in self.denials for w in phrase]

    @functools.cached_property
    def denied_entities(self) -> frozenset[str]:
        return frozenset().union(*(entities for _, _, _, entities in self.denials))

    @functools.cached_property
    def free_words(self) -> list[str]:
        """The folded words the statement says outside its negations."""
        spans = self.spans
        return [
            fold(m.group())
            for m in DENIAL_WORD_RE.finditer(self.statement.text)
            if not any(x <= m.start() and m.end() <= end for x, _, end in spans)
        ]

    @functools.cached_property
    def free_entities(self) -> set[str]:
        return {entity for _, _, entity in self.statement.mentions} - self.denied_entities

    @functools.cached_property
    def names(self) -> set[str]:
        """The folded words of the statement's entity mentions."""
        s = self.statement
        return {
            w
            for x, y, _ in s.mentions
            for w in re.findall(r"[\w-]+", fold(s.text[x - s.start : y - s.start]))
        }


Readings = Callable[[Statement], _Reading]


def _read_once(statement: Statement) -> _Reading:
    return _Reading(statement)


def _readings() -> Readings:
    """Each statement's ``_Reading``, made once (by identity: the statements stay referenced)."""
    made: dict[int, _Reading] = {}

    def read(statement: Statement) -> _Reading:
        found = made.get(id(statement))
        if found is None or found.statement is not statement:
            found = made[id(statement)] = _Reading(statement)
        return found

    return read


def _denied_alike(a: Statement, b: Statement, read: Readings = _read_once) -> bool:
    """Two clauses that both deny, their negations bearing on one paraphrase class: "aucun
    membre du public n'a pu entrer" / "le public n'étant pas autorisé à accéder". They state
    the same denial, whatever else each sentence says under a negation inside them."""
    ra, rb = read(a), read(b)
    return ra.denies and rb.denies and bool(ra.denied_classes & rb.denied_classes)


def _affirms_denied(
    a: Statement,
    b: Statement,
    inside: tuple[int, int] | None = None,
    read: Readings = _read_once,
) -> bool:
    """``b`` says, without denying it, a word or a name a negation of ``a`` bears on:
    "n'a pas choqué les autorités" / "les autorités ont été choquées", "ce n'est pas X mais Y" /
    X, "sans être invité" / "invité par deux auteurs". Not when ``b`` says it under a negation
    too, nor when a negation of ``b`` bears on the same phrase ("ne recommande pas
    l'utilisation" / "recommande de ne pas utiliser"). ``inside``: a span (absolute offsets)
    of ``a`` whose negations are left out, a clause both outlets deny alike."""
    ra = read(a)
    denials = ra.denials
    if inside is not None:
        kept = [
            d
            for d, (x, _, _) in zip(denials, ra.spans, strict=True)
            if not inside[0] <= a.start + x < inside[1]
        ]
        denials = kept
    if not denials:
        return False
    rb = read(b)
    b_phrases = rb.denied_phrases
    b_entities = rb.denied_entities
    free_words = rb.free_words
    free_entities = rb.free_entities
    names = ra.names
    for heads, phrase, entities, in_phrase in denials:
        if any(_said(w, b_phrases) for w in phrase if w not in names) or in_phrase & b_entities:
            continue  # both deny it, worded apart
        if entities & free_entities:
            return True
        if any(_said(w, free_words) for w in heads if w not in names):
            return True
    return False


# what a sentence says holds of one thing only: "pratiquée seulement par un médecin",
# "uniquement par l'ambassade de Russie", "n'est obligatoire que pour …", "c'est la Commission
# qui décide"; the focus runs to the next punctuation (or the cleft's "qui")
FOCUS_RE = re.compile(
    r"\b(?:seulement|uniquement|exclusivement)\s+(?P<only>[^,;:.()«»\"“”]{3,80})"
    r"|\bn(?:e\s|['’])(?:(?!\b(?:pas(?!\s+d['’]autres?\b)|jamais|plus|rien|aucune?|point|gu[eè]re)\b)[^,;:.]){1,40}?"
    r"\bqu(?:e\s|['’])(?P<but>[^,;:.()«»\"“”]{3,80})"
    r"|\b(?:c['’]est|ce sont)\s+(?P<cleft>[^,;:.()«»\"“”]{3,80}?)\s+qu(?:i|e|['’])",
    re.IGNORECASE,
)
MAX_FOCUS_WORDS = 3  # content words and names of a focus compared with the other outlet


def _focus(statement: Statement) -> list[tuple[list[str], frozenset[str]]]:
    """Each phrase the statement says holds exclusively (``FOCUS_RE``): its first content
    words and the entities named in it."""
    out: list[tuple[list[str], frozenset[str]]] = []
    if len(statement.word_starts) != len(statement.words):
        return out
    for match in FOCUS_RE.finditer(statement.text):
        group = next(g for g in ("only", "but", "cleft") if match.group(g) is not None)
        first = match.group(group).split(maxsplit=1)[0]
        if first[0].isdigit() or word_number(first) is not None:
            continue  # "seulement 12 % des TGV": a figure, compared as figures are
        a, b = statement.start + match.start(group), statement.start + match.end(group)
        # a cleft also presents ("ce sont 350 journalistes qui sont venus"): only its names
        # are a focus
        words = [
            w
            for w, at in zip(statement.words, statement.word_starts, strict=True)
            if a <= at < b and fold(w) not in GENERIC_PREDICATES and group != "cleft"
        ][:MAX_FOCUS_WORDS]
        named = frozenset(e for x, y, e in statement.mentions if a <= x and y <= b)
        if words or named:
            out.append((words, named))
    return out


def _focus_unsaid(a: Statement, b: Statement, read: Readings | None = None) -> bool:
    """``a`` says a claim holds only of something (``_focus``: its first content word, which
    heads it, or a name in it) that ``b`` never says: "une autopsie est pratiquée seulement par
    un médecin" / "les autopsies sont pratiquées par les thanatopracteurs" state no one claim."""
    focus = read(a).focus if read is not None else _focus(a)
    if not focus:
        return False
    others = _word_forms(b)
    return any(
        bool(named - b.entities) or (bool(words) and not _said_among(words[0].lower(), others))
        for words, named in focus
    )


def _sentence_pair(a: Statement, b: Statement) -> frozenset[tuple[str, int, int]]:
    return frozenset(((a.article, a.start, a.end), (b.article, b.start, b.end)))


def clash(
    a: Statement, b: Statement, context: Context = _own_sentence, read: Readings | None = None
) -> bool:
    """Two statements that cannot corroborate each other: a figure neither shares, one
    denying what the other affirms, or a pair of antonyms, in the clauses themselves or
    in the sentences they come from when those state one claim. ``read``: what is read of
    each statement, kept across calls (``_readings``)."""
    if read is None:
        read = _readings()
    if read(a).denies != read(b).denies or opposite_forms(a, b) or opposite_forms(b, a):
        return True
    if _figure_conflict(a, b) or _figure_conflict(b, a):
        return True
    whole_a, whole_b = context(a), context(b)
    if _cross_figures(a, whole_a, b, whole_b):
        return True
    opposed: frozenset[frozenset[tuple[str, int, int]]] = getattr(context, "opposed", frozenset())
    if opposed and _sentence_pair(whole_a, whole_b) in opposed:
        return True
    if _focus_unsaid(whole_a, whole_b, read) or _focus_unsaid(whole_b, whole_a, read):
        return True
    alike = _denied_alike(a, b, read)
    if _affirms_denied(
        whole_a, whole_b, (a.start, a.end) if alike else None, read
    ) or _affirms_denied(whole_b, whole_a, (b.start, b.end) if alike else None, read):
        return True
    if whole_a is a and whole_b is b:
        return False
    # the cheap tests first: ``same_claim`` compares every word of two sentences
    return (
        read(whole_a).denies != read(whole_b).denies
        or bool(opposite_forms(whole_a, whole_b))
        or bool(opposite_forms(whole_b, whole_a))
    ) and same_claim(whole_a, whole_b)


def consistent(fact: Fact, context: Context = _own_sentence) -> Fact:
    """The fact without the statements that clash with others (most clashes first,
    then the one sharing least with the rest), so one odd outlet does not sink the
    claim the others state alike.

    Copies of one claim (issue 16) make facts of many statements: they are grouped by
    what ``clash`` reads of them (``_wording``) and the position of their sentence, each
    pair of groups is tested once, and each statement's clashes and shared anchors are
    counted once and updated as statements are removed, instead of testing every pair
    again after each removal. The result is ``_consistent_pairwise``'s, to which facts
    whose clashes depend on the order of two statements (``same_claim`` breaking a tie
    by position) are left.
    """
    members = fact.statements
    wholes = [context(s) for s in members]
    # what clash reads of each statement, each wording's number and the pairs of wordings
    # tested: once per story when the context keeps them (``SentenceOf``), else for this fact
    read: Readings = getattr(context, "read", None) or _readings()
    wordings: dict[tuple[object, ...], int] | None = getattr(context, "wordings", None)
    seen: dict[tuple[int, int, int, bool], bool] | None = getattr(context, "clashes", None)
    if wordings is None or seen is None:
        wordings, seen = {}, {}
    groups: dict[tuple[int, int], int] = {}
    group = []  # each member's group
    worded = []  # each member's wording
    for s, whole in zip(members, wholes, strict=True):
        reading = read(s)
        if reading.wording is None:
            reading.wording = wordings.setdefault(_wording(s, whole, read), len(wordings))
        worded.append(reading.wording)
        group.append(groups.setdefault((worded[-1], whole.start), len(groups)))
    count = len(groups)
    first = [-1] * count  # a member of each group, and a second one of another outlet
    second = [-1] * count
    outlets: list[set[str]] = [set() for _ in range(count)]
    for i, g in enumerate(group):
        if first[g] < 0:
            first[g] = i
        elif second[g] < 0 and members[i].outlet != members[first[g]].outlet:
            second[g] = i
        outlets[g].add(members[i].outlet)
    # tested once for each pair of wordings, which sentence comes first (``same_claim``
    # breaks ties by position) and whether a contradiction opposes the two sentences
    opposed: frozenset[frozenset[tuple[str, int, int]]] = getattr(context, "opposed", frozenset())

    def clashing(i: int, j: int) -> bool:
        a, b = wholes[i].start, wholes[j].start
        key = (
            worded[i],
            worded[j],
            (a > b) - (a < b),
            bool(opposed) and _sentence_pair(wholes[i], wholes[j]) in opposed,
        )
        if key not in seen:
            seen[key] = clash(members[i], members[j], context, read)
        return seen[key]

    # most pairs are decided without ``clash``: an antonym pair needs words of both sides
    # (``opposition_keys``), a negation bearing on a word, a sentence a contradiction opposes
    # (``opposed_sentences``); without any, two statements clash when one denies and the
    # other not, on a figure, or when their sentences do and state one claim
    # the sentences of those pairs, gathered once per story (``SentenceOf``), not once per fact
    in_opposed: frozenset[tuple[str, int, int]] | None = getattr(context, "in_opposed", None)
    if in_opposed is None:
        opposed = getattr(context, "opposed", frozenset())
        in_opposed = frozenset(key for pair in opposed for key in pair)
    # read of each group's first member only: the others are tested through it
    none = (frozenset[object](), frozenset[object]())
    keys = [none] * len(members)
    whole_keys = [none] * len(members)
    tested = [False] * len(members)
    for i in first:
        whole = wholes[i]
        keys[i] = read(members[i]).opposition_keys
        whole_keys[i] = read(whole).opposition_keys
        tested[i] = (
            bool(read(whole).denials)
            or (whole.article, whole.start, whole.end) in in_opposed
            or _figures_outside(members[i], whole)
            or bool(read(whole).focus)
        )

    def quick_clash(i: int, j: int) -> bool | None:
        """``clash`` of two members, or None when only ``clash`` can tell."""
        a, b = members[i], members[j]
        if read(a).denies != read(b).denies:
            return True
        if tested[i] or tested[j]:
            return None
        if keys[i][0] & keys[j][1] or keys[j][0] & keys[i][1]:
            return None
        if a.numbers and b.numbers and (_figure_conflict(a, b) or _figure_conflict(b, a)):
            return True
        if wholes[i] is a and wholes[j] is b:
            return False
        if read(wholes[i]).denies != read(wholes[j]).denies:
            return None
        if whole_keys[i][0] & whole_keys[j][1] or whole_keys[j][0] & whole_keys[i][1]:
            return None
        return False

    # pairs of groups whose first members ``quick_clash`` decides by their kind alone (what
    # each denies, whether it has a sentence of its own, its figures) take their kind's
    # answer: only pairs a negation, a contradiction or an antonym can set apart (found
    # through an index of the words each side needs and says) are tested one by one
    def figures(s: Statement) -> tuple[tuple[object, ...], ...]:
        return tuple((n.unit, n.value, n.low, n.high, n.weekday) for n in s.numbers)

    kinds: dict[tuple[object, ...], list[int]] = {}
    for g in range(count):
        i = first[g]
        s, whole = members[i], wholes[i]
        kind = (read(s).denies, whole is s, read(whole).denies, figures(s))
        kinds.setdefault(kind, []).append(g)
    special: set[tuple[int, int]] = set()
    for which in (keys, whole_keys):
        # only the words some group needs are looked up: most groups need none
        needed = frozenset[object]().union(*(which[first[g]][0] for g in range(count)))
        if not needed:
            continue
        saying: dict[object, list[int]] = {}
        for g in range(count):
            for key in which[first[g]][1] & needed:
                saying.setdefault(key, []).append(g)
        for g in range(count):
            for key in which[first[g]][0]:
                special.update((min(g, h), max(g, h)) for h in saying.get(key, ()) if h != g)
    # a group whose sentence denies or is opposed is tested with the groups ``clash`` may set
    # apart from it for that: those whose sentence a contradiction opposes to its own, and those
    # whose sentence says, outside a negation, a name or a word its negations bear on (a word
    # ``_said`` shares its first three letters); the others take their kind's answer
    partners: dict[tuple[str, int, int], set[tuple[str, int, int]]] | None = getattr(
        context, "partners", None
    )
    if partners is None:
        partners = _partners(getattr(context, "opposed", frozenset()))
    at_sentence: dict[tuple[str, int, int], list[int]] = {}
    free_prefix: dict[str, list[int]] = {}
    free_entity: dict[str, list[int]] = {}
    # the words and names the negations of tested groups bear on: only those are indexed
    denied_prefixes: set[str] = set()
    denied_entities: set[str] = set()
    for g in range(count):
        if tested[first[g]]:
            reading = read(wholes[first[g]])
            for heads, _, entities, _ in reading.denials:
                denied_prefixes.update(
                    w[:3] for w in heads if w not in reading.names and len(w) >= 3
                )
                denied_entities.update(entities)
    for g in range(count) if any(tested[first[g]] for g in range(count)) else ():
        whole = wholes[first[g]]
        at_sentence.setdefault((whole.article, whole.start, whole.end), []).append(g)
        if denied_prefixes:
            for w in set(read(whole).free_words):
                if len(w) >= 3 and w[:3] in denied_prefixes:
                    free_prefix.setdefault(w[:3], []).append(g)
        if denied_entities:
            for entity in read(whole).free_entities & denied_entities:
                free_entity.setdefault(entity, []).append(g)
    # firm figures of each group's first member by unit (``_cross_figures``)
    firm_units: dict[str, list[int]] = {}
    for g in range(count) if any(tested[first[g]] for g in range(count)) else ():
        for unit in {n.unit for n in members[first[g]].numbers if not n.vague and not n.anaphoric}:
            firm_units.setdefault(unit, []).append(g)
    for g in range(count):
        if not tested[first[g]]:
            continue
        whole = wholes[first[g]]
        reading = read(whole)
        if reading.focus:  # what another sentence does not say sets it apart: every pair
            special.update((min(g, h), max(g, h)) for h in range(count) if h != g)
            continue
        near: set[int] = set()
        if _figures_outside(members[first[g]], whole):
            for unit in {n.unit for n in whole.numbers if not n.vague and not n.anaphoric}:
                near.update(firm_units.get(unit, ()))
        for sentence in partners.get((whole.article, whole.start, whole.end), ()):
            near.update(at_sentence.get(sentence, ()))
        for heads, _, entities, _ in reading.denials:
            for w in heads:
                if w not in reading.names and len(w) >= 3:
                    near.update(free_prefix.get(w[:3], ()))
            for entity in entities:
                near.update(free_entity.get(entity, ()))
        special.update((min(g, h), max(g, h)) for h in near if h != g)
    decide = sorted(special)  # tested pair by pair
    clashing_pairs: list[tuple[int, int]] = []  # clash by their kind
    listed = list(kinds.items())
    for x, (kind_a, groups_a) in enumerate(listed):
        for kind_b, groups_b in listed[x:]:
            one, other = members[first[groups_a[0]]], members[first[groups_b[0]]]
            if kind_a[0] != kind_b[0]:
                answer: bool | None = True
            elif (
                kind_a[3]
                and kind_b[3]
                and (_figure_conflict(one, other) or _figure_conflict(other, one))
            ):
                answer = True
            elif (kind_a[1] and kind_b[1]) or kind_a[2] == kind_b[2]:
                answer = False
            else:
                answer = None
            if answer is False:
                continue
            pairs = (
                itertools.combinations(groups_a, 2)
                if groups_a is groups_b
                else ((min(g, h), max(g, h)) for g in groups_a for h in groups_b)
            )
            for pair in pairs:
                if pair not in special:
                    (clashing_pairs if answer else decide).append(pair)
    # the groups each group clashes with (itself when two of its members of two outlets clash)
    against: list[list[int]] = [[] for _ in range(count)]
    for g in range(count):
        if second[g] >= 0 and clashing(first[g], second[g]):
            against[g].append(g)
    for g, h in clashing_pairs:
        if len(outlets[g] | outlets[h]) >= 2:  # one outlet: never compared
            against[g].append(h)
            against[h].append(g)
    for g, h in decide:
        if len(outlets[g] | outlets[h]) < 2:
            continue  # never compared: one outlet
        a, b = first[g], first[h]
        found = quick_clash(a, b)
        if found is not None:
            if found:
                against[g].append(h)
                against[h].append(g)
            continue
        forward = clashing(a, b)
        if wholes[a].start == wholes[b].start and clashing(b, a) != forward:
            return _consistent_pairwise(fact, context)
        if forward:
            against[g].append(h)
            against[h].append(g)
    if not any(against):  # nothing clashes: every member stays (most facts of copies)
        return Fact(tuple(members))
    clashes_with = [set(gs) for gs in against]
    size = Counter(group)
    base = [sum(size[h] for h in against[g]) for g in range(count)]
    by_outlet: dict[str, list[int]] = {}
    for i, s in enumerate(members):
        by_outlet.setdefault(s.outlet, []).append(i)
    # only members whose group clashes with some other (``base`` above 0) may be removed, and
    # ``base`` only falls: the others are never ranked
    contested = [i for i in range(len(members)) if base[group[i]] > 0]
    # pairs of one outlet are not compared: what each member's group counts of its own outlet
    own = [0] * len(members)
    for i in contested:
        own[i] = sum(1 for j in by_outlet[members[i].outlet] if group[j] in clashes_with[group[i]])
    anchors = [_anchor_set(members[first[g]]) for g in range(count)]
    holders = Counter[str]()  # members saying each anchor
    for g in range(count):
        for w in anchors[g]:
            holders[w] += size[g]
    shared = [sum(1 for w in anchors[g] if holders[w] >= 2) for g in range(count)]
    having: dict[str, list[int]] = {}
    for g in range(count):
        for w in anchors[g]:
            having.setdefault(w, []).append(g)
    alive = list(range(len(members)))
    while True:
        worst, best = -1, (0, 0, -1)
        for i in contested:
            g = group[i]
            rank = (base[g] - own[i], -shared[g], i)
            if rank[0] > 0 and rank > best:
                worst, best = i, rank
        if worst < 0:
            return Fact(tuple(members[i] for i in alive))
        alive.remove(worst)
        contested = [i for i in contested if i != worst and base[group[i]] > 0]
        g = group[worst]
        for h in against[g]:
            base[h] -= 1
        by_outlet[members[worst].outlet].remove(worst)
        for j in by_outlet[members[worst].outlet]:
            if g in clashes_with[group[j]]:
                own[j] -= 1
        for w in anchors[g]:
            holders[w] -= 1
            if holders[w] == 1:
                for h in having[w]:
                    shared[h] -= 1


def _consistent_pairwise(fact: Fact, context: Context = _own_sentence) -> Fact:
    """``consistent`` testing every pair again after each removal: for facts whose
    clashes depend on which of two statements comes first."""
    members = list(fact.statements)
    # copies of one claim (issue 16) are tested once: each pair of wordings, with their
    # sentences and which sentence comes first (``same_claim`` breaks ties by position)
    seen: dict[tuple[object, ...], bool] = {}
    opposed: frozenset[frozenset[tuple[str, int, int]]] = getattr(context, "opposed", frozenset())

    def clashing(a: Statement, b: Statement) -> bool:
        whole_a, whole_b = context(a), context(b)
        key = (
            _wording(a, whole_a),
            _wording(b, whole_b),
            (whole_a.start > whole_b.start) - (whole_a.start < whole_b.start),
            bool(opposed) and _sentence_pair(whole_a, whole_b) in opposed,
        )
        if key not in seen:
            seen[key] = clash(a, b, context)
        return seen[key]

    while True:
        clashes = Counter[int]()
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if a.outlet != b.outlet and clashing(a, b):
                    clashes[i] += 1
                    clashes[j] += 1
        if not clashes:
            return Fact(tuple(members))

        def shared(i: int) -> int:
            rest = frozenset().union(*(_anchor_set(m) for k, m in enumerate(members) if k != i))
            return len(_anchor_set(members[i]) & rest)

        worst = max(clashes, key=lambda i: (clashes[i], -shared(i), i))
        del members[worst]


def _partners(
    opposed: frozenset[frozenset[tuple[str, int, int]]],
) -> dict[tuple[str, int, int], set[tuple[str, int, int]]]:
    """Each sentence of the pairs a contradiction opposes, with the sentences opposed to it."""
    out: dict[tuple[str, int, int], set[tuple[str, int, int]]] = {}
    for pair in opposed:
        for key in pair:
            out.setdefault(key, set()).update(pair - {key})
    return out


def _wording(
    statement: Statement, whole: Statement, read: Readings = _read_once
) -> tuple[object, ...]:
    """What ``clash`` reads of a statement and of its sentence, positions made relative."""
    return (
        read(statement).signature,
        None if whole is statement else read(whole).signature,
        whole.start - statement.start,
    )


def _anchor_set(statement: Statement) -> frozenset[str]:
    return statement.lemmas | {"@" + e for e in statement.entities}


def _figure_conflict(a: Statement, b: Statement) -> bool:
    """A figure of ``a`` that ``b`` counts in the same unit but never with a compatible value.

    A sentence may list several figures of one unit ("Allyson, 27 ans, et Kaylee,
    24 ans"): each must find a compatible one, not agree with every other.
    """
    for x in a.numbers:
        same_unit = [y for y in b.numbers if y.unit == x.unit]
        if same_unit and not any(x.compatible(y) for y in same_unit):
            return True
    return False


def _cross_figures(a: Statement, whole_a: Statement, b: Statement, whole_b: Statement) -> bool:
    """A clause giving no figure is no corroboration of a statement whose figure the clause's
    own sentence counts in the same unit but never with a compatible value: "La directrice des
    CDC" does not corroborate "La directrice du CDC confirme que plus de 90 % des décès…" when
    its sentence says 75 % of the deaths. Clauses that give figures are left to the figure
    tests and to the number contradictions, which keep a disputed figure out of corroboration
    on their own: "qui doit créer 400 anneaux" still corroborates "prévoit 400 anneaux" when
    the sentences cost the work 38 and 42 million euros."""
    return (_figures_outside(a, whole_a) and _firm_conflict(b, whole_a)) or (
        _figures_outside(b, whole_b) and _firm_conflict(a, whole_b)
    )


def _figures_outside(clause: Statement, whole: Statement) -> bool:
    """The clause gives no figure and its sentence gives an exact one (what ``_cross_figures``
    reads)."""
    return (
        whole is not clause
        and not clause.numbers
        and any(not n.vague and not n.anaphoric for n in whole.numbers)
    )


def _firm_conflict(a: Statement, b: Statement) -> bool:
    """``_figure_conflict`` on exact figures only: a vague one ("des dizaines de blessés") or
    one that refers back ("les deux pays") is never compared."""
    firm = [n for n in b.numbers if not n.vague and not n.anaphoric]
    for x in a.numbers:
        if x.vague or x.anaphoric:
            continue
        same_unit = [y for y in firm if y.unit == x.unit]
        if same_unit and not any(x.compatible(y) for y in same_unit):
            return True
    return False


def _disputed(statement: Statement, disputed: Sequence[tuple[str, int, int]]) -> bool:
    return any(
        a == statement.article and s < statement.end and statement.start < e for a, s, e in disputed
    )


def _cites_disputed(
    statement: Statement,
    fact: Fact,
    disputed: Sequence[tuple[str, int, int]],
    counted: Counter[str] | None = None,
) -> bool:
    """The statement gives a disputed figure of a kind the fact's other statements also count.

    ``counted``: the units of every figure of the fact, counted once for the fact.
    """
    if not statement.numbers:
        return bool(statement.times) and _disputed(statement, disputed)
    if counted is None:
        counted = Counter(n.unit for other in fact.statements for n in other.numbers)
    own = Counter(n.unit for n in statement.numbers)
    units = {unit for unit, count in counted.items() if count > own[unit]}
    return any(
        n.unit in units
        and any(a == statement.article and s < n.end and n.start < e for a, s, e in disputed)
        for n in statement.numbers
    ) or (not statement.numbers and _disputed(statement, disputed) and bool(statement.times))


@functools.cache
def _figure_lead() -> frozenset[str]:
    """Words that lead into a figure ("de 54 ans", "vers 9h20", "en présence de 1 500 invités"):
    cut with it, they would dangle at the end of what a card cites."""
    return (
        word_class("preposition")
        | word_class("definite")
        | word_class("indefinite")
        | word_class("clock_preposition")
    )


def _piece(statement: Statement, begin: int, stop: int) -> Statement | None:
    """The part of the statement between two text offsets, spaces, punctuation and the words
    leading into a cut figure trimmed off (as ``clauses`` cuts a sentence); None when no word is left."""
    text = statement.text
    a, b = begin - statement.start, stop - statement.start
    while True:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not (text[b - 1].isalnum() or text[b - 1] in ")»”\"'"):
            b -= 1
        last = re.search(r"[\w’']+$", text[a:b])
        if last is None or fold(last.group().rstrip("'’")) not in {
            fold(w.rstrip("'’")) for w in _figure_lead()
        }:
            break
        b -= len(last.group())
    if not re.search(r"[^\W\d_]", text[a:b]):
        return None
    x, y = statement.start + a, statement.start + b
    if statement.word_starts and len(statement.word_starts) == len(statement.words):
        inside = [k for k, at in enumerate(statement.word_starts) if x <= at < y]
        words = tuple(statement.words[k] for k in inside)
        starts = tuple(statement.word_starts[k] for k in inside)
        frames = tuple(statement.word_frames[k] for k in inside)
    else:
        folded = [fold(w) for w in re.findall(r"\w+", text[a:b]) if len(w) >= 3]
        words = tuple(w for w in statement.words if any(_same_word(fold(w), f) for f in folded))
        starts = frames = ()
    lemmas = frozenset(canonical(w) for w in words)
    return replace(
        statement,
        start=x,
        end=y,
        text=text[a:b],
        lemmas=lemmas,
        predicate=statement.predicate if statement.predicate in lemmas else None,
        entities=frozenset(e for s, t, e in statement.mentions if s >= x and t <= y),
        numbers=tuple(n for n in statement.numbers if n.start >= x and n.end <= y),
        times=tuple(t for t in statement.times if t.start >= x and t.end <= y),
        words=words,
        mentions=tuple(m for m in statement.mentions if m[0] >= x and m[1] <= y),
        sentence=statement.sentence or (statement.start, statement.end),
        word_starts=starts,
        word_frames=frames,
    )


def _keys(statement: Statement) -> frozenset[str]:
    """What a statement says that ``_common`` compares: content words, names and figures."""
    return (
        (statement.lemmas - GENERIC_PREDICATES - _reporting_words())
        | {"@" + e for e in statement.entities}
        | {figure_key(n) for n in statement.numbers if not n.vague}
        | counted_keys(statement)
    )


PIECE_BREAK_RE = re.compile(r"[,;:()–—]")


def _said_by_others(key_outlets: dict[str, set[str]], outlet: str) -> frozenset[str]:
    """The keys (``_keys``) of a card that some outlet other than ``outlet`` says."""
    return frozenset(key for key, says in key_outlets.items() if says != {outlet})


def _without_disputed(
    statement: Statement,
    others: Callable[[], frozenset[str]],
    disputed: Sequence[tuple[str, int, int]],
) -> Statement | None:
    """What a card may cite of a statement holding a contested value that is not what the card
    reports ("Ce haut fonctionnaire de 54 ans, énarque" beside another outlet's "un haut
    fonctionnaire, énarque", where a third gives 55 ans): the statement as it is when it holds
    none; else the stretch of it outside every contested value (the figure or date written
    there cut with it) that shares most with what the card's other outlets say (``others()``,
    asked only then),
    its edge parts that share nothing left out ("Un office religieux, en présence de …");
    None when no stretch shares anything, and the statement is not cited."""
    spans = [
        (max(s, statement.start), min(e, statement.end))
        for a, s, e in disputed
        if a == statement.article and s < statement.end and statement.start < e
    ]
    if not spans:
        return statement
    said = others()
    marks = [(n.start, n.end) for n in statement.numbers] + [
        (t.start, t.end) for t in statement.times
    ]
    cuts = sorted(
        (
            min([s, *(x for x, y in marks if x < e and s < y)]),
            max([e, *(y for x, y in marks if x < e and s < y)]),
        )
        for s, e in spans
    )
    bounds, at = [], statement.start
    for s, e in cuts:
        bounds.append((at, s))
        at = max(at, e)
    bounds.append((at, statement.end))
    best: tuple[int, int, Statement] | None = None
    for begin, stop in bounds:
        edges = [begin]
        edges += [
            begin + m.end()
            for m in PIECE_BREAK_RE.finditer(
                statement.text[begin - statement.start : stop - statement.start]
            )
        ]
        edges.append(stop)
        parts = [
            (x, y, len(_keys(p) & said) if (p := _piece(statement, x, y)) else 0)
            for x, y in itertools.pairwise(edges)
        ]
        while parts and not parts[0][2]:
            parts.pop(0)
        while parts and not parts[-1][2]:
            parts.pop()
        piece = _piece(statement, parts[0][0], parts[-1][1]) if parts else None
        if piece is None:
            continue
        shared = len(_keys(piece) & said)
        if shared and (best is None or (shared, len(piece.text)) > best[:2]):
            best = (shared, len(piece.text), piece)
    return best[2] if best else None


def _sentence_key(statement: Statement) -> tuple[str, int, int]:
    return (statement.article, *(statement.sentence or (statement.start, statement.end)))


Span = tuple[str, int, int]  # article, start, end
# a minority span of a contradiction -> the outlets giving its value, and how many give the
# most given other value ("115 morts" — i24NEWS, against "133 morts" — Infodujour: 1)
Tallies = dict[Span, tuple[frozenset[str], int]]


def value_tallies(contradictions: Sequence[Finding]) -> Tallies:
    """For each evidence span of a number or date contradiction, who gives its value and the
    most outlets any other value has (``minority_spans`` keeps the spans out of corroboration)."""
    out: Tallies = {}
    for finding in contradictions:
        if finding.slot not in {"number", "date"}:
            continue
        for e in finding.evidence:
            own = frozenset(
                source for g in finding.values if g.value == e.value for source in g.sources
            )
            others = max((len(g.sources) for g in finding.values if g.value != e.value), default=0)
            out[(e.article, e.start, e.end)] = (own, others)
    return out


TallyIndex = dict[str, list[tuple[Span, frozenset[str], int]]]


def _tally_index(tallies: Tallies) -> TallyIndex:
    """The contested spans of each article, with their tallies (built once per story)."""
    out: TallyIndex = {}
    for span, (own, others) in tallies.items():
        out.setdefault(span[0], []).append((span, own, others))
    return out


def _agreed_values(fact: Fact, in_article: TallyIndex) -> set[Span]:
    """Contested spans the fact may cite after all: the outlets of the fact that give the same
    exact figure, with those the contradiction counts for it, outnumber those of every other
    value. "115 morts" (i24NEWS, its value alone in the contradiction) and "115 personnes ont
    été tuées" (Newsnet, credited to another source, so not among its evidence) against
    Infodujour's "133 morts": two outlets agree on 115, one says 133, and a reader signs
    "115 — 2 outlets"; with two outlets on each side neither value is corroborated."""
    out: set[Span] = set()
    if not in_article:
        return out
    # the outlets of the fact giving each exact figure, gathered once (not per contested span)
    exact: dict[tuple[str, float], set[str]] = {}
    for t in fact.statements:
        for m in t.numbers:
            if m.low == m.high == m.value:
                exact.setdefault((m.unit, m.value), set()).add(t.outlet)
    for s in fact.statements:
        spans = in_article.get(s.article)
        if not spans:
            continue
        for n in s.numbers:
            for span, own, others in spans:
                if not (span[1] < n.end and n.start < span[2]):
                    continue
                agreeing = set(own)
                if n.low == n.high:
                    agreeing |= exact.get((n.unit, n.low), set())
                if len(agreeing) >= 2 and len(agreeing) > others:
                    out.add(span)
    return out


def merged_corroborations(
    all_facts: Sequence[Fact],
    disputed: Sequence[tuple[str, int, int]] = (),
    context: Context = _own_sentence,
    tallies: Tallies | None = None,
    places: frozenset[str] = frozenset(),
    people: frozenset[str] | None = None,
) -> list[Fact]:
    """Facts several outlets state alike, clauses of the same sentences merged into one.

    A fact is kept when its statements share at least ``MIN_COMMON`` content words
    or names, give no conflicting figure or polarity, and hold no contradicted value
    (a corroboration never cites one side of a contradiction).
    """
    kept = []
    tally_index = _tally_index(tallies) if tallies else {}
    # each article's disputed spans, so a statement is tested against its own article's only
    in_article: dict[str, list[tuple[str, int, int]]] = {}
    for span in disputed:
        in_article.setdefault(span[0], []).append(span)
    for fact in all_facts:
        # a statement cites a disputed figure only in an article with disputed spans
        if any(s.article in in_article for s in fact.statements):
            counted = Counter(n.unit for s in fact.statements for n in s.numbers)
            agreed = _agreed_values(fact, tally_index)
            fact = Fact(
                tuple(
                    s
                    for s in fact.statements
                    # one with neither figure nor date cites none: its spans are not gathered
                    if not (s.numbers or s.times)
                    or not _cites_disputed(
                        s,
                        fact,
                        [x for x in in_article.get(s.article, []) if x not in agreed],
                        counted,
                    )
                )
            )
        fact = consistent(fact, context)
        if len(fact.outlets) < 2 or len(said_alike(fact)) < MIN_COMMON:
            continue
        if not same_predication(fact, places, people):
            continue
        kept.append(fact)
    # facts citing the same sentences in two articles are one claim said in several clauses;
    # groups grow while they hold at most MAX_MERGED_SENTENCES sentences of any article
    groups: list[tuple[set[tuple[str, int, int]], list[Statement]]] = []
    # each group's clauses (article, start, end), kept beside it instead of rebuilt for every test
    clauses: list[set[tuple[str, int, int]]] = []
    # the groups holding each sentence: only groups sharing a sentence with a fact can take it
    # (a shared clause lies in a shared sentence), looked up instead of testing every group
    holding: dict[tuple[str, int, int], list[int]] = {}
    for fact in sorted(kept, key=lambda f: (-len(f.outlets), -len(_common(f)))):
        keys = {_sentence_key(s) for s in fact.statements}
        own = [(s.article, s.start, s.end) for s in fact.statements]
        candidates = sorted({g for k in keys for g in holding.get(k, ())})
        for g in candidates:
            (group_keys, members), group_clauses = groups[g], clauses[g]
            inside = {k[0] for k in keys if k in group_keys}
            same_clause = any(c in group_clauses for c in own)
            # one clause matched by two other outlets is one claim; so are clauses of the same sentences
            if not (same_clause or len(inside) >= 2):
                continue
            per_article = Counter(k[0] for k in group_keys | keys)
            if max(per_article.values()) <= MAX_MERGED_SENTENCES:
                for k in keys - group_keys:
                    holding.setdefault(k, []).append(g)
                group_keys |= keys
                members.extend(fact.statements)
                group_clauses.update(own)
                break
        else:
            for k in keys:
                holding.setdefault(k, []).append(len(groups))
            groups.append((set(keys), list(fact.statements)))
            clauses.append(set(own))
    out = []
    for _, statements in groups:
        unique = {(s.article, s.start, s.end): s for s in statements}
        merged = Fact(tuple(sorted(unique.values(), key=lambda s: (s.article, s.start))))
        # facts merged by their sentences may bring together a contested figure and the
        # value others give for it ("fait trois blessés" beside "deux personnes ont été
        # blessées"): the merged card is held to the rule each fact was
        counted = Counter(n.unit for s in merged.statements for n in s.numbers)
        agreed = _agreed_values(merged, tally_index)
        kept_statements = tuple(
            s
            for s in merged.statements
            if not _cites_disputed(
                s, merged, [x for x in in_article.get(s.article, []) if x not in agreed], counted
            )
        )
        # a statement holding a contested value the card does not report is cited without it;
        # what the card's other outlets say is gathered only for such a statement, from the
        # outlets saying each key (not rebuilt from every other statement for every statement)
        key_outlets: dict[str, set[str]] = {}
        for t in kept_statements:
            for key in _keys(t):
                key_outlets.setdefault(key, set()).add(t.outlet)
        cited = []
        for s in kept_statements:
            others = functools.partial(_said_by_others, key_outlets, s.outlet)
            contested = [x for x in in_article.get(s.article, []) if x not in agreed]
            if (piece := _without_disputed(s, others, contested)) is not None:
                cited.append(piece)
        if len({s.outlet for s in cited}) >= 2:
            out.append(Fact(tuple(cited)))
    return out


def title_of(
    fact: Fact, corpus: Corpus | None = None, disputed: Sequence[tuple[str, int, int]] = ()
) -> str:
    """A readable phrase from the text naming the fact: the body statement saying most of what
    all share; its whole sentence when the clause alone is a fragment ("dans le Pas-de-Calais")
    and the sentence holds no ``disputed`` value."""
    common = _common(fact)

    def says(statement: Statement) -> int:
        return len(common & (statement.lemmas | {"@" + e for e in statement.entities}))

    def contested(statement: Statement) -> bool:
        if statement.sentence is None:
            return False
        first, last = statement.sentence
        return any(a == statement.article and s < last and first < e for a, s, e in disputed)

    best = min(
        fact.statements,
        key=lambda s: (s.headline, contested(s), -says(s), s.quoted, len(s.text)),
    )
    text = best.text
    if (
        corpus is not None
        and best.sentence
        and len(text.split()) < MIN_TITLE_WORDS
        and not contested(best)
    ):
        text = corpus.article(best.article).text[best.sentence[0] : best.sentence[1]]
    return _short(text.strip(' ,;:«»"“”'), MAX_TITLE_CHARS)


def corroboration_confidence(fact: Fact) -> float:
    """More outlets and more shared words: surer. Capped below certainty (alignment is lexical)."""
    return round(
        min(0.95, 0.45 + 0.15 * (len(fact.outlets) - 1) + 0.05 * min(len(_common(fact)), 5)), 2
    )


def corroborated_findings(
    all_facts: Sequence[Fact],
    corpus: Corpus,
    disputed: Sequence[tuple[str, int, int]] = (),
    context: Context = _own_sentence,
    tallies: Tallies | None = None,
    places: frozenset[str] = frozenset(),
    people: frozenset[str] | None = None,
) -> list[Finding]:
    by_title: dict[str, Finding] = {}
    # contested figures as written ("54 ans", "52"): a card's words must not carry one
    contested = [
        re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
        for value in {" ".join(corpus.article(a).text[s:e].split()) for a, s, e in disputed}
        if any(c.isdigit() for c in value)
    ]
    for fact in merged_corroborations(all_facts, disputed, context, tallies, places, people):
        # the card quotes a statement holding no contested value when it has one: "Reported
        # by 3 outlets: de 54 ans" would credit two outlets that wrote 55 with the 54
        best, title = representative(fact), title_of(fact, corpus)
        if any(value.search(title) or value.search(best.text) for value in contested):
            undisputed = Fact(tuple(s for s in fact.statements if not _disputed(s, disputed)))
            shown = undisputed if undisputed.statements else fact
            best, title = representative(shown), title_of(shown, corpus, disputed)
        finding = Finding(
            kind="corroborated",
            subject=fact_subject(fact, corpus),
            slot="fact",
            summary=f"Reported by {len(fact.outlets)} outlets ({', '.join(fact.outlets)}): “{_short(best.text)}”",
            evidence=tuple(
                make_evidence(corpus, s.article, s.start, s.end) for s in fact.statements
            ),
            sources=fact.outlets,
            title=title,
            confidence=corroboration_confidence(fact),
        )
        earlier = by_title.get(title)
        if earlier is not None:  # the same words stand for both: one claim, its evidence joined
            evidence = tuple(dict.fromkeys((*earlier.evidence, *finding.evidence)))
            sources = tuple(dict.fromkeys((*earlier.sources, *finding.sources)))
            finding = replace(
                earlier,
                evidence=evidence,
                sources=sources,
                summary=f"Reported by {len(sources)} outlets ({', '.join(sources)}): “{_short(best.text)}”",
                confidence=max(earlier.confidence, finding.confidence),
            )
        by_title[title] = finding
    return sorted(by_title.values(), key=lambda f: (-len(f.sources), -f.confidence))


def _runs(corpus: Corpus, single: Sequence[Statement]) -> list[list[Statement]]:
    """Consecutive clauses only one outlet reports, as passages: a run stops at a clause
    other outlets report, at a paragraph break and at the end of the headline."""
    by_article: dict[str, list[Statement]] = {}
    for statement in single:
        by_article.setdefault(statement.article, []).append(statement)
    runs: list[list[Statement]] = []
    for article_id, statements in sorted(by_article.items()):
        text = corpus.article(article_id).text
        statements.sort(key=lambda c: c.start)
        run = [statements[0]]
        for clause in statements[1:]:
            before = run[-1]
            gap = text[before.end : clause.start]
            if (
                _separated(before, clause)
                or "\n" in gap
                or before.headline != clause.headline
                or len(run) >= MAX_RUN
            ):
                runs.append(run)
                run = [clause]
            else:
                run.append(clause)
        runs.append(run)
    return runs


TEASER_MAX_WORDS = 14
SENTENCE_END = frozenset('.!?…»"”')


def _trailing_teaser(text: str, start: int, end: int) -> bool:
    """A passage that is the last line of the page with no sentence end: the title of
    another page linked below the text ("X : poussé vers la sortie après …") or a text cut
    mid-word; neither is the outlet's claim. (Subheadings inside the text are kept: the
    gold of news-dev holds facts a subheading alone states.)"""
    line_start = text.rstrip().rfind("\n") + 1
    line = text[line_start:].strip()
    return (
        line_start > 0
        and start >= line_start
        and bool(line)
        and line[-1] not in SENTENCE_END
        and len(line.split()) <= TEASER_MAX_WORDS
    )


def _separated(before: Statement, after: Statement) -> bool:
    """True when another clause (one that other outlets report) sits between two clauses."""
    # a cut removes at most punctuation or a connective ("tandis que"); a clause has 4+ words
    return after.start - before.end > MAX_CUT_CHARS


FURNITURE_RE = re.compile(r"©|\bPHOTO\b|\bLire aussi\b|\bÀ lire\b|\bCrédit", re.IGNORECASE)


def _salience(statement: Statement) -> float:
    """What a reader gains from a claim: figures, dates, names, then substance; captions and
    credits ("PHOTO …", "©") give nothing."""
    if FURNITURE_RE.search(statement.text):
        return -10.0
    return (
        2.0 * bool(statement.numbers)
        + bool(statement.times)
        + min(len(statement.entities), 3)
        + min(len(statement.lemmas), 8) / 4
        - 2.0 * statement.quoted
    )


def _untold_parts(run: list[Statement], said: Callable[[Statement], bool]) -> list[list[Statement]]:
    """The passage without its sentences another outlet says in other words (each of their
    clauses said elsewhere): the parts between them."""
    by_sentence: list[list[Statement]] = []
    for clause in run:
        key = clause.sentence or (clause.start, clause.end)
        if (
            by_sentence
            and (by_sentence[-1][0].sentence or (by_sentence[-1][0].start, by_sentence[-1][0].end))
            == key
        ):
            by_sentence[-1].append(clause)
        else:
            by_sentence.append([clause])
    parts: list[list[Statement]] = [[]]
    for sentence in by_sentence:
        if _said_elsewhere(sentence, said):
            parts.append([])
        else:
            parts[-1].extend(sentence)
    return [part for part in parts if part]


def _said_elsewhere(run: Sequence[Statement], said: Callable[[Statement], bool]) -> bool:
    """Every clause of the passage that says something (has keys) another outlet says."""
    telling = [c for c in run if _claim_keys(c)]
    return bool(telling) and all(said(c) for c in telling)


def single_source_findings(
    all_facts: Sequence[Fact],
    corpus: Corpus,
    counterpart: Callable[[Statement], bool] | None = None,
    said_elsewhere: Callable[[Statement], bool] | None = None,
) -> list[Finding]:
    """Claims only one outlet makes: runs of clauses with no counterpart anywhere in the story.

    ``counterpart`` says whether a clause resembles one of another outlet, even below
    the alignment threshold; such a clause is not "only" that outlet's. A passage whose
    every clause ``said_elsewhere`` (another outlet says it in other words) is none either;
    one with a clause of its own stays whole. At most
    ``MAX_SINGLE_PER_ARTICLE`` findings per article, the most informative ones.
    """
    by_article: dict[str, list[tuple[float, Finding]]] = {}
    single = [
        s
        for f in all_facts
        if len(f.outlets) == 1
        for s in f.statements
        if not (counterpart and counterpart(s))
    ]
    runs = _runs(corpus, single) if single else []
    if said_elsewhere:
        runs = [part for run in runs for part in _untold_parts(run, said_elsewhere)]
    for run in runs:
        if _trailing_teaser(corpus.article(run[0].article).text, run[0].start, run[-1].end):
            continue
        first, last = run[0], run[-1]
        merged = replace(
            first,
            end=last.end,
            text=corpus.article(first.article).text[first.start : last.end],
            lemmas=frozenset().union(*(c.lemmas for c in run)),
            entities=frozenset().union(*(c.entities for c in run)),
            numbers=tuple(n for c in run for n in c.numbers),
            times=tuple(t for c in run for t in c.times),
            quoted=any(c.quoted for c in run),
        )
        if not is_salient(merged, corpus):
            continue
        finding = Finding(
            kind="single_source",
            subject=fact_subject(Fact((merged,)), corpus),
            slot="fact",
            summary=f"Only {merged.outlet} reports: “{_short(merged.text)}”",
            evidence=(make_evidence(corpus, merged.article, merged.start, merged.end),),
            sources=(merged.outlet,),
            title=_short(merged.text.strip(' ,;:«»"“”'), MAX_TITLE_CHARS),
            confidence=SINGLE_SOURCE_CONFIDENCE,
        )
        by_article.setdefault(merged.article, []).append((_salience(merged), finding))
    out = []
    for items in by_article.values():
        best = sorted(items, key=lambda item: -item[0])[:MAX_SINGLE_PER_ARTICLE]
        out += [finding for _, finding in sorted(best, key=lambda item: item[1].evidence[0].start)]
    return out


MIN_DISTINCTIVE_FIGURE = 10  # "trois blessés" recurs by chance; "48 %", "3 252 morts" do not


def _distinctive_figures(clause: Statement) -> list[tuple[str, float]]:
    """The exact figures of a clause (kind, value) that another outlet cannot give by chance."""
    return [
        (n.unit.partition(":")[0], n.value)
        for n in clause.numbers
        if not n.vague and not n.anaphoric and n.low == n.high and n.value >= MIN_DISTINCTIVE_FIGURE
    ]


def _counted_shares(clause: Statement) -> list[NumberMention]:
    """The clause's percentages of a named thing ("12 % des TGV", "un TGV sur huit") whose
    interval is bounded: "plus de trois sur quatre" meets too many figures to tell a claim."""
    return [
        n
        for n in clause.numbers
        if n.unit.startswith("%:")
        and not n.vague
        and not n.anaphoric
        and n.low > 0
        and math.isfinite(n.high)
    ]


def _counterpart_test(
    clause_list: Sequence[Statement], aligner: Aligner | None = None
) -> Callable[[Statement], bool]:
    """Whether a clause scores ``COUNTERPART_SCORE`` or more against a clause of another article
    (``aligner``: the clauses' ``Aligner``, when shared)."""
    aligner = Aligner(clause_list) if aligner is None else aligner
    position = {(c.article, c.start, c.end): k for k, c in enumerate(clause_list)}
    near = {k for i, j, _ in aligner.pairs(COUNTERPART_SCORE) for k in (i, j)}
    # "48 % des cheminots" in one outlet, "près d'un cheminot sur deux (48 %)" in another:
    # the same exact figure of the same kind is the same claim, however worded
    figures: dict[tuple[str, float], set[str]] = {}
    for c in clause_list:
        for n in _distinctive_figures(c):
            figures.setdefault(n, set()).add(c.article)

    # "75 % des Eurostar" in one outlet, "trois Eurostar sur quatre" in another: a share of
    # the same thing within the rounding of a ratio
    shares: dict[tuple[str, str], list[tuple[str, NumberMention]]] = {}
    for c in clause_list:
        for share in _counted_shares(c):
            shares.setdefault((share.unit, share.qualifier), []).append((c.article, share))

    def test(clause: Statement) -> bool:
        if position.get((clause.article, clause.start, clause.end)) in near:
            return True
        if any(figures.get(n, set()) - {clause.article} for n in _distinctive_figures(clause)):
            return True
        return any(
            article != clause.article and n.compatible(m) and (n.low != n.high or m.low != m.high)
            for n in _counted_shares(clause)
            for article, m in shares.get((n.unit, n.qualifier), ())
        )

    return test


@functools.cache
def _framing_words() -> frozenset[str]:
    """The nouns of adverbial locutions ("pour l'instant", "côté espagnol"): they frame a
    claim, two sentences sharing them do not say the same thing."""
    words = word_class("frame_noun")
    return frozenset(canonical(w) for w in words) | frozenset(fold(w) for w in words)


@functools.cache
def _claim_skip() -> frozenset[str]:
    """What no claim key is: generic and reporting verbs, negation words, framing nouns (united
    once: the union of these tables per call cost most of ``_claim_keys``)."""
    return _anchor_skip() | _framing_words()


def _claim_keys(statement: Statement) -> frozenset[str]:
    """What a claim says, as keys two outlets' wordings can share: canonical content words
    (generic and reporting verbs, negation words left out), entities ("@E3") and the
    figures no outlet gives by chance, by value ("#48")."""
    skip = _claim_skip()
    words = {w for w in statement.lemmas if w not in skip and len(w) > 1 and w.isalpha()}
    figures = {f"#{value:g}" for _, value in _distinctive_figures(statement)}
    return frozenset(words | {"@" + e for e in statement.entities} | figures)


def _figures(statement: Statement) -> frozenset[float]:
    """Every exact figure of a statement, small ones too: "deux couteaux" is not "couteaux"."""
    return frozenset(n.value for n in statement.numbers if not n.vague and not n.anaphoric)


def _figures_in(clause: Statement, figures: frozenset[float], other: Statement) -> bool:
    """Whether ``other`` gives every exact figure of the clause: the same value, or for a
    share the same percentage within the rounding of a ratio ("un TGV sur huit", 12.5 %
    give or take a point, is "12 % des TGV")."""
    theirs = _figures(other)
    if figures <= theirs:
        return True
    shares = [n for n in other.numbers if n.unit.startswith("%") and not n.vague]
    return all(
        n.value in theirs
        or any(
            (n.unit == m.unit or "%" in (n.unit, m.unit))
            and (n.low != n.high or m.low != m.high)
            and n.compatible(m)
            for m in shares
            if n.unit.startswith("%")
        )
        for n in clause.numbers
        if not n.vague and not n.anaphoric
    )


def _said_by(key: str, keys: frozenset[str]) -> bool:
    """The key itself, or a content word of near meaning by the model's word vectors."""
    if key in keys:
        return True
    if key[0] in "@#":
        return False
    return any(k[0] not in "@#" and similarity(key, k) >= SAID_ELSEWHERE_SIMILARITY for k in keys)


def said_elsewhere_test(sentences: Sequence[Statement]) -> Callable[[Statement], bool]:
    """Whether another outlet says a clause in other words, so that it is no outlet's alone.

    The clause's keys (``_claim_keys``) that fewer than half the story's outlets say are
    what it tells; one sentence of another outlet must say them all (or near synonyms),
    and share ``SAID_ELSEWHERE_CONTEXT`` keys with the clause's whole sentence, so a word
    is said of the same thing. The keys most outlets say (the story's places and people)
    that outlet must say somewhere. A clause of such common keys only is said elsewhere
    when one sentence of another outlet says two of them, or its only one, in context.
    """
    context = SentenceOf(sentences)
    keyed = [(s, _claim_keys(s)) for s in sentences]
    index: dict[str, list[int]] = {}
    said_by_outlets: dict[str, set[str]] = {}
    for k, (statement, keys) in enumerate(keyed):
        for key in keys:
            index.setdefault(key, []).append(k)
            said_by_outlets.setdefault(key, set()).add(statement.outlet)
    outlets = {s.outlet for s in sentences}
    common_from = max(2, math.ceil(len(outlets) / 2))
    outlet_keys: dict[str, set[str]] = {}
    for statement, keys in keyed:
        outlet_keys.setdefault(statement.outlet, set()).update(keys)
    # the outlets carrying each sentence word for word (a dispatch several outlets print)
    verbatim: dict[str, set[str]] = {}
    for statement in sentences:
        verbatim.setdefault(_verbatim(statement.text), set()).add(statement.outlet)

    def test(clause: Statement) -> bool:
        # a sentence another outlet prints word for word is that outlet's claim too, quotes
        # and denials included
        if verbatim.get(_verbatim(context(clause).text), set()) - {clause.outlet}:
            return True
        own = _claim_keys(clause)
        # a quote's words are its speaker's as this outlet gives them; that left to alignment
        if not own or clause.quoted:
            return False
        figures = _figures(clause)
        denied = denies(clause)
        whole = _claim_keys(context(clause)) | own
        telling = {key for key in own if len(said_by_outlets.get(key, ())) < common_from}
        common = own - telling
        needed = telling or common
        at_least = len(needed) if telling else min(2, len(needed))
        found = {k for key in own for k in index.get(key, ())}
        for k in sorted(found):
            other, keys = keyed[k]
            if (
                other.outlet == clause.outlet
                or not _figures_in(clause, figures, other)
                or denies(other) != denied
            ):
                continue
            if sum(1 for key in needed if _said_by(key, keys)) < at_least:
                continue
            if telling and not common <= outlet_keys[other.outlet]:
                continue
            if sum(1 for key in whole if _said_by(key, keys)) >= SAID_ELSEWHERE_CONTEXT:
                return True
        return False

    return test


def _verbatim(text: str) -> str:
    """A sentence's words as printed, spacing aside."""
    return " ".join(text.split())


SAID_ALIKE_SLOTS = frozenset({"negation", "place"})
WHOLE_CLAIM = 0.8  # share of its sentence a contradiction's evidence covers to be its whole claim


class SentenceOf:
    """A clause's whole sentence, looked up among the story's sentence statements (a
    ``Context``); ``opposed`` holds the pairs of sentences a contradiction sets against each
    other (``opposed_sentences``): they never corroborate each other."""

    def __init__(
        self,
        statements: Sequence[Statement],
        opposed: frozenset[frozenset[tuple[str, int, int]]] = frozenset(),
    ) -> None:
        self.by_span = {(s.article, s.start, s.end): s for s in statements}
        self.opposed = opposed
        self.in_opposed = frozenset(key for pair in opposed for key in pair)
        self.partners = _partners(opposed)
        # what ``consistent`` reads and tests, kept for every fact of the story
        self.read = _readings()
        self.wordings: dict[tuple[object, ...], int] = {}
        self.clashes: dict[tuple[int, int, int, bool], bool] = {}

    def __call__(self, clause: Statement) -> Statement:
        if clause.sentence is None:
            return clause
        return self.by_span.get((clause.article, *clause.sentence), clause)


def sentence_of(statements: Sequence[Statement]) -> Context:
    """A clause's whole sentence, looked up among the story's sentence statements."""
    return SentenceOf(statements)


def opposed_sentences(
    contradictions: Sequence[Finding], statements: Sequence[Statement]
) -> frozenset[frozenset[tuple[str, int, int]]]:
    """Pairs of sentences (article, start, end) whose evidence gives different values of one
    contradiction of polarity or place: one claim said alike but for what one denies or
    places elsewhere, so neither corroborates the other. Number and date contradictions are
    left out: sentences listing several figures or days share the others ("trois morts et 47
    blessés" / "trois morts et 52 blessés"), and the disputed figure is kept out of
    corroboration on its own (``minority_spans``)."""
    by_article: dict[str, list[Statement]] = {}
    for s in statements:
        by_article.setdefault(s.article, []).append(s)
    out: set[frozenset[tuple[str, int, int]]] = set()
    for finding in contradictions:
        if finding.slot not in SAID_ALIKE_SLOTS:
            continue
        keyed = []
        for e in finding.evidence:
            sentence = next(
                (s for s in by_article.get(e.article, ()) if s.start <= e.start < s.end), None
            )
            if sentence is not None:
                whole = min(e.end, sentence.end) - max(e.start, sentence.start) >= WHOLE_CLAIM * (
                    sentence.end - sentence.start
                )
                keyed.append(((sentence.article, sentence.start, sentence.end), e.value, whole))
        for k, (x, value_x, whole_x) in enumerate(keyed):
            for y, value_y, whole_y in keyed[k + 1 :]:
                if x[0] == y[0] or value_x == value_y:
                    continue
                out.add(frozenset((x, y)))
                # a sentence whose whole claim another outlet contradicts corroborates nothing
                # that outlet says ("la décision … a été approuvée par le Conseil d'État" against
                # "… a été invalidée par le Conseil d'État" shares its first words with "le
                # tribunal a ordonné …"); a contradicted clause of a longer sentence leaves the
                # sentence's other claims to corroborate
                for one, whole, other in ((x, whole_x, y), (y, whole_y, x)):
                    if whole:
                        out.update(
                            frozenset((one, (s.article, s.start, s.end)))
                            for s in by_article.get(other[0], ())
                        )
    return frozenset(out)


def compare_story(story: Story, corpus: Corpus) -> Story:
    """Fill a story's findings (contradictions first, then corroborated, then single-source), coverage and brief.

    A story of more than ``windows.WINDOW_ARTICLES`` articles is compared by windows of
    time and their findings merged (:mod:`recoupe.compare.windows`).
    """
    from recoupe.compare import caches, windows  # windows builds on this module

    try:
        if len(story.articles) > windows.WINDOW_ARTICLES:
            return windows.compare_by_windows(story, corpus)
        corpus = corpus.read_back(story.articles)  # when spilled (``Corpus.for_story``)
        compared = compare_parts(story, corpus)
        return replace(
            story,
            findings=(*compared.contradictions, *compared.corroborated, *compared.single_source),
            coverage=story_coverage(story, corpus, compared.statements, compared.facts),
            brief=story_brief(compared.facts, corpus, compared.disputed),
        )
    finally:
        caches.release()  # what it read of its texts and words is not asked again


@dataclass
class Compared:
    """What the comparison of a story, or of one window of it, finds, before it is assembled."""

    contradictions: list[Finding]  # most outlets first
    corroborated: list[Finding]
    single_source: list[Finding]
    statements: list[Statement]  # sentences
    clauses: list[Statement]
    facts: list[Fact]
    disputed: list[tuple[str, int, int]]  # spans of contested figures and dates


def compare_parts(story: Story, corpus: Corpus) -> Compared:
    """The findings, facts and statements of a story's articles, all compared together."""
    statements = story_statements(story, corpus)
    clause_list = named_anchors(
        [clause for statement in statements for clause in clauses(statement, True)], story, corpus
    )
    # copies of one claim beyond a few are not compared again: they follow the first (claims.py)
    sentences, claims = collapse(statements, corpus), collapse(clause_list, corpus)
    all_facts = expand_facts(facts(claims.compared), claims, aligns_alone(claims))
    contradictions = merged_polarity(
        expand_findings(story_contradictions(story, corpus, sentences.compared), sentences, corpus),
        corpus,
    )
    disputed = [
        (e.article, e.start, e.end)
        for f in contradictions
        if f.slot in {"number", "date"}
        for e in f.evidence
    ]
    minority = minority_spans(contradictions)
    outlets = {outlet_of(corpus.article(a)) for a in story.articles}
    corroborated: list[Finding] = []
    single_source: list[Finding] = []
    # with a single outlet every fact is "single-source" and none can be corroborated
    if len(outlets) > 1:
        corroborated = corroborated_findings(
            all_facts,
            corpus,
            minority,
            SentenceOf(statements, opposed_sentences(contradictions, statements)),
            value_tallies(contradictions),
            frozenset(
                e for s in statements for e in s.entities if corpus.entity(e).type == "place"
            ),
            named_people(corpus.entity(e) for e in {e for s in statements for e in s.entities}),
        )
        single_source = single_source_findings(
            all_facts,
            corpus,
            following(_counterpart_test(claims.compared), claims),
            said_elsewhere_test(statements),
        )
    return Compared(
        sorted(contradictions, key=lambda f: (-len(f.sources), -f.confidence)),
        corroborated,
        single_source,
        statements,
        clause_list,
        all_facts,
        disputed,
    )
