"""The same inputs give byte-identical reports whatever the process's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _report(seed: str, out: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "recoupe.cli",
            "analyze",
            str(ROOT / "examples" / "corpus"),
            "-q",
            "-o",
            str(out),
        ],
        check=True,
        env=env,
        timeout=600,
    )
    return out.read_bytes()


def test_report_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    assert _report("1", tmp_path / "a.json") == _report("2", tmp_path / "b.json")
