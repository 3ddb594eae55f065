"""Hand-built reports for the HTML and web-app tests (no NLP needed)."""

from __future__ import annotations

from recoupe.model import (
    Article,
    Duplicate,
    Entity,
    Evidence,
    Finding,
    Mention,
    Quote,
    Rejected,
    Report,
    Role,
    RoleParts,
    Story,
    TimelineEvent,
    TimeRef,
)

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(article: Article, needle: str, nth: int = 0) -> Mention:
    start, end = _span(article.text, needle, nth)
    return Mention(article.id, start, end, needle)


def _role(article: Article, needle: str, key: str) -> Role:
    start, end = _span(article.text, needle)
    return Role(needle, article.id, start, end, needle, RoleParts(function="ministre"), key)


def _evidence(article: Article, needle: str, value: str | None = None) -> Evidence:
    start, end = _span(article.text, needle)
    return Evidence(article.id, start, end, needle, value)


def contradiction_report() -> Report:
    """Two outlets disagreeing on a minister's portfolio, with quotes, times and a timeline."""
    a = Article(
        "a1",
        "Le ministre visite Washington\n"
        "Le ministre de la Défense Avi Lenz a rencontré mardi 26 mars 2024 son homologue. "
        "« Nous ne céderons rien », a déclaré Avi Lenz. Le Conseil a voté.",
        title="Le ministre visite Washington",
        published="2024-03-27",
        source="Le Quotidien",
    )
    b = Article(
        "b2",
        "Visite à Washington\n"
        "Le ministre des Affaires étrangères Lenz est arrivé en mars à Washington. "
        "« La guerre continue », a affirmé M. Lenz. Nina Park a salué la visite.",
        title="Visite à Washington",
        published="2024-03",
        source="L'Hebdo",
    )
    lenz = Entity(
        "E1",
        "person",
        "Avi Lenz",
        ("Avi Lenz", "Lenz", "M. Lenz"),
        (
            _mention(a, "Avi Lenz"),
            _mention(a, "Avi Lenz", 1),
            _mention(b, "Lenz"),
            _mention(b, "Lenz", 1),
        ),
        (
            _role(a, "ministre de la Défense", "minister:defense"),
            _role(b, "ministre des Affaires étrangères", "minister:foreign_affairs"),
        ),
    )
    park = Entity("E2", "person", "Nina Park", ("Nina Park",), (_mention(b, "Nina Park"),))
    washington = Entity(
        "E3",
        "place",
        "Washington",
        ("Washington",),
        (_mention(a, "Washington"), _mention(b, "Washington")),
    )
    q1s, q1e = _span(a.text, "Nous ne céderons rien")
    q2s, q2e = _span(b.text, "La guerre continue")
    quotes = (
        Quote("a1", q1s, q1e, "Nous ne céderons rien", "direct", "E1", "Avi Lenz", "a déclaré"),
        Quote("b2", q2s, q2e, "La guerre continue", "direct", "E1", "M. Lenz", "a affirmé"),
    )
    t1s, t1e = _span(a.text, "mardi 26 mars 2024")
    t2s, t2e = _span(b.text, "en mars")
    times = (
        TimeRef(
            "a1", t1s, t1e, "mardi 26 mars 2024", "date", "2024-03-26", "2024-03-26", "2024-03-26"
        ),
        TimeRef("b2", t2s, t2e, "en mars", "date", "2024-03", "2024-03-01", "2024-03-31"),
    )
    contradiction = Finding(
        "contradiction",
        "Avi Lenz",
        "role",
        "The outlets give Avi Lenz different portfolios.",
        (
            _evidence(a, "ministre de la Défense", "minister:defense"),
            _evidence(b, "ministre des Affaires étrangères", "minister:foreign_affairs"),
        ),
        ("Le Quotidien", "L'Hebdo"),
    )
    corroborated = Finding(
        "corroborated",
        "Avi Lenz",
        "visit",
        "Both outlets report the visit to Washington.",
        (_evidence(a, "Washington"), _evidence(b, "Washington")),
        ("Le Quotidien", "L'Hebdo"),
    )
    single = Finding(
        "single_source",
        "Nina Park",
        "statement",
        "Only L'Hebdo reports that Nina Park welcomed the visit.",
        (_evidence(b, "Nina Park a salué la visite"),),
        ("L'Hebdo",),
    )
    story = Story(
        "S1",
        "Avi Lenz in Washington",
        ("a1", "b2"),
        findings=(contradiction, single, corroborated),
        timeline=(
            TimelineEvent(
                "a1",
                t1s,
                t1e,
                "mardi 26 mars 2024",
                "2024-03-26",
                "2024-03-26",
                "2024-03-26",
                "rencontrer",
                ("E1",),
            ),
            TimelineEvent(
                "b2", t2s, t2e, "en mars", "2024-03-01", "2024-03-31", "2024-03", "arriver", ("E1",)
            ),
        ),
        brief=(
            {
                "text": "Avi Lenz visited Washington.",
                "sources": ["Le Quotidien", "L'Hebdo"],
                "evidence": [
                    {
                        "article": "a1",
                        "start": _span(a.text, "Washington")[0],
                        "end": _span(a.text, "Washington")[1],
                        "text": "Washington",
                    }
                ],
            },
        ),
        published_earliest="2024-03",
        published_latest="2024-03-27",
    )
    return Report(
        articles=(a, b),
        rejected=(Rejected("broken.bin", "binary file, not text"),),
        duplicates=(Duplicate("copy.txt", "a1"),),
        entities=(lenz, park, washington),
        quotes=quotes,
        times=times,
        stories=(story,),
    )


def xss_report() -> Report:
    """An article whose text is hostile markup, with entity and quote spans crossing it."""
    text = (
        f"Titre {XSS_SCRIPT}\n"
        f"Le texte contient {XSS_IMG} et « une citation <b>grasse</b> » de Zed & Cie. "
        "Lien http://example.org/x.js ici."
    )
    article = Article(
        "x1", text, title="Titre", source="Source <i>hostile</i>", published="2024-01-02"
    )
    s, e = _span(text, XSS_IMG)
    qs, qe = _span(text, "une citation <b>grasse</b>")
    zs, ze = _span(text, "Zed & Cie")
    entity = Entity(
        "E1", "organization", "Zed & Cie", ("Zed & Cie",), (Mention("x1", zs, ze, "Zed & Cie"),)
    )
    story = Story(
        "S1",
        f"Story {XSS_SCRIPT}",
        ("x1",),
        findings=(
            Finding(
                "single_source",
                "Zed <svg onload=alert(1)>",
                "claim",
                f"summary {XSS_IMG}",
                (Evidence("x1", s - 5, e + 3, text[s - 5 : e + 3], "<u>v</u>"),),
                ("Source <i>hostile</i>",),
            ),
        ),
    )
    return Report(
        articles=(article,),
        entities=(entity,),
        quotes=(Quote("x1", qs, qe, text[qs:qe], "direct", None, "<em>anon</em>"),),
        stories=(story,),
        rejected=(Rejected("<script>r.txt", "bad <b>input</b>"),),
    )


# --- browser helpers -----------------------------------------------------------------


def artifacts_dir():  # type: ignore[no-untyped-def]
    """test-artifacts/ at the repository root (gitignored), for screenshots."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def active_marks(page):  # type: ignore[no-untyped-def]
    """(article id, text) of every highlighted evidence mark currently visible."""
    return page.eval_on_selector_all(
        "mark[data-ev].hl-active",
        "els => els.map(e => [e.closest('.text').dataset.article, e.textContent, e.getBoundingClientRect().height > 0])",
    )
