"""Who a speaker description refers to inside one article.

Links names, pronouns (il, elle) and role-only descriptions ("le conseiller à
la sécurité") to the article's ``LocalEntity`` records, inferring gender when
the entity component left it unset (honorifics, first names, appositions).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from recoupe.fr.lexicon import (
    Gender,
    country_of_demonym,
    given_names,
    honorific_gender,
    is_honorific,
    speaker_nouns,
)
from recoupe.fr.text import fold
from recoupe.model import EntityType, LocalEntity, Mention
from recoupe.nlp.extensions import text_of

PRONOUN_GENDER: dict[str, Gender] = {"il": "m", "elle": "f", "lui": "m", "celui": "m", "celle": "f"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
# Farther back than this, an antecedent is too far for "il"/"elle".
PRONOUN_REACH = 1200


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: an entity key (or None) and the words naming it."""

    key: str | None
    text: str | None
    start: int | None
    end: int | None
    type: EntityType | None
    plural: bool = False


def pronoun_gender(word: str) -> Gender | None:
    return PRONOUN_GENDER.get(fold(word).lstrip("-").removeprefix("t-"))


def _gender_of_value(value: str | None) -> Gender | None:
    if not value:
        return None
    first = value.strip().lower()[:1]
    return "f" if first == "f" else "m" if first == "m" else None


def token_gender(token: Token) -> Gender | None:
    genders = token.morph.get("Gender", [])
    if genders == ["Fem"]:
        return "f"
    if genders == ["Masc"]:
        return "m"
    return None


