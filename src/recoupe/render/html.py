"""The self-contained HTML report: one file, inline CSS/JS/SVG, no network request.

:func:`story_view` builds everything one story's section shows (also used by
the web app); templates in ``render/templates/`` draw it with autoescaping on.
Every piece of article text is escaped once, in :mod:`recoupe.render.highlight`.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from recoupe.model import Article, Entity, Evidence, Finding, Quote, Report, Story
from recoupe.render.charts import BarChart, TimelineChart, grouped_bars
from recoupe.render.counts import UNKNOWN_OUTLET, outlet_counts, plural, unknown_outlet_articles
from recoupe.render.highlight import Span, highlight
from recoupe.render.i18n import interface_language, plural_of, translations
from recoupe.render.story_page import StoryGlance, story_glance
from recoupe.render.timeline import EventView, story_timeline

TOP_FACTS = 8  # cards of a kind shown in full before "N more" (one line each)
CHART_OUTLETS = 12  # outlets drawn in "who each outlet quotes"
QUOTES_SHOWN = 6  # quotes listed per speaker before "N more quotes" (all highlighted)
FINDING_GROUPS = (
    ("contradiction", "Contradictions"),
    ("single_source", "Reported by one outlet only"),
    ("corroborated", "Corroborated"),
)


@dataclass
class _Passages:
    """Passages of a story that something links to (evidence, roles, quotes, events)."""

    spans: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))
    findings: set[str] = field(default_factory=set)  # keys underlined in the articles
    keys: dict[tuple[str, int, int], str] = field(default_factory=dict)

    def add(self, article: str, start: int, end: int, finding: bool = False) -> str:
        """The short key of a passage (``p1a``), the same for the same words; unique in its story."""
        key = self.keys.get((article, start, end))
        if key is None:
            key = self.keys[(article, start, end)] = "p" + _base36(len(self.keys))
            self.spans[article][key] = (start, end)
        if finding:
            self.findings.add(key)
        return key

    def locate(self, key: str) -> tuple[str, int, int]:
        """The (article, start, end) of a key."""
        return next(place for place, known in self.keys.items() if known == key)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[number % 36]
    while number >= 36:
        number //= 36
        out = digits[number % 36] + out
    return out


def value_labels(finding: Finding) -> tuple[str, ...]:
    """A contradiction's values grouped: "47 blessés — 3 outlets", "52 blessés — 1 outlet · later update"."""
    return tuple(
        f"{g.value} — {len(g.sources)} outlet{'s' if len(g.sources) > 1 else ''}"
        + (" · later update" if g.later else "")
        for g in finding.values
    )


@dataclass(frozen=True)
class Cited:
    """A passage shown in a card: its outlet, text and (optional) the value it states."""

    key: str
    article: str
    outlet: str
    text: str
    value: str | None = None


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    keys: str
    evidence: tuple[Cited, ...]
    values: tuple[str, ...]
    show_summary: bool = True  # False when the summary only repeats the quoted evidence

    @property
    def by_value(self) -> tuple[ValueEvidence, ...]:
        """The evidence collapsed by value: a few passages each, the rest counted."""
        return collapse_by_value(self.evidence)


@dataclass(frozen=True)
class ValueEvidence:
    value: str | None
    outlets: tuple[str, ...]
    shown: tuple[Cited, ...]  # the first passages (one per outlet)
    more: int  # passages not listed (still highlighted when the card is selected)


PASSAGES_PER_VALUE = 3


def collapse_by_value(evidence: tuple[Cited, ...]) -> tuple[ValueEvidence, ...]:
    groups: dict[str | None, list[Cited]] = defaultdict(list)
    for cited in evidence:
        groups[cited.value].append(cited)
    out = []
    for value, items in groups.items():
        outlets = tuple(dict.fromkeys(c.outlet for c in items))
        first_per_outlet = list({c.outlet: c for c in reversed(items)}.values())[::-1]
        shown = tuple(first_per_outlet[:PASSAGES_PER_VALUE])
        out.append(ValueEvidence(value, outlets, shown, len(items) - len(shown)))
    return tuple(out)


@dataclass(frozen=True)
class BriefView:
    text: str
    keys: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class ArticleView:
    article: Article
    outlet: str
    html: Markup
    counts: dict[str, int]


