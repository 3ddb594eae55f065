"""What a search query means, the same over a report in memory and over the store.

A query is words and "quoted phrases". Words are compared by their French
stem (Snowball), case and accents folded: ``blessé`` finds ``blessés`` and
``blessées``. An elided article or pronoun (``l'``, ``d'``, ``qu'``) is not a
word of its own, whichever apostrophe is typed (' ’ ʼ), so ``l’Intérieur``
finds ``l'Intérieur`` and never every ``l``. Outside quotes, function words
(``de``, ``la``, ``et``…) are left out. A text matches when every word and
phrase occurs in it, as whole words (``port`` does not find ``sport``); the
matches are the places each occurs. The store narrows candidates with its
full-text index (:func:`index_prefixes`), then applies the same
:func:`find_matches`, so both modes return the same hits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)$")
_APOSTROPHE_AFTER = re.compile(r"['’ʼ‘`´]")
_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|«\s*([^»]+?)\s*»')
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "il",
        "ils",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "mais",
        "ne",
        "ni",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "un",
        "une",
        "vous",
        "y",
        "est",
        "sont",
        "été",
    ]
)


@dataclass(frozen=True)
class Query:
    phrases: tuple[tuple[str, ...], ...]  # each a sequence of stems; a word is a phrase of one

    def __bool__(self) -> bool:
        return bool(self.phrases)


@dataclass(frozen=True)
class Token:
    stem: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower case without accents."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:  # type: ignore[name-defined]
    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The folded French stem of a word (stemmed before folding: the algorithm reads accents)."""
    return fold(_stemmer().stemWord(word.casefold()))


def tokens(text: str) -> list[Token]:
    """Words with their offsets; elided articles and pronouns (``l'``, ``qu'``) left out."""
    out: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        follows = text[match.end() : match.end() + 1]
        if _ELIDED.match(word.casefold()) and _APOSTROPHE_AFTER.match(follows):
            continue
        out.append(Token(stem(word), match.start(), match.end()))
    return out


def parse_query(query: str) -> Query:
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(query):
        words = tuple(t.stem for t in tokens(next(g for g in match.groups() if g)))
        if words:
            phrases.append(words)
    rest = _PHRASE.sub(" ", query)
    for token in tokens(rest):
        if fold(rest[token.start : token.end]) not in STOPWORDS:
            phrases.append((token.stem,))
    return Query(tuple(dict.fromkeys(phrases)))


def find_matches(text: str, query: Query) -> list[tuple[int, int]]:
    """Offsets of every occurrence of each phrase, or [] unless all of them occur."""
    if not query:
        return []
    words = tokens(text)
    stems = [t.stem for t in words]
    spans: list[tuple[int, int]] = []
    for phrase in query.phrases:
        found = [
            (words[i].start, words[i + len(phrase) - 1].end)
            for i in range(len(stems) - len(phrase) + 1)
            if tuple(stems[i : i + len(phrase)]) == phrase
        ]
        if not found:
            return []
        spans += found
    return sorted(set(spans))


def index_prefixes(query: Query) -> list[str]:
    """Folded word prefixes a full-text index can look up to find every text that may match.

    A superset: the store checks each candidate with :func:`find_matches`. A stem
    is not always a prefix of its words (chevaux -> cheval), so the last letters
    are cut.
    """
    prefixes = []
    for phrase in query.phrases:
        for word in phrase:
            prefixes.append(word[: max(4, len(word) - 2)] if len(word) > 4 else word)
    return list(dict.fromkeys(prefixes))
