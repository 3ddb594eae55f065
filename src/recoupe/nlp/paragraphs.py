"""recoupe_paragraphs: a line break always ends a sentence (headlines, paragraphs).

Runs before the parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("recoupe_paragraphs", assigns=["token.is_sent_start"])
def recoupe_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:  # a newline after a word, or a whitespace token
            doc[token.i + 1].is_sent_start = True
    return doc
