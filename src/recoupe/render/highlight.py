"""Article text as HTML with marked spans built from character offsets.

Spans may nest or cross. They are opened outermost-first (longer spans
outside) and, when one span ends inside another that started later, the inner
ones are closed and reopened: every element stays well-formed and every piece
of text is escaped exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One highlighted range of an article: ``tag`` with ``classes`` and ``attrs``."""

    start: int
    end: int
    classes: tuple[str, ...]
    attrs: Mapping[str, str] = field(default_factory=dict)
    tag: str = "mark"
    title: str | None = None
    order: int = 0  # among spans with the same range, lower opens outside


def _open_tag(span: Span, fragment: int) -> str:
    parts = [f"<{span.tag}"]
    classes = list(span.classes)
    if fragment:
        classes.append("frag")
    if classes:
        parts.append(f' class="{escape(" ".join(classes))}"')
    for name, value in span.attrs.items():
        parts.append(f' {name}="{escape(value)}"')
    if span.title:
        parts.append(f' title="{escape(span.title)}"')
    return "".join(parts) + ">"


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with each valid span wrapped in its element."""
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)),
        key=lambda s: (s.start, -s.end, s.order),
    )
    starts: dict[int, list[Span]] = {}
    boundaries = {0, len(text)}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
        boundaries.update((span.start, span.end))
    out: list[str] = []
    stack: list[Span] = []
    fragments: dict[int, int] = {}
    ordered = sorted(boundaries)
    for position, following in zip(ordered, [*ordered[1:], None], strict=True):
        if any(s.end == position for s in stack):
            keep = _close_ending(stack, position, out)
            for span in keep:
                fragments[id(span)] = fragments.get(id(span), 0) + 1
                out.append(_open_tag(span, fragments[id(span)]))
                stack.append(span)
        for span in starts.get(position, ()):
            out.append(_open_tag(span, 0))
            stack.append(span)
        if following is not None:
            out.append(str(escape(text[position:following])))
    for span in reversed(stack):
        out.append(f"</{span.tag}>")
    return Markup("".join(out))


def _close_ending(stack: list[Span], position: int, out: list[str]) -> Sequence[Span]:
    """Close every open span down to the deepest one ending here; return those to reopen."""
    deepest = min(i for i, s in enumerate(stack) if s.end == position)
    closed = stack[deepest:]
    del stack[deepest:]
    for span in reversed(closed):
        out.append(f"</{span.tag}>")
    return [s for s in closed if s.end != position]
