"""recoupe_entities: the named entities of one article, with roles, as LocalEntity.

On top of the statistical NER: spans are cleaned (trailing weekdays, leading
titles, bare institutions dropped), a gazetteer (``data/gazetteer.tsv``) adds
and types well-known organisations, honorifics are kept in the mention and
stripped from the name, names are grouped inside the article
(:mod:`recoupe.fr.names`) and roles attached (:mod:`recoupe.nlp.roles`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from recoupe.fr.lexicon import (
    GazetteerEntry,
    country_of_demonym,
    gazetteer,
    gazetteer_by_fold,
    given_names,
    honorifics,
    non_entities,
    portfolios,
    reporting_lemmas,
    titles,
    trailing_words,
    word_class,
)
from recoupe.fr.names import (
    Candidate,
    Group,
    fits_name,
    group_mentions,
    same_name_word,
    split_honorific,
    surname_of,
)
from recoupe.fr.roles import compatible, counterpart_parts, inherit_country, role_key
from recoupe.fr.text import fold
from recoupe.model import EntityType, LocalEntity, Mention, Role, RoleParts
from recoupe.nlp import roles as role_rules
from recoupe.nlp.extensions import article_id, text_of

__all__ = ["LABEL_TYPES", "fold", "recoupe_entities"]

LABEL_TYPES: dict[str, EntityType] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "place",
    "GPE": "place",
    "MISC": "other",
}
LEADING_DETERMINERS = ("l'", "la ", "le ", "les ")


@dataclass(frozen=True)
class TokenSpan:
    start: int
    end: int
    type: EntityType
    canonical: str | None = None
    country: str | None = None
    from_gazetteer: bool = False


def _strip_determiner(folded: str) -> str:
    for det in LEADING_DETERMINERS:
        if folded.startswith(det):
            return folded[len(det) :].strip()
    return folded


def _is_descriptor(folded: str) -> bool:
    """Bare titles, portfolios and institutions that name no entity on their own."""
    bare = _strip_determiner(folded)
    return bare in non_entities() or bare in portfolios() or bare in titles() or folded in titles()


def _clean_ner_span(doc: Doc, start: int, end: int, etype: EntityType) -> TokenSpan | None:
    """Fix the NER span's boundaries, or None when it names nothing."""
    trailing = trailing_words()
    while start < end and (
        doc[start].is_punct or doc[start].is_space or fold(doc[start].text) in trailing
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or fold(doc[end - 1].text) in trailing
    ):
        end -= 1
    if start >= end:
        return None
    # "slovaque de la Santé" tagged ORG: a nationality left over from a title, then its complement
    if doc[start].text.islower() and country_of_demonym(doc[start].text):
        start += 1
        while (
            start < end
            and doc[start].text.islower()
            and (fold(doc[start].text) in role_rules.PREPOSITIONS | role_rules.DETERMINERS)
        ):
            start += 1
        if start >= end:
            return None
    # "ministre de l'Intérieur" tagged ORG: a role, not an entity; keep what follows it.
    # A capitalised title opens a name ("Président Hotel") unless the NER could not type
    # the span ("Premier ministre en ouverture d'une réunion" as MISC).
    title = (
        role_rules.title_at(doc, start) if doc[start].text.islower() or etype == "other" else None
    )
    if title is not None and title[0] <= end:
        start = title[0]
        while start < end and (
            fold(doc[start].text) in trailing
            or country_of_demonym(doc[start].text)
            or doc[start].is_punct
        ):
            start += 1
        if start >= end:
            return None
    # "Affaires étrangères Gallant": a title or portfolio glued before a name.
    for k in range(end - 1, start, -1):
        head = fold(doc[start:k].text)
        if _is_descriptor(head) and doc[k].text[:1].isupper():
            start = k
            if etype == "other" and end - start <= 3:
                etype = "person"
            break
    text = doc[start:end].text
    folded = fold(text)
    if not any(c.isupper() for c in text) or _is_descriptor(folded):
        return None
    entry = gazetteer_by_fold().get(folded) or gazetteer_by_fold().get(_strip_determiner(folded))
    if entry is not None:
        return TokenSpan(start, end, entry.type, entry.canonical, entry.country, True)
    if etype == "other" and end - start == 1 and folded in given_names():
        etype = "person"
    if etype != "person" and _titled_name(doc, start, end):
        etype = "person"
    if etype == "person":
        end = _extend_name(doc, end)
    return TokenSpan(start, end, etype)


