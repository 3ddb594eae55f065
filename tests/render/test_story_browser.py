"""The story page in headless Chromium at 1400 px and 390 px: strip, grid, back link, French, no overflow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from html_helpers import active_marks, artifacts_dir
from story_helpers import two_story_report

from recoupe.model import Report
from recoupe.render.html import render_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = (1400, 900)
PHONE = (390, 844)


def _open(
    browser: Any, report: Report, tmp_path: Path, size: tuple[int, int], language: str | None = None
) -> Any:
    path = tmp_path / f"report-{size[0]}.html"
    path.write_text(render_html(report, language), "utf-8")
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    return page


def _no_horizontal_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.body.scrollWidth") <= width


def _contradiction_click_and_back(page: Any) -> None:
    card = page.locator('article.card[data-kind="contradiction"]').first
    card.scroll_into_view_if_needed()
    card.click()
    texts = sorted(text for _, text, _ in active_marks(page))
    assert texts == ["ministre de la Défense", "ministre des Affaires étrangères"]
    back = page.locator("#back-link")
    assert back.is_visible()
    card_id = card.get_attribute("id")
    assert back.get_attribute("href") == f"#{card_id}"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # far from the card
    back.click()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        arg=card_id,
    )
    assert not back.is_visible()


def test_laptop_outlet_strip_grid_and_contradiction(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, two_story_report(), tmp_path, LAPTOP, "en")
    strip = page.locator("#story-S1 table.strip")
    assert strip.is_visible()
    rows = strip.locator("tbody tr")
    assert rows.count() == 2
    assert [rows.nth(i).locator("th").inner_text() for i in range(2)] == ["L'Hebdo", "Le Quotidien"]
    disputed = strip.locator("thead th.fact-disputed")
    assert disputed.count() == 1 and "Avi Lenz" in disputed.inner_text()
    value = rows.nth(1).locator("td.fact-disputed .grid-value")
    assert value.inner_text() == "minister:defense"
    value.click()
    assert [text for _, text, _ in active_marks(page)] == ["ministre de la Défense"]
    assert page.locator("#story-S1 .blindspots").inner_text().startswith("Blindspot: La Gazette")
    assert page.locator("#story-S1 table.framing tbody tr").count() == 2
    page.locator("#story-S1").screenshot(path=str(artifacts_dir() / "story-laptop-strip.png"))
    _contradiction_click_and_back(page)
    _no_horizontal_overflow(page, LAPTOP[0])


def test_phone_french_interface_cards_and_no_overflow(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, two_story_report(), tmp_path, PHONE)  # a French corpus: French by default
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").inner_text() == "Rapport de recoupement"
    assert page.locator("#story-S1-strip").inner_text() == "Les médias en un coup d'œil"
    _no_horizontal_overflow(page, PHONE[0])
    # tables become cards: no header row shown, each row a block with labelled cells
    strip = page.locator("#story-S1 table.strip")
    assert strip.locator("thead").bounding_box()["height"] <= 1  # type: ignore[index]
    first = strip.locator("tbody tr").first
    assert first.evaluate("e => getComputedStyle(e).display") == "block"
    label = first.locator("td.fact-disputed").evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert "Avi Lenz" in label and "rôle" in label
    page.evaluate("window.scrollTo(0, document.getElementById('story-S1').offsetTop)")
    page.screenshot(path=str(artifacts_dir() / "story-phone-fr.png"))
    _contradiction_click_and_back(page)
    page.screenshot(path=str(artifacts_dir() / "story-phone-back.png"))
    _no_horizontal_overflow(page, PHONE[0])


def test_phone_sample_report_has_no_horizontal_overflow(
    browser: Any, sample_report: Report, tmp_path: Path
) -> None:
    page = _open(browser, sample_report, tmp_path, PHONE)
    _no_horizontal_overflow(page, PHONE[0])
    ids = page.locator(".overview table code").first
    box = ids.bounding_box()
    assert (
        box is not None and box["height"] < 40
    )  # an article id is not broken every two characters
    page.screenshot(path=str(artifacts_dir() / "sample-phone.png"), full_page=False)
