"""The at-a-glance layer of a story page: outlet strip, fact x outlet grid, coverage, framing.

Built from the report alone (no template logic): one row per outlet with its
headline and time; a grid giving, for the story's disputed facts (contradictions)
and key facts (facts with values, roles of the people most mentioned), the value
each outlet states, each cell linking to the words that state it; how much of the
corpus each outlet covers and which outlets leave this story out (blindspots);
and the framing table of each outlet (omitted entities, loaded verbs, exclusive
facts, headline focus).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from recoupe.model import Article, Entity, Finding, Report, Story
from recoupe.render.counts import UNKNOWN_OUTLET

MAX_DISPUTED = 5  # grid columns of contradictions (all are listed under Findings)
MAX_KEY_FACTS = 5  # grid columns besides the disputed ones
MAX_PEOPLE_ROWS = 3


def evidence_key(article: str, start: int, end: int) -> str:
    """A passage's key when no report registry names it (see ``story_glance(key_of=…)``)."""
    return f"{article}:{start}:{end}"


KeyOf = Callable[[str, int, int], str]


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    articles: tuple[Article, ...]

    @property
    def headline(self) -> str:
        return next((a.title for a in self.articles if a.title), "")

    @property
    def published(self) -> str:
        dates = sorted(a.published for a in self.articles if a.published)
        return dates[0] if dates else ""


@dataclass(frozen=True)
class GridCell:
    values: tuple[str, ...]
    keys: str  # evidence keys of the passages stating them

    @property
    def differs(self) -> bool:
        return len(self.values) > 1


@dataclass(frozen=True)
class GridRow:
    label: str
    kind: str  # "disputed" or "key"
    cells: tuple[GridCell | None, ...]  # one per outlet of the strip, None: not stated
    slot: str = ""  # what is compared (role, number…), translated by the template


@dataclass(frozen=True)
class CoverageBar:
    outlet: str
    stories: int  # stories of the corpus this outlet covers
    articles: int  # its articles in this story (0: a blindspot)
    percent: int  # stories covered out of all stories


@dataclass(frozen=True)
class FramingRow:
    outlet: str
    omitted: tuple[str, ...]
    loaded_verbs: tuple[str, ...]
    exclusive_facts: int
    shared_facts: int
    headline_focus: str
    quoted: tuple[str, ...]


@dataclass(frozen=True)
class StoryGlance:
    outlets: tuple[OutletRow, ...]
    grid: tuple[GridRow, ...]
    coverage: tuple[CoverageBar, ...]
    blindspots: tuple[str, ...]
    framing: tuple[FramingRow, ...]
    corpus_stories: int  # stories in the whole corpus (the coverage bars count out of it)


def outlet_name(article: Article) -> str:
    return article.source or f"{UNKNOWN_OUTLET} ({article.id})"


def story_glance(
    report: Report, story: Story, corpus: Report | None = None, key_of: KeyOf = evidence_key
) -> StoryGlance:
    """The glance of one story; ``corpus`` (default ``report``) gives the coverage across stories.

    ``key_of`` names the passage a grid value links to (the HTML report's own registry).
    """
    by_id = {a.id: a for a in report.articles}
    grouped: dict[str, list[Article]] = defaultdict(list)
    for article_id in story.articles:
        if article_id in by_id:
            grouped[outlet_name(by_id[article_id])].append(by_id[article_id])
    outlets = tuple(
        sorted(
            (OutletRow(name, tuple(articles)) for name, articles in grouped.items()),
            key=lambda row: (row.published or "9999", row.outlet),
        )
    )
    column = {a.id: i for i, row in enumerate(outlets) for a in row.articles}
    grid = _disputed_rows(story, column, len(outlets), key_of) + _key_rows(
        report, story, column, len(outlets), key_of
    )
    corpus = corpus or report
    coverage, blindspots = _coverage(corpus, story)
    return StoryGlance(outlets, grid, coverage, blindspots, _framing(story), len(corpus.stories))


def _cells(
    items: list[tuple[str, str, str]], column: dict[str, int], width: int
) -> tuple[GridCell | None, ...]:
    """Cells from (article, value, key) triples: each outlet's values in order, with their passages."""
    values: list[dict[str, None]] = [{} for _ in range(width)]
    keys: list[dict[str, None]] = [{} for _ in range(width)]
    for article, value, key in items:
        if article in column:
            values[column[article]][value] = None
            keys[column[article]][key] = None
    return tuple(
        GridCell(tuple(v), " ".join(k)) if v else None for v, k in zip(values, keys, strict=True)
    )


