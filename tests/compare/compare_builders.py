"""Hand-built corpora for compare/ and link/ tests: no spaCy, offsets computed from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recoupe.corpus import Corpus
from recoupe.fr.lexicon import ReportingVerb, reporting_verb
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Entity,
    LocalEntity,
    Mention,
    Quote,
    Role,
    RoleParts,
    Sentence,
    Story,
    TimeRef,
)

STOPWORDS = {
    "dans",
    "pour",
    "avec",
    "sans",
    "sont",
    "était",
    "avait",
    "elle",
    "cette",
    "leur",
    "leurs",
    "plus",
    "selon",
    "après",
    "avant",
    "deux",
    "très",
}


@dataclass
class Doc:
    id: str
    text: str
    source: str | None = None
    published: str | None = None
    title: str | None = None
    # name -> (type, [surface forms])
    entities: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # (entity name, role title as written, function, portfolio)
    roles: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    # (quote text, speaker name or None, cue)
    quotes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # (expression, earliest, latest)
    times: list[tuple[str, str, str]] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)  # sentence substrings to mark negated


def _find(text: str, needle: str, start: int = 0) -> int:
    at = text.find(needle, start)
    assert at >= 0, f"{needle!r} not in text"
    return at


def _sentences(doc: Doc, mentions: list[tuple[int, int, str]]) -> tuple[Sentence, ...]:
    out = []
    for match in re.finditer(r"[^.!?\n]+[.!?]?", doc.text):
        start, end = match.start(), match.end()
        body = match.group()
        if not body.strip():
            continue
        words = [w.lower() for w in re.findall(r"[\w-]+", body)]
        lemmas = tuple(w for w in words if (len(w) >= 4 and w not in STOPWORDS) or w.isdigit())
        keys = tuple(dict.fromkeys(k for s, e, k in mentions if s >= start and e <= end))
        verbs = [w for w in words if w.endswith(("é", "ée", "és", "ées", "er", "it", "ent"))]
        out.append(
            Sentence(
                start=start,
                end=end,
                lemmas=lemmas,
                predicate=verbs[0] if verbs else None,
                negated=any(n in body for n in doc.negated),
                entity_keys=keys,
            )
        )
    return tuple(out)


def build(docs: list[Doc]) -> Corpus:
    articles, analyses, key_map = [], [], {}
    global_ids: dict[str, str] = {}
    entity_data: dict[str, dict] = {}
    all_quotes: list[Quote] = []
    all_times: list[TimeRef] = []
    for doc in docs:
        article = Article(
            id=doc.id, text=doc.text, source=doc.source, published=doc.published, title=doc.title
        )
        locals_, mentions_at = [], []
        for n, (name, (etype, forms)) in enumerate(doc.entities.items()):
            key = f"e{n}"
            mentions = []
            for form in forms:
                at = -1
                while True:
                    at = doc.text.find(form, at + 1)
                    if at < 0:
                        break
                    mentions.append(Mention(doc.id, at, at + len(form), form))
                    mentions_at.append((at, at + len(form), key))
            roles = []
            for owner, title, function, portfolio in doc.roles:
                if owner == name:
                    at = _find(doc.text, title)
                    parts = RoleParts(function=function, portfolio=portfolio)
                    roles.append(
                        Role(
                            title,
                            doc.id,
                            at,
                            at + len(title),
                            title,
                            parts,
                            f"{function}|{portfolio or ''}" if function else "",
                        )
                    )
            locals_.append(LocalEntity(key, etype, name, tuple(mentions), tuple(roles)))  # type: ignore[arg-type]
            gid = global_ids.setdefault(name, f"E{len(global_ids) + 1}")
            key_map[(doc.id, key)] = gid
            data = entity_data.setdefault(
                gid, {"name": name, "type": etype, "mentions": [], "roles": []}
            )
            data["mentions"] += mentions
            data["roles"] += roles
        quotes = []
        for text, speaker, cue in doc.quotes:
            at = _find(doc.text, text)
            speaker_key = next((loc.key for loc in locals_ if loc.name == speaker), None)
            sp_start = sp_end = None
            if speaker:
                sp_start = _find(doc.text, speaker)
                sp_end = sp_start + len(speaker)
            verb = _cue_verb(cue)
            typed = {
                "cue_lemma": verb.lemma if verb else None,
                "cue_loaded": verb.loaded if verb else None,
            }
            quote = Quote(
                doc.id,
                at,
                at + len(text),
                text,
                "direct",
                speaker_key,
                speaker,
                cue,
                sp_start,
                sp_end,
                **typed,
            )
            quotes.append(quote)
            all_quotes.append(
                Quote(
                    doc.id,
                    at,
                    at + len(text),
                    text,
                    "direct",
                    global_ids.get(speaker or ""),
                    speaker,
                    cue,
                    sp_start,
                    sp_end,
                    **typed,
                )
            )
        times = []
        for expression, earliest, latest in doc.times:
            at = _find(doc.text, expression)
            value = earliest if earliest == latest else None
            times.append(
                TimeRef(
                    doc.id, at, at + len(expression), expression, "date", value, earliest, latest
                )
            )
        all_times += times
        analyses.append(
            ArticleAnalysis(
                doc.id, tuple(locals_), tuple(quotes), tuple(times), _sentences(doc, mentions_at)
            )
        )
        articles.append(article)
    entities = tuple(
        Entity(gid, d["type"], d["name"], mentions=tuple(d["mentions"]), roles=tuple(d["roles"]))
        for gid, d in entity_data.items()
    )
    return Corpus(
        tuple(articles), tuple(analyses), entities, key_map, tuple(all_quotes), tuple(all_times)
    )


def one_story(corpus: Corpus) -> Story:
    return Story(id="S1", title="t", articles=tuple(a.id for a in corpus.articles))


def _cue_verb(cue: str | None) -> ReportingVerb | None:
    """The reporting verb of a hand-written cue ("a déclaré"), as the quote finder types it."""
    verbs = (reporting_verb(word, word) for word in (cue or "").split())
    return next((v for v in verbs if v is not None), None)
