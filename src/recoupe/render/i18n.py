"""The report's interface language: gettext catalogs read with Babel, used by Jinja's i18n extension.

Templates mark their words with ``_("…")`` / ``ngettext(…)`` (jinja2.ext.i18n,
new-style, so placeholders are named and escaped). Translations live in
``render/locale/<lang>/LC_MESSAGES/recoupe.po``, shipped as package data and
compiled in memory when first used, so an installed package needs no build step.
The web app's pages (``serve/templates``, and messages ``recoupe.serve.app`` marks with ``N_``)
share the catalog. Update it with ``pybabel extract -F babel.cfg -o messages.pot .``
then ``pybabel update -i messages.pot -d src/recoupe/render/locale -D recoupe``.
"""

from __future__ import annotations

import gettext
import io
from collections import Counter
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from recoupe.model import Report

LANGUAGES = ("en", "fr")  # English is the source language of the templates
DOMAIN = "recoupe"

# Nouns the templates count with the ``plural`` filter: their plural form in English.
PLURAL_NOUNS: dict[str, str] = {
    "article": "articles",
    "outlet": "outlets",
    "story": "stories",
    "duplicate": "duplicates",
    "rejected input": "rejected inputs",
    "contradiction": "contradictions",
    "corroborated fact": "corroborated facts",
    "more corroborated fact": "more corroborated facts",
    "mention": "mentions",
    "entity mention": "entity mentions",
    "quote": "quotes",
    "time expression": "time expressions",
    "expression": "expressions",
    "more passage": "more passages",
    "more finding": "more findings",
    "more quote": "more quotes",
}


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` (English: the messages as written)."""
    if language == "en":
        return gettext.NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(
            f"no interface language {language!r}; choose one of {', '.join(LANGUAGES)}"
        )
    po = resources.files("recoupe.render").joinpath(
        "locale", language, "LC_MESSAGES", f"{DOMAIN}.po"
    )
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def interface_language(report: Report, requested: str | None = None) -> str:
    """The language asked for, else French when most articles are French, else English."""
    if requested and requested != "auto":
        if requested not in LANGUAGES:
            raise ValueError(
                f"no interface language {requested!r}; choose one of {', '.join(LANGUAGES)}"
            )
        return requested
    languages = Counter((a.language or "").split("-")[0].lower() for a in report.articles)
    if languages and languages["fr"] * 2 >= sum(languages.values()):
        return "fr"
    return "en"


def plural_of(translation: gettext.NullTranslations, count: int, noun: str) -> str:
    """``3 articles`` / ``3 articles`` in French, ``0 article`` (French counts 0 as singular)."""
    many = PLURAL_NOUNS.get(noun, noun + "s")
    return translation.ngettext(f"%(num)d {noun}", f"%(num)d {many}", count) % {"num": count}
