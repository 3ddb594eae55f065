"""The web app: HTML pages and a JSON API over a :class:`ReportSource`.

Pages reuse the HTML report's templates; the JSON mirrors the report contract
(``recoupe/report/v1``). Errors are short pages or JSON, never tracebacks.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from recoupe.ingest import IngestOptions, read_bytes
from recoupe.ingest.sanitize import Changes, clean_string
from recoupe.model import Article, Rejected, Report, to_dict
from recoupe.render.html import (
    content_security_policy,
    inline_assets,
    make_environment,
    report_context,
    speaker_name,
    story_view,
)
from recoupe.render.i18n import LANGUAGES, interface_language, translations
from recoupe.serve.limits import DEFAULT_MAX_BODY, BodySizeLimit, BodyTooLarge, SecurityHeaders
from recoupe.serve.source import Added, ReportSource
from recoupe.serve.validate import (
    InvalidArticles,
    MalformedJson,
    check_posted,
    content_id,
    too_short,
)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SAFE_NAME = re.compile(r"[^\w.\-]+")
MAX_QUERY = 200


# Host names a browser may use to reach the app. Anything else is refused with a 400,
# which defeats DNS rebinding (a hostile page whose name resolves to 127.0.0.1).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class ServeOptions:
    max_body_bytes: int = DEFAULT_MAX_BODY
    title: str = "recoupe"
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # names or addresses; "*.example.org" allowed
    language: str = "auto"  # the pages' interface: auto (French for a mostly French corpus), fr, en


@cache
def environment(language: str = "en") -> jinja2.Environment:
    return make_environment("recoupe.serve", language=language)


def _page_language(request: Request | None) -> str:
    """``?lang=fr|en`` if given, else the app's ``--lang``, else the corpus's language."""
    if request is None:
        return "en"
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    choose: Callable[[], str] | None = getattr(request.app.state, "language", None)
    try:
        return choose() if choose else "en"
    except Exception:  # a failing source still gets its error page, in English
        return "en"


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def _error_response(request: Request, status: int, message: str, **values: Any) -> Response:
    """JSON keeps the English message; a page shows it in the page's language.

    ``message`` is the catalog's key, with ``%(name)s`` placeholders filled from ``values``.
    """
    if _wants_json(request):
        text = message % values if values else message
        return JSONResponse({"error": {"status": status, "message": text}}, status_code=status)
    language = _page_language(request)
    translated = translations(language).gettext(message)
    text = translated % values if values else translated
    return _page("error.html", language, status_code=status, status=status, message=text)


def _page(template: str, language: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    css, js, _ = inline_assets()
    html = environment(language).get_template(template).render(css=css, js=js, **context)
    return HTMLResponse(html, status_code=status_code)


def N_(message: str) -> str:
    """Marks a message for extraction (pybabel's default keywords): pages translate it when shown."""
    return message


TOO_LARGE = N_("The request is larger than the limit of %(limit)d bytes.")


def _too_large_app(limit: int) -> Callable[[Any], ASGIApp]:
    def build(scope: Any) -> ASGIApp:
        if str(scope.get("path", "")).startswith("/api/"):
            message = TOO_LARGE % {"limit": limit}
            return JSONResponse({"error": {"status": 413, "message": message}}, status_code=413)
        return _error_response(Request(scope), 413, TOO_LARGE, limit=limit)

    return build


def create_app(source: ReportSource, options: ServeOptions | None = None) -> FastAPI:
    """The FastAPI application serving ``source``."""
    options = options or ServeOptions()
    app = FastAPI(
        title="recoupe",
        summary="Cross-checked news: stories, findings, entities, quotes.",
        version="1",
        docs_url=None,  # Swagger UI loads from a CDN: /docs is an offline page instead
        redoc_url=None,
    )
    _, _, script_source = inline_assets()
    app.state.language = _language_chooser(source, options.language)
    # Added last, so it runs first: a request with a foreign Host header reaches nothing.
    app.add_middleware(
        BodySizeLimit,
        limit=options.max_body_bytes,
        too_large=_too_large_app(options.max_body_bytes),
    )
    app.add_middleware(SecurityHeaders, csp=content_security_policy(script_source, web=True))
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=list(options.allowed_hosts), www_redirect=False
    )
    _install_error_handlers(app, options)
    _install_pages(app, source, options)
    _install_api(app, source)
    return app


