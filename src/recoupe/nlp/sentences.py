"""recoupe_sentences: each sentence reduced to lemmas, main predicate, negation, entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.fr.lexicon import word_class
from recoupe.model import Sentence

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
NEGATION_LEMMAS = word_class("negation")
# dependencies that open a clause of its own: a predicate with its own frame of arguments
CLAUSE_DEPS = {"ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "conj"}
SUBJECT_OR_COPULA = {"nsubj", "nsubj:pass", "cop"}


def _heads_clause(token: Token) -> bool:
    """The root, or a verb (or a predicate with its own subject or copula) heading a clause
    inside the sentence: "qui vivait à X", "revendiquée par Y", "et a démissionné"."""
    if token.head.i == token.i or token.dep_ == "ROOT":
        return True
    if token.dep_ not in CLAUSE_DEPS:
        return False
    return token.pos_ in {"VERB", "AUX"} or any(c.dep_ in SUBJECT_OR_COPULA for c in token.children)


def frame_head(token: Token, sent: Span) -> Token:
    """The head of the clause a token belongs to: the nearest ancestor (or itself) heading one."""
    x = token
    for _ in range(len(sent)):  # bounded: a parse is a tree, but never loop on a bad one
        if _heads_clause(x) or not (sent.start <= x.head.i < sent.end):
            return x
        x = x.head
    return x


def _predicate(sent: Span) -> str | None:
    root = sent.root
    if root.pos_ in {"VERB", "AUX"}:
        return root.lemma_.lower()
    for token in sent:
        if token.pos_ == "VERB":
            return token.lemma_.lower()
    return None


class _Words:
    """The token attributes the component reads, taken from the Doc once: each ``doc[i]`` or
    ``token.head`` makes a new Python ``Token``, and walking up to a clause head for every
    content word made hundreds of thousands of them per hundred articles."""

    def __init__(self, doc: Doc) -> None:
        tokens = list(doc)
        self.pos = [t.pos_ for t in tokens]
        self.dep = [t.dep_ for t in tokens]
        self.lemma = [t.lemma_.lower() for t in tokens]
        self.stop = [t.is_stop for t in tokens]
        self.idx = [t.idx for t in tokens]
        self.head = [t.head.i for t in tokens]
        # a child that is a subject or copula (Token.children: every token headed by it, itself
        # excepted)
        self.has_subject = [False] * len(tokens)
        for i, (head, dep) in enumerate(zip(self.head, self.dep, strict=True)):
            if head != i and dep in SUBJECT_OR_COPULA:
                self.has_subject[head] = True

    def heads_clause(self, i: int) -> bool:
        """:func:`_heads_clause` of token ``i``."""
        if self.head[i] == i or self.dep[i] == "ROOT":
            return True
        if self.dep[i] not in CLAUSE_DEPS:
            return False
        return self.pos[i] in {"VERB", "AUX"} or self.has_subject[i]

    def frame_head(self, i: int, start: int, end: int) -> int:
        """:func:`frame_head` of token ``i`` in the sentence of tokens ``start`` to ``end``."""
        x = i
        for _ in range(end - start):
            head = self.head[x]
            if self.heads_clause(x) or not (start <= head < end):
                return x
            x = head
        return x


@Language.component(
    "recoupe_sentences",
    requires=["token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.recoupe_sentences"],
)
def recoupe_sentences(doc: Doc) -> Doc:
    entities = doc._.recoupe_entities or []
    mention_keys = sorted((m.start, m.end, e.key) for e in entities for m in e.mentions)
    tagged = doc.has_annotation("POS")
    parsed = doc.has_annotation("DEP")
    words = _Words(doc) if tagged else None
    sentences = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        starts: tuple[int, ...] = ()
        frames: tuple[int, ...] = ()
        if words is not None:
            pos, stop, lemma = words.pos, words.stop, words.lemma
            content = [
                i for i in range(sent.start, sent.end) if pos[i] in CONTENT_POS and not stop[i]
            ]
            lemmas = tuple(lemma[i] for i in content)
            if parsed:
                idx = words.idx
                starts = tuple(idx[i] for i in content)
                frames = tuple(idx[words.frame_head(i, sent.start, sent.end)] for i in content)
            negated = any(
                lemma[i] in NEGATION_LEMMAS and words.dep[i] == "advmod"
                for i in range(sent.start, sent.end)
            )
        else:  # blank pipeline (no trained model for this language): word forms
            lemmas = tuple(t.lower_ for t in sent if t.is_alpha and not t.is_stop)
            negated = any(t.lemma_.lower() in NEGATION_LEMMAS and t.dep_ == "advmod" for t in sent)
        keys = tuple(
            dict.fromkeys(
                k for s, e, k in mention_keys if s >= sent.start_char and e <= sent.end_char
            )
        )
        sentences.append(
            Sentence(
                # leading and trailing spaces and blanked page furniture ("FRANCE. A l'issue
                # …") are not part of the sentence
                start=sent.start_char + len(sent.text) - len(sent.text.lstrip()),
                end=sent.start_char + len(sent.text.rstrip()),
                lemmas=lemmas,
                predicate=_predicate(sent),
                negated=negated,
                entity_keys=keys,
                lemma_starts=starts,
                frame_starts=frames,
            )
        )
    doc._.recoupe_sentences = sentences
    return doc
