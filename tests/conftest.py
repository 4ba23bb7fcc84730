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

# Compiled schemas are cached in a folder of this test run (and of the commands it starts), not the user's;
# pytest-xdist's workers share the folder of the run that started them (entries are written atomically).
_CACHE = os.environ.get("GEOGRAPH_TEST_CACHE") if os.environ.get("PYTEST_XDIST_WORKER") else None
if not _CACHE:
    _CACHE = tempfile.mkdtemp(prefix="geograph-test-cache-")
    os.environ["GEOGRAPH_TEST_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)
os.environ["GEOGRAPH_CACHE"] = _CACHE


@pytest.fixture(scope="session", autouse=True)
def shipped_schema_cached():
    """schema/ compiled into the run's cache before the first test: the commands the tests start read it
    from there, whichever test a worker runs first (a test timing a command would otherwise time a compile)."""
    from graph.schema.load import load_schema, shipped_schema_dir

    load_schema(shipped_schema_dir())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def schema_dir() -> Path:
    return ROOT / "schema"


#: modules whose checks take ten seconds or more each (``--durations`` on two workers): run first, so that the
#: workers of ``make test`` end on short checks together instead of one waiting out the other's long last one
LONG_FIRST = ("test_parallel", "test_reextract", "test_reextract_bolt", "test_provenance", "test_provenance_bolt",
              "test_writers", "test_writers_bolt", "test_schema_cache", "test_standing", "test_live", "test_stats")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.stem not in LONG_FIRST)    # stable: the order within each group stays
