"""Linking, comparison and report writing at 1k, 5k and 20k articles, against the NLP of the same run.

Parsing 20,000 articles takes hours on 2 cores, so the phases after the NLP
are measured on replicated *analyses*: each size runs in a fresh process that
loads the pipeline (the model stays in memory, as in ``recoupe analyze``),
analyses the seed articles once (the sample and ``../shared/data/news-dev``,
see ``replicated.py``), then makes copy ``k`` of each seed as ``replicated.py``
does (own id, own outlet, one word of the body dropped) at the level of the
analysis: the word is cut from the text, every span after it moves back, the
spans around it lose it, and its sentence loses its lemma. A dropped word never
falls inside an entity mention, a role, a time expression or a speaker's name,
which the parse of the edited text would keep. Then it times, in CPU seconds
(other sessions' load does not count), every phase after the NLP: names,
stories and times (``link/``), and inside the comparison of every story the
statements, facts, findings (corroborated and single-source), ``consistent``,
contradictions, and, for a story of a spilled corpus (above ``api.SPILL_ABOVE``
articles) or one compared by windows (above ``windows.WINDOW_ARTICLES``), the
reading of its articles back from the spill and the merge of its windows' findings
(costs that start where those do: none at 1,000 articles), and the rest (coverage,
brief), then the compact JSON report written to a file. Peak RSS is that process's own (``ru_maxrss`` of a fresh
process: model, articles, analyses, corpus and report together).

A last fresh process gives the NLP cost per article: ``analyse_articles`` over
``--nlp-articles`` text-replicated articles (CPU seconds). Link + compare at N
articles is set against N times that cost; the growth exponent of a phase
between two sizes is log(t2 / t1) / log(n2 / n1) (1.0: linear).

    python benchmarks/scale_bench.py --sizes 1000 5000 20000
    python benchmarks/scale_bench.py --sizes 300 1000 --nlp-articles 100   # quick
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

LINK = ("names", "stories", "times")
COMPARE = (
    "statements",
    "facts",
    "findings",
    "consistent",
    "contradictions",
    "read back",
    "windows' merge",
    "other compare",
)
PHASES = (*LINK, *COMPARE, "report")
_WORD = re.compile(r"\S+")


# --- copies of an analysis ------------------------------------------------------------------


def _protected(analysis: Any) -> list[tuple[int, int]]:
    """Spans the parse of an edited text would keep whole: names, roles, times, speakers."""
    spans = [(m.start, m.end) for e in analysis.entities for m in e.mentions]
    spans += [(r.start, r.end) for e in analysis.entities for r in e.roles]
    spans += [(t.start, t.end) for t in analysis.times]
    spans += [
        (q.speaker_start, q.speaker_end)
        for q in analysis.quotes
        if q.speaker_start is not None and q.speaker_end is not None
    ]
    return spans


def _dropped_word(text: str, analysis: Any, copy: int) -> tuple[int, int] | None:
    """The body word copy ``copy`` loses: as ``replicated.py`` picks it, moved on past
    protected spans (character offsets, the space after it included)."""
    body = text.find("\n") + 1
    words = [m.span() for m in _WORD.finditer(text, body)]
    if len(words) < 2:
        return None
    protected = _protected(analysis)
    first = 1 + (copy * 7919) % (len(words) - 1)
    for k in range(first, first + len(words)):
        start, end = words[k % len(words)]
        if not any(s < end and start < e for s, e in protected):
            stop = words[k % len(words) + 1][0] if k % len(words) + 1 < len(words) else end
            return start, stop
    return None


def _edit(value: Any, cut: tuple[int, int], old: str, new: str, article: str) -> Any:
    """``value`` with its offsets moved past the cut, texts re-read and article ids renamed."""
    if isinstance(value, tuple):
        return tuple(_edit(v, cut, old, new, article) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    start, stop = cut
    width = stop - start

    def moved(at: int | None) -> int | None:
        if at is None or at <= start:
            return at
        return start if at < stop else at - width

    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if f.name == "article" and isinstance(v, str):
            changes[f.name] = article
        elif f.name in {"start", "end", "speaker_start", "speaker_end"} and isinstance(v, int):
            changes[f.name] = moved(v)
        elif isinstance(v, tuple) or dataclasses.is_dataclass(v):
            changes[f.name] = _edit(v, cut, old, new, article)
    if "start" in changes and "end" in changes and getattr(value, "text", None) is not None:
        s, e = value.start, value.end  # type: ignore[attr-defined]
        if old[s:e] == value.text and s < stop and start < e:  # type: ignore[attr-defined]
            changes["text"] = new[changes["start"] : changes["end"]]
    return dataclasses.replace(value, **changes)


def _sentence_lemmas(analysis: Any, cut: tuple[int, int], word: str) -> Any:
    lemma = word.strip(".,;:!?«»\"'()").lower()
    sentences = []
    for sentence in analysis.sentences:
        if sentence.start <= cut[0] < sentence.end and lemma in sentence.lemmas:
            lemmas = list(sentence.lemmas)
            lemmas.remove(lemma)
            sentence = dataclasses.replace(sentence, lemmas=tuple(lemmas))
        sentences.append(sentence)
    return dataclasses.replace(analysis, sentences=tuple(sentences))


def copy_of(article: Any, analysis: Any, copy: int) -> tuple[Any, Any]:
    """Copy ``copy`` of an analysed article, as the NLP of ``replicated.py``'s copy would see it."""
    if copy == 0:
        return article, analysis
    new_id = f"{article.id}~{copy}"
    source = f"{article.source or 'Outlet'} {copy}"
    cut = _dropped_word(article.text, analysis, copy)
    if cut is None:
        cut = (len(article.text), len(article.text))
    text = article.text[: cut[0]] + article.text[cut[1] :]
    edited = _sentence_lemmas(analysis, cut, article.text[cut[0] : cut[1]])
    edited = _edit(edited, cut, article.text, text, new_id)
    copied = dataclasses.replace(article, id=new_id, text=text, source=source, path=None)
    return copied, edited