class SpeakerIndex:
    """The article's entities, with the lookups attribution needs."""

    def __init__(self, doc: Doc, entities: list[LocalEntity], quoted: list[tuple[int, int]]):
        self.doc = doc
        self.entities = {e.key: e for e in entities}
        self._quoted = sorted(quoted)
        self._quoted_starts = [q[0] for q in self._quoted]
        outside = [(m, e) for e in entities for m in e.mentions if not self.in_quote(m.start)]
        self.mentions: list[tuple[Mention, LocalEntity]] = sorted(
            outside, key=lambda pair: (pair[0].start, -pair[0].end)
        )
        self._starts = [m.start for m, _ in self.mentions]
        self.genders = {e.key: self._infer_gender(e) for e in entities}

    # --- positions -----------------------------------------------------------

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def mentions_within(self, start: int, end: int) -> list[tuple[Mention, LocalEntity]]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0].start < end:
            if self.mentions[i][0].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    # --- gender --------------------------------------------------------------

    def gender(self, key: str | None) -> Gender | None:
        return self.genders.get(key or "")

    def _infer_gender(self, entity: LocalEntity) -> Gender | None:
        if entity.type != "person":
            return None
        known = _gender_of_value(entity.gender)
        if known:
            return known
        votes: dict[Gender, int] = {"m": 0, "f": 0}
        for mention in entity.mentions:
            for cue in self._mention_gender_cues(mention):
                votes[cue] += 1
        if votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"

    def _mention_gender_cues(self, mention: Mention) -> list[Gender]:
        cues: list[Gender] = []
        words = mention.text.split()
        if words:
            head = words[0]
            gender = honorific_gender(head) if is_honorific(head) else given_names().get(fold(head))
            if gender:
                cues.append(gender)
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return cues
        before = self.doc[span.start - 1] if span.start > 0 else None
        gender = honorific_gender(before.text) if before is not None else None
        if gender:
            cues.append(gender)
        appositive = self._apposition_gender(span.start, span.end)
        if appositive:
            cues.append(appositive)
        return cues

    def _apposition_gender(self, start: int, end: int) -> Gender | None:
        """Gender shown by a title next to the name: "la ministre X", "X, la directrice"."""
        doc = self.doc
        # Title before the name: walk back over the title words to its determiner.
        i = start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        steps = 0
        while i >= 0 and steps < 10 and doc[i].text not in {".", ";", ":", "\n"}:
            noun = speaker_nouns().get(fold(doc[i].text))
            if noun and noun.type == "person" and noun.gender:
                return noun.gender
            if doc[i].pos_ == "DET" and (
                i == 0 or doc[i - 1].pos_ in {"PUNCT", "VERB", "AUX", "ADP", "SPACE"}
            ):
                gender = token_gender(doc[i])
                if gender and i + 1 < start and doc[i + 1].pos_ in {"NOUN", "ADJ"}:
                    return gender
            if doc[i].pos_ in {"VERB", "AUX", "SCONJ"}:
                break
            i -= 1
            steps += 1
        # Apposition after the name: "X, la porte-parole du comité".
        j = end
        if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].pos_ == "DET":
            noun = speaker_nouns().get(fold(doc[j + 2].text)) if j + 2 < len(doc) else None
            if noun and noun.gender:
                return noun.gender
            return token_gender(doc[j + 1])
        return None

    def compatible(self, key: str, gender: Gender | None) -> bool:
        mine = self.gender(key)
        return gender is None or mine is None or mine == gender

    # --- resolution ----------------------------------------------------------

    def persons_between(self, start: int, end: int) -> list[tuple[Mention, LocalEntity]]:
        return [(m, e) for m, e in self.mentions_within(start, end) if e.type == "person"]

    def nearest_person_before(
        self, offset: int, gender: Gender | None, reach: int = PRONOUN_REACH
    ) -> tuple[Mention, LocalEntity] | None:
        for mention, entity in reversed(self.mentions_within(max(0, offset - reach), offset)):
            if entity.type == "person" and self.compatible(entity.key, gender):
                return mention, entity
        return None

    def organization_named(self, noun: str, offset: int) -> LocalEntity | None:
        """The organisation last introduced with this noun ("l'association Littoral vivant")."""
        text = text_of(self.doc)
        for mention, entity in reversed(self.mentions_within(0, offset)):
            if entity.type != "person" and noun in _tokens(
                text[max(0, mention.start - 30) : mention.end]
            ):
                return entity
        return None

    def role_holder(
        self,
        words: list[str],
        head: str,
        gender: Gender | None,
        offset: int,
        end: int | None = None,
    ) -> LocalEntity | None:
        """The person whose roles (else nearby title words) best match a role description.

        The description itself (``offset``-``end``) is no context: "X « est mort en héros »,
        selon l'élu" does not make X the elected official.
        """
        persons = [
            e
            for e in self.entities.values()
            if e.type == "person" and self.compatible(e.key, gender)
        ]
        by_roles = {e.key: _tokens(" ".join(r.title for r in e.roles)) for e in persons}
        # every word of the description in the holder's roles: "le président français" is not "président ukrainien"
        holders = [
            e
            for e in persons
            if head in by_roles[e.key] and all(w in by_roles[e.key] for w in words)
        ]
        if holders:
            return self._best(holders, by_roles, words, offset)
        text = text_of(self.doc)
        if end is not None:
            text = text[:offset] + " " * (end - offset) + text[end:]
        by_context = {
            e.key: _tokens(
                " ".join(
                    text[max(0, m.start - 70) : m.end + 50]
                    for m in e.mentions
                    if not self.in_quote(m.start)
                )
            )
            for e in persons
        }
        holders = [
            e
            for e in persons
            if head in by_context[e.key]
            and not self._other_nationality(e, head, words, text, offset, end)
        ]
        return self._best(holders, by_context, words, offset) if holders else None

    def _other_nationality(
        self,
        entity: LocalEntity,
        head: str,
        words: list[str],
        text: str,
        offset: int,
        end: int | None,
    ) -> bool:
        """ "le président français" is not the man named "le président ukrainien" nearby."""
        wanted = {country_of_demonym(w) for w in words} - {None}
        if not wanted:
            return False
        for mention in entity.mentions:
            if end is not None and offset <= mention.start < end:
                continue
            context = fold(text[max(0, mention.start - 70) : mention.end + 50]).replace("'", " ")
            tokens = context.replace(",", " ").split()
            for k, token in enumerate(tokens[:-1]):
                country = country_of_demonym(tokens[k + 1]) if token == head else None
                if country is not None and country not in wanted:
                    return True
        return False

    def _best(
        self,
        holders: list[LocalEntity],
        tokens: dict[str, set[str]],
        words: list[str],
        offset: int,
    ) -> LocalEntity:
        def rank(entity: LocalEntity) -> tuple[int, int]:
            score = sum(1 for w in words if w in tokens[entity.key])
            before = [m.start for m in entity.mentions if m.start < offset]
            return score, max(before, default=-1)

        return max(holders, key=rank)


def _tokens(text: str) -> set[str]:
    return set(fold(text).replace("'", " ").replace(",", " ").split())


def head_noun(words: list[Token]) -> tuple[str, EntityType, Gender | None] | None:
    """The first speaker noun of a description, with its type and shown gender."""
    det_gender: Gender | None = None
    for k, token in enumerate(words):
        if token.pos_ == "DET" and det_gender is None:
            det_gender = token_gender(token)
        if (
            token.pos_ == "ADJ"
            and k + 1 < len(words)
            and words[k + 1].pos_ == "NOUN"
            and not speaker_nouns().get(fold(words[k + 1].text))
        ):
            continue  # "les premiers témoignages": the adjective is not the head
        noun = speaker_nouns().get(fold(token.text)) or speaker_nouns().get(fold(token.lemma_))
        if noun:
            gender = noun.gender or (
                det_gender if fold(words[0].text) not in {"l'", "les"} else None
            )
            return fold(token.text), noun.type, gender
    return None
