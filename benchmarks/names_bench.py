"""Entity resolution on a corpus of ever new people: split blocks against every pair of a block.

The replicated benchmarks (``scale_bench.py``) name the same few hundred people
again and again, so their blocks of candidates stay small. A real corpus keeps
naming new people, and keys such as a surname's first four letters or its
consonant skeleton then gather thousands of distinct full names. This benchmark
makes such a corpus (invented given names and surnames built from syllables,
six full names and two surnames alone per article, no spaCy) and resolves it
twice at each size in the same run: as ``resolve_entities`` does (only the pairs
of a block some step could join, ``link/names._candidate_pairs``) and with the
baseline it replaced, every pair of every block bar two surname-only people.
It prints CPU seconds, pairs, the ratio and the growth exponent of each, and
checks that both give the same entities.

    python benchmarks/names_bench.py                  # 1,000 and 3,000 articles
    python benchmarks/names_bench.py --sizes 1000 5000 --seed 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import time
from collections.abc import Sequence
from typing import Any

import recoupe.link.names as names
from recoupe.api import paused_cycle_collection
from recoupe.fr.names import given_of, phonetic_key, surname_of
from recoupe.fr.text import fold
from recoupe.model import ArticleAnalysis, LocalEntity, Mention

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "da",
    "de",
    "di",
    "do",
    "ga",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "vi",
    "vo",
    "za",
    "zo",
    "cha",
    "mou",
    "dou",
    "tier",
    "rand",
    "vert",
    "mont",
    "court",
    "lin",
    "lard",
    "ron",
    "det",
]
GIVEN = [
    "Anne",
    "Paul",
    "Jean",
    "Marie",
    "Luc",
    "Inès",
    "Omar",
    "Sofia",
    "Hugo",
    "Léa",
    "Yann",
    "Nora",
    "Pierre",
    "Claire",
    "Karim",
    "Julie",
    "Marc",
    "Emma",
    "Louis",
    "Chloé",
]
SURNAMES = 20_000


def corpus(size: int, seed: int) -> list[ArticleAnalysis]:
    rng = random.Random(seed)
    given = [g + end for g in GIVEN for end in ("", "-Marie", "-Luc", "tte")]
    surnames = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(SURNAMES)}
    )
    out = []
    for k in range(size):
        locals_ = []
        for j in range(8):
            name = f"{rng.choice(given)} {rng.choice(surnames)}" if j < 6 else rng.choice(surnames)
            mention = Mention(f"a{k}", 10 * j, 10 * j + len(name), name)
            locals_.append(LocalEntity(key=f"e{j}", type="person", name=name, mentions=(mention,)))
        out.append(ArticleAnalysis(article=f"a{k}", entities=tuple(locals_)))
    return out


def every_pair_of_every_block(items: Any, units: Any) -> list[tuple[int, int]]:
    """The baseline: every pair of units sharing a blocking key, bar two surname-only
    people and two units of one article."""
    blocks: dict[str, list[Any]] = {}
    for unit in units:
        for key in names.blocking_keys(items[unit.rep]):
            blocks.setdefault(key, []).append(unit)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x, a in enumerate(members):
            single = items[a.rep].is_person and items[a.rep].given is None
            for b in members[x + 1 :]:
                if single and items[b.rep].given is None:
                    continue
                if a.article is not None and a.article == b.article:
                    continue
                pairs.add((a.rep, b.rep))
    return sorted(pairs)


def resolve(analyses: Sequence[ArticleAnalysis], baseline: bool) -> tuple[float, int, Any]:
    """CPU seconds, pairs formed and the entities of one resolution."""
    real = names._candidate_pairs
    counted: list[int] = []

    def counting(items: Any, units: Any) -> list[tuple[int, int]]:
        pairs = (every_pair_of_every_block if baseline else real)(items, units)
        counted.append(len(pairs))
        return pairs

    names._candidate_pairs = counting
    for cached in (fold, surname_of, given_of, phonetic_key, names._same_given):
        cached.cache_clear()  # each run starts cold: the second must not read the first's
    try:
        began = time.process_time()
        with paused_cycle_collection():  # as the pipeline links
            resolved = names.resolve_entities(analyses)
        return time.process_time() - began, counted[0], resolved
    finally:
        names._candidate_pairs = real


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 else float("nan")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    rows = []
    for size in options.sizes:
        analyses = corpus(size, options.seed)
        split_s, split_pairs, split = resolve(analyses, baseline=False)
        every_s, every_pairs, every = resolve(analyses, baseline=True)
        rows.append(
            {
                "articles": size,
                "entities": len(split.entities),
                "same_entities": split == every,
                "split_cpu_s": split_s,
                "split_pairs": split_pairs,
                "every_pair_cpu_s": every_s,
                "every_pair_pairs": every_pairs,
                "speedup": every_s / split_s if split_s else float("nan"),
            }
        )
    print(
        "| articles | entities | same entities | CPU s, split / every pair | pairs, split / every pair | speed-up |"
    )
    print("|---:|---:|---|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['articles']:,} | {r['entities']:,} | {'yes' if r['same_entities'] else 'NO'} "
            f"| {r['split_cpu_s']:.2f} / {r['every_pair_cpu_s']:.2f} "
            f"| {r['split_pairs']:,} / {r['every_pair_pairs']:,} | {r['speedup']:.1f}× |"
        )
    for a, b in itertools.pairwise(rows):
        print(
            f"growth exponent {a['articles']:,} -> {b['articles']:,}: split "
            f"{exponent(a['articles'], a['split_cpu_s'], b['articles'], b['split_cpu_s']):.2f}, "
            f"every pair "
            f"{exponent(a['articles'], a['every_pair_cpu_s'], b['articles'], b['every_pair_cpu_s']):.2f}"
        )
    result = {"rows": rows}
    if options.json:
        print(json.dumps(result))
    if not all(r["same_entities"] for r in rows):
        raise SystemExit("the split blocks changed the entities")
    return result


if __name__ == "__main__":
    main()
