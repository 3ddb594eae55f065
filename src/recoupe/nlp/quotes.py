"""recoupe_quotes: direct, partial and indirect quotes with their speakers.

Quoted spans come from the quotation marks alone (``fr/quote_marks``), so no
sentence split inside « » ever cuts a quote. Sentences come from the one
splitter (``fr/sentences``), never broken inside a quote nor before its
inverted cue ("…», a-t-il ajouté"). Speakers come from reporting verbs
(``fr/data/reporting_verbs.txt``) before or after the quote, "selon X", colon
introductions, and otherwise from the previous speaker or the person named in
the preceding sentence; pronouns and role-only descriptions resolve to the
article's entities (``speakers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.fr.lexicon import (
    Gender,
    ReportingVerb,
    country_of_demonym,
    news_agencies,
    reporting_verb,
    speaker_nouns,
    title_cues,
    word_class,
)
from recoupe.fr.quote_marks import SINGLE_OPENERS, QuotedSpan, find_quoted_spans
from recoupe.fr.sentences import SentenceIndex, sentence_spans
from recoupe.fr.text import fold
from recoupe.model import LocalEntity, Mention, Quote, QuoteKind
from recoupe.nlp.extensions import article_id, text_of
from recoupe.nlp.roles import INDEFINITES
from recoupe.nlp.speakers import (
    POSSESSIVES,
    Speaker,
    SpeakerIndex,
    head_noun,
    pronoun_gender,
    token_gender,
)

CLOSING_MARKS = {"»", "”", '"', "›"}
AUX_LEMMAS = {"avoir", "être"}
SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles"}
# Words allowed between an auxiliary and its participle ("a par ailleurs appelé").
CUE_FILLERS = word_class("cue_filler")
NP_LINK_WORDS = word_class("np_link")
# Words skipped after a reporting verb ("a déclaré mardi que", "a également ajouté").
TIME_WORDS = word_class("cue_skip")
DEFINITE = word_class("definite")
INDEFINITE = word_class("indefinite")
# Reporting verbs whose bare infinitive complement states a claim ("a démenti être").
INFINITIVE_CLAIMS = word_class("infinitive_claim")
# Verbs of request whose "de" + infinitive is what was asked ("a demandé au préfet de fermer").
REQUEST_VERBS = word_class("request_de")
# Verbs that describe with "comme" ("décrire le procès comme « … »"): the words are the subject's.
DESCRIBING_VERBS = word_class("describing_verb")
SENTENCE_END = {".", "!", "?", "…", ";"}
# A web address glued to an opening mark ("vk.com«Des inconnus …»"): a picture credit.
CREDIT_GLUED = re.compile(r"(?:^|\s)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}$")
# ", comme annoncé par X" / ", comme l'a indiqué X" closing a clause: the cue's "comme".
COMME_CUE = re.compile(r",\s*comme\s+(?:l['’]\s*)?$", re.IGNORECASE)
# Words that open an adjunct after the source of "comme annoncé par X" ("à l'issue de …").
ADJUNCT_OPENERS = {"a", "au", "aux", "lors", "dans", "pour", "apres", "avant", "en"}
# An article and capitalised words only ("L'Irak", "la Maison Blanche").
BARE_NAME = re.compile(
    r"^(?i:l['’]\s*|le |la |les )(?:[A-ZÀ-Þ][\w-]*(?: (?:de |du |des |d['’])?|$))+$"
)
WEB_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}\b")


@dataclass(frozen=True)
class Cue:
    """A reporting verb occurrence: its words as written and how it attaches."""

    verb: int  # token index of the verb
    start: int  # char offset of the cue (auxiliary included)
    end: int
    text: str
    entry: ReportingVerb
    inverted: bool  # subject after the verb ("a déclaré X", "a-t-il ajouté")
    clitic: Token | None  # "-il" / "-elle" of an inversion


@dataclass
class Attribution:
    """Running state of the document-order pass: who spoke last, and where."""

    speaker: Speaker | None = None
    sentence: int = -10
    unnamed: Speaker | None = None  # "une source policière": who "elle" may be next
    unnamed_sentence: int = -10


# --- cues -----------------------------------------------------------------------------


def _is_clitic(token: Token) -> bool:
    return token.text.startswith("-") and fold(token.text).lstrip("-") in word_class(
        "subject_clitic"
    )


def _find_cue(doc: Doc, token: Token, index: SpeakerIndex) -> Cue | None:
    if index.in_quote(token.idx) or token.pos_ in {"DET", "ADP", "PRON"}:
        return None
    if token.pos_ == "PROPN" and not token.text.islower():
        return None  # a lower-case "proper noun" is a tagger slip ("qui revele que", accent lost)
    # "souffle X" right after «…», and "L'Ocha alerte sur …" (a name, then the word) are verbs
    # whatever the tagger says
    after_name = (
        token.pos_ == "NOUN"
        and token.i > 0
        and doc[token.i - 1].pos_ == "PROPN"
        and token.text.islower()
    )
    if (
        token.pos_ in {"NOUN", "ADJ"}
        and not after_name
        and not _after_quote_and_comma(text_of(doc), token.idx)
    ):
        return None
    entry = reporting_verb(token.lemma_, token.text)
    if entry is None:
        return None
    i = token.i + 1
    clitic: Token | None = None
    while i < len(doc) and _is_clitic(doc[i]):
        clitic = doc[i] if fold(doc[i].text) != "-t" else clitic
        i += 1
    if entry.needs_a and _a_after(doc, i) is None:
        return None
    # Walk left over fillers and clitics to the auxiliary, if any.
    start_token = token.i
    j = token.i - 1
    steps = 0
    while j >= 0 and steps < 5:
        t = doc[j]
        if _is_clitic(t):
            clitic = clitic or (t if fold(t.text) != "-t" else None)
            j -= 1
            continue
        if t.lemma_ in AUX_LEMMAS and t.pos_ in {"AUX", "VERB"}:
            start_token = j
            break
        if t.pos_ == "ADV" or fold(t.text) in CUE_FILLERS:
            j -= 1
            steps += 1
            continue
        break
    start = doc[start_token].idx
    end = (
        doc[i - 1].idx + len(doc[i - 1].text)
        if clitic is not None and clitic.i >= token.i
        else token.idx + len(token.text)
    )
    before = text_of(doc)[:start].rstrip()
    after_quote = bool(before) and before[-1] in CLOSING_MARKS
    after_comma = before.endswith(",") and before[:-1].rstrip()[-1:] in CLOSING_MARKS | {""}
    verb_form = token.morph.get("VerbForm", [])
    bare = start_token == token.i and verb_form in (["Inf"], ["Part"])
    inverted = clitic is not None or (not bare and (after_quote or after_comma))
    if not inverted and not bare and before.endswith(","):
        inverted = _looks_inverted(doc, token, i)
    if inverted and not entry.inversion and clitic is None:
        return None
    return Cue(token.i, start, end, text_of(doc)[start:end], entry, inverted, clitic)


A_WORDS = {"a", "au", "aux"}
# Tokens an object may take between a verb and its "à" ("a enjoint les Moscovites à").
MAX_OBJECT_TOKENS = 6


def _a_after(doc: Doc, i: int) -> int | None:
    """The "à" of "appeler à", "a enjoint les habitants à": right after the verb or its object."""
    for j in range(i, min(len(doc), i + MAX_OBJECT_TOKENS + 1)):
        word = fold(doc[j].text)
        if word in A_WORDS:
            return j
        if doc[j].pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "NUM"} and word not in {
            "de",
            "du",
            "des",
            "d'",
        }:
            return None
    return None


def _after_quote_and_comma(text: str, offset: int) -> bool:
    before = text[:offset].rstrip()
    return before.endswith(",") and before[:-1].rstrip()[-1:] in CLOSING_MARKS


def _looks_inverted(doc: Doc, verb: Token, after: int) -> bool:
    """ ", a estimé le ministre": no subject before, a noun phrase right after, no "que"."""
    if any(c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children):
        return False
    i = after
    while i < len(doc) and (fold(doc[i].text) in TIME_WORDS or doc[i].pos_ == "ADV"):
        i += 1
    return i < len(doc) and (doc[i].pos_ in {"DET", "PROPN"} or fold(doc[i].text) in {"m.", "mme"})


def find_cues(doc: Doc, index: SpeakerIndex) -> list[Cue]:
    cues = []
    for token in doc:
        cue = _find_cue(doc, token, index)
        if cue is not None:
            cues.append(cue)
    return cues


# --- speakers -------------------------------------------------------------------------


class Resolver:
    """Turns cue subjects, pronouns and descriptions into Speakers."""

    def __init__(self, doc: Doc, index: SpeakerIndex, sentences: SentenceIndex):
        self.doc = doc
        self.index = index
        self.sentences = sentences

    def entity_speaker(
        self, entity: LocalEntity, start: int, end: int, text: str | None = None
    ) -> Speaker:
        return Speaker(
            entity.key,
            text if text is not None else text_of(self.doc)[start:end],
            start,
            end,
            entity.type,
        )

    def pronoun(self, start: int, end: int, state: Attribution) -> Speaker:
        """ "il"/"elle" -> the last compatible speaker nearby, else the nearest compatible person."""
        word = text_of(self.doc)[start:end]
        gender = pronoun_gender(word)
        plural = fold(word) in {"ils", "elles"}
        here = self.sentences.index(start)
        last = state.speaker
        s_start = self.sentences.spans[here][0]
        subject = None if plural else self._subject_person(s_start, start, gender)
        if subject is not None and subject.type == "person":
            return Speaker(subject.key, word, start, end, "person")
        previous = self.sentences.spans[max(0, here - 1)][0]
        unnamed_subject = self._unnamed_subject(previous, start, gender, plural, state)
        if unnamed_subject is not None:
            # "Le procureur a requis … Il a souligné : « … »": "il" continues the subject
            # just named by its role, not a person named earlier
            return unnamed_subject
        if plural:
            # "ils"/"elles" is never one person
            return Speaker(None, word, start, end, None, True)
        unnamed = state.unnamed
        if (
            unnamed is not None
            and here - state.unnamed_sentence <= 1
            and state.unnamed_sentence >= state.sentence
        ):
            shown = DETERMINER_GENDER.get(fold((unnamed.text or "").split()[0]))
            if shown is None and unnamed.start is not None and unnamed.end is not None:
                span = self.doc.char_span(unnamed.start, unnamed.end, alignment_mode="expand")
                noun = head_noun(list(span)) if span is not None else None
                shown = noun[2] if noun is not None else None  # "l'accusé": masculine
            if gender is not None and shown == gender:
                # "D'après une source policière, … a-t-elle ajouté": the source just cited
                return Speaker(None, unnamed.text, unnamed.start, unnamed.end, "person")
        if (
            last is not None
            and last.key is not None
            and last.type == "person"
            and here - state.sentence <= 2
            and self.index.compatible(last.key, gender)
        ):
            return Speaker(last.key, word, start, end, "person")
        subject = self._subject_person(previous, s_start, gender)
        if subject is not None:
            return Speaker(subject.key, word, start, end, "person")
        found = self.index.nearest_person_before(start, gender)
        if found is not None:
            return Speaker(found[1].key, word, start, end, "person")
        return Speaker(None, word, start, end, "person")

    def _unnamed_subject(
        self, start: int, end: int, gender: Gender | None, plural: bool, state: Attribution
    ) -> Speaker | None:
        """The last clause subject before a pronoun, when it is a person named only by a noun.

        Only a subject more recent than the last speaker counts, and only a singular one
        for "il"/"elle", a plural one for "ils"/"elles".
        """
        last = state.speaker
        said_at = last.end if last is not None and last.end is not None else -1
        for token in reversed(self.doc[:]):
            if token.idx >= end:
                continue
            if token.idx < start:
                break
            if not token.dep_.startswith("nsubj") or self.index.in_quote(token.idx):
                continue
            first, final = token.left_edge, token.right_edge
            named = bool(self.index.mentions_within(first.idx, final.idx + len(final.text))) or any(
                m.start <= token.idx < m.end
                for m, _ in self.index.mentions_within(max(0, token.idx - 80), token.idx + 80)
            )
            if token.pos_ != "NOUN" or named:
                return None  # the last subject is a name or a pronoun: the usual rules
            noun = speaker_nouns().get(fold(token.text)) or speaker_nouns().get(fold(token.lemma_))
            if noun is None or noun.type != "person":
                return None
            number = token.morph.get("Number", [])
            if (number == ["Plur"]) != plural:
                return None
            shown = noun.gender or token_gender(token)
            if gender is not None and shown is not None and shown != gender:
                return None
            if token.idx < said_at:
                return None  # the last speaker came after: "il" is them (the usual rules)
            tokens = [
                t
                for t in self.doc[token.left_edge.i : token.i + 1]
                if not self.index.in_quote(t.idx)
            ]
            found = self.description(tokens, state)
            if found is None or (found.key is not None and found.type != "person"):
                return None
            return found
        return None

    def last_mentioned(self, start: int, end: int, gender: Gender) -> Speaker | None:
        """ "celui-ci", "cette dernière": the person or organisation named last, in this
        sentence or the one before ("… citant le Croissant-Rouge. Mais celui-ci a démenti")."""
        here = self.sentences.index(start)
        reach = self.sentences.spans[max(0, here - 1)][0]
        for _, entity in reversed(self.index.mentions_within(reach, start)):
            if entity.type == "organization" or (
                entity.type == "person" and self.index.compatible(entity.key, gender)
            ):
                return Speaker(entity.key, text_of(self.doc)[start:end], start, end, entity.type)
        return None

    def _is_patient(self, mention: Mention) -> bool:
        """Is the person named as the one acted upon or in a complement?

        "X est condamné", "réclamé la perpétuité à l'encontre de X": X is what the
        sentence is about; "accueillie par le maire, X" names who acted.
        """
        before = text_of(self.doc)[max(0, mention.start - 12) : mention.start].split()
        if before and fold(before[-1]) in COMPLEMENT_WORDS - {"par"}:
            return True
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        while token.dep_ in {"appos", "flat:name"} and token.head.i != token.i:
            token = token.head
        return token.dep_ in {"nsubj:pass", "obj", "iobj"}

    def _subject_person(self, start: int, end: int, gender: Gender | None) -> LocalEntity | None:
        """The last person named as a clause subject between two offsets (centering: "il" continues the subject)."""
        for mention, entity in reversed(self.index.mentions_within(start, end)):
            if entity.type != "person" or not self.index.compatible(entity.key, gender):
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            token = span.root
            while token.dep_ in {"appos", "flat:name"} and token.head.i != token.i:
                token = token.head
            if token.dep_ == "nsubj":
                return entity
        return None

    def description(self, tokens: list[Token], state: Attribution) -> Speaker | None:
        """A noun phrase naming a speaker: a name, a pronoun, a role, an organisation."""
        tokens = [t for t in tokens if not t.is_space]
        while tokens and (tokens[-1].is_punct or fold(tokens[-1].text) in NP_LINK_WORDS):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        mentions = self.index.mentions_within(start, end)
        noun = head_noun(tokens)
        if noun is None or noun[1] == "person":
            # "le patron du Kremlin", "cet habitant de Sarver", "l'épouse de X": a name in the
            # complement of a person noun is not who speaks (an apposed name still is); nor in
            # that of a thing ("le regard tourné vers les parents de X")
            mentions = [
                m
                for m in mentions
                if not _in_complement(tokens, m[0].start)
                or (noun is None and m[1].type != "person")  # "le Centre … du FSB" speaks for it
            ]
        for mention, entity in mentions:
            if entity.type == "person":
                return self.entity_speaker(entity, mention.start, mention.end)
        first = fold(tokens[0].text)
        if first in SUBJECT_PRONOUNS | {"lui", "eux"} and len(tokens) == 1:
            return self.pronoun(start, end, state)
        phrase = fold(text_of(self.doc)[start:end])
        if phrase in LATTER_PRONOUNS:
            found = self.last_mentioned(start, end, LATTER_PRONOUNS[phrase])
            if found is not None:
                return found
        if noun is not None and noun[1] == "person" and _owned_person(tokens, noun[0]):
            # "ses avocats", "l'une de ses avocates", "sa fille": someone of the owner's, never
            # the owner, and no one the article names (an apposed name was taken above)
            return Speaker(
                None, text_of(self.doc)[start:end], start, end, "person", _plural_phrase(tokens)
            )
        if first in POSSESSIVES:  # "selon son bureau": whose bureau
            owner = self.pronoun(start, end, state)
            return Speaker(
                owner.key,
                text_of(self.doc)[start:end],
                start,
                end,
                "person" if owner.key else "organization",
            )
        text = text_of(self.doc)[start:end]
        if first in INDEFINITE:
            # "une source proche du dossier", "un témoin": someone the article does not name
            return Speaker(
                None, text, start, end, noun[1] if noun else None, first in {"des", "plusieurs"}
            )
        if noun is not None and noun[1] == "person":
            words = [
                fold(t.text)
                for t in tokens
                if t.pos_ in {"NOUN", "ADJ", "PROPN"} and len(t.text) > 2
            ]
            holder = self.index.role_holder(words, noun[0], noun[2], start, end)
            if holder is not None:
                return Speaker(holder.key, text, start, end, "person")
        for mention, entity in mentions:
            if entity.type == "organization":
                return self.entity_speaker(entity, mention.start, mention.end)
        plural = first in {"les", "des", "ils", "elles", "plusieurs"}
        if noun is not None and not plural and first in DEFINITE:
            # "l'élu", "la conseillère", "l'association": the one just named
            if noun[1] == "person":
                words = [
                    fold(t.text)
                    for t in tokens
                    if t.pos_ in {"NOUN", "ADJ", "PROPN"} and len(t.text) > 2
                ]
                last = self._last_speaker_fitting(words or [noun[0]], noun[2], start, state)
                if last is not None:
                    return Speaker(last, text, start, end, "person")
            else:
                named = self.index.organization_named(noun[0], start)
                if named is not None:
                    return Speaker(named.key, text, start, end, "organization")
        plural = (
            plural
            or first in {"les", "des", "ils", "elles", "plusieurs"}
            or any(t.morph.get("Number", []) == ["Plur"] and t.pos_ == "NOUN" for t in tokens[:3])
        )
        etype = noun[1] if noun else None
        if etype is None and first in DEFINITE and _proper_name_after_article(tokens):
            # "L'Ocha alerte …", "le Kremlin a annoncé": a name with an article is no person
            etype = "organization"
        return Speaker(None, text, start, end, etype, plural)

    def _last_speaker_fitting(
        self, words: list[str], gender: Gender | None, offset: int, state: Attribution
    ) -> str | None:
        """ "a insisté le président": the person who spoke just before, unless their known roles say otherwise."""
        last = state.speaker
        candidates: list[tuple[str, bool]] = []
        recent = self.sentences.index(offset) - state.sentence <= 3
        if last is not None and last.key is not None and last.type == "person" and recent:
            candidates.append((last.key, True))
        here = self.sentences.index(offset)
        reach = self.sentences.spans[max(0, here - 1)][0]
        # In the sentence itself, a person who is not a clause subject ("Pour Camille Fabre, … :
        # « … », a ajouté la conseillère"); the subject of the reported clause is what it is about.
        s_start = self.sentences.spans[here][0]
        for mention, person in reversed(self.index.persons_between(s_start, offset)):
            opinion_holder = (
                fold(text_of(self.doc)[max(s_start, mention.start - 6) : mention.start]).strip()
                == "pour"
            )
            if opinion_holder and self.index.compatible(person.key, gender):
                candidates.append((person.key, False))
                break
        found = (
            self.index.nearest_person_before(s_start, gender, reach=s_start - reach)
            if here
            else None
        )
        if found is not None and not self._is_patient(found[0]):
            # the person just named, unless acted upon: "X a été condamné. …, a annoncé le
            # président" is not X ("accueillie … par le maire, X" still is)
            candidates.append((found[1].key, False))
        for key, strict in candidates:
            entity = self.index.entities.get(key)
            if entity is None or not self.index.compatible(key, gender):
                continue
            roles = fold(" ".join(r.title for r in entity.roles)).replace("'", " ").split()
            if not roles or words[0] in GENERIC_ROLE_NOUNS:
                return key
            if strict and all(w in roles for w in words):
                return key
            # the person just named fits unless a stated nationality differs ("le président français" ≠ Zelensky)
            if not strict and all(w in roles for w in words if country_of_demonym(w)):
                return key
        return None

    def after(self, index: int, limit: int) -> list[Token]:
        """The noun phrase right after an inverted verb ("a déclaré mardi le ministre X")."""
        doc = self.doc
        i = index
        if i < len(doc) and fold(doc[i].text) in SUBJECT_PRONOUNS | {"lui", "eux"}:
            return [doc[i]]
        while (
            i < len(doc)
            and doc[i].idx < limit
            and (doc[i].is_space or fold(doc[i].text) in TIME_WORDS or doc[i].pos_ == "ADV")
        ):
            i += 1
        out: list[Token] = []
        tagged = doc.has_annotation("POS")
        if i < len(doc) and fold(doc[i].text) in SUBJECT_PRONOUNS | {"lui", "eux"}:
            return [doc[i]]
        while i < len(doc) and doc[i].idx < limit:
            t = doc[i]
            if (
                t.text in SENTENCE_END
                or t.text in {":", "«", "»", "“", "”", '"', "(", ")"}
                or "\n" in t.text
            ):
                break
            in_mention = bool(self.index.mentions_within(t.idx, t.idx + len(t.text))) or any(
                m.start <= t.idx < m.end
                for m, _ in self.index.mentions_within(max(0, t.idx - 60), t.idx + 1)
            )
            if t.text == ",":
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if nxt is None or not (
                    nxt.pos_ in {"DET", "PROPN"}
                    or fold(nxt.text) in {"m.", "mme"}
                    or fold(nxt.text) in speaker_nouns()
                ):
                    break
                out.append(t)
                i += 1
                continue
            if (
                in_mention
                or not tagged
                or t.pos_ in {"DET", "NOUN", "PROPN", "ADJ", "X", "NUM"}
                or fold(t.text) in NP_LINK_WORDS | {"m.", "mme"}
                or fold(t.text) in speaker_nouns()  # "correspondant" tagged as a participle
            ):
                out.append(t)
                i += 1
                continue
            break
        return out

    def subject(self, cue: Cue, sentence_start: int, state: Attribution) -> Speaker | None:
        """The subject of a preposed cue ("M. Gallant a déclaré", "Il a estimé")."""
        doc = self.doc
        verb = doc[cue.verb]
        heads = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
        if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
            # "Il a remercié …, et a ajouté que": the subject of the first verb
            heads.append(verb.head)
        # the subject nearest the verb first: "Le regard tourné vers X, il a déclaré" (a parse
        # giving the verb two subjects) is said by "il", not by X
        subjects = sorted(
            (c for head in heads for c in head.children),
            key=lambda c: -c.idx,
        )
        for child in subjects:
            if child.dep_.startswith("nsubj") and child.idx < cue.start:
                tokens = [
                    t
                    for t in doc[child.left_edge.i : child.right_edge.i + 1]
                    if sentence_start <= t.idx < cue.start and not self.index.in_quote(t.idx)
                ]
                if fold(child.text) in SUBJECT_PRONOUNS:
                    return self.pronoun(child.idx, child.idx + len(child.text), state)
                if fold(child.text) in {"qui", "lequel", "laquelle"}:
                    antecedent = self._antecedent(child, state)
                    if antecedent is not None:
                        return antecedent
                found = self.description(tokens, state)
                if found is not None:
                    return found
        # No parse (or no subject found): the noun phrase right before the cue
        # ("… et les autorités ont averti que"), else the nearest name or pronoun.
        before = [
            t for t in doc if sentence_start <= t.idx < cue.start and not self.index.in_quote(t.idx)
        ]
        phrase = _phrase_before(before)
        if phrase:
            found = self.description(phrase, state)
            if found is not None and (found.key is not None or found.type is not None):
                return found
        if before and fold(before[-1].text) in SUBJECT_PRONOUNS:
            return self.pronoun(before[-1].idx, before[-1].idx + len(before[-1].text), state)
        persons = self.index.persons_between(sentence_start, cue.start)
        if persons:
            mention, entity = persons[-1]
            return self.entity_speaker(entity, mention.start, mention.end)
        return None

    def _antecedent(self, relative: Token, state: Attribution | None = None) -> Speaker | None:
        """ "l'agence régionale de santé, qui a indiqué": the name right before "qui"."""
        before = text_of(self.doc)[: relative.idx].rstrip().rstrip(",").rstrip()
        for mention, entity in reversed(
            self.index.mentions_within(max(0, len(before) - 120), len(before) + 1)
        ):
            if mention.end == len(before) or before.endswith(mention.text):
                return self.entity_speaker(entity, mention.start, mention.end)
        words = before.split()
        if words and fold(words[-1]) in DEMONSTRATIVES:
            # "celui qui avait fixé le « défi insensé »": the person the article is about
            start = len(before) - len(words[-1])
            return self.pronoun(start, len(before), state) if state is not None else None
        return None

    def inverted(self, cue: Cue, sentence_end: int, state: Attribution) -> Speaker | None:
        if cue.clitic is not None:
            clitic = cue.clitic
            word_start = (
                clitic.idx
                + len(clitic.text)
                - len(fold(clitic.text).lstrip("-").removeprefix("t-"))
            )
            return self.pronoun(word_start, clitic.idx + len(clitic.text), state)
        parsed = self._inverted_subject(cue, sentence_end)
        if parsed is not None:
            found = self.description(parsed, state)
            if found is not None and not _cut_description(found):
                return found  # (a parse that stops at "notre" in "notre correspondant" reads on)
        tokens = self.after(self._past_adjuncts(cue.verb + 1, sentence_end), sentence_end)
        return self.description(tokens, state)

    def _past_adjuncts(self, i: int, limit: int) -> int:
        """Skip "à l'AFP", ", depuis Benghazi," after an inverted verb: relays and places, not speakers."""
        doc = self.doc
        for _ in range(3):
            j = i
            while j < len(doc) and doc[j].idx < limit and (doc[j].is_space or doc[j].text == ","):
                j += 1
            if (
                j >= len(doc)
                or doc[j].idx >= limit
                or doc[j].pos_ != "ADP"
                or fold(doc[j].text) in {"selon"}
            ):
                return i
            k = j + 1
            while (
                k < len(doc)
                and doc[k].idx < limit
                and (
                    doc[k].pos_ in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}
                    or fold(doc[k].text) in NP_LINK_WORDS
                )
            ):
                if k > j + 1 and doc[k].pos_ == "DET" and doc[k - 1].pos_ in {"PROPN", "NOUN"}:
                    break  # "à l'AFP le porte-parole": the subject starts here
                k += 1
            if k == j + 1:
                return i
            i = k
        return i

    def _inverted_subject(self, cue: Cue, sentence_end: int) -> list[Token] | None:
        """The parsed subject after an inverted verb, skipping relays ("a déclaré à l'AFP, depuis X, le …")."""
        verb = self.doc[cue.verb]
        for child in verb.children:
            if child.dep_.startswith("nsubj") and child.i > verb.i and child.idx < sentence_end:
                if self.index.in_quote(child.idx) or fold(child.text) in {"que", "qu'", "qui"}:
                    return None
                right = child.i
                for t in self.doc[child.i : child.right_edge.i + 1]:
                    if (
                        t.text in SENTENCE_END
                        or t.text in {":", "«", "»", "“", "”", '"', "("}
                        or "\n" in t.text
                    ):
                        break
                    right = t.i
                return [
                    t for t in self.doc[child.left_edge.i : right + 1] if t.i >= child.left_edge.i
                ]
        return None

    def selon(self, token: Token, sentence_end: int, state: Attribution) -> Speaker | None:
        return self.description(self.after(token.i + 1, sentence_end), state)


# --- the component --------------------------------------------------------------------


COMPLEMENT_WORDS = {"de", "du", "des", "d'", "à", "au", "aux"}


def _owned_person(tokens: list[Token], head: str) -> bool:
    """Is the person noun ``head`` owned ("ses avocats", "l'une de ses avocates")?"""
    for token in tokens:
        if fold(token.text) == head:
            return False
        if fold(token.text) in POSSESSIVES:
            return True
    return False


def _plural_phrase(tokens: list[Token]) -> bool:
    """ "ses avocats": a plural head (not "l'une de ses avocates")."""
    first = fold(tokens[0].text)
    if first in {"l'un", "l'une", "un", "une", "l'"} or (
        len(tokens) > 1 and fold(tokens[1].text) in {"un", "une"}
    ):
        return False
    return first in {"les", "des", "ses", "leurs", "plusieurs"} or any(
        t.morph.get("Number", []) == ["Plur"] and t.pos_ == "NOUN" for t in tokens[:3]
    )


def _in_complement(tokens: list[Token], offset: int) -> bool:
    """Is the name at ``offset`` governed by a preposition ("du Kremlin", "de M. Fico")?

    "le ministre de l'Intérieur Matus Sutaj Estok" and "le porte-parole, Taoufik
    Chokri" name the speaker: the word before the name is no preposition there.
    """
    before = [t for t in tokens if t.idx < offset]
    while before and (before[-1].pos_ == "DET" or fold(before[-1].text) in {"m.", "mme"}):
        before.pop()
    return bool(before) and fold(before[-1].text) in COMPLEMENT_WORDS


def _non_finite(verb: Token) -> bool:
    """An infinitive or a present participle ("pour présider", "servant"), not "a remercié"."""
    form = verb.morph.get("VerbForm", [])
    if any(c.dep_.startswith("aux") for c in verb.children):
        return False
    return form == ["Inf"] or (form == ["Part"] and verb.morph.get("Tense", []) == ["Pres"])


def _proper_name_after_article(tokens: list[Token]) -> bool:
    """ "L'Ocha", "la Maison Blanche": an article, then capitalised words only."""
    rest = [t for t in tokens[1:] if fold(t.text) not in NP_LINK_WORDS]
    return bool(rest) and all(t.text[:1].isupper() for t in rest)


def _word_count(text: str) -> int:
    return len(
        [w for w in text.replace("'", " ").replace("’", " ").split() if any(c.isalnum() for c in w)]
    )


def _is_name_or_title(text: str, prefix: str) -> bool:
    """A quoted name or title ("l'opération « Bouclier du Nord »") rather than speech."""
    words = prefix.split()
    if words and re.sub(r"^[a-z]['’]", "", fold(words[-1]).strip(",")) in title_cues():
        return True
    content = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return 0 < _word_count(text) <= 4 and bool(content) and all(w[0].isupper() for w in content)


def _starts_d_apres(token: Token) -> bool:
    return (
        fold(token.text) == "d'"
        and token.i + 1 < len(token.doc)
        and fold(token.nbor().text) == "apres"
    )


def _starts_a_en_croire(token: Token) -> bool:
    """ "à en croire X": like "selon X"."""
    doc = token.doc
    return (
        fold(token.text) == "a"
        and token.i + 2 < len(doc)
        and fold(doc[token.i + 1].text) == "en"
        and fold(doc[token.i + 2].text) == "croire"
    )


def _source_of(token: Token) -> int:
    """Index of the first token of X in "selon X", "d'après X", "à en croire X"."""
    if _starts_a_en_croire(token):
        return token.i + 3
    return token.i + (2 if fold(token.text) == "d'" else 1)


def _opens_source(token: Token) -> bool:
    return fold(token.text) == "selon" or _starts_d_apres(token) or _starts_a_en_croire(token)


def _phrase_before(tokens: list[Token]) -> list[Token]:
    """The determiner-led noun phrase ending right before a verb, if any."""
    phrase: list[Token] = []
    for token in reversed(tokens):
        if token.pos_ == "DET" and phrase:
            phrase.insert(0, token)
            if token.i and token.nbor(-1).pos_ == "ADP":
                continue  # "le porte-parole de la mairie": keep walking to the head
            return phrase
        if token.pos_ in {"NOUN", "ADJ", "PROPN"} or (
            phrase and fold(token.text) in NP_LINK_WORDS - {"et"}
        ):
            phrase.insert(0, token)
            continue
        break
    return []


DEMONSTRATIVES = word_class("demonstrative")
# Pronouns for the one named last ("celui-ci a démenti"), with their gender (folded).
LATTER_PRONOUNS: dict[str, Gender] = {
    "celui-ci": "m",
    "celle-ci": "f",
    "ce dernier": "m",
    "cette derniere": "f",
}
DETERMINER_GENDER: dict[str, Gender] = {
    **dict.fromkeys(word_class("feminine_determiner"), "f"),
    **dict.fromkeys(word_class("masculine_determiner"), "m"),
}
# Heads of "selon un bilan de X": the document speaks for whoever issued it.
DOCUMENT_NOUNS = word_class("document_noun")
QUOTE_LINKS = word_class("quote_link")
COMPOUND_CONJUNCTIONS = word_class("conjunction_head")
# Tokens an adjunct may hold between a reporting verb and its "que" ("à la télévision russe").
MAX_ADJUNCT_TOKENS = 12
PREPOSITION_WORDS = word_class("preposition")
# Role nouns that fit any office ("l'élu" for a mayor or a senator).
GENERIC_ROLE_NOUNS = word_class("generic_role")

UNRESOLVED_PRONOUNS = SUBJECT_PRONOUNS | {"on", "lui", "eux", "nous", "vous", "notre", "nos"}


DETERMINERS_ONLY = (
    INDEFINITE
    | DEFINITE
    | POSSESSIVES
    | {"notre", "nos", "votre", "vos", "mon", "ma", "mes", "l'", "les"}
)


def _cut_description(speaker: Speaker) -> bool:
    """A description that is only a determiner ("un", "notre"): the page cut the name."""
    words = (speaker.text or "").split()
    return speaker.key is None and bool(words) and all(fold(w) in DETERMINERS_ONLY for w in words)


def _usable(speaker: Speaker | None, strict: bool) -> bool:
    """A speaker worth a quote: an entity, or a description naming who spoke.

    An unresolved pronoun is not; a plural description is when its head noun
    says who ("les autorités", "des proches"); with ``strict`` an unlinked
    description needs such a head noun or a capitalised name ("selon le FSB").
    """
    if speaker is None:
        return False
    if speaker.key is not None:
        return True
    text = (speaker.text or "").strip()
    if not text or fold(text) in UNRESOLVED_PRONOUNS:
        return False
    if _cut_description(speaker):
        return False  # "a déclaré un" cut by the page: no one is named
    if speaker.type is not None:
        return True
    if speaker.plural:
        return False
    return not strict or any(w[:1].isupper() for w in text.split()[1:] or text.split())


# Share of a heading quote's content words that the quote it repeats must hold.
HEADING_MATCH = 0.6


def _content_words(text: str) -> set[str]:
    # words, their punctuation left out ("nous," is "nous")
    return {w for w in re.findall(r"[^\W\d_]+", fold(text)) if len(w) > 3}


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


class QuoteFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = text_of(doc)
        self.article = article_id(doc)
        self.spans = find_quoted_spans(self.text)
        self.sentences = SentenceIndex(
            sentence_spans(self.text, ((s.open_at, s.close_at) for s in self.spans))
        )
        entities = list(doc._.recoupe_entities or [])
        self.index = SpeakerIndex(doc, entities, [(s.open_at, s.close_at) for s in self.spans])
        self.resolver = Resolver(doc, self.index, self.sentences)
        self.cues = find_cues(doc, self.index)
        self.state = Attribution()
        self._cue_speakers: dict[int, Speaker | None] = {}
        self.headings: list[tuple[QuotedSpan, QuoteKind]] = []
        self.found: list[Quote] = []  # quotes found so far, in text order

    # speakers of cues, computed once in document order
    def cue_speaker(self, cue: Cue) -> Speaker | None:
        if cue.verb in self._cue_speakers:
            return self._cue_speakers[cue.verb]
        s_start, s_end = self.sentences.bounds(cue.start)
        verb = self.doc[cue.verb]
        bare = cue.start == verb.idx and verb.morph.get("VerbForm", []) in (["Inf"], ["Part"])
        governing = (
            self._previous_cue_in_sentence(cue, s_start) if bare and not cue.inverted else None
        )
        if governing is not None:
            # "…, soulignant", "pour affirmer que": the speaker of the clause it depends on
            speaker = self.cue_speaker(governing)
        elif cue.inverted:
            speaker = self.resolver.inverted(cue, s_end, self.state)
        else:
            speaker = self.resolver.subject(cue, s_start, self.state)
        self._cue_speakers[cue.verb] = speaker
        return speaker

    def _previous_cue_in_sentence(self, cue: Cue, s_start: int) -> Cue | None:
        previous = [c for c in self.cues if s_start <= c.start < cue.start]
        return previous[-1] if previous else None

    def is_relay(self, speaker: Speaker) -> bool:
        """A news agency ("a rapporté l'AFP", "selon Reuters") relays what others said."""
        names = [speaker.text or ""]
        entity = self.index.entities.get(speaker.key or "")
        if entity is not None:
            names.append(entity.name)
        agencies = news_agencies()
        return any(
            fold(re.sub(r"^(?:l['’]\s*|la |le |les )", "", name.strip(), flags=re.I)) in agencies
            for name in names
        )

    def remember(self, speaker: Speaker | None, offset: int) -> None:
        if speaker is not None and self.is_relay(speaker):
            return  # the relay is not the last speaker: "il" still means who spoke
        if speaker is not None and speaker.key is not None:
            self.state.speaker = speaker
            self.state.sentence = self.sentences.index(offset)
        elif (
            speaker is not None and speaker.text and speaker.type == "person" and not speaker.plural
        ):
            self.state.unnamed = speaker
            self.state.unnamed_sentence = self.sentences.index(offset)

    # --- direct and partial ---------------------------------------------------------

    def _post_cue(self, span: QuotedSpan, s_end: int) -> Cue | Token | None:
        rest = self.text[span.close_at : s_end]
        stripped = rest.lstrip(" \u00a0\u202f,")
        gap = span.close_at + len(rest) - len(stripped)
        for adverb in ("toujours ", "encore ", "là encore "):
            if stripped.startswith(adverb) and stripped[len(adverb) :].startswith(
                ("selon", "d'après")
            ):
                stripped = stripped[len(adverb) :]  # ", toujours selon le gouverneur"
                gap += len(adverb)
                break
        if not rest.lstrip(" \u00a0\u202f").startswith(",") and not stripped.startswith(
            ("selon", "d'après")
        ):
            # "« … »a souligné X": a cue glued to the closing mark
            glued = [
                c for c in self.cues if c.inverted and span.close_at <= c.start <= span.close_at + 1
            ]
            return glued[0] if glued else None
        for cue in self.cues:
            if cue.inverted and gap <= cue.start <= gap + 2:
                return cue
        for token in self.doc:
            if token.idx == gap and fold(token.text) in {"selon", "d'"}:
                return token if fold(token.text) == "selon" else self._token_after(token)
        return None

    def _token_after(self, token: Token) -> Token | None:
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return nxt if nxt is not None and fold(nxt.text) == "apres" else None

    def _pre_cue(self, span: QuotedSpan, s_start: int) -> Cue | None:
        previous_close = max(
            [s.close_at for s in self.spans if s_start <= s.close_at <= span.open_at],
            default=s_start,
        )
        before = [
            c for c in self.cues if previous_close <= c.start < span.open_at and not c.inverted
        ]
        before += [c for c in self.cues if s_start <= c.start < span.open_at and c.inverted]
        outer = [c for c in before if c.start >= s_start and self._introduces_clause(c)]
        if outer:
            return min(outer, key=lambda c: c.start)
        return max(before, key=lambda c: c.start) if before else None

    def _introduces_clause(self, cue: Cue) -> bool:
        """ "a souligné que …", "a appelé à …": the quote sits inside what the cue reports."""
        doc = self.doc
        i = cue.verb + 1
        while i < len(doc) and (
            _is_clitic(doc[i]) or doc[i].pos_ == "ADV" or fold(doc[i].text) in TIME_WORDS
        ):
            i += 1
        return i < len(doc) and (fold(doc[i].text) in {"que", "qu'"} or cue.entry.needs_a)

    def _selon_before(self, span: QuotedSpan, s_start: int) -> Token | None:
        for token in self.doc:
            if (
                s_start <= token.idx < span.open_at
                and fold(token.text) == "selon"
                and not self.index.in_quote(token.idx)
            ):
                return token
        return None

    def _full_clause(self, span: QuotedSpan) -> bool:
        """Do the quoted words hold a clause of their own (a subject of their main predicate)?

        "l'État est stable" and "qu'est-ce que vous avez de prévu ?" do; "accuse le
        Kremlin …" (its subject outside), "Mouvement de panique" and "ce qu'il y a de
        meilleur en nous" (a relative, not the main predicate) do not. A pronoun of an
        incise ("dit-il") is no subject of the quote.
        """
        inside = [t for t in self.doc if span.start <= t.idx < span.end]
        roots = [t for t in inside if t.head.i == t.i or not span.start <= t.head.idx < span.end]
        return any(
            c.dep_ in {"nsubj", "nsubj:pass", "expl:subj"}
            and span.start <= c.idx < span.end
            and not c.text.startswith("-")
            for root in roots
            for c in root.children
        )

    def _kind(self, span: QuotedSpan, prefix: str, s_end: int) -> QuoteKind:
        """Direct when the quote is the sentence (after its introduction), partial when embedded.

        A quote that the sentence goes on after ("« Pronostic positif » pour la santé
        de …", ""Il était un grand partisan de l'ancien président" Donald Trump") is a
        fragment of the writer's sentence; a quote of whole sentences, ended by its own
        full stop, is direct even after "que" or a comma ('a déclaré que "Le patient a
        été opéré. Son état reste grave."').
        """
        quoted = self.text[span.start : span.end]
        prefix = CREDIT_GLUED.sub("", prefix).strip()  # "vk.com«…": a credit, not words
        is_direct = (
            prefix == "" or prefix.endswith(":") or (prefix.endswith(",") and quoted[:1].isupper())
        )
        suffix = self.text[span.close_at : s_end].lstrip(" \u00a0\u202f")
        continued = (
            suffix[:1].isalnum()
            and fold(suffix.split()[0]) not in {"et", "mais", "ou"}
            and quoted.rstrip()[-1:] not in ".!?…"  # "« … le coup. » Pendant …": a new sentence
        )
        if is_direct and continued and self._post_cue(span, s_end) is None:
            return "partial"
        if not is_direct and quoted.rstrip()[-1:] in ".!?…" and self._full_clause(span):
            return "direct"
        return "direct" if is_direct else "partial"

    def direct(self, span: QuotedSpan) -> Quote | None:
        s_start, s_end = self.sentences.bounds(span.open_at)
        quoted = self.text[span.start : span.end]
        prefix = self.text[s_start : span.open_at].strip()
        kind = self._kind(span, prefix, s_end)
        is_direct = kind == "direct"
        line_start = self.text.rfind("\n", 0, span.open_at) + 1
        line_end = _line_end(self.text, span.close_at)
        # a heading: the quote alone on its line, with no sentence punctuation
        alone = not self.text[line_start : span.open_at].strip() and not self.text[
            span.close_at : line_end
        ].strip(" \u00a0")
        if _word_count(quoted) > 1 and alone and span.closed and quoted.rstrip()[-1:] not in ".!?…":
            # a headline or a heading: the words are someone's, said further down; a
            # clause of its own is quoted directly, a phrase ("Mouvement de panique") is a fragment
            self.headings.append((span, "direct" if self._full_clause(span) else "partial"))
            return None
        post = self._post_cue(span, s_end)
        if _word_count(quoted) <= 1 and post is None:
            return self._reported_word(span)  # scare quotes, unless in reported speech
        if kind == "partial" and _is_name_or_title(quoted, prefix):
            return None
        speaker: Speaker | None = None
        cue: Cue | Token | None = None
        if isinstance(post, Cue):
            speaker, cue = self.cue_speaker(post), post
        elif isinstance(post, Token):
            speaker, cue = self.resolver.selon(post, s_end, self.state), post
        if speaker is None:
            pre = self._pre_cue(span, s_start)
            if pre is not None:
                speaker, cue = self.cue_speaker(pre), pre
        if speaker is None:
            selon = self._selon_before(span, s_start)
            if selon is not None:
                speaker, cue = self.resolver.selon(selon, span.open_at, self.state), selon
        if speaker is None:
            incise = self._incise_cue(span)
            if incise is not None:
                speaker, cue = self.resolver.inverted(incise, s_end, self.state), incise
        if speaker is None:
            later = self._sentence_final_cue(span, s_end) or self._cue_after_colon(span, s_end)
            if later is not None:
                speaker, cue = self.cue_speaker(later), later
        if speaker is None and kind == "partial":
            speaker = self._governing_subject(span)
            if (
                speaker is not None
                and speaker.key is None
                and (speaker.type is None or BARE_NAME.match(speaker.text or ""))
            ):
                # no one named, or only a name with an article ("L'Irak a donné son accord au
                # programme « pétrole contre nourriture »": the name of a thing, not its words)
                speaker = None
        if speaker is None and prefix.endswith(":"):
            speaker = self._colon_speaker(s_start, span.open_at)
        if speaker is None and is_direct:
            speaker = self._from_context(span.open_at)
        if speaker is None and kind == "partial":
            speaker = self._recent_speaker(span.open_at)
        if speaker is not None and isinstance(cue, Cue) and _cut_description(speaker):
            # "», a déclaré un" where the page ends: a quote, its speaker unknown (never "un")
            return self._quote(
                span.start, span.end, kind, Speaker(None, None, None, None, None), cue
            )
        if speaker is None or not _usable(speaker, strict=False):
            if line_start == 0 and _word_count(quoted) > 1:
                self.headings.append((span, kind))  # a headline: said further down
            return None
        if self._named_inside(speaker, span):
            # "via un communiqué : « X a remis sa démission … »": the quote is about X, so X
            # did not say it; a quote with its speaker unknown beats a wrong one
            return self._quote(
                span.start, span.end, kind, Speaker(None, None, None, None, None), cue
            )
        self.remember(speaker, span.open_at)
        return self._quote(span.start, span.end, kind, speaker, cue)

    def _named_inside(self, speaker: Speaker, span: QuotedSpan) -> bool:
        """Is the speaker a person named in the third person inside the quote itself?

        A name right after a reporting verb inside the quote ("« …, a lancé M. X. … »")
        is an incise naming who speaks, not what the quote is about.
        """
        entity = self.index.entities.get(speaker.key or "")
        if entity is None or entity.type != "person":
            return False
        if speaker.start is not None and span.start <= speaker.start < span.end:
            return False  # an incise inside the quote names who speaks
        incises = [
            t.idx
            for t in self.doc
            if span.start <= t.idx < span.end
            and t.pos_ == "VERB"
            and self.text[: t.idx].rstrip().endswith((",", "a", "avait"))
            and reporting_verb(t.lemma_, t.text) is not None
        ]
        return any(
            span.start <= m.start < span.end
            and not any(0 < m.start - verb <= 40 for verb in incises)
            for m in entity.mentions
        )

    def _lone_word(self, span: QuotedSpan) -> bool:
        """One quoted word with no cue of its own: scare quotes, or a word of reported speech."""
        s_end = self.sentences.bounds(span.open_at)[1]
        return (
            _word_count(self.text[span.start : span.end]) <= 1
            and self._post_cue(span, s_end) is None
        )

    def _reported_word(self, span: QuotedSpan) -> Quote | None:
        """ "X a dit que les coupables seraient « punis »": one quoted word in an indirect quote.

        A single quoted word is usually the writer's scare quotes; inside a clause
        already reported as someone's speech, a quoted predicate (an adjective or
        a participle, not a noun naming a thing) is that speaker's own word.
        """
        words = [t for t in self.doc if span.start <= t.idx < span.end and not t.is_punct]
        if len(words) != 1 or words[0].pos_ not in {"ADJ", "VERB"}:
            return None
        for quote in reversed(self.found):
            if (
                quote.kind == "indirect"
                and quote.start <= span.open_at
                and span.close_at <= quote.end
            ):
                if quote.speaker is None:
                    return None
                return replace(
                    quote,
                    start=span.start,
                    end=span.end,
                    text=self.text[span.start : span.end],
                    kind="partial",
                )
        return None

    def _incise_cue(self, span: QuotedSpan) -> Cue | None:
        """ "« des personnes innocentes, dit-il, « parmi lesquelles … »": the cue set inside the quote."""
        doc = self.doc
        for token in doc:
            if not span.start <= token.idx < span.end or token.i + 1 >= len(doc):
                continue
            clitic = doc[token.i + 1]
            if not _is_clitic(clitic) or not self.text[: token.idx].rstrip().endswith(","):
                continue
            entry = reporting_verb(token.lemma_, token.text)
            if entry is not None:
                end = clitic.idx + len(clitic.text)
                return Cue(token.i, token.idx, end, self.text[token.idx : end], entry, True, clitic)
        return None

    def _sentence_final_cue(self, span: QuotedSpan, s_end: int) -> Cue | None:
        """ "Il allait « à l'église », il « aimait sa communauté », a ajouté X.": the cue closing the sentence."""
        for cue in self.cues:
            if cue.inverted and span.close_at < cue.start < s_end:
                if self.text[: cue.start].rstrip().endswith(",") and not self.text[
                    cue.end : s_end
                ].strip(" .\n\u00a0"):
                    return cue
                if cue.clitic is None and self.text[: cue.start].rstrip().endswith(","):
                    return cue
                return None
        return None

    def _cue_after_colon(self, span: QuotedSpan, s_end: int) -> Cue | None:
        """ "« On est en état de choc » : des élèves témoignent": a headline's quote, then who said it."""
        if not self.text[span.close_at : s_end].lstrip(" \u00a0\u202f").startswith(":"):
            return None
        after = [c for c in self.cues if span.close_at < c.start < s_end and not c.inverted]
        return after[0] if after else None

    def _governing_subject(self, span: QuotedSpan) -> Speaker | None:
        """A partial quote with no reporting verb: the subject of the clause it sits in.

        "X, qui avait fixé le « défi insensé » …", "Il a remercié la population
        pour « … »": the dependency tree leads from the quoted words to the verb
        outside the quote and on to its subject (through coordinated, infinitive
        and relative clauses); passives ("mené par « … »") have no speaker.
        """
        doc = self.doc
        inside = [t for t in doc if span.start <= t.idx < span.end]
        if not inside:
            return None
        attached = [
            t
            for t in inside
            if not t.is_punct and (not span.start <= t.head.idx < span.end or t.head is t)
        ]
        if len(attached) > 1 and self.text[span.open_at] in SINGLE_OPENERS:
            # a single mark misleads the parser: "le 'défi insensé' d'une restauration" hangs
            # "insensé" on the noun after the quote; the quote is what hangs on a word before it
            attached = [t for t in attached if t.head.idx < span.open_at]
        if len(attached) != 1:
            return None  # not one constituent of the sentence (a slogan, a parse astray)
        token = attached[0]
        between_commas = self.text[: span.open_at].rstrip().endswith(",") and self.text[
            span.close_at :
        ].lstrip().startswith(",")
        if between_commas and (token.pos_ == "ADJ" or token.morph.get("VerbForm", []) == ["Part"]):
            return None  # "X, « très émue », a pris la parole": the writer's description of X
        verb = token
        for _ in range(10):
            outside = not span.open_at <= verb.idx < span.close_at
            if outside and verb.pos_ in {"VERB", "AUX"}:
                break
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        else:
            return None
        for _ in range(4):
            if any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in verb.children):
                return None
            subjects = [
                c for c in verb.children if c.dep_ == "nsubj" and not self.index.in_quote(c.idx)
            ]
            if subjects:
                return self._subject_speaker(subjects[0], verb)
            if verb.dep_ == "acl:relcl":
                return None
            if verb.dep_ == "advcl" and verb.i and doc[verb.i - 1].pos_ == "NOUN":
                return None  # "une banderole proclamant « … »": the participle describes the noun
            if (
                verb.dep_ == "advcl"
                and _non_finite(verb)
                and fold(verb.lemma_) not in DESCRIBING_VERBS
                and reporting_verb(verb.lemma_, verb.text) is None
            ):
                # "pour présider une « réunion de suivi »", "servant de « bouclier humain »": an
                # adverbial clause of purpose or manner is the writer's account, not speech
                return None
            if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} or verb.head.pos_ == "ADJ":
                verb = verb.head if verb.head.pos_ != "ADJ" else verb.head.head
                continue
            if verb.dep_ == "ROOT":
                return self._person_before(verb)
            return None
        return None

    def _person_before(self, verb: Token) -> Speaker | None:
        """A main verb the parser left without a subject: the person named before it, outside any complement."""
        s_start = self.sentences.bounds(verb.idx)[0]
        for mention, entity in reversed(self.index.persons_between(s_start, verb.idx)):
            before = self.text[max(s_start, mention.start - 12) : mention.start].split()
            if before and fold(before[-1]) in PREPOSITION_WORDS:
                continue
            return self.resolver.entity_speaker(entity, mention.start, mention.end)
        return None

    def _apposed_person(self, end: int) -> Speaker | None:
        """ "Un enseignant de philosophie, Martin Dousseau, a décrit …": the name in apposition."""
        rest = self.text[end : end + 3]
        if not rest.lstrip().startswith(","):
            return None
        start = end + rest.index(",") + 1
        for mention, entity in self.index.persons_between(start, start + 60):
            if not self.text[start : mention.start].strip() and self.text[
                mention.end :
            ].lstrip().startswith(","):
                return self.resolver.entity_speaker(entity, mention.start, mention.end)
            break
        return None

    def _subject_speaker(self, subject: Token, verb: Token) -> Speaker | None:
        word = fold(subject.text)
        if word in SUBJECT_PRONOUNS | DEMONSTRATIVES:
            return self.resolver.pronoun(subject.idx, subject.idx + len(subject.text), self.state)
        if word in {"qui", "lequel", "laquelle"}:
            return self.resolver._antecedent(subject, self.state)
        tokens = [
            t
            for t in self.doc[subject.left_edge.i : subject.right_edge.i + 1]
            if t.i < verb.i and not self.index.in_quote(t.idx)
        ]
        found = self.resolver.description(tokens, self.state)
        if found is not None and found.key is None and tokens:
            named = self._apposed_person(tokens[-1].idx + len(tokens[-1].text))
            if named is not None:
                return named
        return found

    def _colon_speaker(self, s_start: int, colon: int) -> Speaker | None:
        tokens = [t for t in self.doc if s_start <= t.idx < colon]
        persons = self.index.persons_between(s_start, colon)
        if persons:
            mention, entity = persons[0]
            return self.resolver.entity_speaker(entity, mention.start, mention.end)
        if tokens and fold(tokens[0].text) in SUBJECT_PRONOUNS:
            return self.resolver.pronoun(
                tokens[0].idx, tokens[0].idx + len(tokens[0].text), self.state
            )
        subject = [t for t in tokens if t.dep_.startswith("nsubj")]
        if subject:
            head = subject[0]
            return self.resolver.description(
                list(self.doc[head.left_edge.i : head.right_edge.i + 1]), self.state
            )
        return None

    def _recent_speaker(self, offset: int) -> Speaker | None:
        """A partial quote with no speaker of its own, in or right after a sentence where one spoke."""
        here = self.sentences.index(offset)
        last = self.state.speaker
        if last is not None and 0 <= here - self.state.sentence <= 1:
            said_at = self.sentences.spans[self.state.sentence][0]
            if "\n" in self.text[said_at:offset].strip():
                return None  # a new paragraph: the last speaker is not carried over
            return last
        return None

    def _from_context(self, offset: int) -> Speaker | None:
        """No cue: the previous speaker, or the person named in the preceding sentence."""
        here = self.sentences.index(offset)
        last = self.state.speaker
        if here == 0:
            return None
        if last is not None and here - self.state.sentence == 1:
            return last
        p_start, p_end = self.sentences.spans[here - 1]
        persons = self.index.persons_between(p_start, p_end)
        if persons:
            keys = [e.key for _, e in persons]
            if last is not None and last.key in keys:
                return last
            mention, entity = persons[0]
            return self.resolver.entity_speaker(entity, mention.start, mention.end)
        if last is not None and here - self.state.sentence <= 3:
            return last
        return None

    # --- indirect -------------------------------------------------------------------

    def _as_cue(self, cue: Cue, s_start: int, s_end: int) -> Quote | None:
        """ "<clause>, comme annoncé par X." / "…, comme l'a indiqué X.": X reported the clause."""
        doc = self.doc
        head = COMME_CUE.search(self.text[s_start : cue.start])
        if head is None:
            return None
        start, end = self._trim(s_start, s_start + head.start())
        inner = [c for c in self.cues if start <= c.start < end]
        if any(c.inverted or self._introduces_clause(c) for c in inner):
            return None  # the clause reports someone's words itself ("demandé par X" does not)
        if self._only_a_quote(start, end):
            return None
        if _word_count(self.text[start:end]) < 4:
            return None
        i = cue.verb + 1
        if i < len(doc) and fold(doc[i].text) == "par":
            i += 1
        tokens = self.resolver.after(self.resolver._past_adjuncts(i, s_end), s_end)
        cut = [k for k, t in enumerate(tokens) if k and fold(t.text) in ADJUNCT_OPENERS]
        tokens = tokens[: cut[0]] if cut else tokens
        speaker = self.resolver.description(tokens, self.state) if tokens else None
        if speaker is None or not _usable(speaker, strict=True) or speaker.plural:
            return None
        self.remember(speaker, cue.start)
        return self._quote(start, end, "indirect", speaker, cue)

    def indirect(self, cue: Cue) -> Quote | None:
        doc = self.doc
        s_start, s_end = self.sentences.bounds(cue.start)
        as_cue = self._as_cue(cue, s_start, s_end)
        if as_cue is not None:
            return as_cue
        verb = doc[cue.verb]
        i = verb.i + 1
        while i < len(doc) and (
            _is_clitic(doc[i])
            or fold(doc[i].text) in TIME_WORDS
            or (doc[i].pos_ == "ADV" and fold(doc[i].text) not in {"que", "qu'"})
        ):
            i += 1
        if i >= len(doc):
            return None
        if not cue.entry.needs_a and not cue.inverted and fold(doc[i].text) not in {"que", "qu'"}:
            i = self._que_after_adjuncts(i, s_end)
        if cue.entry.needs_a:
            i = _a_after(doc, i) or i
        word = fold(doc[i].text)
        if cue.entry.needs_a:
            if (
                word == "a"
                and i + 2 < len(doc)
                and fold(doc[i + 1].text) == "ce"
                and fold(doc[i + 2].text) in {"que", "qu'"}
            ):
                start = doc[i + 2].idx  # "appelé à ce que …": the clause keeps its "que"
            elif word in {"a", "au", "aux"}:
                start = doc[i + 1].idx if word == "a" and i + 1 < len(doc) else doc[i].idx
            else:
                return None
        elif word in {"que", "qu'"}:
            start = doc[i].idx + len(doc[i].text)
        elif (
            not cue.inverted
            and doc[i].morph.get("VerbForm", []) == ["Inf"]
            and fold(verb.lemma_) in INFINITIVE_CLAIMS
        ):
            start = doc[i].idx  # "a démenti être …", "ont indiqué avoir …"
        elif not cue.inverted and fold(verb.lemma_) in REQUEST_VERBS and self._de_infinitive(i):
            start = self._de_infinitive(i)  # "a demandé au gouvernement de déclarer …"
        elif cue.inverted:
            return self._fronted(cue, s_start)
        else:
            return None
        end = self._clause_end(start, s_end, cue)
        start, end = self._trim(start, end)
        if end - start < 8:
            return None
        speaker = self.cue_speaker(cue)
        if speaker is None:
            return None
        self.remember(speaker, cue.start)
        return self._quote(start, end, "indirect", speaker, cue)

    def _de_infinitive(self, i: int) -> int:
        """Offset of "de" in "(au gouvernement) de déclarer …", past an indirect object; 0 if none."""
        doc = self.doc
        j = i
        if j < len(doc) and fold(doc[j].text) in A_WORDS:
            j += 1
            while (
                j < len(doc)
                and j < i + MAX_OBJECT_TOKENS
                and doc[j].pos_ in {"DET", "NOUN", "PROPN", "ADJ", "NUM"}
            ):
                j += 1
        if (
            j + 1 < len(doc)
            and fold(doc[j].text) in {"de", "d'"}
            and doc[j + 1].morph.get("VerbForm", []) == ["Inf"]
            and not self.index.in_quote(doc[j].idx)
        ):
            return doc[j].idx
        return 0

    def _que_after_adjuncts(self, i: int, s_end: int) -> int:
        """ "a affirmé à la télévision que", "a rapporté, samedi dans la soirée, qu'": skip to "que"."""
        doc = self.doc
        for j in range(i, min(len(doc), i + MAX_ADJUNCT_TOKENS)):
            token = doc[j]
            if (
                token.idx >= s_end
                or self.index.in_quote(token.idx)
                or token.text in {":", ";", "«", "»", '"', "“", "”"}
            ):
                break
            if fold(token.text) in {"que", "qu'"}:
                # a conjunction, not a relative ("un décompte que lui a attribué …") nor "alors que"
                compound = j > 0 and fold(doc[j - 1].text) in COMPOUND_CONJUNCTIONS
                # the tagger sometimes calls "qu’" a pronoun while still marking the clause
                conjunction = token.pos_ == "SCONJ" or token.dep_ == "mark"
                return j if conjunction and not compound else i
            participle = (  # "intervention télévisée", not another cue ("a reconnu … a déclaré")
                token.morph.get("VerbForm", []) == ["Part"]
                and reporting_verb(token.lemma_, token.text) is None
            )
            if (token.pos_ in {"VERB", "AUX"} and not participle) or fold(token.text) in {
                "et",
                "mais",
                "qui",
                "dont",
            }:
                break
        return i

    def _fronted(self, cue: Cue, s_start: int) -> Quote | None:
        """ "Les pertes sont trop élevées, a estimé X": the clause before the inverted cue."""
        before = self.text[s_start : cue.start].rstrip()
        if not before.endswith(","):
            return None
        start, end = self._trim(s_start, s_start + len(before) - 1)
        inner = [c for c in self.cues if start <= c.start < end]
        if any(c.inverted for c in inner):
            return None  # "« … », a déclaré X, a rapporté l'AFP": the last cue only relays
        last = [q for q in self.spans if start <= q.open_at and end <= q.close_at <= end + 1]
        if last and self.text[start : last[0].open_at].rstrip().endswith(":"):
            return None  # "Pour X, … : « … », a ajouté X": a direct quote with its introduction
        if self._only_a_quote(start, end) or _word_count(self.text[start:end]) < 3:
            return None  # "« … », a dit X" is a direct quote; a clause with quoted words in it is reported speech
        speaker = self.cue_speaker(cue)
        if speaker is None or (inner and self.is_relay(speaker)):
            return None  # "X a annoncé que …, a rapporté l'AFP": X speaks, the agency relays
        self.remember(speaker, cue.start)
        return self._quote(start, end, "indirect", speaker, cue)

    def _only_a_quote(self, start: int, end: int) -> bool:
        """Is text[start:end] one quoted span, marks included (or quoted spans and punctuation only)?"""
        rest = self.text[start:end]
        for span in self.spans:
            if start <= span.open_at and span.close_at <= end + 1:
                rest = rest.replace(self.text[span.open_at : span.close_at], " ")
        rest = WEB_ADDRESS.sub(" ", rest)  # a picture credit glued to the quote
        return all(fold(w) in QUOTE_LINKS for w in re.findall(r"\w+", rest))

    def _clause_end(self, start: int, s_end: int, cue: Cue) -> int:
        end = s_end
        for other in self.cues:
            if start < other.start < end and other is not cue:
                comma = self.text.rfind(",", start, other.start)
                if comma > start:
                    end = comma
                    break
        for marker in (", selon ", ", d'après ", ", d’après "):
            found = self.text.find(marker, start, end)
            if found >= 0:
                end = found
        return end

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ".;:!?,…"):
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end

    # --- output ---------------------------------------------------------------------

    def _quote(
        self,
        start: int,
        end: int,
        kind: QuoteKind,
        speaker: Speaker,
        cue: Cue | Token | Span | None,
    ) -> Quote:
        if isinstance(cue, Cue):
            cue_text, lemma, loaded = cue.text, cue.entry.lemma, cue.entry.loaded
        elif cue is not None:  # "selon X", "d'après X": no verb, nothing loaded
            cue_text, lemma, loaded = cue.text, fold(cue.text), False
        else:
            cue_text, lemma, loaded = None, None, None
        return Quote(
            article=self.article,
            start=start,
            end=end,
            text=self.text[start:end],
            kind=kind,
            speaker=speaker.key,
            speaker_text=speaker.text,
            cue=cue_text,
            cue_lemma=lemma,
            cue_loaded=loaded,
            speaker_start=speaker.start,
            speaker_end=speaker.end,
            speaker_type=speaker.type,
        )

    def selon(self, token: Token) -> Quote | None:
        """ "Selon X, <clause>" or "<clause>, selon X.": an indirect quote of X (also "d'après X")."""
        s_start, s_end = self.sentences.bounds(token.idx)
        if self.index.in_quote(token.idx):
            return None
        source = _source_of(token)
        if self.text[s_start : token.idx].strip():
            return self._trailing_selon(token, source, s_start, s_end)
        described = self.resolver.after(source, s_end)
        if not described:
            return None
        comma = self.text.find(",", described[-1].idx, s_end)
        first_comma = self.text.find(",", token.idx, s_end)
        if (
            first_comma >= 0
            and (comma < 0 or first_comma < comma)
            and self._clause_follows(first_comma)
        ):
            comma = (
                first_comma  # "Selon le FSB, les suspects …": the clause starts at the first comma
            )
        if comma < 0 and first_comma >= 0 and self._finite_verb_between(first_comma, s_end):
            comma = first_comma  # "D'après une source, l'homme … est …": no apposition, a clause
        if comma < 0:
            return None
        start, end = self._trim(comma + 1, s_end)
        if self._only_a_quote(start, end) or _word_count(self.text[start:end]) < 3:
            return None  # "Selon X, « … »": a direct quote, found as such
        speaker = self.resolver.description(self.resolver.after(source, comma), self.state)
        if speaker is None or not _usable(speaker, strict=True):
            return None
        self.remember(speaker, token.idx)
        return self._quote(start, end, "indirect", speaker, self.doc[token.i : source])

    def _finite_verb_between(self, start: int, end: int) -> bool:
        return any(
            start < t.idx < end
            and t.pos_ in {"VERB", "AUX"}
            and t.morph.get("VerbForm", []) == ["Fin"]
            and not self.index.in_quote(t.idx)
            for t in self.doc
        )

    def _clause_follows(self, comma: int) -> bool:
        """After "Selon X,": does a clause start ("les suspects avaient …") rather than an apposition?"""
        words = self.text[comma + 1 : comma + 40].split()
        return bool(words) and fold(words[0]) in word_class("clause_opener")

    def _selon_pronoun_inside(self, token: Token, source: int, s_end: int) -> Quote | None:
        """ "un jeune homme, selon lui armé de deux couteaux, s'est attaqué …": the words after
        "selon lui" up to the next comma are what he says (no comma after the pronoun)."""
        doc = self.doc
        if source + 1 >= len(doc) or fold(doc[source].text) not in {"lui", "elle", "eux", "elles"}:
            return None
        first = doc[source + 1]
        if first.is_punct or first.idx >= s_end:
            return None
        comma = self.text.find(",", first.idx, s_end)
        start, end = self._trim(first.idx, comma if comma >= 0 else s_end)
        if _word_count(self.text[start:end]) < 2 or self._finite_verb_between(start - 1, end):
            return None
        speaker = self.resolver.description([doc[source]], self.state)
        if speaker is None or not _usable(speaker, strict=True):
            return None
        self.remember(speaker, token.idx)
        return self._quote(start, end, "indirect", speaker, self.doc[token.i : source + 1])

    def _relative_before_selon(
        self, token: Token, source: int, before: str, s_start: int, s_end: int
    ) -> Quote | None:
        """ "Le pompier, qui travaillait dans une usine, selon le New York Times, était …": a
        relative clause between commas that an incise "selon X," closes is X's account."""
        opening = before[:-1].rfind(",")
        if opening < 0:
            return None
        relative = before[opening + 1 : -1].split()
        if not relative or fold(relative[0]) not in RELATIVE_PRONOUNS:
            return None
        comma = self.text.find(",", token.idx, s_end)
        if comma < 0 or self._finite_verb_between(token.idx, comma):
            return None
        start, end = self._trim(s_start + opening + 1, s_start + len(before) - 1)
        if _word_count(self.text[start:end]) < 4 or any(start <= c.start < end for c in self.cues):
            return None
        tokens = [t for t in self.doc[source:] if t.idx < comma]
        speaker = self._document_source(tokens) or self.resolver.description(tokens, self.state)
        if speaker is None or not _usable(speaker, strict=True) or speaker.plural:
            return None
        self.remember(speaker, token.idx)
        return self._quote(start, end, "indirect", speaker, self.doc[token.i : source])

    def _trailing_selon(self, token: Token, source: int, s_start: int, s_end: int) -> Quote | None:
        """ "<clause>, selon X." closing a sentence: an indirect quote of X (", toujours selon X")."""
        inside = self._selon_pronoun_inside(token, source, s_end)
        if inside is not None:
            return inside
        before = self.text[s_start : token.idx].rstrip()
        words = before.split()
        if words and fold(words[-1]) in {"toujours", "encore"}:
            before = before[: -len(words[-1])].rstrip()
        if not before.endswith(","):
            return None
        start, end = self._trim(s_start, s_start + len(before) - 1)
        if any(start <= c.start < end for c in self.cues) or self._only_a_quote(start, end):
            return None  # the clause has its own reporting verb, or is a direct quote
        if _word_count(self.text[start:end]) < 4:
            return None
        tail = [t for t in self.doc[source:] if t.idx < s_end]
        if any(t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm", []) == ["Fin"] for t in tail):
            # "selon X" opens a clause of its own, unless it is an incise closing a relative
            return self._relative_before_selon(token, source, before, s_start, s_end)
        speaker = self._document_source(tail) or self.resolver.description(
            self.resolver.after(source, s_end), self.state
        )
        if speaker is None or not _usable(speaker, strict=True) or speaker.plural:
            return None
        self.remember(speaker, token.idx)
        return self._quote(start, end, "indirect", speaker, self.doc[token.i : source])

    def _document_source(self, tokens: list[Token]) -> Speaker | None:
        """ "selon un bilan de l'Élysée", "selon les chiffres communiqués par le Kremlin": who issued it."""
        nouns = [t for t in tokens[:4] if t.pos_ == "NOUN"]
        if not nouns or fold(nouns[0].lemma_) not in DOCUMENT_NOUNS or not tokens:
            return None
        end = tokens[-1].idx + len(tokens[-1].text)
        for mention, entity in self.index.mentions_within(nouns[0].idx, end):
            if entity.type in {"person", "organization"}:
                return self.resolver.entity_speaker(entity, mention.start, mention.end)
        return None

    def run(self) -> list[Quote]:
        items: list[tuple[int, int, QuotedSpan | Cue | Token]] = [
            (s.open_at, 0, s) for s in self.spans
        ]
        items += [(c.start, 1, c) for c in self.cues]
        items += [(t.idx, 2, t) for t in self.doc if _opens_source(t)]
        quotes: list[Quote] = []
        self.found = quotes
        words: list[QuotedSpan] = []
        for _, _, item in sorted(items, key=lambda x: (x[0], x[1])):
            if isinstance(item, QuotedSpan) and self._lone_word(item):
                words.append(item)  # judged once the reported speech around it is known
                continue
            if isinstance(item, QuotedSpan):
                found = self.direct(item)
            elif isinstance(item, Cue):
                found = self.indirect(item)
            else:
                found = self.selon(item)
            if found is not None:
                quotes.append(found)
        quotes += [q for q in map(self._reported_word, words) if q is not None]
        quotes += self._headings(quotes)
        quotes = [self._named_later(q) for q in quotes]
        # "X, qui …, selon le New York Times, était « … », a poursuivi Y": a reported clause
        # holding another source's account mixes two speakers; their own quotes stay
        quotes = [
            q
            for q in quotes
            if not (
                q.kind == "indirect"
                and any(
                    o is not q
                    and o.cue_lemma == "selon"
                    and o.speaker != q.speaker
                    and q.start <= o.start
                    and o.end <= q.end
                    for o in quotes
                )
            )
        ]
        return sorted(quotes, key=lambda q: (q.start, q.end))

    def _named_later(self, quote: Quote) -> Quote:
        """ "…, selon un ami de longue date." in the lead, then "selon un ami de longue date,
        Jeff Lowers, 63 ans": an unnamed speaker described by an indefinite phrase of three
        words or more is the person the article later names in apposition to the same words."""
        text = quote.speaker_text
        if quote.speaker is not None or quote.speaker_end is None or not text:
            return quote
        words = text.split()
        if len(words) < 3 or fold(words[0]) not in INDEFINITES:
            return quote
        pattern = re.compile(re.escape(text) + r"\s*,\s*", re.IGNORECASE)
        named = set()
        for match in pattern.finditer(self.text, quote.speaker_end):
            for mention, entity in self.index.persons_between(match.end(), match.end() + 60):
                if mention.start == match.end() and self.text[mention.end :].lstrip()[:1] in ",.":
                    named.add(entity.key)
                break
        if len(named) != 1:
            return quote
        return replace(quote, speaker=named.pop())

    def _headings(self, quotes: list[Quote]) -> list[Quote]:
        """Quotes in a headline or heading take the speaker of the quote they repeat."""
        out = []
        for span, kind in self.headings:
            words = _content_words(self.text[span.start : span.end])
            if not words:
                continue
            best, best_share = None, 0.0
            for quote in quotes:
                if quote.start <= span.open_at or quote.speaker_text is None:
                    continue
                share = len(words & _content_words(quote.text)) / len(words)
                if share > best_share:
                    best, best_share = quote, share
            if best is None or best_share < HEADING_MATCH:
                continue
            speaker = Speaker(
                best.speaker,
                best.speaker_text,
                best.speaker_start,
                best.speaker_end,
                best.speaker_type,
            )
            out.append(self._quote(span.start, span.end, kind, speaker, None))
        return out


RELATIVE_PRONOUNS = frozenset({"qui", "que", "qu'", "qu’", "dont", "ou"})


@Language.component(
    "recoupe_quotes",
    requires=["doc._.recoupe_entities"],
    assigns=["doc._.recoupe_quotes"],
)
def recoupe_quotes(doc: Doc) -> Doc:
    doc._.recoupe_quotes = QuoteFinder(doc).run()
    return doc


def quotes_of(doc: Doc | Span) -> list[Quote]:
    """The quotes stored on a processed Doc (empty when the component did not run)."""
    document = doc.doc if isinstance(doc, Span) else doc
    return list(document._.recoupe_quotes or [])
