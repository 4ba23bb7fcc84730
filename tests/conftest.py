"""Shared paths for every test area. Area fixtures live in tests/<area>/conftest.py."""
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))   # shared test helpers (gold_corpus) for every area
SHARED = ROOT.parent / "shared"

# Compiled schemas are cached in a folder of this test run (and of the commands it starts), not the user's
_CACHE = tempfile.mkdtemp(prefix="geograph-test-cache-")
os.environ["GEOGRAPH_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def schema_dir() -> Path:
    return ROOT / "schema"