def _titled_name(doc: Doc, start: int, end: int) -> bool:
    """ "le ministre de l'Intérieur Matus Sutaj Estok" tagged ORG: capitalised words right after a person's title."""
    words = doc[start:end]
    # one word only when it is a given name ("ses enfants Caroline", typed as a place)
    shortest = 1 if fold(words.text) in given_names() else 2
    if not shortest <= len(words) <= 4 or not all(
        t.text[:1].isupper() and t.is_alpha for t in words
    ):
        return False
    floor = doc[start].sent.start if doc.has_annotation("SENT_START") else max(0, start - 15)
    return bool(role_rules.roles_before(doc, start, floor, {}))


def _extend_name(doc: Doc, end: int) -> int:
    """'Yoav' + 'Gallant': a capitalised word the NER left out right after a name."""
    while (
        end < len(doc)
        and end - doc[end].sent.start > 0
        and doc[end].is_alpha
        and doc[end].text[:1].isupper()
        and doc[end].ent_iob_ != "B"
        and fold(doc[end].text) not in trailing_words()
        and fold(doc[end].text) not in titles()
    ):
        end += 1
    if (
        end + 1 < len(doc)
        and len(doc[end].text) == 1
        and doc[end].text.isupper()
        and doc[end + 1].text == "."
    ):
        end += 2  # "Mohammed M.": a surname the article gives as an initial
    elif end < len(doc) and re.fullmatch(r"[A-ZÀ-Ý]\.", doc[end].text):
        end += 1
    return end


@functools.cache
def _gazetteer_patterns() -> tuple[tuple[GazetteerEntry, re.Pattern[str]], ...]:
    return tuple(
        (
            entry,
            re.compile(
                r"(?<![\w-])" + re.escape(entry.form) + r"(?![\w-])",
                0 if entry.case_sensitive else re.IGNORECASE,
            ),
        )
        for entry in gazetteer()
    )


def _gazetteer_spans(doc: Doc) -> Iterable[TokenSpan]:
    text = text_of(doc)
    lowered = text.lower()
    for entry, pattern in _gazetteer_patterns():
        # a plain substring test first: most entries are absent from any one article
        if (entry.form if entry.case_sensitive else entry.form.lower()) not in (
            text if entry.case_sensitive else lowered
        ):
            continue
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                yield TokenSpan(
                    span.start, span.end, entry.type, entry.canonical, entry.country, True
                )


def _merge_spans(ner: list[TokenSpan], extra: Iterable[TokenSpan]) -> list[TokenSpan]:
    """Non-overlapping spans; a gazetteer span replaces the NER spans it covers."""
    chosen = list(ner)
    for span in extra:
        overlapping = [s for s in chosen if s.start < span.end and span.start < s.end]
        if not overlapping:
            chosen.append(span)
        elif all(span.start <= s.start and s.end <= span.end for s in overlapping) and any(
            (s.end - s.start) < (span.end - span.start) or not s.from_gazetteer for s in overlapping
        ):
            if any(s.type == "person" for s in overlapping):
                continue
            chosen = [s for s in chosen if s not in overlapping] + [span]
    return sorted(chosen, key=lambda s: s.start)