def replicate_analyses(
    articles: Sequence[Any], analyses: Sequence[Any], count: int
) -> Iterator[tuple[Any, Any]]:
    """``count`` analysed articles, one at a time as the NLP would yield them: the seeds
    round-robin, each round a new edited copy."""
    for i in range(count):
        yield copy_of(articles[i % len(articles)], analyses[i % len(articles)], i // len(articles))


# --- one size, in a fresh process -----------------------------------------------------------


class Clock:
    """CPU seconds per phase, exclusive: a phase called inside another is not counted twice."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []
        self._since = 0.0

    def _switch(self, phase: str | None) -> None:
        now = time.process_time()
        if self._stack:
            self.spent[self._stack[-1]] += now - self._since
        self._since = now
        if phase is None:
            self._stack.pop()
        else:
            self._stack.append(phase)

    def wrap(self, module: Any, name: str, phase: str) -> None:
        inner = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self._switch(phase)
            try:
                return inner(*args, **kwargs)
            finally:
                self._switch(None)

        setattr(module, name, timed)

    def span(self, phase: str) -> _Span:
        return _Span(self, phase)


class _Span:
    def __init__(self, clock: Clock, phase: str) -> None:
        self.clock, self.phase = clock, phase

    def __enter__(self) -> None:
        self.clock._switch(self.phase)

    def __exit__(self, *_: object) -> None:
        self.clock._switch(None)


def _instrument(clock: Clock) -> None:
    import recoupe.api as api
    import recoupe.compare.findings as findings
    import recoupe.compare.windows as windows
    import recoupe.corpus as corpus
    import recoupe.link.stories as stories

    clock.wrap(api, "resolve_entities", "names")
    clock.wrap(stories, "cluster_stories", "stories")
    clock.wrap(api, "narrow_times", "times")
    clock.wrap(api, "compare_story", "other compare")
    clock.wrap(findings, "story_statements", "statements")
    clock.wrap(findings, "clauses", "statements")
    clock.wrap(findings, "facts", "facts")
    clock.wrap(findings, "story_contradictions", "contradictions")
    clock.wrap(findings, "corroborated_findings", "findings")
    clock.wrap(findings, "single_source_findings", "findings")
    clock.wrap(findings, "consistent", "consistent")
    # a spilled story's part of the corpus, its articles read back (as the comparison reads)
    clock.wrap(corpus.Corpus, "restricted", "read back")
    clock.wrap(corpus.Corpus, "read_back", "read back")
    for name in (
        "merged_contradictions",
        "minority_values",
        "merged_corroborations",
        "merged_facts",
        "_cards_with_clauses",
    ):
        clock.wrap(windows, name, "windows' merge")
    for name in ("add", "expect", "__call__"):  # the single-source test over the whole story
        clock.wrap(windows.StorySaid, name, "windows' merge")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(
    size: int, seeds_only: bool, keep: Path | None = None, link_only: bool = False
) -> dict[str, Any]:
    from replicated import seeds

    from recoupe.batch import analyse_articles, split_results

    clock = Clock()
    articles = seeds(sample_only=seeds_only)
    began = time.process_time()
    analysed = split_results(articles, analyse_articles(articles))
    seed_nlp = time.process_time() - began
    _instrument(clock)
    import recoupe.api as api
    from recoupe.render.json import write_json

    seed_count = len(analysed.articles)
    before_rss = _peak_mib()

    def copies(seed_articles: Sequence[Any], seed_analyses: Sequence[Any]) -> Iterator[Any]:
        made = replicate_analyses(seed_articles, seed_analyses, size)
        while True:
            with clock.span("replicate"):  # the benchmark's NLP stand-in: not linking
                pair = next(made, None)
            if pair is None:
                return
            yield pair

    with clock.span("other link"):
        # as ``recoupe analyze``: each copy spilled as it comes (above api.SPILL_ABOVE) and
        # only what linking reads held, then linked
        stream = api.stream_results(copies(analysed.articles, analysed.analyses), size)
    del analysed  # the seeds' analyses: only their copies are linked
    linked_rss = _peak_mib()
    if link_only:  # the stories are compared lazily: none is
        return {
            "articles": size,
            "seed_articles": seed_count,
            "peak_rss_before_link_mib": before_rss,  # model and the seeds' NLP
            "peak_rss_linked_mib": linked_rss,
            **{f"cpu_{phase}": clock.spent.get(phase, 0.0) for phase in (*LINK, "other link")},
        }
    sizes, findings = [], 0

    def counted(stories: Any) -> Any:
        nonlocal findings
        for story in stories:
            sizes.append(len(story.articles))
            findings += len(story.findings)
            yield story

    # as ``recoupe analyze -o REPORT.json``: each story compared as it is written
    with tempfile.TemporaryDirectory() as directory, clock.span("report"):
        out = Path(directory) / "report.json"
        with out.open("w", encoding="utf-8") as handle:
            write_json(stream.head, handle, stories=counted(stream.stories))
        report_bytes = out.stat().st_size
        if keep is not None:  # copied, never read into this process (its peak RSS)
            shutil.copyfile(out, keep)
    sizes.sort(reverse=True)
    return {
        "articles": size,
        "seed_articles": seed_count,
        "seed_nlp_cpu": seed_nlp,
        "stories": len(sizes),
        "largest_stories": sizes[:3],
        "findings": findings,
        "report_kb_per_article": report_bytes / 1024 / size,
        "peak_rss_mib": _peak_mib(),
        "peak_rss_linked_mib": linked_rss,  # the peak once linked, before any comparison
        **{f"cpu_{phase}": clock.spent.get(phase, 0.0) for phase in (*PHASES, "other link")},
    }


def run_nlp(count: int) -> dict[str, Any]:
    from replicated import replicate

    from recoupe.batch import analyse_articles, split_results

    articles = replicate(count)
    split_results(articles[:16], analyse_articles(articles[:16]))  # model load, not counted
    began = time.process_time()
    split_results(articles, analyse_articles(articles))
    spent = time.process_time() - began
    return {"articles": count, "nlp_cpu": spent, "nlp_cpu_per_article": spent / count}


def _fresh(args: Sequence[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, __file__, *args, "--child-json", out.name],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        return dict(json.loads(Path(out.name).read_text("utf-8")))


# --- the table ------------------------------------------------------------------------------


def exponent(n1: float, t1: float, n2: float, t2: float) -> float:
    if t1 <= 0 or t2 <= 0:
        return float("nan")
    return math.log(t2 / t1) / math.log(n2 / n1)


def table(rows: Sequence[dict[str, Any]], nlp: dict[str, Any]) -> str:
    """Markdown: CPU seconds per phase at each size, the growth exponents, ratio, memory."""
    sizes = [r["articles"] for r in rows]
    steps = list(itertools.pairwise(sizes))
    lines = [
        "| CPU seconds | "
        + " | ".join(f"{n:,}" for n in sizes)
        + "".join(f" | exponent {a:,} → {b:,}" for a, b in steps)
        + " |",
        "|---" + "|---:" * (len(sizes) + len(steps)) + "|",
    ]

    def line(label: str, values: Sequence[float], fmt: str = "{:.2f}", growth: bool = True) -> None:
        cells = [fmt.format(v) for v in values]
        pairs = list(zip(sizes, values, strict=True))
        cells += [
            # a phase below 0.01 s (read back, windows' merge at 1,000: they start above it)
            # has no growth to read
            ("—" if x < 0.01 else f"{exponent(a, x, b, y):.2f}") if growth else ""
            for (a, x), (b, y) in itertools.pairwise(pairs)
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for phase in PHASES:
        line(phase, [r[f"cpu_{phase}"] for r in rows])
    link = [sum(r[f"cpu_{p}"] for p in (*LINK, "other link")) for r in rows]
    compare = [sum(r[f"cpu_{p}"] for p in COMPARE) for r in rows]
    line("link, all of it", link)
    line("compare, all of it", compare)
    per_article = nlp["nlp_cpu_per_article"]
    ratios = [(a + b) / (per_article * n) for a, b, n in zip(link, compare, sizes, strict=True)]
    line("**link + compare / NLP of as many articles**", ratios, growth=False)
    line(
        "peak RSS, MiB (fresh process, model included)",
        [r["peak_rss_mib"] for r in rows],
        "{:.0f}",
        False,
    )
    line("stories", [r["stories"] for r in rows], "{:.0f}", False)
    line("largest story, articles", [r["largest_stories"][0] for r in rows], "{:.0f}", False)
    line("findings", [r["findings"] for r in rows], "{:.0f}", False)
    line("report, KB per article", [r["report_kb_per_article"] for r in rows], "{:.1f}", False)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--nlp-articles", type=int, default=200, help="articles parsed for the NLP cost"
    )
    parser.add_argument("--sample-only", action="store_true", help="seeds: the sample alone")
    parser.add_argument("--json", type=Path, help='write {"rows": [...], "nlp": {...}} here')
    parser.add_argument(
        "--keep-report", type=Path, help="copy the report of the (first) size here, to compare"
    )
    parser.add_argument(
        "--link-only",
        action="store_true",
        help="stop each size once linked (peak RSS once linked, link CPU): no comparison, no NLP",
    )
    parser.add_argument("--child-json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-nlp", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_json:  # a fresh process measuring one size (or the NLP)
        result = (
            run_nlp(args.child_nlp)
            if args.child_nlp
            else run_size(args.sizes[0], args.sample_only, args.keep_report, args.link_only)
        )
        args.child_json.write_text(json.dumps(result), "utf-8")
        return result
    seeds = ["--sample-only"] if args.sample_only else []
    seeds += ["--link-only"] if args.link_only else []
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        keep = ["--keep-report", str(args.keep_report)] if args.keep_report and not rows else []
        rows.append(_fresh(["--sizes", str(size), *seeds, *keep]))
        print(json.dumps(rows[-1]), flush=True)
    if args.link_only:
        for first, last in itertools.pairwise(rows):
            slope = (last["peak_rss_linked_mib"] - first["peak_rss_linked_mib"]) * 1024
            per = slope / (last["articles"] - first["articles"])
            print(
                f"peak once linked {first['articles']} -> {last['articles']}: {per:.1f} KB/article"
            )
        return {"rows": rows}
    nlp = _fresh(["--child-nlp", str(args.nlp_articles)])
    print(json.dumps(nlp), flush=True)
    print(
        f"\n{platform.machine()}, {os.cpu_count()} cores, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
        f"NLP {nlp['nlp_cpu_per_article']:.3f} CPU s per article ({nlp['articles']} articles)\n"
    )
    print(table(rows, nlp))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "nlp": nlp}), "utf-8")
    return {"rows": rows, "nlp": nlp}


if __name__ == "__main__":
    main()
