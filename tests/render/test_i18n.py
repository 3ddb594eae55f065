"""The interface in French and English: catalog complete, French by default for French corpora."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from html_helpers import contradiction_report

from recoupe.render.html import FINDING_GROUPS, render_html
from recoupe.render.i18n import PLURAL_NOUNS, interface_language, plural_of, translations

PO = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "recoupe"
    / "render"
    / "locale"
    / "fr"
    / "LC_MESSAGES"
    / "recoupe.po"
)
TEMPLATES = PO.parents[3] / "templates"
SERVE = PO.parents[4] / "serve"  # the web app: its templates and the messages app.py marks N_()


def _catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def _messages(directory: Path) -> list[str | tuple[str, ...]]:
    method = [("**.html", "jinja2"), ("**.py", "python")]
    options = {
        "**.html": {
            "extensions": "jinja2.ext.i18n,jinja2.ext.do",
            "trim_blocks": "true",
            "lstrip_blocks": "true",
        }
    }
    return [
        message
        for _, _, message, *_ in extract_from_dir(str(directory), method, options_map=options)
    ]


@pytest.mark.parametrize(("directory", "least"), [(TEMPLATES, 60), (SERVE, 50)])
def test_every_template_message_has_a_french_translation(directory: Path, least: int) -> None:
    catalog = _catalog()
    found = _messages(directory)
    assert len(found) > least
    for message in found:
        key = message if isinstance(message, str) else message[0]
        entry = catalog.get(key)
        assert entry is not None and all(
            entry.string if isinstance(entry.string, tuple) else [entry.string]
        ), key


def test_plural_nouns_and_python_headings_are_translated() -> None:
    fr = translations("fr")
    for noun in PLURAL_NOUNS:
        assert plural_of(fr, 2, noun) != f"2 {PLURAL_NOUNS[noun]}" or noun in (
            "article",
            "contradiction",
            "expression",
            "mention",
            "duplicate",
        )
    for _, heading in FINDING_GROUPS:
        assert fr.gettext(heading)
    assert plural_of(fr, 0, "story") == "0 histoire" and plural_of(fr, 2, "story") == "2 histoires"
    assert plural_of(translations("en"), 0, "story") == "0 stories"


def test_french_by_default_for_a_french_corpus_and_english_on_request() -> None:
    report = contradiction_report()
    assert interface_language(report) == "fr"
    french = render_html(report)
    assert (
        '<html lang="fr">' in french
        and "Rapport de recoupement" in french
        and "Chronologie" in french
    )
    english = render_html(report, "en")
    assert (
        '<html lang="en">' in english
        and "Cross-check report" in english
        and "Chronologie" not in english
    )
    other = dataclasses.replace(
        report, articles=tuple(dataclasses.replace(a, language="en") for a in report.articles)
    )
    assert interface_language(other) == "en"
    with pytest.raises(ValueError):
        interface_language(report, "de")


def test_translations_escape_their_values() -> None:
    report = contradiction_report()
    hostile = dataclasses.replace(report.articles[1], source="<b>L'Hebdo</b>")
    html = render_html(dataclasses.replace(report, articles=(report.articles[0], hostile)))
    assert "<b>L" not in html and "&lt;b&gt;L" in html


def test_the_catalog_is_package_data() -> None:
    import tomllib

    data = tomllib.loads((PO.parents[6] / "pyproject.toml").read_text("utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["recoupe"]
    assert "render/locale/*/LC_MESSAGES/*.po" in patterns
    assert jinja2.__version__