@dataclass(frozen=True)
class PersonView:
    entity: Entity
    variants: tuple[str, ...]
    roles: tuple[Cited, ...]
    mentions: int

    @property
    def role_titles(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """Each distinct title as written: (title, the keys of its passages, outlets stating it)."""
        by_title: dict[str, list[Cited]] = defaultdict(list)
        for role in self.roles:
            by_title[role.text].append(role)
        return tuple(
            (title, " ".join(c.key for c in cited), tuple(dict.fromkeys(c.outlet for c in cited)))
            for title, cited in by_title.items()
        )


@dataclass(frozen=True)
class SpeakerView:
    name: str
    entity_id: str | None
    roles: tuple[str, ...]
    quotes: tuple[tuple[Quote, Cited], ...]


@dataclass(frozen=True)
class StoryView:
    story: Story
    articles: tuple[ArticleView, ...]
    outlets: tuple[str, ...]
    brief: tuple[BriefView, ...]
    findings: tuple[tuple[str, str, tuple[FindingView, ...]], ...]
    people: tuple[PersonView, ...]
    others: tuple[Entity, ...]
    speakers: tuple[SpeakerView, ...]
    outlet_quotes: BarChart
    events: tuple[EventView, ...]
    timeline: TimelineChart
    timeline_from_times: bool
    undated: int
    glance: StoryGlance | None = None
    # single-source findings grouped by the outlet that alone reports them
    single_by_outlet: tuple[tuple[str, tuple[FindingView, ...]], ...] = ()

    def group(self, kind: str) -> tuple[FindingView, ...]:
        return next((views for k, _, views in self.findings if k == kind), ())


def outlet_of(report: Report, article_id: str) -> str:
    try:
        return report.article(article_id).source or UNKNOWN_OUTLET
    except KeyError:
        return UNKNOWN_OUTLET


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def story_view(report: Report, story: Story, corpus: Report | None = None) -> StoryView:
    """Everything one story's section shows, with the passages each item links to.

    ``corpus`` is the whole report when ``report`` is narrowed to the story (the web app).
    """
    in_story = set(story.articles)
    passages = _Passages()
    entities = {e.id: e for e in report.entities}

    def cite(article: str, start: int, end: int, text: str, value: str | None = None) -> Cited:
        key = passages.add(article, start, end)
        return Cited(key, article, outlet_of(report, article), text, value)

    def cite_finding(
        article: str, start: int, end: int, text: str, value: str | None = None
    ) -> Cited:
        key = passages.add(article, start, end, finding=True)
        return Cited(key, article, outlet_of(report, article), text, value)

    findings = []
    for kind, heading in FINDING_GROUPS:
        # Only contradictions underline their passages in the articles; the
        # others still light them up when selected.
        cite_kind = cite_finding if kind == "contradiction" else cite
        views = []
        for finding in story.findings:
            if finding.kind != kind:
                continue
            cited = tuple(_cite_evidence(ev, cite_kind) for ev in finding.evidence)
            values = value_labels(finding) or tuple(
                dict.fromkeys(ev.value for ev in finding.evidence if ev.value)
            )
            views.append(
                FindingView(
                    finding, " ".join(c.key for c in cited), cited, values, _summary_adds(finding)
                )
            )
        findings.append((kind, heading, tuple(views)))
    single_by_outlet: dict[str, list[FindingView]] = defaultdict(list)
    for view in next(views for kind, _, views in findings if kind == "single_source"):
        outlet = view.evidence[0].outlet if view.evidence else ", ".join(view.finding.sources)
        single_by_outlet[outlet].append(view)

    brief = tuple(_brief_item(item, cite) for item in story.brief)
    people, others = _people(report, in_story, cite)
    speakers = _speakers(report, in_story, entities, cite)
    timeline = story_timeline(report, story, cite)
    glance = story_glance(report, story, corpus, key_of=passages.add)  # before the marks are drawn
    articles = tuple(
        _article_view(report, report.article(a), passages, entities)
        for a in story.articles
        if _has_article(report, a)
    )
    outlets = tuple(dict.fromkeys(a.outlet for a in articles))
    return StoryView(
        story=story,
        articles=articles,
        outlets=outlets,
        brief=brief,
        findings=tuple(findings),
        people=people,
        others=others,
        speakers=speakers,
        outlet_quotes=_outlet_quotes(report, articles, entities),
        events=timeline.events,
        timeline=timeline.chart,
        timeline_from_times=timeline.from_times,
        undated=timeline.undated,
        glance=glance,
        single_by_outlet=tuple(
            sorted(
                ((outlet, tuple(views)) for outlet, views in single_by_outlet.items()),
                key=lambda item: (-len(item[1]), item[0]),
            )
        ),
    )


def _summary_adds(finding: Finding) -> bool:
    """Whether a finding's summary says more than its evidence (else the quote would show twice)."""
    summary = " ".join(finding.summary.split())
    return not any(" ".join(ev.text.split()) in summary for ev in finding.evidence if ev.text)


def _has_article(report: Report, article_id: str) -> bool:
    return any(a.id == article_id for a in report.articles)


def _cite_evidence(ev: Evidence, cite: Any) -> Cited:
    return cite(ev.article, ev.start, ev.end, ev.text, ev.value)  # type: ignore[no-any-return]


def _brief_item(item: dict[str, Any], cite: Any) -> BriefView:
    text = str(item.get("text") or item.get("sentence") or item.get("summary") or "")
    cited: list[Cited] = []
    for ev in item.get("evidence") or ():
        if isinstance(ev, dict) and {"article", "start", "end"} <= ev.keys():
            cited.append(
                cite(str(ev["article"]), int(ev["start"]), int(ev["end"]), str(ev.get("text", "")))
            )
    citations = [str(s) for s in item.get("sources") or item.get("citations") or ()]
    if not citations:
        citations = list(dict.fromkeys(c.outlet for c in cited))
    return BriefView(text, " ".join(c.key for c in cited), tuple(citations))


def _people(
    report: Report, in_story: set[str], cite: Any
) -> tuple[tuple[PersonView, ...], tuple[Entity, ...]]:
    people: list[PersonView] = []
    others: list[Entity] = []
    for entity in report.entities:
        mentions = [m for m in entity.mentions if m.article in in_story]
        if not mentions:
            continue
        if entity.type != "person":
            others.append(entity)
            continue
        roles = tuple(
            cite(r.article, r.start, r.end, r.title) for r in entity.roles if r.article in in_story
        )
        variants = tuple(dict.fromkeys([entity.name, *entity.variants]))
        people.append(PersonView(entity, variants, roles, len(mentions)))
    people.sort(key=lambda p: -p.mentions)
    others.sort(key=lambda e: -len(e.mentions))
    return tuple(people), tuple(others)


def speaker_name(quote: Quote, entities: dict[str, Entity]) -> str:
    entity = entities.get(quote.speaker or "")
    if entity is not None:
        return entity.name
    return quote.speaker_text or "unattributed"


def _speakers(
    report: Report, in_story: set[str], entities: dict[str, Entity], cite: Any
) -> tuple[SpeakerView, ...]:
    grouped: dict[str, list[tuple[Quote, Cited]]] = defaultdict(list)
    ids: dict[str, str | None] = {}
    for quote in report.quotes:
        if quote.article not in in_story:
            continue
        name = speaker_name(quote, entities)
        ids[name] = quote.speaker if quote.speaker in entities else None
        grouped[name].append((quote, cite(quote.article, quote.start, quote.end, quote.text)))
    views = []
    for name, quotes in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])):
        entity = entities.get(ids[name] or "")
        roles = tuple(dict.fromkeys(r.title for r in entity.roles)) if entity else ()
        views.append(SpeakerView(name, ids[name], roles, tuple(quotes)))
    return tuple(views)


