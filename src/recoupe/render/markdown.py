"""The Markdown report: readable on its own, every item citing its article."""

from __future__ import annotations

import re
from collections import defaultdict

from recoupe.model import Entity, Finding, Quote, Report, Story
from recoupe.render.counts import outlet_counts, plural

FINDING_HEADINGS = (
    ("contradiction", "Contradictions"),
    ("single_source", "Reported by one outlet only"),
    ("corroborated", "Corroborated"),
)


# Characters that can start markup anywhere in a line (values never start a line):
# code, emphasis, links and images, HTML tags, headings, table cells, entities,
# strike-through. CommonMark lets any ASCII punctuation be backslash-escaped.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|&~])")


def _md(text: object) -> str:
    """Any user-controlled string (id, file name, title, outlet, quote) as inert Markdown text.

    Whitespace (newlines included) collapses to single spaces, so no value can open
    a new block; every markup character is backslash-escaped, so none forms a tag,
    a link, an entity or a table cell.
    """
    if text is None or text == "":
        return ""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def _outlet(report: Report, article_id: str) -> str:
    try:
        article = report.article(article_id)
    except KeyError:
        return _md(article_id)
    return f"{_md(article.source) or 'unknown outlet'} ({_md(article_id)})"


def render_markdown(report: Report) -> str:
    lines: list[str] = ["# recoupe report", ""]
    lines += _overview(report)
    for story in report.stories:
        lines += _story(report, story)
    lines += _people(report)
    lines += _quotes(report)
    lines += _times(report)
    return "\n".join(lines).rstrip() + "\n"


def _overview(report: Report) -> list[str]:
    outlets = outlet_counts(report)
    lines = [
        f"{plural(len(report.articles), 'article')} analysed, {len(report.rejected)} rejected, "
        f"{plural(len(report.duplicates), 'duplicate')}; {plural(len(outlets), 'outlet')}; "
        f"{plural(len(report.stories), 'story')}.",
        "",
        "## Articles",
        "",
        "| id | outlet | published | headline |",
        "|---|---|---|---|",
    ]
    for a in report.articles:
        lines.append(
            f"| {_md(a.id)} | {_md(a.source) or '—'} | {_md(a.published) or '—'} | {_md(a.title) or '—'} |"
        )
    lines.append("")
    if report.rejected:
        lines += ["## Rejected inputs", ""]
        lines += [f"- {_md(r.path)}: {_md(r.reason)}" for r in report.rejected]
        lines.append("")
    if report.duplicates:
        lines += ["## Duplicates (analysed once)", ""]
        lines += [f"- {_md(d.path)} = {_md(d.duplicate_of)}" for d in report.duplicates]
        lines.append("")
    return lines


def _story(report: Report, story: Story) -> list[str]:
    lines = [f"## Story {_md(story.id)}: {_md(story.title)}", ""]
    lines.append("Articles: " + ", ".join(_outlet(report, a) for a in story.articles))
    if story.published_earliest or story.published_latest:
        lines.append(f"Published: {_md(story.published_earliest)} – {_md(story.published_latest)}")
    lines.append("")
    if story.brief:
        lines += ["### Brief", ""]
        for item in story.brief:
            cites = ", ".join(_md(str(s)) for s in item.get("sources", ()))
            lines.append(f"- {_md(str(item.get('text', '')))} [{cites}]")
        lines.append("")
    for kind, heading in FINDING_HEADINGS:
        found = [f for f in story.findings if f.kind == kind]
        if found:
            lines += [f"### {heading}", ""]
            lines += [line for f in found for line in _finding(report, f)]
            lines.append("")
    if story.timeline:
        lines += ["### Timeline", ""]
        for event in story.timeline:
            when = _md(event.value) or f"{_md(event.earliest)} – {_md(event.latest)}"
            lines.append(f"- **{when}**: {_md(event.text)} ({_outlet(report, event.article)})")
        lines.append("")
    if story.coverage:
        lines += _coverage(story)
    return lines


def _finding(report: Report, finding: Finding) -> list[str]:
    confidence = f" (confidence {finding.confidence:.0%})" if finding.confidence else ""
    lines = [
        f"- **{_md(finding.title or finding.subject)}** — {_md(finding.slot)}{confidence}: {_md(finding.summary)}"
    ]
    for group in finding.values:
        count = f"{len(group.sources)} outlet{'s' if len(group.sources) > 1 else ''}"
        later = " · later update" if group.later else ""
        lines.append(
            f"  - value **{_md(group.value)}** — {count} ({_md(', '.join(group.sources))}){later}"
        )
    for ev in finding.evidence:
        value = f" → {_md(ev.value)}" if ev.value else ""
        lines.append(
            f"  - {_outlet(report, ev.article)} [{ev.start}:{ev.end}] “{_md(ev.text)}”{value}"
        )
    return lines


def _coverage(story: Story) -> list[str]:
    columns: list[str] = []
    for row in story.coverage:
        columns += [k for k in row if k not in columns]
    lines = ["### Coverage per outlet", "", "| " + " | ".join(_md(c) for c in columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    for row in story.coverage:
        cells = []
        for column in columns:
            value = row.get(column, "")
            if isinstance(value, (list, tuple)):
                value = ", ".join(str(v) for v in value)
            elif isinstance(value, float):
                value = f"{value:.2f}"
            cells.append(_md(str(value)))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def _people(report: Report) -> list[str]:
    people = [e for e in report.entities if e.type == "person"]
    if not people:
        return []
    lines = ["## People", ""]
    for person in people:
        variants = ", ".join(_md(v) for v in person.variants)
        lines.append(f"- **{_md(person.name)}** ({_md(person.id)}; variants: {variants})")
        for role in person.roles:
            lines.append(
                f"  - {_md(role.title)} — {_outlet(report, role.article)} [{role.start}:{role.end}]"
            )
    lines.append("")
    other = [e for e in report.entities if e.type != "person"]
    if other:
        lines += ["## Organisations and places", ""]
        lines += [f"- {_md(e.name)} ({_md(e.type)}, {len(e.mentions)} mentions)" for e in other]
        lines.append("")
    return lines


def _speaker_label(report: Report, quote: Quote, entities: dict[str, Entity]) -> str:
    entity = entities.get(quote.speaker or "")
    if entity is None:
        return _md(quote.speaker_text) or "unattributed"
    roles = dict.fromkeys(r.title for r in entity.roles)
    return _md(entity.name) + (f" ({_md('; '.join(roles))})" if roles else "")


def _quotes(report: Report) -> list[str]:
    if not report.quotes:
        return []
    entities = {e.id: e for e in report.entities}
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in report.quotes:
        by_speaker[_speaker_label(report, quote, entities)].append(quote)
    lines = ["## Quotes by speaker", ""]
    for speaker, quotes in by_speaker.items():
        lines += [f"### {speaker}", ""]
        for q in quotes:
            cue = f", cue “{_md(q.cue)}”" if q.cue else ""
            lines.append(f"- ({_md(q.kind)}{cue}) “{_md(q.text)}” — {_outlet(report, q.article)}")
        lines.append("")
    return lines


def _times(report: Report) -> list[str]:
    if not report.times:
        return []
    lines = [
        "## Time expressions",
        "",
        "| article | expression | value | interval |",
        "|---|---|---|---|",
    ]
    for t in report.times:
        interval = (
            f"{_md(t.earliest) or '?'} – {_md(t.latest) or '?'}"
            if (t.earliest or t.latest)
            else "—"
        )
        lines.append(f"| {_md(t.article)} | {_md(t.text)} | {_md(t.value) or '—'} | {interval} |")
    lines.append("")
    return lines
