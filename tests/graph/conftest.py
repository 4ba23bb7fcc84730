"""Fixtures for the graph tests: the ontology's relation types, the hand-annotated gold
corpus turned into relations (independent of the extractor), and graphs built from
it or, through the real CLI and extractor, from the seed articles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gold_corpus import load_gold, load_ontology
from graph.cli import main
from graph.rules import RelationType
from graph.stores.networkx_store import NetworkXStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def relation_types() -> dict[str, RelationType]:
    """The relation types of schema/ontology.yaml (symmetric flags, CAMEO, PLOVER)."""
    return load_ontology()


@pytest.fixture(scope="session")
def gold_batches():
    return load_gold()


def fill(store, batches) -> None:
    for info, relations, entities in batches:
        store.add_document(info, relations, entities)
    store.flush()


@pytest.fixture
def gold_store(tmp_path, relation_types, gold_batches) -> NetworkXStore:
    """A file-backed NetworkX store holding the gold corpus."""
    store = NetworkXStore(tmp_path / "home" / "graph.json", relation_types=relation_types)
    fill(store, gold_batches)
    return store


@pytest.fixture
def gold_home(gold_store, tmp_path) -> Path:
    """A GEOGRAPH_HOME holding the gold graph, for CLI tests that must not depend on extraction."""
    gold_store.close()
    return gold_store.path.parent


def invoke(*args):
    """Run `geograph ARGS` in-process with click's CliRunner (stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli():
    """``cli("who-met", "Diop", "--home", home)`` -> click Result (exit_code, stdout, stderr)."""
    return invoke


@pytest.fixture(scope="session")
def seeds_home(tmp_path_factory) -> Path:
    """A data folder built from seeds/ by `geograph build` (real extractor), shared read-only."""
    home = tmp_path_factory.mktemp("seeds-home")
    result = invoke("build", ROOT / "seeds", "--home", home, "--no-progress")
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture
def seeds_copy(seeds_home, tmp_path) -> Path:
    """A private copy of the seeds graph, for tests that add to it."""
    home = tmp_path / "seeds-copy"
    shutil.copytree(seeds_home, home)
    return home