def _outlet_quotes(
    report: Report, articles: Iterable[ArticleView], entities: dict[str, Entity]
) -> BarChart:
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    story_articles = {a.article.id: a.outlet for a in articles}
    for quote in report.quotes:
        if quote.article in story_articles:
            by_outlet[story_articles[quote.article]][speaker_name(quote, entities)] += 1
    # the outlets quoting most (a chart of sixty outlets reads as noise)
    busiest = sorted(by_outlet.items(), key=lambda item: (-sum(item[1].values()), item[0]))[
        :CHART_OUTLETS
    ]
    groups = [(outlet, counts.most_common()) for outlet, counts in sorted(busiest)]
    return grouped_bars(groups)


def _article_view(
    report: Report, article: Article, passages: _Passages, entities: dict[str, Entity]
) -> ArticleView:
    spans: list[Span] = []
    counts: Counter[str] = Counter()
    for key, (start, end) in passages.spans.get(article.id, {}).items():
        attrs = {"data-ev": key}
        # a passage is a mark[data-ev]; only contradiction passages carry a class (underlined)
        classes = ("ev-finding",) if key in passages.findings else ()
        spans.append(Span(start, end, classes, attrs, order=0))
    for entity in report.entities:
        for mention in entity.mentions:
            if mention.article == article.id:
                # the canonical name only where the words differ ("M. Lenz" -> Avi Lenz)
                title = entity.name if mention.text != entity.name else None
                spans.append(
                    Span(
                        mention.start,
                        mention.end,
                        ("ent", f"ent-{entity.type}"),
                        {},
                        title=title,
                        order=3,
                    )
                )
                counts["entities"] += 1
    for quote in report.quotes:
        if quote.article == article.id:
            name = speaker_name(quote, entities)
            attrs = {"data-speaker": quote.speaker} if quote.speaker else {}
            spans.append(
                Span(
                    quote.start,
                    quote.end,
                    ("quote", f"quote-{quote.kind}"),
                    attrs,
                    tag="span",
                    title=name,
                    order=1,
                )
            )
            counts["quotes"] += 1
    for time in report.times:
        if time.article == article.id:
            when = time.value or " – ".join(x for x in (time.earliest, time.latest) if x) or None
            spans.append(Span(time.start, time.end, ("time",), {}, title=when, order=2))
            counts["times"] += 1
    return ArticleView(
        article, article.source or UNKNOWN_OUTLET, highlight(article.text, spans), dict(counts)
    )


