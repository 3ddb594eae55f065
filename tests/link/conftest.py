"""Linking tests: ``benchmarks/`` on the path, whose entity-resolution baseline
(``names_bench.every_pair_of_every_block``) is the oracle the split blocks are tested against."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))
