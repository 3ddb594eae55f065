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

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.fr.lexicon import ReportingVerb, reporting_verb, speaker_nouns, title_cues, word_class
from recoupe.fr.quote_marks import QuotedSpan, find_quoted_spans
from recoupe.fr.sentences import SentenceIndex, sentence_spans
from recoupe.fr.text import fold
from recoupe.model import LocalEntity, Quote, QuoteKind
from recoupe.nlp.extensions import article_id, text_of
from recoupe.nlp.speakers import (
    POSSESSIVES,
    Speaker,
    SpeakerIndex,
    head_noun,
    pronoun_gender,
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
SENTENCE_END = {".", "!", "?", "…", ";"}


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


# --- cues -----------------------------------------------------------------------------


def _is_clitic(token: Token) -> bool:
    return token.text.startswith("-") and fold(token.text).lstrip("-") in word_class("subject_clitic")


def _find_cue(doc: Doc, token: Token, index: SpeakerIndex) -> Cue | None:
    if index.in_quote(token.idx) or token.pos_ in {"PROPN", "DET", "ADP", "PRON"}:
        return None
    if token.pos_ in {"NOUN", "ADJ"} and not _after_quote_and_comma(text_of(doc), token.idx):
        return None  # "souffle X" right after «…», is a verb whatever the tagger says
    entry = reporting_verb(token.lemma_, token.text)
    if entry is None:
        return None
    i = token.i + 1
    clitic: Token | None = None
    while i < len(doc) and _is_clitic(doc[i]):
        clitic = doc[i] if fold(doc[i].text) != "-t" else clitic
        i += 1
    if entry.needs_a and not (i < len(doc) and fold(doc[i].text) in {"a", "au", "aux"}):
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
    end = doc[i - 1].idx + len(doc[i - 1].text) if clitic is not None and clitic.i >= token.i else token.idx + len(token.text)
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


def _after_quote_and_comma(text: str, offset: int) -> bool:
    before = text[:offset].rstrip()
    return before.endswith(",") and before[:-1].rstrip()[-1:] in CLOSING_MARKS


def _looks_inverted(doc: Doc, verb: Token, after: int) -> bool:
    """", a estimé le ministre": no subject before, a noun phrase right after, no "que"."""
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

    def entity_speaker(self, entity: LocalEntity, start: int, end: int, text: str | None = None) -> Speaker:
        return Speaker(entity.key, text if text is not None else text_of(self.doc)[start:end], start, end, entity.type)

    def pronoun(self, start: int, end: int, state: Attribution) -> Speaker:
        """"il"/"elle" -> the last compatible speaker nearby, else the nearest compatible person."""
        word = text_of(self.doc)[start:end]
        gender = pronoun_gender(word)
        here = self.sentences.index(start)
        last = state.speaker
        if (
            last is not None
            and last.key is not None
            and last.type == "person"
            and here - state.sentence <= 2
            and self.index.compatible(last.key, gender)
        ):
            return Speaker(last.key, word, start, end, "person")
        found = self.index.nearest_person_before(start, gender)
        if found is not None:
            return Speaker(found[1].key, word, start, end, "person")
        plural = fold(word) in {"ils", "elles"}
        return Speaker(None, word, start, end, "person" if not plural else None, plural)

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
        for mention, entity in mentions:
            if entity.type == "person":
                return self.entity_speaker(entity, mention.start, mention.end)
        first = fold(tokens[0].text)
        if first in SUBJECT_PRONOUNS | {"lui", "eux"} and len(tokens) == 1:
            return self.pronoun(start, end, state)
        if first in POSSESSIVES:  # "selon son bureau": whose bureau
            owner = self.pronoun(start, end, state)
            return Speaker(owner.key, text_of(self.doc)[start:end], start, end, "person" if owner.key else "organization")
        text = text_of(self.doc)[start:end]
        noun = head_noun(tokens)
        if noun is not None and noun[1] == "person":
            words = [fold(t.text) for t in tokens if t.pos_ in {"NOUN", "ADJ", "PROPN"} and len(t.text) > 2]
            holder = self.index.role_holder(words, noun[0], noun[2], start)
            if holder is not None:
                return Speaker(holder.key, text, start, end, "person")
        for mention, entity in mentions:
            if entity.type == "organization":
                return self.entity_speaker(entity, mention.start, mention.end)
        plural = first in {"les", "des", "ils", "elles", "plusieurs"}
        if noun is not None and not plural and first in DEFINITE:
            # "l'élu", "la conseillère", "l'association": the one just named
            if noun[1] == "person":
                found = self.index.nearest_person_before(start, noun[2])
                if found is not None:
                    return Speaker(found[1].key, text, start, end, "person")
            else:
                named = self.index.organization_named(noun[0], start)
                if named is not None:
                    return Speaker(named.key, text, start, end, "organization")
        plural = plural or first in {"les", "des", "ils", "elles", "plusieurs"} or any(
            t.morph.get("Number", []) == ["Plur"] and t.pos_ == "NOUN" for t in tokens[:3]
        )
        etype = noun[1] if noun else None
        return Speaker(None, text, start, end, etype, plural)

    def after(self, index: int, limit: int) -> list[Token]:
        """The noun phrase right after an inverted verb ("a déclaré mardi le ministre X")."""
        doc = self.doc
        i = index
        if i < len(doc) and fold(doc[i].text) in SUBJECT_PRONOUNS | {"lui", "eux"}:
            return [doc[i]]
        while i < len(doc) and doc[i].idx < limit and (doc[i].is_space or fold(doc[i].text) in TIME_WORDS or doc[i].pos_ == "ADV"):
            i += 1
        out: list[Token] = []
        tagged = doc.has_annotation("POS")
        if i < len(doc) and fold(doc[i].text) in SUBJECT_PRONOUNS | {"lui", "eux"}:
            return [doc[i]]
        while i < len(doc) and doc[i].idx < limit:
            t = doc[i]
            if t.text in SENTENCE_END or t.text in {":", "«", "»", "“", "”", '"', "(", ")"} or "\n" in t.text:
                break
            in_mention = bool(self.index.mentions_within(t.idx, t.idx + len(t.text))) or any(
                m.start <= t.idx < m.end for m, _ in self.index.mentions_within(max(0, t.idx - 60), t.idx + 1)
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
            if in_mention or not tagged or t.pos_ in {"DET", "NOUN", "PROPN", "ADJ", "X", "NUM"} or fold(t.text) in NP_LINK_WORDS | {"m.", "mme"}:
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
        for head in heads:
            for child in head.children:
                if child.dep_.startswith("nsubj") and child.idx < cue.start:
                    tokens = [
                        t
                        for t in doc[child.left_edge.i : child.right_edge.i + 1]
                        if sentence_start <= t.idx < cue.start and not self.index.in_quote(t.idx)
                    ]
                    if fold(child.text) in SUBJECT_PRONOUNS:
                        return self.pronoun(child.idx, child.idx + len(child.text), state)
                    if fold(child.text) in {"qui", "lequel", "laquelle"}:
                        antecedent = self._antecedent(child)
                        if antecedent is not None:
                            return antecedent
                    found = self.description(tokens, state)
                    if found is not None:
                        return found
        # No parse (or no subject found): the nearest name or pronoun before the cue.
        before = [t for t in doc if sentence_start <= t.idx < cue.start and not self.index.in_quote(t.idx)]
        if before and fold(before[-1].text) in SUBJECT_PRONOUNS:
            return self.pronoun(before[-1].idx, before[-1].idx + len(before[-1].text), state)
        persons = self.index.persons_between(sentence_start, cue.start)
        if persons:
            mention, entity = persons[-1]
            return self.entity_speaker(entity, mention.start, mention.end)
        return None

    def _antecedent(self, relative: Token) -> Speaker | None:
        """"l'agence régionale de santé, qui a indiqué": the name right before "qui"."""
        before = text_of(self.doc)[: relative.idx].rstrip().rstrip(",").rstrip()
        for mention, entity in reversed(self.index.mentions_within(max(0, len(before) - 120), len(before) + 1)):
            if mention.end == len(before) or before.endswith(mention.text):
                return self.entity_speaker(entity, mention.start, mention.end)
        return None

    def inverted(self, cue: Cue, sentence_end: int, state: Attribution) -> Speaker | None:
        if cue.clitic is not None:
            clitic = cue.clitic
            word_start = clitic.idx + len(clitic.text) - len(fold(clitic.text).lstrip("-").removeprefix("t-"))
            return self.pronoun(word_start, clitic.idx + len(clitic.text), state)
        tokens = self.after(cue.verb + 1, sentence_end)
        return self.description(tokens, state)

    def selon(self, token: Token, sentence_end: int, state: Attribution) -> Speaker | None:
        return self.description(self.after(token.i + 1, sentence_end), state)


# --- the component --------------------------------------------------------------------


def _word_count(text: str) -> int:
    return len([w for w in text.replace("'", " ").replace("’", " ").split() if any(c.isalnum() for c in w)])


def _is_name_or_title(text: str, prefix: str) -> bool:
    """A quoted name or title ("l'opération « Bouclier du Nord »") rather than speech."""
    words = prefix.split()
    if words and fold(words[-1]).strip(",") in title_cues():
        return True
    content = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return 0 < _word_count(text) <= 4 and bool(content) and all(w[0].isupper() for w in content)


class QuoteFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = text_of(doc)
        self.article = article_id(doc)
        self.spans = find_quoted_spans(self.text)
        self.sentences = SentenceIndex(sentence_spans(self.text, ((s.open_at, s.close_at) for s in self.spans)))
        entities = list(doc._.recoupe_entities or [])
        self.index = SpeakerIndex(doc, entities, [(s.open_at, s.close_at) for s in self.spans])
        self.resolver = Resolver(doc, self.index, self.sentences)
        self.cues = find_cues(doc, self.index)
        self.state = Attribution()
        self._cue_speakers: dict[int, Speaker | None] = {}

    # speakers of cues, computed once in document order
    def cue_speaker(self, cue: Cue) -> Speaker | None:
        if cue.verb in self._cue_speakers:
            return self._cue_speakers[cue.verb]
        s_start, s_end = self.sentences.bounds(cue.start)
        verb = self.doc[cue.verb]
        bare = cue.start == verb.idx and verb.morph.get("VerbForm", []) in (["Inf"], ["Part"])
        governing = self._previous_cue_in_sentence(cue, s_start) if bare and not cue.inverted else None
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

    def remember(self, speaker: Speaker | None, offset: int) -> None:
        if speaker is not None and speaker.key is not None:
            self.state.speaker = speaker
            self.state.sentence = self.sentences.index(offset)

    # --- direct and partial ---------------------------------------------------------

    def _post_cue(self, span: QuotedSpan, s_end: int) -> Cue | Token | None:
        rest = self.text[span.close_at : s_end]
        stripped = rest.lstrip(" \u00a0\u202f,")
        gap = span.close_at + len(rest) - len(stripped)
        if not rest.lstrip(" \u00a0\u202f").startswith(",") and not stripped.startswith(("selon", "d'après")):
            return None
        for cue in self.cues:
            if cue.inverted and gap <= cue.start <= gap + 2:
                return cue
        for token in self.doc:
            if token.idx == gap and fold(token.text) in {"selon", "d'"} :
                return token if fold(token.text) == "selon" else self._token_after(token)
        return None

    def _token_after(self, token: Token) -> Token | None:
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return nxt if nxt is not None and fold(nxt.text) == "apres" else None

    def _pre_cue(self, span: QuotedSpan, s_start: int) -> Cue | None:
        previous_close = max([s.close_at for s in self.spans if s_start <= s.close_at <= span.open_at], default=s_start)
        before = [c for c in self.cues if previous_close <= c.start < span.open_at and not c.inverted]
        before += [c for c in self.cues if s_start <= c.start < span.open_at and c.inverted]
        outer = [c for c in before if c.start >= s_start and self._introduces_clause(c)]
        if outer:
            return min(outer, key=lambda c: c.start)
        return max(before, key=lambda c: c.start) if before else None

    def _introduces_clause(self, cue: Cue) -> bool:
        """"a souligné que …", "a appelé à …": the quote sits inside what the cue reports."""
        doc = self.doc
        i = cue.verb + 1
        while i < len(doc) and (_is_clitic(doc[i]) or doc[i].pos_ == "ADV" or fold(doc[i].text) in TIME_WORDS):
            i += 1
        return i < len(doc) and (fold(doc[i].text) in {"que", "qu'"} or cue.entry.needs_a)

    def _selon_before(self, span: QuotedSpan, s_start: int) -> Token | None:
        for token in self.doc:
            if s_start <= token.idx < span.open_at and fold(token.text) == "selon" and not self.index.in_quote(token.idx):
                return token
        return None

    def direct(self, span: QuotedSpan) -> Quote | None:
        s_start, s_end = self.sentences.bounds(span.open_at)
        quoted = self.text[span.start : span.end]
        prefix = self.text[s_start : span.open_at].strip()
        is_direct = prefix == "" or prefix.endswith(":") or (
            prefix.endswith(",") and quoted[:1].isupper()
        )
        kind: QuoteKind = "direct" if is_direct else "partial"
        post = self._post_cue(span, s_end)
        if _word_count(quoted) <= 1 and post is None:
            return None  # scare quotes
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
        if speaker is None and prefix.endswith(":"):
            speaker = self._colon_speaker(s_start, span.open_at)
        if speaker is None and is_direct:
            speaker = self._from_context(span.open_at)
        if speaker is None or (speaker.key is None and (speaker.plural or not speaker.text)):
            return None
        self.remember(speaker, span.open_at)
        return self._quote(span.start, span.end, kind, speaker, cue)

    def _colon_speaker(self, s_start: int, colon: int) -> Speaker | None:
        tokens = [t for t in self.doc if s_start <= t.idx < colon]
        persons = self.index.persons_between(s_start, colon)
        if persons:
            mention, entity = persons[0]
            return self.resolver.entity_speaker(entity, mention.start, mention.end)
        if tokens and fold(tokens[0].text) in SUBJECT_PRONOUNS:
            return self.resolver.pronoun(tokens[0].idx, tokens[0].idx + len(tokens[0].text), self.state)
        subject = [t for t in tokens if t.dep_.startswith("nsubj")]
        if subject:
            head = subject[0]
            return self.resolver.description(list(self.doc[head.left_edge.i : head.right_edge.i + 1]), self.state)
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

    def indirect(self, cue: Cue) -> Quote | None:
        doc = self.doc
        s_start, s_end = self.sentences.bounds(cue.start)
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
        word = fold(doc[i].text)
        if cue.entry.needs_a:
            if word == "a" and i + 2 < len(doc) and fold(doc[i + 1].text) == "ce" and fold(doc[i + 2].text) in {"que", "qu'"}:
                start = doc[i + 2].idx  # "appelé à ce que …": the clause keeps its "que"
            elif word in {"a", "au", "aux"}:
                start = doc[i + 1].idx if word == "a" and i + 1 < len(doc) else doc[i].idx
            else:
                return None
        elif word in {"que", "qu'"}:
            start = doc[i].idx + len(doc[i].text)
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

    def _fronted(self, cue: Cue, s_start: int) -> Quote | None:
        """"Les pertes sont trop élevées, a estimé X": the clause before the inverted cue."""
        before = self.text[s_start : cue.start].rstrip()
        if not before.endswith(",") or before[:-1].rstrip()[-1:] in CLOSING_MARKS:
            return None
        if any(s_start <= s.close_at <= cue.start for s in self.spans):
            return None
        start, end = self._trim(s_start, s_start + len(before) - 1)
        if _word_count(self.text[start:end]) < 3:
            return None
        speaker = self.cue_speaker(cue)
        if speaker is None:
            return None
        self.remember(speaker, cue.start)
        return self._quote(start, end, "indirect", speaker, cue)

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

    def _quote(self, start: int, end: int, kind: QuoteKind, speaker: Speaker, cue: Cue | Token | None) -> Quote:
        if isinstance(cue, Cue):
            cue_text, lemma, loaded = cue.text, cue.entry.lemma, cue.entry.loaded
        elif cue is not None:  # "selon X": no verb, nothing loaded
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
        """"Selon X, <clause>" at the head of a sentence: an indirect quote of X."""
        s_start, s_end = self.sentences.bounds(token.idx)
        if self.text[s_start : token.idx].strip() or self.index.in_quote(token.idx):
            return None
        described = self.resolver.after(token.i + 1, s_end)
        if not described:
            return None
        comma = self.text.find(",", described[-1].idx, s_end)
        if comma < 0:
            return None
        start, end = self._trim(comma + 1, s_end)
        if self.text[start : start + 1] in {"«", "“", '"', "‹"} or _word_count(self.text[start:end]) < 3:
            return None  # a direct quote introduced by "Selon X," is found as such
        speaker = self.resolver.selon(token, comma, self.state)
        if speaker is None or (speaker.key is None and (speaker.plural or speaker.type is None)):
            return None
        self.remember(speaker, token.idx)
        return self._quote(start, end, "indirect", speaker, token)

    def run(self) -> list[Quote]:
        items: list[tuple[int, int, QuotedSpan | Cue | Token]] = [(s.open_at, 0, s) for s in self.spans]
        items += [(c.start, 1, c) for c in self.cues]
        items += [(t.idx, 2, t) for t in self.doc if fold(t.text) == "selon"]
        quotes: list[Quote] = []
        for _, _, item in sorted(items, key=lambda x: (x[0], x[1])):
            if isinstance(item, QuotedSpan):
                found = self.direct(item)
            elif isinstance(item, Cue):
                found = self.indirect(item)
            else:
                found = self.selon(item)
            if found is not None:
                quotes.append(found)
        return quotes


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