def _finding_items(finding: Finding, key_of: KeyOf) -> list[tuple[str, str, str]]:
    return [
        (ev.article, ev.value, key_of(ev.article, ev.start, ev.end))
        for ev in finding.evidence
        if ev.value
    ]


def _label(finding: Finding) -> str:
    title = getattr(finding, "title", "") or ""
    return str(title) if title else finding.subject


def _slot(finding: Finding) -> str:
    return "" if getattr(finding, "title", "") or finding.slot in ("fact", "") else finding.slot


def _disputed_rows(
    story: Story, column: dict[str, int], width: int, key_of: KeyOf
) -> tuple[GridRow, ...]:
    contradictions = [
        f
        for f in story.findings
        if f.kind == "contradiction" and any(ev.value for ev in f.evidence)
    ]
    rows = [
        GridRow(_label(f), "disputed", _cells(_finding_items(f, key_of), column, width), _slot(f))
        for f in contradictions[:MAX_DISPUTED]
    ]
    return tuple(rows[:MAX_DISPUTED])


def _key_rows(
    report: Report, story: Story, column: dict[str, int], width: int, key_of: KeyOf
) -> tuple[GridRow, ...]:
    """Facts with values several outlets state, then the roles of the people most mentioned."""
    rows: list[GridRow] = []
    for finding in story.findings:
        if finding.kind == "contradiction":
            continue
        if len(rows) >= MAX_KEY_FACTS or not any(ev.value for ev in finding.evidence):
            continue
        if len({column.get(ev.article) for ev in finding.evidence if ev.value} - {None}) >= 2:
            items = _finding_items(finding, key_of)
            rows.append(
                GridRow(_label(finding), "key", _cells(items, column, width), _slot(finding))
            )
    in_story = set(story.articles)
    people = sorted(
        (
            e
            for e in report.entities
            if e.type == "person" and any(r.article in in_story for r in e.roles)
        ),
        key=lambda e: -sum(m.article in in_story for m in e.mentions),
    )
    disputed_roles = {
        f.subject for f in story.findings if f.kind == "contradiction" and f.slot == "role"
    }
    people = [p for p in people if p.name not in disputed_roles]
    for person in people[:MAX_PEOPLE_ROWS]:
        rows.append(
            GridRow(
                person.name, "key", _role_cells(person, in_story, column, width, key_of), "role"
            )
        )
    return tuple(rows[:MAX_KEY_FACTS])


def _role_cells(
    person: Entity, in_story: set[str], column: dict[str, int], width: int, key_of: KeyOf
) -> tuple[GridCell | None, ...]:
    items = [
        (role.article, role.title, key_of(role.article, role.start, role.end))
        for role in person.roles
        if role.article in in_story
    ]
    return _cells(items, column, width)


def _coverage(report: Report, story: Story) -> tuple[tuple[CoverageBar, ...], tuple[str, ...]]:
    """Each named outlet of the corpus: stories it covers, its articles here; those absent here."""
    outlet_of = {a.id: a.source for a in report.articles if a.source}
    stories_of: dict[str, set[str]] = defaultdict(set)
    for other in report.stories:
        for article in other.articles:
            if article in outlet_of:
                stories_of[outlet_of[article]].add(other.id)
    here: dict[str, int] = defaultdict(int)
    for article in story.articles:
        if article in outlet_of:
            here[outlet_of[article]] += 1
    total = max(1, len(report.stories))
    bars = tuple(
        sorted(
            (
                CoverageBar(
                    outlet, len(covered), here.get(outlet, 0), round(100 * len(covered) / total)
                )
                for outlet, covered in stories_of.items()
            ),
            key=lambda bar: (-bar.articles, -bar.stories, bar.outlet),
        )
    )
    blindspots = tuple(bar.outlet for bar in bars if bar.articles == 0)
    return bars, blindspots


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),) if value else ()


def _framing(story: Story) -> tuple[FramingRow, ...]:
    rows = []
    for row in story.coverage:
        rows.append(
            FramingRow(
                outlet=str(row.get("outlet") or UNKNOWN_OUTLET),
                omitted=_strings(row.get("omitted")),
                loaded_verbs=_strings(row.get("loaded_verbs")),
                exclusive_facts=int(row.get("exclusive_facts") or 0),
                shared_facts=int(row.get("shared_facts") or 0),
                headline_focus=str(row.get("headline_focus") or ""),
                quoted=_strings(row.get("quoted_words")),
            )
        )
    return tuple(rows)
