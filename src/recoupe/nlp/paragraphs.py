"""recoupe_paragraphs: sentence boundaries fixed before the parser runs.

A line break always ends a sentence (headlines, paragraphs), and so does
sentence-final punctuation followed by a capital (abbreviations such as "M."
excepted); nothing else does. The parser keeps boundaries that are already
set, so every later component sees the same sentences (see ``boundaries``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from recoupe.nlp.boundaries import boundary_offsets


@Language.component("recoupe_paragraphs", assigns=["token.is_sent_start"])
def recoupe_paragraphs(doc: Doc) -> Doc:
    starts = set(boundary_offsets(doc.text))
    for token in doc[1:]:
        previous = doc[token.i - 1]
        token.is_sent_start = token.idx in starts or "\n" in previous.text_with_ws
    return doc