# --- templates ---------------------------------------------------------------


def make_environment(*template_packages: str, language: str = "en") -> jinja2.Environment:
    """A Jinja environment over the given packages' templates, then the report's own.

    Autoescape is on for every template: article text is untrusted. The words of
    the interface are in ``language`` (see :mod:`recoupe.render.i18n`).
    """
    packages = [*template_packages, "recoupe.render"]
    env = jinja2.Environment(
        loader=_Unindented(
            jinja2.ChoiceLoader([jinja2.PackageLoader(p, "templates") for p in packages])
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
    )
    translation = translations(language)
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    install_helpers(env)
    env.globals["lang"] = language
    env.filters["plural"] = lambda count, noun: plural_of(translation, count, noun)
    return env


class _Unindented(jinja2.BaseLoader):
    """Templates without their lines' indentation: repeated per card and per row, it weighs
    a tenth of a large report; between tags a newline already renders as the space it did."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return "\n".join(line.lstrip() for line in source.split("\n")), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


@cache
def environment(language: str = "en") -> jinja2.Environment:
    """The Jinja environment of the report templates, in one interface language."""
    return make_environment(language=language)


def install_helpers(env: jinja2.Environment) -> None:
    """Filters and globals the report templates need (the web app reuses them)."""
    env.globals["story_view"] = story_view
    env.globals["outlet_of"] = outlet_of
    env.filters["short"] = _short
    env.filters["plural"] = plural
    env.filters["stat"] = stat
    env.filters["finding_counts"] = finding_counts
    env.filters["anchor"] = anchor
    env.globals["top_facts"] = TOP_FACTS
    env.globals["quotes_shown"] = QUOTES_SHOWN


def anchor(keys: str) -> str:
    """A short HTML id for a finding, from the passages it cites."""
    return hashlib.sha1(keys.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def stat(counted: str) -> Markup:
    """``3 outlets`` with its number in bold."""
    number, _, noun = counted.partition(" ")
    return Markup("<strong>{}</strong> {}").format(number, noun)


def finding_counts(story: Story) -> list[tuple[str, int]]:
    """What a story list says of a story: its contradictions, then its corroborated facts."""
    kinds = Counter(f.kind for f in story.findings)
    counts = [("contradiction", kinds["contradiction"])]
    if kinds["corroborated"]:
        counts.append(("corroborated fact", kinds["corroborated"]))
    return counts


@cache
def inline_assets() -> tuple[Markup, Markup, str]:
    """The report's CSS, its JS, and the CSP source allowing exactly that script."""
    env = environment()
    css = Markup(env.get_template("report.css").render())
    js = Markup(env.get_template("report.js").render())
    digest = base64.b64encode(hashlib.sha256(str(js).encode("utf-8")).digest()).decode("ascii")
    return css, js, f"'sha256-{digest}'"


def content_security_policy(script_source: str, *, web: bool = False) -> str:
    """No request of any kind; in the web app, same-origin links and forms only."""
    policy = [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        f"script-src {script_source}",
        "img-src data:",
        "base-uri 'none'",
    ]
    if web:
        policy += ["form-action 'self'", "connect-src 'self'"]
    return "; ".join(policy)


def report_context(report: Report) -> dict[str, Any]:
    story_of: dict[str, list[str]] = defaultdict(list)
    for story in report.stories:
        for article in story.articles:
            story_of[article].append(story.id)
    return {
        "report": report,
        "outlets": outlet_counts(report),
        "unknown_outlet_articles": unknown_outlet_articles(report),
        "story_of": story_of,
        "stories": [story_view(report, story) for story in report.stories],
    }


def render_html(report: Report, language: str | None = None) -> str:
    """The whole report as one self-contained HTML document.

    ``language`` is the interface's (``en``, ``fr``); by default French for a French corpus.
    """
    css, js, script_source = inline_assets()
    template = environment(interface_language(report, language)).get_template("report.html")
    return template.render(
        css=css,
        js=js,
        csp=content_security_policy(script_source),
        **report_context(report),
    )
