"""The per-article pipeline on text we write here (full French model)."""

from __future__ import annotations

from recoupe.batch import analyse_articles
from recoupe.model import Article, ArticleAnalysis, Rejected
from recoupe.nlp.pipeline import PipelineOptions

TEXT = (
    "Le maire de Valbrune, Paul Ferrand, a inauguré lundi la nouvelle médiathèque.\n"
    "Marie Lopez, adjointe à la culture, était présente.\n"
)


def test_offsets_slice_to_text_and_people_found() -> None:
    article = Article(id="a1", text=TEXT)
    (analysis,) = analyse_articles([article])
    assert isinstance(analysis, ArticleAnalysis)
    people = {e.name for e in analysis.entities if e.type == "person"}
    assert any("Ferrand" in p for p in people)
    for entity in analysis.entities:
        for m in entity.mentions:
            assert TEXT[m.start : m.end] == m.text
            assert m.article == "a1"
    # a line break always ends a sentence
    assert any(TEXT[s.start : s.end].startswith("Marie Lopez") for s in analysis.sentences)


def test_language_without_model_uses_blank_pipeline() -> None:
    article = Article(id="en1", text="The council met on Monday. It voted.", language="en")
    (analysis,) = analyse_articles([article])
    assert isinstance(analysis, ArticleAnalysis)
    assert len(analysis.sentences) == 2


def test_two_processes_give_the_same_result_as_one() -> None:
    articles = [
        Article(id=f"a{i}", text=TEXT.replace("Valbrune", f"Valbrune{i}")) for i in range(4)
    ]
    one = list(analyse_articles(articles, PipelineOptions(batch_size=2)))
    two = list(analyse_articles(articles, PipelineOptions(batch_size=2, n_process=2)))
    assert one == two
    assert not any(isinstance(r, Rejected) for r in one)
