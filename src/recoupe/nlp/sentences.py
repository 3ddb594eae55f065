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


@Language.component(
    "recoupe_sentences",
    requires=["token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.recoupe_sentences"],
)
def recoupe_sentences(doc: Doc) -> Doc:
    entities = doc._.recoupe_entities or []
    mention_keys = sorted((m.start, m.end, e.key) for e in entities for m in e.mentions)
    tagged = doc.has_annotation("POS")
    sentences = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        starts: tuple[int, ...] = ()
        frames: tuple[int, ...] = ()
        if tagged:
            content = [t for t in sent if t.pos_ in CONTENT_POS and not t.is_stop]
            lemmas = tuple(t.lemma_.lower() for t in content)
            if doc.has_annotation("DEP"):
                starts = tuple(t.idx for t in content)
                frames = tuple(frame_head(t, sent).idx for t in content)
        else:  # blank pipeline (no trained model for this language): word forms
            lemmas = tuple(t.lower_ for t in sent if t.is_alpha and not t.is_stop)
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
                negated=any(
                    t.lemma_.lower() in NEGATION_LEMMAS and t.dep_ == "advmod" for t in sent
                ),
                entity_keys=keys,
                lemma_starts=starts,
                frame_starts=frames,
            )
        )
    doc._.recoupe_sentences = sentences
    return doc
