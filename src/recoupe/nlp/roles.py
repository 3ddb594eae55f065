"""Roles of people: title phrases before a name, appositions after it, and
definite descriptions ("le ministre") that refer back to one person.

A title phrase is parsed forward from a title word of ``data/titles.tsv``:
demonyms give the country, "de/à …" complements give a portfolio
(``data/portfolios.tsv``), an organisation or a place. Each role is normalised
into :class:`RoleParts` and a comparable key (:func:`recoupe.fr.roles.role_key`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from recoupe.fr.lexicon import (
    country_of_demonym,
    max_title_words,
    portfolios,
    reporting_lemmas,
    titles,
    verb_roles,
    word_class,
)
from recoupe.fr.roles import role_key
from recoupe.fr.text import fold
from recoupe.model import Role, RoleParts
from recoupe.nlp.extensions import text_of

PREPOSITIONS = word_class("title_preposition")
GENITIVE = word_class("title_genitive")
DETERMINERS = frozenset({"la", "le", "l'", "les"})
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
POSSESSIVES = frozenset({"son", "sa"})
PRE_DETERMINERS = word_class("title_determiner")
CHARGE_WORDS = frozenset({"charge", "chargee", "charges", "chargees"})
MAX_LOOKBACK = 14


@dataclass(frozen=True)
class TitlePhrase:
    start: int  # token index of the title word
    end: int  # token index after the phrase
    parts: RoleParts
    gender: str | None
    plural: bool = False  # "ses enfants", "pompiers volontaires": a role several people share


@dataclass(frozen=True)
class Span:
    """A known entity mention in token indices (organisation, place or person)."""

    start: int
    end: int
    type: str
    name: str  # canonical or surface name


SEGMENT_BREAK = re.compile(r"[\s'’-]")


def _first_segment(text: str) -> str:
    return SEGMENT_BREAK.split(fold(text), maxsplit=1)[0]


@functools.cache
def title_first_segments() -> frozenset[str]:
    """First words of every title: a token starting none of them starts no title."""
    return frozenset(_first_segment(key) for key in titles())


EX_PREFIX = re.compile(r"^ex[-‑]")


def title_at(doc: Doc, i: int) -> tuple[int, str, str, str | None] | None:
    """(end, function, kind, gender) when a title word starts at token i.

    A title written with "ex-" in one token ("son ex-mari", "l'ex-ministre") is that title."""
    found = _title_match(doc, i)
    return None if found is None else found[:4]


def _singular(folded: str) -> str | None:
    """ "pompiers volontaires" -> "pompier volontaire": every word of a plural title."""
    words = folded.split(" ")
    if not all(len(w) > 3 and w[-1] in "sx" for w in words if w not in PLURAL_KEEP):
        return None
    return " ".join(w if w in PLURAL_KEEP else w[:-1] for w in words)


# Words of a title that do not take the plural mark ("présidents de la République").
PLURAL_KEEP = frozenset({"de", "du", "des", "la", "le", "l'"})


@functools.lru_cache(maxsize=1 << 16)
def _may_start_title(word: str) -> bool:
    """Whether a token of this text may start a title (its first segment, or that segment
    without a plural mark, starts one); asked for every token, so cached by text."""
    first = EX_PREFIX.sub("", word.lower(), count=1)
    if not first[:1].isalpha():
        return False
    segment = _first_segment(first)
    return segment in title_first_segments() or (
        len(segment) >= 4 and segment[:-1] in title_first_segments() and segment[-1] in "sx"
    )


def _title_match(doc: Doc, i: int) -> tuple[int, str, str, str | None, bool, str | None] | None:
    """title_at, and whether the title is written in the plural ("ses enfants")."""
    head = doc[i]
    if not _may_start_title(head.text):
        return None
    text, start_char, singular_word = text_of(doc), head.idx, None
    # Hyphenated titles are split by the tokenizer, hence the generous window.
    for n in range(min(max_title_words() * 3, len(doc) - i), 0, -1):
        last = doc[i + n - 1]
        if last.is_space:
            continue  # "pompier volontaire\n\n": the line break is not part of the title
        # the text of doc[i : i + n], sliced from the Doc's text (no Span built per length)
        words = text[start_char : last.idx + len(last.text)]
        key = fold(EX_PREFIX.sub("", words.lower(), count=1))
        title, plural = titles().get(key), False
        if title is None and singular_word is None:
            singular_word = head.morph.get("Number", []) == ["Sing"]
        if title is None and not singular_word:
            singular = _singular(key)
            title, plural = (titles().get(singular), True) if singular else (None, False)
        if title is None:
            continue
        if fold(title.form) in word_class("relational_title") and not (
            i + n < len(doc) and fold(doc[i + n].text) in {"de", "d'", "du"}
        ):
            continue  # "femme" is a title only as someone's: "la femme de M. X"
        return i + n, title.function, title.kind, title.gender, plural, title.country
    return None


def _portfolio_at(doc: Doc, i: int, limit: int) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for n in range(1, min(6, limit - i) + 1):
        text = fold(doc[i : i + n].text)
        key = portfolios().get(text)
        if key is not None:
            best = (i + n, key)
    return best


def _entity_at(spans: dict[int, Span], i: int) -> Span | None:
    return spans.get(i)


def parse_title(doc: Doc, i: int, stop: int, spans: dict[int, Span]) -> TitlePhrase | None:
    """Parse a title phrase starting at token i, never reaching token ``stop``."""
    found = _title_match(doc, i)
    if found is None or found[0] > stop:
        return None
    end, function, kind, gender, plural, country = found
    portfolio = organization = None
    complements = 0
    while end < stop:
        token = doc[end]
        word = fold(token.text)
        demonym = country_of_demonym(token.text) if token.text.islower() else None
        if demonym and country in (None, found[5]):
            country, end = demonym, end + 1
            continue
        if word in CHARGE_WORDS and end + 1 < stop and fold(doc[end + 1].text) in PREPOSITIONS:
            end += 1
            continue
        if word in PREPOSITIONS and end + 1 < stop and fold(doc[end + 1].text) == "nationalite":
            break  # "un assaillant de nationalité russe": the person's nationality, not the title's
        if word in PREPOSITIONS and complements < 4:
            parsed = _complement(doc, end + 1, stop, spans, genitive=word in GENITIVE)
            if parsed is None:
                break
            end, kind_found, value = parsed
            complements += 1
            if kind_found == "portfolio" and portfolio is None:
                portfolio = value
            elif kind_found == "organization" and organization is None:
                organization = value
            continue
        participle = (
            token.pos_ == "VERB"
            and token.morph.get("VerbForm", []) == ["Part"]
            and token.morph.get("Tense", []) == ["Past"]
        )
        if (
            (token.pos_ == "ADJ" or participle)
            and token.text.islower()
            and complements == 0
            and not _governs(doc, end, stop)
        ):
            end += 1  # "conseillère municipale", "directeur général"
            continue
        break
    parts = RoleParts(
        function=function if kind == "function" else None,
        portfolio=portfolio,
        organization=organization,
        country=country,
        rank=function if kind == "rank" else None,
    )
    return TitlePhrase(i, end, parts, gender, plural)


def _complement(
    doc: Doc, i: int, stop: int, spans: dict[int, Span], genitive: bool
) -> tuple[int, str, str | None] | None:
    """After a preposition: (end, kind, value) for a portfolio, an entity or a noun phrase."""
    if i < stop and fold(doc[i].text) in DETERMINERS | DEMONSTRATIVES:
        i += 1  # "haut-commissaire sur ce territoire"
    if i >= stop:
        return None
    entity = _entity_at(spans, i)
    if entity is not None and _ordinal(doc[i]):
        entity = None  # "du XIXe siècle": an ordinal, not a name
    if entity is not None and entity.end <= stop and entity.type != "person":
        return entity.end, "organization", fold(entity.name)
    portfolio = _portfolio_at(doc, i, stop)
    if portfolio is not None:
        return portfolio[0], "portfolio", portfolio[1]
    token = doc[i]
    if token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "X"):
        end = i + 1
        while end < stop and doc[end].text[:1].isupper() and not doc[end].is_punct:
            end += 1
        return end, "organization", fold(doc[i:end].text)
    # "directeur de l'hôpital", "élue d'opposition"; not "à l'hôpital" (a place) nor
    # "de l'entreprise Tribunes du Midi" (the name, not the title, says who).
    # "père de deux enfants", "ami de longue date", "architecte du XIXe siècle": a number,
    # an ordinal or an adjective before the noun
    first = i
    while (
        genitive
        and first + 1 < stop
        and first - i < 2
        and (
            doc[first].like_num
            or _ordinal(doc[first])
            or (doc[first].pos_ == "ADJ" and doc[first].text.islower())
        )
    ):
        first += 1
    if (
        first > i
        and doc[first].pos_ == "NOUN"
        and doc[first].text.islower()
        and fold(doc[first].text) not in {"an", "ans"}  # an age qualifies the person
    ):
        token, i = doc[first], first
    if genitive and token.pos_ == "NOUN" and token.text.islower():
        end = i + 1
        while (
            end < stop
            and doc[end].pos_ == "ADJ"
            and doc[end].text.islower()
            and not _governs(doc, end, stop)
        ):
            end += 1
        if end < stop and (end in spans or doc[end].text[:1].isupper()):
            return None
        return end, "noun", None
    return None


ORDINAL = re.compile(r"(?:[IVXLC]+|[0-9]+)(?:e|ème|er)")


def _ordinal(token: Token) -> bool:
    """ "XIXe", "3e", or what the tagger marks as an ordinal."""
    return token.morph.get("NumType", []) == ["Ord"] or bool(ORDINAL.fullmatch(token.text))


def _governs(doc: Doc, i: int, stop: int) -> bool:
    """An adjective with a complement of its own ("présent à l'évènement", "âgé de 20 ans")
    qualifies the person, not the title."""
    if not (i + 1 < stop and doc[i + 1].pos_ == "ADP"):
        return False
    # unless the parse gives the complement to the noun the adjective qualifies
    # ("allié politique de M. X": "de M. X" is the ally's)
    noun = doc[i].head
    complement = doc[i + 1].head
    return not (
        fold(doc[i + 1].text) in {"de", "d'", "du", "des"}
        and fold(complement.text) not in {"an", "ans"}  # "âgé de 20 ans" is the person's age
        and doc[i].morph.get("VerbForm", []) != ["Part"]
        and noun.i < i
        and complement.head.i == noun.i
        and complement.i != i
    )


def make_role(doc: Doc, phrase: TitlePhrase, article: str) -> Role:
    span = doc[phrase.start : phrase.end]
    text = span.text
    return Role(
        title=text,
        article=article,
        start=span.start_char,
        end=span.end_char,
        text=text,
        parts=phrase.parts,
        key=role_key(phrase.parts),
    )


def _determiner_gender(doc: Doc, i: int) -> str | None:
    if i > 0:
        word = fold(doc[i - 1].text)
        if word in word_class("feminine_determiner"):
            return "f"
        if word in word_class("masculine_determiner"):
            return None if fold(doc[i].text) in ("son",) else "m"
    return None


def _phrase_ending_at(
    doc: Doc, end: int, floor: int, spans: dict[int, Span], clause: bool = True
) -> TitlePhrase | None:
    """The longest title phrase that ends exactly at token ``end`` (exclusive).

    A title in its complement that also ends there is the name's own: in "un partisan de
    l'ancien président Donald T.", the name is the former president's."""
    for start in range(max(floor, end - MAX_LOOKBACK), end):
        phrase = parse_title(doc, start, end, spans)
        if phrase is not None and phrase.end == end:
            for inner in range(start + 2, end):
                if _after_genitive(doc, inner, start):
                    own = parse_title(doc, inner, end, spans)
                    if own is not None and own.end == end and not own.parts.rank:
                        return own
            return phrase
    for start in range(max(floor, end - MAX_LOOKBACK), end if clause else floor):
        # "Un enseignant de philosophie ayant assisté à l'attaque, Martin Dousseau": the title,
        # then a participle or relative clause of its own up to the comma
        phrase = parse_title(doc, start, end, spans)
        if phrase is not None and phrase.end < end and _modifier_clause(doc[phrase.end : end]):
            return phrase
    return None


def _after_genitive(doc: Doc, i: int, floor: int) -> bool:
    """Does token i open the complement of a title: "du président", "de l'ancien président"?"""
    j = i - 1
    while j > floor and fold(doc[j].text) in ROLE_MODIFIERS:
        j -= 1
    if j > floor and fold(doc[j].text) in DETERMINERS:
        j -= 1
    return j > floor and fold(doc[j].text) in GENITIVE


def _modifier_clause(tokens: SpacySpan | Sequence[Token]) -> bool:
    first = tokens[0]
    opens = fold(first.text) in {"ayant", "qui", "present", "presente"} or first.morph.get(
        "VerbForm", []
    ) == ["Part"]
    return opens and not any(t.is_punct for t in tokens)


def roles_before(
    doc: Doc, mention_start: int, floor: int, spans: dict[int, Span]
) -> list[tuple[TitlePhrase, str | None]]:
    """Title phrases right before a name: "le porte-parole de Tsahal, le contre-amiral X"."""
    found: list[tuple[TitlePhrase, str | None]] = []
    pos = mention_start
    if pos - 1 > floor and doc[pos - 1].text in CLOSING_QUOTES:
        pos -= 1  # « … un partisan de l'ancien président » Donald T.: the quote ends on his title
    for _ in range(3):
        comma = pos > floor and doc[pos - 1].text == ","
        if comma or (found and pos > floor and fold(doc[pos - 1].text) == "et"):
            pos -= 1
        # the clause is the title's own only up to a comma: in "l'agresseur qui a tenté
        # d'assassiner X", X is the object of the clause
        phrase = _phrase_ending_at(doc, pos, floor, spans, clause=comma)
        if phrase is None:
            break
        if (
            comma
            and not found
            and (phrase.plural or _in_complement(doc, phrase.start, floor))
            and _opens_clause(doc[mention_start])
        ):
            break  # "organisé par le candidat républicain, Corey C. …": a complement, then a new clause
        if (
            comma
            and found
            and doc[found[-1][0].start].head.i not in range(phrase.start, phrase.end)
        ):
            break  # "le président élu américain, le président ukrainien X": two people of a list
        if any(
            p.parts.country and phrase.parts.country and p.parts.country != phrase.parts.country
            for p, _ in found
        ):
            break  # "le président élu américain, le président ukrainien X": two countries, two people
        phrase = _with_modifier(doc, phrase, floor)
        found.append((phrase, _determiner_gender(doc, phrase.start)))
        pos = phrase.start
        if pos > floor and fold(doc[pos - 1].text) in PRE_DETERMINERS:
            pos -= 1
        if not (pos > floor and fold(doc[pos - 1].text) in {",", "et"}):
            break  # "le ministre de la défense et vice-Premier ministre X": both are X's
    return found


def list_title(
    doc: Doc, mention_start: int, floor: int, spans: dict[int, Span]
) -> TitlePhrase | None:
    """A plural title before a list of names is each one's: "ses enfants Caroline, David et
    Florian" gives "enfants" to David and Florian too. The parse must coordinate the name with
    the list, and only names, commas and "et" may stand between the title and the name."""
    token = doc[mention_start]
    for _ in range(12):
        if (
            token.dep_ not in {"conj", "flat:name", "nmod", "appos"}
            or not floor <= token.head.i < token.i
        ):
            break
        token = token.head
    if token.i == mention_start:
        return None
    phrase = parse_title(doc, token.i, mention_start, spans)
    if phrase is None or not phrase.plural:
        return None
    between = doc[phrase.end : mention_start]
    if not all(
        (t.is_alpha and t.text[:1].isupper()) or t.text == "," or fold(t.text) == "et"
        for t in between
    ):
        return None
    return _with_modifier(doc, phrase, floor)


CLOSING_QUOTES = frozenset({"»", '"', "”"})


# Words before a title that belong to the role ("l'ancien président", "l'ex-ministre").
ROLE_MODIFIERS = frozenset(
    {"ancien", "ancienne", "ex", "futur", "future", "nouveau", "nouvel", "nouvelle"}
)


def _with_modifier(doc: Doc, phrase: TitlePhrase, floor: int) -> TitlePhrase:
    """The words before a title that belong to the role: "l'ancien président", "son désormais
    ex-mari", "le plus proche allié": a role modifier, or a lowercase adjective or adverb the
    parse attaches forward into the title."""
    start = phrase.start
    i = start - 1
    if i > floor and doc[i].text == "-":
        i -= 1
    while i >= floor and start - i <= 3:
        token = doc[i]
        word = fold(token.text)
        attached = (token.pos_ in ("ADJ", "ADV") and i < token.head.i < phrase.end) or (
            token.pos_ == "ADJ" and i == start - 1  # "le plus proche allié"
        )
        if (
            token.is_alpha
            and token.text.islower()
            and (word in ROLE_MODIFIERS or word in word_class("title_adverb") or attached)
        ):
            start = i
            i -= 1
            continue
        break
    return replace(phrase, start=start) if start != phrase.start else phrase


def _in_complement(doc: Doc, start: int, floor: int) -> bool:
    """Is the title the object of a preposition ("organisé par le candidat …")?"""
    i = start - 1
    if i >= floor and fold(doc[i].text) in PRE_DETERMINERS:
        i -= 1
    return i >= floor and doc[i].pos_ == "ADP"


def _opens_clause(name: Token) -> bool:
    """Is the name the subject of what follows it (a new clause), not an apposition?

    The parse says so (the name is a subject), or the words right after the name do:
    a verb or a quotation ("…, Corey C. « est mort en héros »").
    """
    token = name
    while token.dep_ == "flat:name" and token.head.i != token.i:
        token = token.head
    if token.dep_.startswith("nsubj"):
        return True
    doc = name.doc
    j = name.i
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    if j < len(doc) and fold(doc[j].text) in {"n'", "ne"}:
        j += 1  # "…, Gisèle P. n'a pas souhaité"
    return j < len(doc) and (doc[j].pos_ in {"VERB", "AUX"} or doc[j].text in {"«", '"', "“"})


def role_after(
    doc: Doc, mention_end: int, ceiling: int, spans: dict[int, Span], person_starts: set[int]
) -> TitlePhrase | None:
    """An apposition after a name: "Solène Guérin, porte-parole du comité"."""
    i = mention_end
    if i >= ceiling or doc[i].text != ",":
        return None
    i += 1
    if (
        i + 1 < ceiling
        and fold(doc[i].text) in DETERMINERS
        and fold(doc[i + 1].text) in {"un", "une"}
    ):
        i += 1  # "X, l'un des fondateurs"
    phrase = _partitive_title(doc, i, ceiling, spans)
    if phrase is None:
        if i < ceiling and fold(doc[i].text) in DETERMINERS | DEMONSTRATIVES | {"un", "une"}:
            i += 1  # "Dominique Bernard, un professeur de français,", "X, cet opposant russe"
        phrase = _modified_title(doc, i, ceiling, spans)
    if phrase is None or phrase.plural:
        return None
    following = phrase.end
    if following < ceiling and doc[following].text == ",":
        following += 1
    if following < ceiling and fold(doc[following].text) in DETERMINERS | {"M.", "m."}:
        following += 1
    if following in person_starts:  # the title introduces the next person, not this one
        return None
    return phrase


def _modified_title(doc: Doc, i: int, stop: int, spans: dict[int, Span]) -> TitlePhrase | None:
    """A title at token i, or after up to three words that belong to it ("le plus proche
    allié politique de M. X")."""
    for j in range(i, min(i + 4, stop)):
        phrase = parse_title(doc, j, stop, spans)
        if phrase is not None:
            phrase = _with_modifier(doc, phrase, i)
            return phrase if phrase.start == i else None
        if not (doc[j].is_alpha and doc[j].text.islower() and doc[j].pos_ in ("ADJ", "ADV")):
            return None
    return None


def _partitive_title(doc: Doc, i: int, stop: int, spans: dict[int, Span]) -> TitlePhrase | None:
    """ "X, un de ses partisans": one of a group, the role as written."""
    if not (
        i + 2 < stop
        and fold(doc[i].text) in word_class("partitive_head")
        and fold(doc[i + 1].text) in {"de", "des", "d'"}
    ):
        return None
    j = i + 2
    if fold(doc[j].text) in PRE_DETERMINERS:
        j += 1
    phrase = parse_title(doc, j, stop, spans) if j < stop else None
    if phrase is None or not phrase.plural:
        return None
    return replace(phrase, start=i, plural=False)


def roles_after(
    doc: Doc, mention_end: int, ceiling: int, spans: dict[int, Span], person_starts: set[int]
) -> list[TitlePhrase]:
    """The apposition after a name and the titles coordinated with it: "X, cet opposant
    russe et adversaire numéro 1 de Y" gives "opposant russe" and "adversaire…"."""
    first = role_after(doc, mention_end, ceiling, spans, person_starts)
    if first is None:
        return []
    found = [first]
    end = first.end
    while end + 1 < ceiling and fold(doc[end].text) == "et" and len(found) < 3:
        following = end + 1
        if fold(doc[following].text) in DETERMINERS | {"un", "une"}:
            following += 1
        phrase = parse_title(doc, following, ceiling, spans)
        if phrase is None or doc[phrase.start].head.i not in range(found[-1].start, found[-1].end):
            break  # the parse must coordinate the two titles ("écrivain et poète")
        found.append(phrase)
        end = phrase.end
    return found


DESCRIPTION_DETERMINERS = frozenset({"le", "la", "l'", "du", "au"}) | POSSESSIVES


def descriptions(
    doc: Doc, spans: dict[int, Span], taken: set[int]
) -> list[tuple[TitlePhrase, str | None]]:
    """Definite descriptions "le ministre israélien de la Défense" not attached to a name."""
    found = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            word = fold(doc[i].text)
            # a title in the complement of a role already read is a description of its own
            # ("partisan de l'ancien président": the former president)
            complement = word in ("du", "au") or (i > 0 and fold(doc[i - 1].text) in PREPOSITIONS)
            # "son ex-mari": a possessive description too (fitting a known role only)
            if (i + 1 in taken and not complement) or word not in DESCRIPTION_DETERMINERS:
                i += 1
                continue
            phrase = parse_title(doc, i + 1, sent.end, spans)
            if phrase is None and i + 2 < sent.end and fold(doc[i + 1].text) in ROLE_MODIFIERS:
                phrase = parse_title(doc, i + 2, sent.end, spans)  # "l'ancien président"
                phrase = phrase and replace(phrase, start=i + 1)
            if (
                phrase is None
                or phrase.parts.rank
                or phrase.plural  # "les ministres" is not one person
                or _names_someone(doc, phrase.end, sent.end)
            ):
                i += 1  # "la princesse Aurore": a title before a name, not a description
                continue
            found.append((phrase, _determiner_gender(doc, phrase.start)))
            i = phrase.end
    return found


IDENTIFYING_LEMMA = "agir"  # "il s'agit de X", "il s'agirait de X"


def identified_roles(
    doc: Doc, person_of_token: dict[int, int], spans: dict[int, Span], taken: set[int]
) -> list[tuple[int, TitlePhrase]]:
    """ "La police n'a pas publié l'identité du suspect. … il s'agirait de X": "il s'agit
    de X" names the one described just before, the last singular definite title not
    attached to a name in its sentence or the sentence before ("la victime", "du suspect").
    Returns (person span index, phrase) pairs."""
    found: list[tuple[int, TitlePhrase]] = []
    described = [p for p, _ in descriptions(doc, spans, taken) if not p.plural]
    sentences = list(doc.sents)
    for n, sent in enumerate(sentences):
        for verb in sent:
            if fold(verb.lemma_) != IDENTIFYING_LEMMA or _negated(verb):
                continue
            children = list(verb.children)
            impersonal = any(
                fold(c.text) == "il" and c.dep_ in {"expl:subj", "nsubj"} for c in children
            ) and any(fold(c.text) in {"s'", "s’", "se"} for c in children)
            named = [
                person_of_token[c.i]
                for c in children
                if c.dep_ in {"obl:arg", "obl", "obl:mod"} and c.i in person_of_token
            ]
            if not impersonal or len(named) != 1:
                continue
            floor = sentences[n - 1].start if n else sent.start
            before = [p for p in described if floor <= p.start and p.end <= verb.i]
            if before:
                found.append((named[0], before[-1]))
    return found


def indefinite_descriptions(doc: Doc, spans: dict[int, Span], taken: set[int]) -> list[TitlePhrase]:
    """ "un porte-parole du Croissant-Rouge a démenti": an indefinite title of a named body,
    not attached to a name (it may be the body's one spokesperson the article names)."""
    found = []
    for sent in doc.sents:
        for i in range(sent.start, sent.end - 1):
            if fold(doc[i].text) not in INDEFINITES or i + 1 in taken:
                continue
            phrase = parse_title(doc, i + 1, sent.end, spans)
            if (
                phrase is None
                or phrase.parts.organization is None
                or phrase.parts.rank
                or phrase.plural
                or _names_someone(doc, phrase.end, sent.end)
                or (phrase.end < sent.end and doc[phrase.end].text == ",")
            ):
                continue
            found.append(phrase)
    return found


def same_body(description: RoleParts, role: RoleParts) -> bool:
    """The same function in the same body, one named more fully ("porte-parole du
    Croissant-Rouge" / "porte-parole du Croissant-Rouge libyen")."""
    if description.function != role.function or not description.organization:
        return False
    short, full = description.organization.split(), (role.organization or "").split()
    return bool(full) and full[: len(short)] == short


def _names_someone(doc: Doc, i: int, stop: int) -> bool:
    return i < stop and doc[i].is_alpha and doc[i].text[:1].isupper()


def _phrase_root(doc: Doc, phrase: TitlePhrase) -> Token:
    """The word of the title phrase the rest of the sentence attaches to."""
    for token in doc[phrase.start : phrase.end]:
        if not phrase.start <= token.head.i < phrase.end or token.head.i == token.i:
            return token
    return doc[phrase.start]


def _negated(token: Token) -> bool:
    return any(fold(child.lemma_) in word_class("negation") for child in token.children)


SUBJECT_PRONOUNS = {"il": "m", "elle": "f"}
# How many sentences before its own "il"/"elle" may reach for the person it continues.
PRONOUN_REACH = 3


def antecedent(
    doc: Doc,
    pronoun: Token,
    person_of_token: dict[int, int],
    gender_of: dict[int, str | None],
) -> int | None:
    """The person a subject "il"/"elle" continues: the last person named as the subject of a
    clause (centering), in its sentence or the few before, of a gender that does not
    contradict it. A person's title as subject ("Le suspect s'appellerait X") counts as X
    when ``person_of_token`` holds its words. Another pronoun of the same gender continues
    the chain; the inverted subject of a reporting verb ("…, a ajouté le procureur") is a
    speaker, not the topic. Another person of that gender named after the subject (the
    parse may have missed that one as a subject) leaves it open. An unnamed person as subject ("Un médecin a tenté…", a title
    no one holds) may be the one meant: then no one is."""
    gender = SUBJECT_PRONOUNS.get(fold(pronoun.text))
    if gender is None:
        return None
    floor = pronoun.sent.start
    for _ in range(PRONOUN_REACH):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    for token in reversed(doc[floor : pronoun.i]):
        if not token.dep_.startswith("nsubj") or token.head.i == token.i:
            continue
        if token.i > token.head.i and fold(token.head.lemma_) in reporting_lemmas():
            continue
        if fold(token.text) in SUBJECT_PRONOUNS:
            continue
        names = [token, *(c for c in token.children if c.dep_ == "flat:name")]
        k = next((person_of_token[t.i] for t in names if t.i in person_of_token), None)
        if k is not None:
            other = gender_of.get(k)
            if other and other != gender:
                continue
            # someone else named since, who could be meant too: no one is sure
            since = {person_of_token.get(j) for j in range(token.i + 1, pronoun.i)} - {None, k}
            if any(gender_of.get(j) in (None, gender) for j in since if j is not None):
                return None
            return k
        if title_at(doc, token.i) is not None:
            return None  # an unnamed person is the last subject
    return None


def _fronted_pronoun(doc: Doc, phrase: TitlePhrase, sent: SpacySpan) -> Token | None:
    """ "Pompier volontaire, il s'est …": a title opening the sentence, before its subject
    pronoun."""
    if phrase.start != sent.start or phrase.end + 1 >= sent.end or doc[phrase.end].text != ",":
        return None
    pronoun = doc[phrase.end + 1]
    if fold(pronoun.text) not in SUBJECT_PRONOUNS or not pronoun.dep_.startswith("nsubj"):
        return None
    return pronoun


def predicate_roles(
    doc: Doc,
    person_of_token: dict[int, int],
    spans: dict[int, Span],
    taken: set[int],
    role_of_token: dict[int, int] | None = None,
    gender_of: dict[int, str | None] | None = None,
) -> list[tuple[int, TitlePhrase]]:
    """Roles stated by a predicate, read from the dependency tree.

    "X est le ministre de …", "X … et serait un ancien élève de …" (a title with a copula
    whose subject is a person, or shares the subject of the verb it is coordinated with),
    and "Le suspect s'appellerait X" (a title naming its subject with a naming verb).
    A subject "il"/"elle" is the person it continues (:func:`antecedent`): "Il était fiché
    S", and so is a title opening the sentence before it ("Pompier volontaire, il …").
    Returns (person span index, phrase) pairs.
    """
    found: list[tuple[int, TitlePhrase]] = []
    naming = word_class("naming_verb")
    # the words of titles known to be someone's, for pronouns to find their subject
    known = {**(role_of_token or {}), **person_of_token}
    genders = gender_of or {}

    def resolved(subjects: Sequence[Token]) -> list[int]:
        people = _subject_people(subjects, person_of_token)
        if not people and len(subjects) == 1:
            k = antecedent(doc, subjects[0], known, genders)
            people = [] if k is None else [k]
        return people

    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if i in taken or not (doc[i].text[:1].islower() or i == sent.start):
                i += 1
                continue
            phrase = parse_title(doc, i, sent.end, spans)
            if phrase is None:
                i += 1
                continue
            root = _phrase_root(doc, phrase)
            person = None
            fronted = _fronted_pronoun(doc, phrase, sent)
            if fronted is None and not doc[i].text[:1].islower():
                i += 1
                continue
            if fronted is not None and not phrase.plural:
                k = antecedent(doc, fronted, known, genders)
                if k is not None:
                    found.append((k, phrase))
                    known.update(dict.fromkeys(range(phrase.start, phrase.end), k))
                i = phrase.end
                continue
            if is_predicate(doc, phrase) and not _negated(root):
                subjects = [
                    c
                    for c in root.children
                    if c.dep_.startswith("nsubj")
                    # "Il était père de…": the parse may call the pronoun expletive
                    or (c.dep_ == "expl:subj" and fold(c.text) in SUBJECT_PRONOUNS)
                ]
                if not subjects and root.dep_ == "conj" and not _negated(root.head):
                    subjects = [c for c in root.head.children if c.dep_.startswith("nsubj")]
                people = resolved(subjects)
                if phrase.plural and len(people) > 1:
                    # "MM. X et Y étaient pompiers volontaires": the role of each
                    found.extend((k, phrase) for k in people)
                    i = phrase.end
                    continue
                person = people[0] if people and not phrase.plural else None
            elif (
                root.dep_ in {"xcomp", "obl", "obl:arg", "obl:mod"}
                and fold(root.head.lemma_) in word_class("describing_verb")
                and any(fold(c.text) == "comme" for c in root.children)
                and not _negated(root.head)
                and not phrase.plural
            ):
                # "X est décrit comme un fervent partisan de …", "X, présenté comme le chef …"
                subjects = [c for c in root.head.children if c.dep_.startswith("nsubj")]
                people = _subject_people(subjects, person_of_token)
                person = people[0] if people else None
            elif (
                root.dep_.startswith("nsubj")
                and fold(root.head.lemma_) in naming
                and any(
                    c.dep_ == "expl:comp" or fold(c.text) in {"s'", "se"}
                    for c in root.head.children
                )
                and not _negated(root.head)
            ):
                named = [
                    c
                    for c in root.head.children
                    if c is not root and c.dep_ in {"nsubj", "obj", "xcomp", "obl:arg"}
                ]
                person = next((person_of_token[c.i] for c in named if c.i in person_of_token), None)
            if person is not None:
                found.append((person, _with_modifier(doc, phrase, sent.start)))
                known.update(dict.fromkeys(range(phrase.start, phrase.end), person))
            i = phrase.end
    return found


def is_predicate(doc: Doc, phrase: TitlePhrase) -> bool:
    """The title is the predicate of its clause: with a copula ("X est le ministre"), or a
    participle title with "être" the parse reads as a passive ("Il était fiché S")."""
    root = _phrase_root(doc, phrase)
    return any(
        c.dep_ == "cop" or (c.dep_ == "aux:pass" and fold(c.lemma_) == "etre")
        for c in root.children
    )


def _subject_people(subjects: Sequence[Token], person_of_token: dict[int, int]) -> list[int]:
    """The people a subject names: "X", "M. X" (the honorific heads the name), and the
    names coordinated with it ("MM. X et Y")."""
    people: list[int] = []
    queue = list(subjects)
    while queue:
        token = queue.pop(0)
        k = person_of_token.get(token.i)
        if k is not None and k not in people:
            people.append(k)
        queue.extend(c for c in token.children if c.dep_ in {"flat:name", "conj"})
    return people


def is_unique_office(parts: RoleParts) -> bool:
    """An office one person holds at a time ("le chef de l'État", "le patron du Kremlin")."""
    if parts.function is None or fold(parts.function) not in word_class("unique_office"):
        return False
    return fold(parts.function) != "patron" or parts.organization is not None


INDEFINITES = frozenset({"un", "une"})


def demonstrative_antecedent(
    doc: Doc, title_start: int, spans: dict[int, Span], known: set[int]
) -> list[TitlePhrase]:
    """ "Un assaillant, fiché S, a tué X. Cet ancien élève, Karim M., …": a demonstrative
    title opening a sentence, before a name, takes up the unnamed person the sentence before
    introduced as its subject ("un"/"une" and a title no one holds): the name gets that
    title and the titles set beside it. The demonstrative agrees in gender."""
    start = title_start - 1
    while start >= 0 and fold(doc[start].text) in ROLE_MODIFIERS:
        start -= 1  # "Cet ancien élève"
    if start <= 0 or fold(doc[start].text) not in DEMONSTRATIVES:
        return []
    if start != doc[start].sent.start:
        return []
    gender = "f" if fold(doc[start].text) == "cette" else "m"
    previous = doc[start - 1].sent
    root = previous.root
    for subject in root.children:
        if not subject.dep_.startswith("nsubj") or subject.i in known:
            continue
        if not any(c.dep_ == "det" and fold(c.text) in INDEFINITES for c in subject.children):
            continue
        phrase = parse_title(doc, subject.i, previous.end, spans)
        if phrase is None or phrase.plural or (phrase.gender and phrase.gender != gender):
            return []
        found = [phrase]
        for child in subject.children:
            # "un assaillant, fiché S, a tué": a title set beside it, between commas
            if child.dep_ in {"acl", "appos", "amod"} and doc[child.i - 1].text == ",":
                beside = parse_title(doc, child.i, previous.end, spans)
                if beside is not None and not beside.plural:
                    found.append(beside)
        return found
    return []


def verb_predicate_roles(
    doc: Doc,
    person_of_token: dict[int, int],
    known: dict[int, int],
    spans: dict[int, Span],
    gender_of: dict[int, str | None],
) -> list[tuple[int, TitlePhrase]]:
    """ "X … et enseignait le français", "X, qui dirige la Fondation …": a verb of
    ``verb_roles.tsv`` in the present or imperfect, not negated, with its object (a named
    body for the verbs that head one), is a role of its subject, kept as written."""
    table = verb_roles()
    org_tokens = {
        i for s in spans.values() if s.type == "organization" for i in range(s.start, s.end)
    }
    found: list[tuple[int, TitlePhrase]] = []
    for verb in doc:
        entry = table.get(fold(verb.lemma_))
        if entry is None or verb.pos_ != "VERB" or _negated(verb):
            continue
        tenses = set(verb.morph.get("Tense", []))
        if verb.morph.get("VerbForm", []) != ["Fin"] or not tenses & {"Pres", "Imp"}:
            continue
        objects = [c for c in verb.children if c.dep_ == "obj"]
        if not objects or (entry[1] == "organization" and objects[0].i not in org_tokens):
            continue
        subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
        if not subjects and verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_.startswith("nsubj")]
        people: set[int | None] = set()
        for subject in subjects:
            if fold(subject.text) == "qui" and verb.dep_ == "acl:relcl":
                subject = verb.head  # "X, qui dirige …"
            named = _subject_people([subject], person_of_token)
            if named:
                people.update(named)
            elif subject.i in known:
                people.add(known[subject.i])  # "le professeur … s'appelait X et enseignait"
            elif fold(subject.text) in SUBJECT_PRONOUNS:
                people.add(antecedent(doc, subject, known, gender_of))
            else:
                people.add(None)  # someone unnamed
        if len(people) != 1 or None in people:
            continue
        person = people.pop()
        if person is None:
            continue
        end = max(t.i for t in objects[0].subtree) + 1
        if end <= verb.i:
            continue
        parts = RoleParts(function=entry[0])
        found.append((person, TitlePhrase(verb.i, end, replace(parts), None)))
    return found