def _language_chooser(source: ReportSource, language: str) -> Callable[[], str]:
    if language != "auto":
        interface_language(source.report(), language)  # refuses an unknown language now
        return lambda: language
    # counted once per report (reports are immutable; an upload brings a new one)
    counted = _PerReport(lambda report: interface_language(report).encode())
    return lambda: counted(source.report()).decode()


def _install_error_handlers(app: FastAPI, options: ServeOptions) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else N_("Request failed.")
        return _error_response(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = sorted({str(e.get("loc", ("?",))[-1]) for e in error.errors()})
        return _error_response(
            request, 422, N_("Invalid or missing parameter: %(fields)s."), fields=", ".join(fields)
        )

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, error: BodyTooLarge) -> Response:
        return _error_response(request, 413, TOO_LARGE, limit=error.limit)

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        return _error_response(
            request, 500, N_("Internal error: the request could not be completed.")
        )


NOT_FOUND = {"story": N_("No story with this id."), "entity": N_("No entity with this id.")}


def _not_found(what: str) -> HTTPException:
    return HTTPException(404, NOT_FOUND[what])


def _check_origin(request: Request) -> None:
    """Refuse cross-site posts (the app has no login, so this is its CSRF guard).

    ``Origin: null`` comes from sandboxed iframes, ``data:`` pages and some redirects:
    a page of any site can produce it, so it is refused like a foreign origin. A
    request without Origin (curl, scripts) is not a browser's cross-site request.
    """
    origin = request.headers.get("origin")
    if origin is None:
        if request.headers.get("sec-fetch-site") == "cross-site":
            raise HTTPException(403, N_("Cross-site request refused."))
        return
    if origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(403, N_("Cross-site request refused."))


def _install_pages(app: FastAPI, source: ReportSource, options: ServeOptions) -> None:
    overview = {language: _PerReport(_overview_builder(language)) for language in LANGUAGES}

    @app.get("/", response_class=HTMLResponse, summary="Stories list and corpus overview")
    def stories_page(request: Request) -> Response:
        return HTMLResponse(
            overview[_page_language(request)](source.report()),
            headers={"Content-Language": _page_language(request)},
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story")
    def story_page(request: Request, story_id: str) -> Response:
        narrowed = source.story(story_id)
        if narrowed is None:
            raise _not_found("story")
        view = story_view(narrowed, narrowed.stories[0], corpus=source.report())
        return _page("story.html", _page_language(request), view=view, h=1, links=True)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, summary="One entity")
    def entity_page(request: Request, entity_id: str) -> Response:
        entity = source.entity(entity_id)
        if entity is None:
            raise _not_found("entity")
        report = source.report()
        quotes = source.quotes_by_speaker(entity_id)
        return _page(
            "entity.html",
            _page_language(request),
            entity=entity,
            quotes=quotes,
            report=report,
            stories=_stories_of(report, entity),
        )

    @app.get(
        "/entities/{entity_id}/quotes", response_class=HTMLResponse, summary="A speaker's quotes"
    )
    def quotes_page(request: Request, entity_id: str) -> Response:
        entity = source.entity(entity_id)
        if entity is None:
            raise _not_found("entity")
        return _page(
            "quotes.html",
            _page_language(request),
            entity=entity,
            quotes=source.quotes_by_speaker(entity_id),
            report=source.report(),
        )

    @app.get("/search", response_class=HTMLResponse, summary="Search article text and quotes")
    def search_page(request: Request, q: str = Query("", max_length=MAX_QUERY)) -> Response:
        hits = source.search(q) if q.strip() else ()
        report = source.report()
        entities = {e.id: e for e in report.entities}
        return _page(
            "search.html",
            _page_language(request),
            q=q,
            hits=hits,
            report=report,
            entities=entities,
            story_of=_story_index(report),
        )

    @app.get("/upload", response_class=HTMLResponse, summary="Form to add articles")
    def upload_form(request: Request) -> Response:
        return _page(
            "upload.html",
            _page_language(request),
            limit=options.max_body_bytes,
            result=None,
            error=None,
        )

    @app.post("/upload", response_class=HTMLResponse, summary="Analyse uploaded or pasted articles")
    async def upload(request: Request) -> Response:
        _check_origin(request)
        form = await request.form()
        articles: list[Article] = []
        rejected: list[Rejected] = []
        for item in form.getlist("file"):
            if isinstance(item, str) or not item.filename:
                continue
            data = await item.read()
            # Parsing (trafilatura, feedparser) takes seconds on a large page: never on the event loop.
            items = await run_in_threadpool(
                _read_upload, data, _safe_name(item.filename), IngestOptions()
            )
            _collect(items, articles, rejected)
        text = str(form.get("text") or "")
        if text.strip():
            pasted = await run_in_threadpool(
                _pasted_articles,
                text,
                title=str(form.get("title") or "").strip(),
                source=str(form.get("source") or "").strip(),
                published=str(form.get("published") or "").strip(),
            )
            _collect(pasted, articles, rejected)
        if not articles and not rejected:
            language = _page_language(request)
            return _page(
                "upload.html",
                language,
                status_code=400,
                limit=options.max_body_bytes,
                result=None,
                error=translations(language).gettext(N_("Choose a file or paste an article text.")),
            )
        result = await run_in_threadpool(source.add_articles, articles, rejected)
        return _page(
            "upload.html",
            _page_language(request),
            limit=options.max_body_bytes,
            result=result,
            error=None,
        )

    @app.get("/docs", response_class=HTMLResponse, summary="API documentation (offline)")
    def docs_page(request: Request) -> Response:
        routes = []
        for path, methods in app.openapi().get("paths", {}).items():
            for method, spec in methods.items():
                routes.append(
                    (method.upper(), path, spec.get("summary", ""), spec.get("parameters", []))
                )
        return _page("docs.html", _page_language(request), routes=routes)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/stories", include_in_schema=False)
    def stories_redirect() -> Response:
        return RedirectResponse("/", status_code=308)


