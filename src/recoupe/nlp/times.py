"""recoupe_times: French time expressions, normalised against the publication date.

Recognition (``fr/timex_recognise``) works on the text; the tense of the governing
verb (``timex_tense``) decides between the last and the next weekday; the
normalisation (``fr/timex_normalise``) never claims more precision than the
publication date gives. The cross-article step is ``recoupe.link.times``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from recoupe.fr.timex_normalise import Anchor, Resolution, anchor_from_published, normalise
from recoupe.fr.timex_recognise import TimexMention, recognise
from recoupe.model import Tense, TimeRef
from recoupe.nlp.extensions import article_id, published, text_of
from recoupe.nlp.timex_tense import tense_at


@dataclass(frozen=True)
class FoundTime:
    """A mention with its tense and resolution (the TimeBank scorer reads all three)."""

    mention: TimexMention
    tense: Tense | None
    resolution: Resolution


def find_times(doc: Doc, anchor: Anchor | None) -> list[FoundTime]:
    """Every time expression of the doc, resolved in reading order (for 'la veille')."""
    found = []
    last_day: date | None = None
    for mention in recognise(text_of(doc)):
        tense = tense_at(doc, mention.start, mention.end)
        resolution = normalise(mention, anchor, tense, last_day)
        found.append(FoundTime(mention, tense, resolution))
        if resolution.value and len(resolution.value) == 10:
            last_day = date.fromisoformat(resolution.value)
    return found


def to_time_ref(article: str, item: FoundTime) -> TimeRef:
    m, r = item.mention, item.resolution
    return TimeRef(
        article=article,
        start=m.start,
        end=m.end,
        text=m.text,
        type=r.type,
        value=r.value,
        earliest=r.earliest,
        latest=r.latest,
        explanation=r.explanation,
        tense=item.tense,
        kind=m.kind,
        anchor=r.anchor,
        parts=m.fields,
    )


@Language.component(
    "recoupe_times",
    requires=["token.morph", "token.dep"],
    assigns=["doc._.recoupe_times"],
)
def recoupe_times(doc: Doc) -> Doc:
    anchor = anchor_from_published(published(doc))
    article = article_id(doc)
    doc._.recoupe_times = [to_time_ref(article, item) for item in find_times(doc, anchor)]
    return doc
