"""Which language an article is written in, from its words (py3langid).

The language an input states (a JSON field, a default) is checked against the
text: an article confidently identified as a language recoupe has no model for
is rejected with the reason, rather than analysed as French. ``--language``
(``IngestOptions.language``) forces a language and skips the check.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from recoupe.model import Article, Rejected

# Below these, the identifier guesses (a headline, "Partager:"): keep the stated language.
MIN_WORDS = 12
MIN_CONFIDENCE = 0.90
SAMPLE_CHARS = 3000

LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "ar": "Arabic",
    "tr": "Turkish",
    "zh": "Chinese",
    "ja": "Japanese",
    "ca": "Catalan",
    "ro": "Romanian",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "el": "Greek",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability), or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def check_language(
    article: Article, supported: tuple[str, ...], forced: str | None = None
) -> Article | Rejected:
    """The article with its identified language, or a rejection naming the language."""
    if forced:
        return replace(article, language=forced)
    found = identify(article.text)
    if found is None or found[1] < MIN_CONFIDENCE:
        return article
    code = found[0]
    if code in supported:
        return (
            article
            if article.language.split("-")[0].lower() == code
            else replace(article, language=code)
        )
    return Rejected(
        article.path or article.id,
        f"{language_name(code)} ({code}) — no model for it; --language {code} analyses it anyway",
    )
