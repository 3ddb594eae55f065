"""recoupe_entities: named entities of one article, grouped into LocalEntity.

Baseline: spaCy NER spans typed person / organization / place / other and
grouped by their normalised surface form.
"""

from __future__ import annotations

import unicodedata

from spacy.language import Language
from spacy.tokens import Doc

from recoupe.model import EntityType, LocalEntity, Mention
from recoupe.nlp.extensions import article_id

LABEL_TYPES: dict[str, EntityType] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "place",
    "GPE": "place",
    "MISC": "other",
}


def fold(text: str) -> str:
    """Case- and accent-insensitive key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@Language.component(
    "recoupe_entities",
    requires=["doc.ents"],
    assigns=["doc._.recoupe_entities"],
)
def recoupe_entities(doc: Doc) -> Doc:
    aid = article_id(doc)
    groups: dict[tuple[EntityType, str], list[Mention]] = {}
    names: dict[tuple[EntityType, str], str] = {}
    for ent in doc.ents:
        etype = LABEL_TYPES.get(ent.label_, "other")
        key = (etype, fold(ent.text))
        groups.setdefault(key, []).append(
            Mention(aid, ent.start_char, ent.end_char, ent.text)
        )
        names.setdefault(key, ent.text)
    doc._.recoupe_entities = [
        LocalEntity(key=f"e{i}", type=etype, name=names[(etype, k)], mentions=tuple(mentions))
        for i, ((etype, k), mentions) in enumerate(groups.items())
    ]
    return doc
