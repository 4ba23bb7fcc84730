"""The fuzz tests' budget and seed (tests/fuzz/): how many generated cases each entry point gets per run.

Every run is reproducible and every CI run tries new cases: the seed is ``GEOGRAPH_FUZZ_SEED`` when
set, else the number of commits of the checkout (``git rev-list --count HEAD``: fixed for a commit,
new for each commit CI runs), else 0. ``GEOGRAPH_FUZZ_SCALE`` multiplies every budget (a long local
run: ``GEOGRAPH_FUZZ_SCALE=50``). No example database is written (``database=None``).
"""
from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, seed, settings

ROOT = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=None)
def fuzz_seed() -> int:
    value = os.environ.get("GEOGRAPH_FUZZ_SEED")
    if value:
        return int(value)
    try:
        out = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10)
        return int(out.stdout.strip() or 0)
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def budget(examples: int):
    """Hypothesis settings for ``examples`` cases a run (times GEOGRAPH_FUZZ_SCALE) and the run's seed."""
    scale = float(os.environ.get("GEOGRAPH_FUZZ_SCALE") or 1)
    chosen = settings(max_examples=max(1, int(examples * scale)), deadline=None, database=None, derandomize=False,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                             HealthCheck.data_too_large])

    def apply(test):
        return seed(fuzz_seed())(chosen(test))
    return apply
