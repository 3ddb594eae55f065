"""The reliability suite: hostile inputs, crashes, concurrent writers, a web app under load.

Every case here is a regression of a failure found by a hostile test campaign
(issue 15); each failed on the code before the fix.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
for helpers in (TESTS / "ingest", TESTS / "render", TESTS / "store", TESTS.parent / "benchmarks"):
    if str(helpers) not in sys.path:
        sys.path.insert(0, str(helpers))
