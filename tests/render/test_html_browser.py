"""The HTML report in headless Chromium: click to the evidence, no request, no XSS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from html_helpers import (
    XSS_IMG,
    XSS_SCRIPT,
    active_marks,
    artifacts_dir,
    contradiction_report,
    xss_report,
)

from recoupe.model import Report
from recoupe.render.html import render_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Opened:
    def __init__(self, page: Any, requests: list[str]) -> None:
        self.page = page
        self.requests = requests


def _open(
    browser: Any,
    report: Report,
    tmp_path: Path,
    width: int = 1280,
    height: int = 800,
    language: str = "en",
) -> Opened:
    path = tmp_path / "report.html"
    path.write_text(render_html(report, language), "utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    return Opened(page, requests)


def _only_local(requests: list[str]) -> None:
    assert requests, "the page load itself is a request"
    assert all(url.startswith(("file://", "data:")) for url in requests), requests


def test_seeds_gallant_role_contradiction_highlights_both_articles(
    browser: Any, seeds_report: Report, tmp_path: Path
) -> None:
    opened = _open(browser, seeds_report, tmp_path)
    page = opened.page
    card = page.locator(
        'article.card[data-kind="contradiction"][data-slot*="role" i][data-subject*="Gallant"]'
    ).first
    assert card.count() == 1, "no role contradiction about Yoav Gallant in the seeds report"
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    card.click()
    keys = set((card.get_attribute("data-evidence") or "").split())
    lit = set(
        page.eval_on_selector_all("mark[data-ev].hl-active", "els => els.map(e => e.dataset.ev)")
    )
    assert len(keys) >= 2 and lit == keys
    marks = active_marks(page)
    assert all(shown for _, _, shown in marks)
    texts = " | ".join(text.casefold() for _, text, _ in marks)
    assert "affaires étrangères" in texts and "défense" in texts, marks
    page.screenshot(path=str(artifacts_dir() / "seeds-report-contradiction.png"))
    _only_local(opened.requests)


def test_click_and_keyboard_highlight_the_evidence(browser: Any, tmp_path: Path) -> None:
    opened = _open(browser, contradiction_report(), tmp_path)
    page = opened.page
    card = page.locator(
        'article.card[data-kind="contradiction"][data-slot="role"][data-subject="Avi Lenz"]'
    )
    assert card.is_visible()
    card.click()
    assert sorted(text for _, text, _ in active_marks(page)) == [
        "ministre de la Défense",
        "ministre des Affaires étrangères",
    ]
    assert card.get_attribute("aria-current") == "true"
    page.screenshot(path=str(artifacts_dir() / "report-laptop-contradiction.png"), full_page=True)

    page.keyboard.press("Escape")
    assert active_marks(page) == []
    single = page.locator('article.card[data-kind="single_source"]')
    assert not single.is_visible()  # single-source claims are grouped per outlet, collapsed
    page.locator("details.by-outlet > summary").first.click()
    single.focus()
    page.keyboard.press("Enter")
    assert [text for _, text, _ in active_marks(page)] == ["Nina Park a salué la visite"]
    corroborated = page.locator('article.card[data-kind="corroborated"]')
    corroborated.focus()
    page.keyboard.press(" ")
    assert sorted(article for article, _, _ in active_marks(page)) == ["a1", "b2"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    _only_local(opened.requests)


def test_evidence_is_scrolled_into_view_on_a_phone(browser: Any, tmp_path: Path) -> None:
    long = contradiction_report()
    from dataclasses import replace

    # push the evidence far down its article so the article must scroll to it
    padding = "Paragraphe de remplissage sans intérêt. " * 200 + "\n"
    shifted = []
    for article in long.articles:
        head, _, body = article.text.partition("\n")
        shifted.append(replace(article, text=f"{head}\n{padding}{body}"))
    delta = len(padding)

    def move(item: Any) -> Any:
        return replace(item, start=item.start + delta, end=item.end + delta)

    story = long.stories[0]
    findings = tuple(
        replace(f, evidence=tuple(move(e) for e in f.evidence)) for f in story.findings
    )
    report = replace(
        long,
        articles=tuple(shifted),
        entities=(),
        quotes=(),
        times=(),
        stories=(replace(story, findings=findings, timeline=(), brief=()),),
    )
    opened = _open(browser, report, tmp_path, width=390, height=844)
    page = opened.page
    page.locator('article.card[data-kind="contradiction"]').click()
    page.wait_for_timeout(300)
    for handle in page.query_selector_all("mark[data-ev].hl-active"):
        inside = handle.evaluate(
            """m => { const box = m.closest('.text').getBoundingClientRect();
                      const r = m.getBoundingClientRect();
                      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }"""
        )
        assert inside
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot(path=str(artifacts_dir() / "report-phone-contradiction.png"))


def test_hostile_article_renders_as_text(browser: Any, tmp_path: Path) -> None:
    opened = _open(browser, xss_report(), tmp_path)
    page = opened.page
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("typeof window.alert") == "function"
    text = page.locator(".source .text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.locator(".source .text img, .source .text script").count() == 0
    page.locator("details.by-outlet > summary").first.click()
    page.locator('article.card[data-kind="single_source"]').click()
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=str(artifacts_dir() / "report-xss.png"), full_page=True)
    _only_local(opened.requests)