def added_response(result: Added) -> dict[str, Any]:
    """The API's answer to an upload: each article with the story it joined."""
    stories = {s.id: s for s in result.report.stories}
    story_of = _story_index(result.report)
    joined = []
    for article_id in result.added:
        story = stories.get(story_of.get(article_id, ""))
        joined.append(
            {
                "id": article_id,
                "story": story.id if story else None,
                "story_title": story.title if story else None,
                "story_articles": len(story.articles) if story else 0,
            }
        )
    return {
        "added": list(result.added),
        "articles": joined,
        "rejected": to_dict(result.rejected),
        "duplicates": to_dict(result.duplicates),
        "stories": len(result.report.stories),
    }


def _overview_builder(language: str) -> Callable[[Report], bytes]:
    def build(report: Report) -> bytes:
        return bytes(_page("stories.html", language, **report_context_light(report)).body)

    return build


def report_context_light(report: Report) -> dict[str, Any]:
    context = report_context(report)
    context["stories"] = []  # the list page shows no story sections
    return context


def _story_index(report: Report) -> dict[str, str]:
    return {a: s.id for s in report.stories for a in s.articles}


def _stories_of(report: Report, entity: Any) -> list[Any]:
    articles = {m.article for m in entity.mentions}
    return [s for s in report.stories if articles & set(s.articles)]


def _read_upload(data: bytes, name: str, options: IngestOptions) -> list[Article | Rejected]:
    return list(read_bytes(data, name, options))


def _collect(items: Any, articles: list[Article], rejected: list[Rejected]) -> None:
    for item in items:
        (rejected if isinstance(item, Rejected) else articles).append(item)


def _safe_name(filename: str) -> str:
    """The uploaded file's base name only, with odd characters replaced."""
    name = PurePath(filename.replace("\\", "/")).name
    return _SAFE_NAME.sub("_", name)[:120] or "upload"


