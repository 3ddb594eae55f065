"""A directory of feed files: every entry of every feed is read, entries without text are named."""

from __future__ import annotations

from pathlib import Path

from recoupe.ingest import read_inputs
from recoupe.model import Article, Rejected

ITEM = (
    "<item><title>{title}</title><link>https://{site}.example/{n}</link>"
    "<pubDate>Tue, 05 Mar 2024 08:00:00 +0100</pubDate>"
    "<description>{text}</description></item>"
)


def rss(site: str, entries: list[tuple[str, str]]) -> str:
    items = "".join(
        ITEM.format(title=t, text=x, site=site, n=n) for n, (t, x) in enumerate(entries)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{site}</title>{items}</channel></rss>'


def test_every_feed_in_a_directory_is_read(tmp_path: Path) -> None:
    for number in range(6):
        site = f"Gazette {number}"
        entries = [
            (
                f"Digue de Lauzac, épisode {number}-{k}",
                f"Le maire a présenté le plan {number}-{k} aux habitants.",
            )
            for k in range(3)
        ]
        entries.append((f"Brève sans texte {number}", ""))
        sub = tmp_path / ("a" if number % 2 else "b")
        sub.mkdir(exist_ok=True)
        (sub / f"flux{number}.rss").write_text(rss(site, entries), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(articles) == 18 and len(rejected) == 6
    assert {a.source for a in articles} == {f"Gazette {n}" for n in range(6)}
    assert all(a.published == "2024-03-05" for a in articles)
    assert all(r.reason.endswith("has no text") and "#4" in r.path for r in rejected)