def _candidate(doc: Doc, span: TokenSpan) -> Candidate:
    start = span.start
    etype = span.type
    gender = None
    if start > 0 and doc[start - 1].text in honorifics():
        start -= 1
        etype = "person"
    elif (
        start > 0
        and span.end - start == 1
        and fold(doc[start - 1].text) in word_class("royal_title")
    ):
        start -= 1  # "le prince William": the title is how the person is named
        etype = "person"
    text = doc[start : span.end].text
    name, honorific = split_honorific(text)
    if start < span.start and honorific is None:
        name = doc[span.start : span.end].text
    if honorific is not None:
        gender = honorifics()[honorific]
        etype = "person"
    return Candidate(
        start=doc[start].idx,
        end=doc[span.end - 1].idx + len(doc[span.end - 1].text),
        text=text,
        type=etype,
        name=name,
        canonical=span.canonical,
        gender=gender,
    )


def _acronym_links(doc: Doc, spans: list[TokenSpan]) -> dict[int, int]:
    """'Conseil de sécurité des Nations unies (CSNU)': acronym span index -> expansion index."""
    by_start = {s.start: k for k, s in enumerate(spans)}
    links = {}
    for k, span in enumerate(spans):
        i = span.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            acronym = doc[i + 1].text
            if (
                2 <= len(acronym) <= 8
                and acronym.isupper()
                and acronym.isalpha()
                and acronym[0] == fold(doc[span.start].text)[0].upper()
                and (i + 1) in by_start
            ):
                links[by_start[i + 1]] = k
    return links


def find_spans(doc: Doc) -> list[TokenSpan]:
    ner = []
    for ent in doc.ents:
        cleaned = _clean_ner_span(doc, ent.start, ent.end, LABEL_TYPES.get(ent.label_, "other"))
        if cleaned is not None:
            ner.append(cleaned)
    spans = _merge_spans(ner, _gazetteer_spans(doc))
    # An acronym in parentheses after a name is a mention even when NER missed it.
    extra = []
    for span in spans:
        i = span.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            word = doc[i + 1].text
            if word.isupper() and word.isalpha() and 2 <= len(word) <= 8:
                extra.append(TokenSpan(i + 1, i + 2, span.type, span.canonical, span.country))
    return _merge_spans(spans, extra)


