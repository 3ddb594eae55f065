"""Shared fixtures: the ../shared checkout, and analysed reports reused across tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# A reader's unexpected exception is a bug: raised in tests, never turned into a rejection.
os.environ.setdefault("RECOUPE_STRICT", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path() -> Path:
    """../shared, or skip (fail under CI, where it must be present)."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI"):
        pytest.fail(f"{SHARED} is missing but CI is set: the gold data must be there")
    pytest.skip(f"{SHARED} is absent (it exists only beside a developer checkout and in CI)")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> dict:
    import json

    return dict(json.loads((shared_dir / "gold" / "seeds.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def seeds_report(seeds_dir: Path):
    """The seeds analysed once per test session with the full model."""
    from recoupe import analyze

    return analyze([seeds_dir])


@pytest.fixture(scope="session")
def sample_gold() -> dict:
    import json

    return dict(json.loads((EXAMPLES / "gold.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def sample_report():
    """The bundled sample corpus analysed once per test session."""
    from recoupe import analyze

    return analyze([EXAMPLES / "corpus"])


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser), one per session."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: run scripts/system-deps.sh")
        pytest.skip(f"{CHROMIUM} is absent (installed by scripts/system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
