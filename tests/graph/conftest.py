"""Fixtures for the graph tests: the ontology's relation types, the hand-annotated gold
corpus turned into relations (independent of the extractor), and graphs built from
it or, through the real CLI and extractor, from the seed articles."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.cli import main
from graph.model import Entity, Evidence, Relation
from graph.rules import RelationType
from graph.stores.base import DocumentInfo
from graph.stores.networkx_store import NetworkXStore

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "corpus" / "gold"
_ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="session")
def relation_types() -> dict[str, RelationType]:
    """The relation types of schema/ontology.yaml (symmetric flags, CAMEO, PLOVER)."""
    data = yaml.safe_load((ROOT / "schema" / "ontology.yaml").read_text(encoding="utf-8"))
    return {name: RelationType(name=name, symmetric=bool(d["symmetric"]), meaning=d["meaning"],
                               cameo=d.get("cameo"), plover=d.get("plover"), note=d.get("note"))
            for name, d in data["relation_types"].items()}


def _first(value):
    return value[0] if isinstance(value, list) else value


def load_gold() -> list[tuple[DocumentInfo, list[Relation], dict[str, Entity]]]:
    """Each gold file as (document, relations, entities); a list of accepted ids takes the first.

    Every relation gets one piece of evidence: its line in the gold file, with the
    document's publication date. Entities take their first Arabic mention as name_ar.
    """
    batches = []
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = str(gold["published"]) if gold.get("published") else None
        info = DocumentInfo(id=gold["doc"], published=published, lang=gold.get("lang"), outlet="Gold Outlet")
        entities = {}
        for eid, e in gold["entities"].items():
            arabic = next((m for m in e.get("mentions") or () if _ARABIC.search(m)), None)
            entities[eid] = Entity(eid, e["kind"], e["name"], name_ar=arabic,
                                   aliases=tuple(m for m in e.get("mentions") or () if m != arabic))
        relations = []
        for i, r in enumerate(gold["relations"]):
            source, target, date = _first(r["source"]), _first(r["target"]), _first(r.get("date"))
            for end in (source, target):
                entities.setdefault(end, Entity(end, "organization", end.replace("_", " ").title()))
            sentence = f"{source} {r['type']} {target} (gold line {i + 1})"
            relations.append(Relation(gold["doc"], source, r["type"], target, str(date) if date else None,
                                      evidence=[Evidence(gold["doc"], sentence, (i * 100, i * 100 + len(sentence)),
                                                         {}, "gold", 1.0, outlet=info.outlet, published=published,
                                                         lang=info.lang)]))
        batches.append((info, relations, entities))
    return batches


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

