"""Findings of one story: corroborated facts, single-source facts, contradictions.

``compare_story`` is the compare/ entry point: it reduces the story's articles
to statements, groups aligned statements into facts, finds contradictions, and
fills the story's findings, coverage and brief (the timeline is left as the
link stage set it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from recoupe.compare.brief import story_brief
from recoupe.compare.contradictions import make_evidence, story_contradictions
from recoupe.compare.coverage import story_coverage
from recoupe.compare.statements import Fact, Statement, clauses, facts, outlet_of, story_statements
from recoupe.corpus import Corpus
from recoupe.model import Finding, Story

MIN_LEMMAS = 3  # shorter sentences carry no fact worth reporting alone
MAX_QUOTE_CHARS = 160
MAX_CUT_CHARS = 14


def _short(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _entity_rank(entity_id: str) -> tuple[int, str]:
    digits = entity_id.lstrip("E")
    return (int(digits) if digits.isdigit() else 1 << 30, entity_id)


def fact_subject(fact: Fact, corpus: Corpus) -> str:
    """The entities most statements of the fact share, else its predicate."""
    counts = Counter(e for s in fact.statements for e in s.entities)
    # ties broken by entity order (first mention in the corpus), never by set order
    ranked = sorted(counts, key=lambda e: (-counts[e], _entity_rank(e)))
    shared = [e for e in ranked if counts[e] >= min(2, len(fact.statements))]
    people_first = sorted(shared[:4], key=lambda e: corpus.entity(e).type != "person")
    if people_first:
        return ", ".join(corpus.entity(e).name for e in people_first[:2])
    predicate = next((s.predicate for s in fact.statements if s.predicate), None)
    if predicate:
        return predicate
    first_words = [w for s in fact.statements for w in s.words[:2]]
    return " ".join(first_words[:2]) or "fait"


def representative(fact: Fact) -> Statement:
    """The statement that best stands for the fact: body before headline, then shortest."""
    return min(fact.statements, key=lambda s: (s.headline, s.quoted, len(s.text)))


def is_salient(statement: Statement, corpus: Corpus) -> bool:
    """A statement worth reporting as a fact: it names, dates or counts something, or says enough."""
    source = corpus.article(statement.article).source
    if source and source in statement.text:  # the outlet's own signature or byline
        return False
    if len(statement.lemmas) > MIN_LEMMAS or (statement.numbers and statement.lemmas):
        return True
    anchored = statement.entities or statement.times or statement.quoted
    return len(statement.lemmas) >= MIN_LEMMAS - 1 and bool(anchored)


def corroborated_findings(all_facts: Sequence[Fact], corpus: Corpus) -> list[Finding]:
    out = []
    for fact in all_facts:
        if len(fact.outlets) < 2:
            continue
        best = representative(fact)
        out.append(
            Finding(
                kind="corroborated",
                subject=fact_subject(fact, corpus),
                slot="fact",
                summary=f"Reported by {len(fact.outlets)} outlets ({', '.join(fact.outlets)}): "
                f"“{_short(best.text)}”",
                evidence=tuple(make_evidence(corpus, s.article, s.start, s.end) for s in fact.statements),
                sources=fact.outlets,
            )
        )
    return sorted(out, key=lambda f: -len(f.sources))


def _runs(facts_of_one_outlet: Sequence[Fact]) -> list[list[Statement]]:
    """Consecutive clauses of one sentence that no other outlet reports, as runs."""
    by_sentence: dict[tuple[str, int, int], list[Statement]] = {}
    for fact in facts_of_one_outlet:
        for statement in fact.statements:
            key = (statement.article, *(statement.sentence or (statement.start, statement.end)))
            by_sentence.setdefault(key, []).append(statement)
    runs: list[list[Statement]] = []
    for clauses_ in by_sentence.values():
        clauses_.sort(key=lambda c: c.start)
        run = [clauses_[0]]
        for clause in clauses_[1:]:
            if _separated(run[-1], clause):
                runs.append(run)
                run = [clause]
            else:
                run.append(clause)
        runs.append(run)
    return sorted(runs, key=lambda r: (r[0].article, r[0].start))


def _separated(before: Statement, after: Statement) -> bool:
    """True when another clause (one that other outlets report) sits between two clauses."""
    # a cut removes at most punctuation or a connective ("tandis que"); a clause has 4+ words
    return after.start - before.end > MAX_CUT_CHARS


def single_source_findings(all_facts: Sequence[Fact], corpus: Corpus) -> list[Finding]:
    """Runs of clauses only one outlet reports, one finding per run worth reporting."""
    out = []
    for run in _runs([f for f in all_facts if len(f.outlets) == 1]):
        first, last = run[0], run[-1]
        merged = replace(
            first,
            end=last.end,
            text=corpus.article(first.article).text[first.start : last.end],
            lemmas=frozenset().union(*(c.lemmas for c in run)),
            entities=frozenset().union(*(c.entities for c in run)),
            numbers=tuple(n for c in run for n in c.numbers),
            times=tuple(t for c in run for t in c.times),
            quoted=any(c.quoted for c in run),
        )
        if not is_salient(merged, corpus):
            continue
        out.append(
            Finding(
                kind="single_source",
                subject=fact_subject(Fact((merged,)), corpus),
                slot="fact",
                summary=f"Only {merged.outlet} reports: “{_short(merged.text)}”",
                evidence=(make_evidence(corpus, merged.article, merged.start, merged.end),),
                sources=(merged.outlet,),
            )
        )
    return out


def compare_story(story: Story, corpus: Corpus) -> Story:
    """Fill a story's findings, coverage and brief."""
    statements = story_statements(story, corpus)
    all_facts = facts([clause for statement in statements for clause in clauses(statement)])
    contradictions = story_contradictions(story, corpus, statements)
    outlets = {outlet_of(corpus.article(a)) for a in story.articles}
    # with a single outlet every fact is "single-source" and none can be corroborated
    cross_source = (
        (*corroborated_findings(all_facts, corpus), *single_source_findings(all_facts, corpus))
        if len(outlets) > 1
        else ()
    )
    findings = (*contradictions, *cross_source)
    disputed = [(e.article, e.start, e.end) for f in contradictions if f.slot in {"number", "date"} for e in f.evidence]
    return replace(
        story,
        findings=findings,
        coverage=story_coverage(story, corpus, statements, all_facts),
        brief=story_brief(all_facts, corpus, disputed),
    )
