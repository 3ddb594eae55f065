"""recoupe_paragraphs: sentence boundaries fixed before the parser runs.

A line break always ends a sentence (headlines, paragraphs), and so does
sentence-final punctuation followed by a capital (abbreviations such as "M."
excepted); nothing else does. The parser keeps boundaries that are already
set, so every later component sees the same sentences (see ``recoupe.fr.sentences``).
"""

from __future__ import annotations

from typing import cast

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from recoupe.fr.sentences import boundary_offsets


@Language.component("recoupe_paragraphs", assigns=["token.is_sent_start"])
def recoupe_paragraphs(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    text = doc.text
    offsets = doc.to_array([IDX]).astype(np.int64).ravel()
    starts = np.isin(offsets, np.fromiter(boundary_offsets(text), dtype=np.int64))
    # a newline anywhere between two tokens' starts: newline counts before each offset
    newlines = np.concatenate(
        ([0], np.cumsum(np.frombuffer(text.encode("utf-32-le"), np.uint32) == 10))
    )
    starts[1:] |= newlines[offsets[1:]] > newlines[offsets[:-1]]
    starts[0] = True
    # whole-array assignment in C: 1 starts a sentence, -1 forbids a start there
    values = np.where(starts, 1, -1).astype(np.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], cast(Ints2d, values))
    return doc