def _roles_of_mentions(
    doc: Doc, spans: list[TokenSpan], candidates: list[Candidate], aid: str
) -> tuple[dict[int, list[Role]], dict[int, str | None], set[int]]:
    """Roles stated around each person mention, gender cues from titles, tokens used."""
    entity_spans = {
        s.start: role_rules.Span(s.start, s.end, s.type, s.canonical or doc[s.start : s.end].text)
        for s in spans
    }
    person_starts = {s.start for s in spans if s.type == "person"} | {
        s.start - 1
        for s in spans
        if s.type == "person" and s.start > 0 and doc[s.start - 1].text in honorifics()
    }
    roles: dict[int, list[Role]] = {}
    genders: dict[int, str | None] = {}
    taken: set[int] = set()
    role_of_token: dict[int, int] = {}
    for k, (span, candidate) in enumerate(zip(spans, candidates, strict=True)):
        taken.update(range(span.start, span.end))
        if candidate.type != "person":
            continue
        # "M. X": the honorific, before the span or inside it, opens the mention
        first = span.start - (
            1 if span.start > 0 and doc[span.start - 1].text in honorifics() else 0
        )
        sentence = doc[span.start].sent
        found = [
            # "Il était père de deux filles, Léa": a predicate is its subject's, not the name's
            (p, g)
            for p, g in role_rules.roles_before(doc, first, sentence.start, entity_spans)
            if not role_rules.is_predicate(doc, p)
        ]
        if not found:
            listed = role_rules.list_title(doc, first, sentence.start, entity_spans)
            found = [(listed, None)] if listed else []
        after = role_rules.roles_after(doc, span.end, sentence.end, entity_spans, person_starts)
        phrases = [p for p, _ in found] + after
        for p, _ in found:
            # "Un assaillant … a tué X. Cet ancien élève, Karim M., …": the one taken up
            phrases += role_rules.demonstrative_antecedent(doc, p.start, entity_spans, taken)
        # Masculine title forms are also used for women ("le docteur Agnès X"): only
        # feminine forms are a cue.
        cues = [g for g in [g for _, g in found] + [p.gender for p in phrases] if g == "f"]
        roles[k] = sorted(
            (role_rules.make_role(doc, p, aid) for p in phrases), key=lambda r: r.start
        )
        for phrase in phrases:
            taken.update(range(phrase.start, phrase.end))
            role_of_token.update(dict.fromkeys(range(phrase.start, phrase.end), k))
        known = {g for g in cues if g}
        genders[k] = known.pop() if len(known) == 1 else None
    person_of_token = {
        i: k
        for k, (span, candidate) in enumerate(zip(spans, candidates, strict=True))
        if candidate.type == "person"
        for i in range(span.start, span.end)
    }
    gender_of = {
        k: candidate.gender or genders.get(k)
        for k, candidate in enumerate(candidates)
        if candidate.type == "person"
    }
    for k, phrase in role_rules.predicate_roles(
        doc, person_of_token, entity_spans, taken, role_of_token, gender_of
    ):
        role = role_rules.make_role(doc, phrase, aid)
        if all(r.title != role.title for r in roles.get(k, ())):
            roles[k] = sorted([*roles.get(k, ()), role], key=lambda r: r.start)
        taken.update(range(phrase.start, phrase.end))
        role_of_token.update(dict.fromkeys(range(phrase.start, phrase.end), k))
    for k, phrase in role_rules.identified_roles(doc, person_of_token, entity_spans, taken):
        role = role_rules.make_role(doc, phrase, aid)
        if all(r.title != role.title for r in roles.get(k, ())):
            roles[k] = sorted([*roles.get(k, ()), role], key=lambda r: r.start)
        taken.update(range(phrase.start, phrase.end))
        role_of_token.update(dict.fromkeys(range(phrase.start, phrase.end), k))
    known_people = {**role_of_token, **person_of_token}
    for k, phrase in role_rules.verb_predicate_roles(
        doc, person_of_token, known_people, entity_spans, gender_of
    ):
        role = role_rules.make_role(doc, phrase, aid)
        roles[k] = sorted([*roles.get(k, ()), role], key=lambda r: r.start)
    return roles, genders, taken


_OF_BEFORE = re.compile(r"([\w'’-]+)\s+(?:de la|de l['’]|du|de|d['’])\s*$")


def _title_complement(text: str, start: int) -> bool:
    """Does a title govern this word, as "Brisac" in "la maire de Brisac"?"""
    match = _OF_BEFORE.search(text[max(0, start - 40) : start])
    return match is not None and fold(match.group(1)) in titles()


# what says a lone word is a place: "la ville de Brisac", "près de Brisac", and "à Brisac" when
# a relative "où" or a locating phrase follows ("à Brisac où …", "à Brisac, dans le centre …")
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:ville|commune|village|localit[ée]|bourgade|municipalit[ée]|banlieue|environs|"
    r"pr[èe]s|proximit[ée]|loin)\s+(?:de|d['’])|(?:à|dans|en)\s+(?:la\s+)?périphérie\s+de)\s*$",
    re.IGNORECASE,
)
_AT_BEFORE = re.compile(r"\b[àÀ]\s*$")
_PLACE_AFTER = re.compile(r"^\s*(?:où\b|,\s*(?:dans|en|au|aux|près|non loin)\b)", re.IGNORECASE)


def _located(text: str, start: int, end: int) -> bool:
    """Is the word at ``start:end`` written as a place ("la ville de X", "à X où …")?"""
    before = text[max(0, start - 40) : start]
    if _PLACE_BEFORE.search(before):
        return True
    return bool(_AT_BEFORE.search(before) and _PLACE_AFTER.match(text[end : end + 20]))


