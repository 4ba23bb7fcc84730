"""Extract a folder of articles with the real CLI and score it with the shared scorer.

Shared by the extraction tests that keep a floor on annotated articles
(tests/conftest.py puts this folder on sys.path).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main

SCORE = re.compile(r"SUMMARY .* P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F1=(?P<f1>[\d.]+) date_acc=(?P<date>[\d.]+)")
SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_relations.py"


def score_folder(folder: Path, schema_dir: Path, out: Path) -> tuple[dict[str, float], str]:
    """P, R, F1 and date accuracy of ``folder`` against ``folder/gold``, with the scorer's report."""
    result = CliRunner().invoke(main, ["extract", str(folder), "--out", str(out), "--schema", str(schema_dir)])
    assert result.exit_code == 0, result.output
    proc = subprocess.run([sys.executable, str(SCORER), str(folder / "gold"), str(out), "--verbose"],
                          capture_output=True, text=True, check=True)
    m = SCORE.search(proc.stdout)
    assert m, proc.stdout
    return {k: float(v) for k, v in m.groupdict().items()}, proc.stdout
