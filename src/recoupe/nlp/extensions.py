"""Doc extension attributes of recoupe, declared in one place, idempotently.

Components store plain model dataclasses (see ``recoupe.model``) on the Doc;
``recoupe.nlp.pipeline.analysis_from_doc`` reads them at the ``nlp/`` boundary.
Article metadata reaches components through ``doc.user_data``:
``ARTICLE_KEY`` (article id) and ``PUBLISHED_KEY`` (ISO date at known precision).
"""

from __future__ import annotations

from spacy.tokens import Doc

ARTICLE_KEY = "recoupe_article"
PUBLISHED_KEY = "recoupe_published"
TITLE_END_KEY = "recoupe_title_end"

DOC_EXTENSIONS = (
    "recoupe_entities",  # list[LocalEntity]
    "recoupe_quotes",  # list[Quote] (speaker = LocalEntity key)
    "recoupe_times",  # list[TimeRef]
    "recoupe_sentences",  # list[Sentence]
)


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


TEXT_KEY = "recoupe_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again at each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def article_id(doc: Doc) -> str:
    return str(doc.user_data.get(ARTICLE_KEY, ""))


def published(doc: Doc) -> str | None:
    value = doc.user_data.get(PUBLISHED_KEY)
    return str(value) if value else None


def title_end(doc: Doc) -> int:
    """Character offset where the headline ends (0 when the article has none)."""
    return int(doc.user_data.get(TITLE_END_KEY, 0) or 0)


register_extensions()
