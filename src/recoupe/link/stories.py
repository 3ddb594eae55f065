"""Stories: articles about the same event grouped together."""

from __future__ import annotations

from recoupe.corpus import Corpus
from recoupe.model import Story


def _lemma_set(corpus: Corpus, article_id: str) -> set[str]:
    return {lemma for s in corpus.analysis(article_id).sentences for lemma in s.lemmas}


def cluster_stories(corpus: Corpus, threshold: float = 0.2) -> tuple[Story, ...]:
    """Group articles whose content-lemma sets overlap (Jaccard) above ``threshold``."""
    ids = [a.id for a in corpus.articles]
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets = {i: _lemma_set(corpus, i) for i in ids}
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            union = sets[a] | sets[b]
            if union and len(sets[a] & sets[b]) / len(union) >= threshold:
                parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    stories = []
    for n, members in enumerate(groups.values()):
        first = corpus.article(members[0])
        title = first.title or first.text.split("\n", 1)[0][:120]
        stories.append(Story(id=f"S{n + 1}", title=title, articles=tuple(members)))
    return tuple(stories)