def _pasted_articles(
    text: str, title: str, source: str, published: str
) -> list[Article | Rejected]:
    if published and not _ISO_DATE.match(published):
        return [
            Rejected(
                "pasted text", f"publication date {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            )
        ]
    body = text.replace("\r\n", "\n")
    short = too_short(body)
    if short:
        return [Rejected("pasted text", short)]
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    # surrogatepass: a lone surrogate reaches the decoder as bytes it repairs (U+FFFD).
    items = list(
        read_bytes(
            body.encode("utf-8", "surrogatepass"), "pasted.txt", IngestOptions(format="text")
        )
    )
    source = " ".join(clean_string(source, Changes()).split())
    out: list[Article | Rejected] = []
    for item in items:
        if isinstance(item, Article):
            item = dataclasses.replace(
                item,
                id=content_id(item.text),
                source=source or item.source,
                source_evidence="metadata" if source else item.source_evidence,
                published=published or item.published,
            )
        out.append(item)
    return out


class _PerReport:
    """A response body computed once per report (or stories tuple): they are immutable, uploads swap them.

    Serialising every story's findings takes tens of milliseconds at a few hundred
    articles; the same bytes are served until an upload brings a new report.
    """

    def __init__(self, build: Callable[[Any], bytes]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._for: Any = None  # held, so its id() cannot be reused meanwhile
        self._body = b""

    def __call__(self, report: Any) -> bytes:
        with self._lock:
            if self._for is not report:
                self._body, self._for = self._build(report), report
            return self._body


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _install_api(app: FastAPI, source: ReportSource) -> None:
    whole_report = _PerReport(lambda report: _json_bytes(to_dict(report)))
    all_stories = _PerReport(lambda stories: _json_bytes(to_dict(tuple(stories))))

    @app.get("/api/report", summary="The whole report (recoupe/report/v1)", response_model=None)
    def api_report() -> Response:
        return Response(whole_report(source.report()), media_type="application/json")

    @app.get(
        "/api/stories", summary="Every story (the report's `stories` array)", response_model=None
    )
    def api_stories() -> Response:
        return Response(all_stories(source.stories()), media_type="application/json")

    @app.get(
        "/api/stories/{story_id}",
        summary="A report narrowed to one story, its articles, entities, quotes, times",
    )
    def api_story(story_id: str) -> dict[str, Any]:
        narrowed = source.story(story_id)
        if narrowed is None:
            raise _not_found("story")
        return dict(to_dict(narrowed))

    @app.get("/api/entities/{entity_id}", summary="An entity with the quotes it is the speaker of")
    def api_entity(entity_id: str) -> dict[str, Any]:
        entity = source.entity(entity_id)
        if entity is None:
            raise _not_found("entity")
        return {
            "entity": to_dict(entity),
            "quotes": to_dict(tuple(source.quotes_by_speaker(entity_id))),
        }

    @app.get("/api/entities/{entity_id}/quotes", summary="The quotes of one speaker")
    def api_quotes(entity_id: str) -> list[Any]:
        if source.entity(entity_id) is None:
            raise _not_found("entity")
        return list(to_dict(tuple(source.quotes_by_speaker(entity_id))))

    @app.get("/api/search", summary="Matches of q in article text and quotes (accent-insensitive)")
    def api_search(
        q: str = Query(..., min_length=1, max_length=MAX_QUERY),
        limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        return {"query": q, "hits": to_dict(tuple(source.search(q, limit)))}

    @app.post(
        "/api/articles",
        summary="Analyse articles sent as JSON (same fields as `recoupe analyze` JSON input); "
        "400 for malformed JSON, 422 for a record that is not an article",
    )
    async def api_add(request: Request) -> Response:
        _check_origin(request)
        data = await request.body()
        options = IngestOptions(format="json")
        try:
            posted = check_posted(data, options)
        except MalformedJson as error:
            return JSONResponse({"error": {"status": 400, "message": str(error)}}, status_code=400)
        except InvalidArticles as error:
            return JSONResponse(
                {"error": {"status": 422, "message": str(error), "records": error.problems}},
                status_code=422,
            )
        articles: list[Article] = []
        rejected: list[Rejected] = []
        items = await run_in_threadpool(_read_upload, posted.body, "upload.json", options)
        _collect(items, articles, rejected)
        result: Added = await run_in_threadpool(source.add_articles, articles, rejected)
        return JSONResponse(added_response(result))


__all__ = ["ServeOptions", "create_app", "speaker_name"]
