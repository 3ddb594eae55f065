"""The web app (``recoupe serve``): pages and a JSON API over a :class:`ReportSource`."""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Sequence
from pathlib import Path

from recoupe.serve.source import Added, InMemorySource, ReportSource, SearchHit, narrow_to_story
from recoupe.serve.worker import AnalysisWorker

__all__ = [
    "Added",
    "InMemorySource",
    "ReportSource",
    "SearchHit",
    "SourceError",
    "allowed_hosts",
    "is_loopback",
    "narrow_to_story",
    "open_source",
    "run",
]


class SourceError(Exception):
    """The report file or database cannot be served (the message says why)."""


def open_source(report: Path | None = None, db: str | None = None) -> ReportSource:
    """The data to serve: a report JSON file, a store database, or an empty report."""
    from recoupe.model import Report

    if report is not None and db is not None:
        raise SourceError("give either --report or --db, not both")
    from recoupe.serve.worker import AnalysisWorker

    if report is not None:
        import jsonschema

        from recoupe.render.json import load_report

        try:
            return InMemorySource(load_report(report.read_text("utf-8")), worker=AnalysisWorker())
        except OSError as error:
            raise SourceError(f"cannot read {report}: {error.strerror}") from error
        except (ValueError, jsonschema.ValidationError) as error:
            raise SourceError(
                f"{report} is not a recoupe report: {str(error).splitlines()[0]}"
            ) from error
    if db is not None:
        from recoupe.store import StoreError

        try:
            return _store_source(db, AnalysisWorker())
        except StoreError as error:
            raise SourceError(str(error)) from error
    return InMemorySource(Report(), worker=AnalysisWorker())


def _store_source(db: str, worker: AnalysisWorker) -> ReportSource:
    """The store as a ReportSource (needs the ``store`` extra: SQLAlchemy)."""
    from recoupe.serve.store_source import StoreSource

    return StoreSource(db, worker=worker)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Host names the app answers to: loopback names, the bound address, and ``--allow-host``."""
    from recoupe.serve.app import LOOPBACK_HOSTS

    hosts = list(LOOPBACK_HOSTS)
    if bind not in ("0.0.0.0", "::", ""):  # a wildcard bind is no name a browser uses
        hosts.append(f"[{bind}]" if ":" in bind else bind)
    hosts += [name.strip().lower() for name in extra if name.strip()]
    return tuple(dict.fromkeys(hosts))


def run(
    source: ReportSource,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_body_bytes: int | None = None,
    allow_hosts: Sequence[str] = (),
    language: str = "auto",
) -> None:
    """Serve ``source`` with uvicorn until interrupted."""
    import uvicorn

    from recoupe.serve.app import ServeOptions, create_app

    options = ServeOptions(allowed_hosts=allowed_hosts(host, allow_hosts), language=language)
    if max_body_bytes is not None:
        options = dataclasses.replace(options, max_body_bytes=max_body_bytes)
    uvicorn.run(
        create_app(source, options), host=host, port=port, log_level="info", server_header=False
    )
