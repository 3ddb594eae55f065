"""recoupe_sentences: each sentence reduced to lemmas, main predicate, negation, entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from recoupe.fr.lexicon import word_class
from recoupe.model import Sentence

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
NEGATION_LEMMAS = word_class("negation")


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
        if tagged:
            lemmas = tuple(
                t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop
            )
        else:  # blank pipeline (no trained model for this language): word forms
            lemmas = tuple(t.lower_ for t in sent if t.is_alpha and not t.is_stop)
        keys = tuple(
            dict.fromkeys(
                k for s, e, k in mention_keys if s >= sent.start_char and e <= sent.end_char
            )
        )
        sentences.append(
            Sentence(
                start=sent.start_char,
                # trailing spaces and blanked page furniture are not part of the sentence
                end=sent.start_char + len(sent.text.rstrip()),
                lemmas=lemmas,
                predicate=_predicate(sent),
                negated=any(
                    t.lemma_.lower() in NEGATION_LEMMAS and t.dep_ == "advmod" for t in sent
                ),
                entity_keys=keys,
            )
        )
    doc._.recoupe_sentences = sentences
    return doc