def _retype_stray_people(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A lone capitalised word tagged as a person, fitting no person of the article,
    is a place when it is hyphenated ("Port-Lauzac"), the complement of a title
    ("la maire de Brisac") or written as a place ("la ville de Brisac", "à Brisac où …"),
    or takes the type it has elsewhere in the article."""
    full_names = [c.name for c in candidates if c.type == "person" and len(c.name.split()) >= 2]
    others: dict[str, Counter[EntityType]] = {}
    for c in candidates:
        if c.type != "person":
            others.setdefault(fold(c.name), Counter())[c.type] += 1
    out = []
    for c in candidates:
        word = c.name
        if c.type != "person" and c.canonical is None and " " not in word and word[:1].isupper():
            # "Kalinak" tagged as a place in an article about Robert Kalinak: the surname of
            # exactly one person named in full there is that person
            owners = {fold(full) for full in full_names if same_name_word(word, surname_of(full))}
            if len(owners) == 1:
                c = replace(c, type="person")
        if (
            c.type == "person"
            and c.text == c.name
            and " " not in word
            and not any(fits_name(word, full) for full in full_names)
        ):
            if fold(word) in others:
                c = replace(c, type=others[fold(word)].most_common(1)[0][0])
            elif (
                ("-" in word and fold(word) not in given_names())
                or _title_complement(text, c.start)
                or (fold(word) not in given_names() and _located(text, c.start, c.end))
            ):
                c = replace(c, type="place")
        out.append(c)
    return out


def _entity_name(group: Group, candidates: list[Candidate]) -> str:
    members = [candidates[i] for i in group.members]
    canonical = [c.canonical for c in members if c.canonical]
    if canonical:
        return Counter(canonical).most_common(1)[0][0]
    counts = Counter(c.name for c in members)
    return max(
        counts, key=lambda n: (len(n.split()), len(n) if group.type != "person" else 0, counts[n])
    )


def _country(
    group: Group, spans: list[TokenSpan], candidates: list[Candidate], roles: list[Role]
) -> str | None:
    stated = Counter(r.parts.country for r in roles if r.parts.country)
    if stated:
        return stated.most_common(1)[0][0]
    for i in group.members:
        if spans[i].country:
            return spans[i].country
        for word in candidates[i].name.split():
            country = country_of_demonym(word) if word.islower() else None
            if country:
                return country
    return None


def _gender(
    group: Group, candidates: list[Candidate], genders: dict[int, str | None]
) -> str | None:
    if group.type != "person":
        return None
    cues = Counter(candidates[i].gender for i in group.members)
    cues.pop(None, None)
    if len(cues) == 1:
        return next(iter(cues))
    first = max((candidates[i].name for i in group.members), key=lambda n: len(n.split()))
    if len(first.split()) >= 2:
        return given_names().get(fold(first.split()[0]))
    return None


def _resolve_counterparts(
    doc: Doc, entities: list[LocalEntity], spans_of: dict[str, list[tuple[int, int]]]
) -> list[LocalEntity]:
    """'son homologue israélien X': X holds, in X's country, the office of the other person."""
    out = []
    for entity in entities:
        new_roles = []
        for role in entity.roles:
            if role.parts.function == "homologue":
                counterpart = _counterpart_role(doc, entity, role, entities, spans_of)
                if counterpart is not None:
                    parts = counterpart_parts(role.parts, counterpart.parts)
                    role = replace(role, parts=parts, key=role_key(parts))
            new_roles.append(role)
        out.append(replace(entity, roles=tuple(new_roles)))
    return out


def _counterpart_role(
    doc: Doc,
    entity: LocalEntity,
    role: Role,
    entities: list[LocalEntity],
    spans_of: dict[str, list[tuple[int, int]]],
) -> Role | None:
    sentence = doc.char_span(role.start, role.end, alignment_mode="expand")
    if sentence is None:
        return None
    sent = sentence.sent
    best: tuple[int, Role] | None = None
    for other in entities:
        if other.key == entity.key or other.type != "person":
            continue
        offices = [r for r in other.roles if r.parts.function not in (None, "homologue")]
        if not offices:
            continue
        for start, _ in spans_of[other.key]:
            if sent.start_char <= start < sent.end_char:
                distance = abs(role.start - start)
                if best is None or distance < best[0]:
                    best = (distance, offices[0])
    return best[1] if best else None


def _attach_descriptions(
    doc: Doc, entities: list[LocalEntity], spans: list[TokenSpan], taken: set[int], aid: str
) -> list[LocalEntity]:
    """'Le ministre israélien de la Défense a tenu à…': the one person it fits gets the role."""
    entity_spans = {
        s.start: role_rules.Span(s.start, s.end, s.type, s.canonical or doc[s.start : s.end].text)
        for s in spans
    }
    added: dict[str, list[Role]] = {}
    for phrase, gender in role_rules.descriptions(doc, entity_spans, taken):
        country = phrase.parts.country
        fits = [
            e
            for e in entities
            if e.type == "person"
            # the roles stated so far, with those given by earlier descriptions
            and any(
                compatible(phrase.parts, r.parts) or _same_attacker(phrase.parts, r.parts)
                for r in (*e.roles, *added.get(e.key, ()))
            )
            # "la princesse" is not the prince
            and not (phrase.gender and e.gender and phrase.gender != e.gender)
            # "le président français": only someone known to be French, or a woman of no
            # known country that "la ministre slovaque" names by its gender too
            and (
                not country
                or e.country == country
                or any(_of_country(r, country) for r in (*e.roles, *added.get(e.key, ())))
                or _of_no_country_and_named_by_gender(e, phrase.parts, gender)
            )
        ]
        possessive = phrase.start > 0 and fold(doc[phrase.start - 1].text) in role_rules.POSSESSIVES
        if len(fits) != 1 and role_rules.is_unique_office(phrase.parts) and not possessive:
            # ("l'entreprise et son président" is no one named: only a known role fits it)
            # none or several fit: the person last named, if nothing contradicts it and it
            # is one of the several
            last = _last_person_named(doc, entities, phrase)
            fits = last if not fits or (last and last[0] in fits) else []
        if len(fits) == 1:
            role = role_rules.make_role(doc, phrase, aid)
            if all(r.start != role.start for r in (*fits[0].roles, *added.get(fits[0].key, ()))):
                added.setdefault(fits[0].key, []).append(role)
    for phrase in role_rules.indefinite_descriptions(doc, entity_spans, taken):
        # only the one person known in that function of that body
        holders = [
            e
            for e in entities
            if e.type == "person"
            and any(role_rules.same_body(phrase.parts, r.parts) for r in e.roles)
        ]
        if len(holders) == 1 and not (
            phrase.gender and holders[0].gender not in (None, phrase.gender)
        ):
            added.setdefault(holders[0].key, []).append(role_rules.make_role(doc, phrase, aid))
    return [
        replace(
            e, roles=tuple(sorted(e.roles + tuple(added.get(e.key, ())), key=lambda r: r.start))
        )
        for e in entities
    ]


def _of_no_country_and_named_by_gender(
    entity: LocalEntity, description: RoleParts, gender: str | None
) -> bool:
    """ "La ministre slovaque de la Santé" is the one woman minister of the article whose
    country nothing states: a feminine determiner is rarer evidence than a masculine one
    (the generic form), and no role of hers names another country."""
    return (
        gender == "f"
        and entity.gender == "f"
        and entity.country is None
        and all(r.parts.country in (None, description.country) for r in entity.roles)
    )


def _of_country(role: Role, country: str) -> bool:
    """The role is of that country: stated ("président russe") or named in its body
    ("président de la Fédération de Russie")."""
    if role.parts.country == country:
        return True
    body = role.parts.organization or ""
    return bool(body) and fold(country) in body.split(" ")


def _same_attacker(description: RoleParts, role: RoleParts) -> bool:
    """ "L'assaillant" is the one person of the article known as the suspect, the attacker or
    the gunman."""
    attackers = word_class("attacker_role")
    return bool(
        description.function
        and role.function
        and fold(description.function) in attackers
        and fold(role.function) in attackers
    )


# How many sentences back "le chef de l'État" alone may reach for the person last named.
OFFICE_REACH = 2


def _last_person_named(
    doc: Doc, entities: list[LocalEntity], phrase: role_rules.TitlePhrase
) -> list[LocalEntity]:
    """ "… Emmanuel Macron. Le chef de l'État a adressé …": an office one person holds, used
    alone, is the person named last before it (same or previous sentences) when nothing
    known about that person contradicts it: no other office, no other country."""
    start = doc[phrase.start].idx
    sentence = doc[phrase.start].sent
    floor = sentence.start
    for _ in range(OFFICE_REACH):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    floor_char = doc[floor].idx
    last: tuple[int, LocalEntity] | None = None
    for entity in entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            if (
                floor_char <= mention.start < start
                and (last is None or mention.start > last[0])
                and not _reports_on(doc, mention, phrase)
            ):
                last = (mention.start, entity)
    if last is None:
        return []
    person = last[1]
    country = phrase.parts.country
    if country and person.country and person.country != country:
        return []
    if any(not compatible(phrase.parts, r.parts) for r in person.roles if r.parts.function):
        return []
    return [person]


def _reports_on(doc: Doc, mention: Mention, phrase: role_rules.TitlePhrase) -> bool:
    """The person is the one saying the words where the office is named ("X a déclaré
    que « le Premier ministre a été opéré »"): a speaker is not the one spoken of."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(4):
        if token.dep_.startswith("nsubj"):
            break
        if token.dep_ not in {"appos", "flat:name", "nmod"} or token.head.i == token.i:
            return False
        token = token.head
    verb = token.head
    return (
        token.dep_.startswith("nsubj")
        and fold(verb.lemma_) in reporting_lemmas()
        and any(t.i == phrase.start for t in verb.subtree)
        and not phrase.start < verb.i
    )


def local_entities(doc: Doc) -> list[LocalEntity]:
    """The article's entities with their roles, in order of first mention."""
    aid = article_id(doc)
    spans = find_spans(doc)
    candidates = [_candidate(doc, s) for s in spans]
    for acronym, expansion in _acronym_links(doc, spans).items():
        candidates[acronym] = replace(candidates[acronym], acronym_of=expansion)
    candidates = _retype_stray_people(candidates, text_of(doc))
    roles, genders, taken = _roles_of_mentions(doc, spans, candidates, aid)
    candidates = [replace(c, gender=c.gender or genders.get(k)) for k, c in enumerate(candidates)]
    entities: list[LocalEntity] = []
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for number, group in enumerate(group_mentions(candidates)):
        members = sorted(group.members, key=lambda i: candidates[i].start)
        key = f"e{number}"
        group_roles = sorted((r for i in members for r in roles.get(i, ())), key=lambda r: r.start)
        country = _country(group, spans, candidates, group_roles)
        entities.append(
            LocalEntity(
                key=key,
                type=group.type,
                name=_entity_name(group, candidates),
                mentions=tuple(
                    Mention(aid, candidates[i].start, candidates[i].end, candidates[i].text)
                    for i in members
                ),
                roles=tuple(group_roles),
                country=country,
                gender=_gender(group, candidates, genders),
            )
        )
        spans_of[key] = [(candidates[i].start, candidates[i].end) for i in members]
    entities = _resolve_counterparts(doc, entities, spans_of)
    entities = _attach_descriptions(doc, entities, spans, taken, aid)
    return [_inherit_country(e) for e in entities]


def _inherit_country(entity: LocalEntity) -> LocalEntity:
    stated = Counter(
        r.parts.country for r in entity.roles if r.parts.country and r.parts.function != "homologue"
    )
    country = stated.most_common(1)[0][0] if len(stated) == 1 else entity.country
    if entity.type != "person" or not country:
        return entity
    return replace(entity, roles=inherit_country(entity.roles, country), country=country)


@Language.component(
    "recoupe_entities",
    requires=["doc.ents"],
    assigns=["doc._.recoupe_entities"],
)
def recoupe_entities(doc: Doc) -> Doc:
    doc._.recoupe_entities = local_entities(doc)
    return doc
