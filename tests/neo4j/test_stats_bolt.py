"""`geograph stats` and `geograph entities` over the Bolt test server give the embedded store's figures."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from graph.extract import Extractor
from graph.ingest import build
from graph.rules import load_schema
from graph.stats import entity_counts, graph_stats
from graph.stores.networkx_store import NetworkXStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_stats_and_entities_of_the_seeds_over_bolt(bolt_store, falkordb, relation_types):
    extractor = Extractor(load_schema())
    build(bolt_store, [SEEDS], extractor, progress=False)
    embedded = NetworkXStore(None, relation_types=relation_types)
    build(embedded, [SEEDS], extractor, progress=False)
    opts = ["--store", "neo4j", "--neo4j-uri", falkordb.uri, "--neo4j-username", "geograph",
            "--neo4j-password", "", "--neo4j-database", "geograph"]
    result = CliRunner().invoke(main, ["stats", "--json", *opts], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats == graph_stats(embedded)
    assert stats["articles"] == {"total": 5, "dated": 2, "undated": 3}
    assert (stats["relations_total"], stats["undated_relations"], stats["date_range"]) == (49, 42,
                                                                                          ["2014-08", "2026-02"])
    assert stats["entities"]["person"] == 8 and stats["relations"]["HOLDS_ROLE"] == {"fact": 12}
    result = CliRunner().invoke(main, ["entities", "--kind", "person", "--json", *opts], catch_exceptions=False)
    rows = json.loads(result.stdout)
    assert rows == entity_counts(embedded, "person")
    assert [(r["id"], r["relations"]) for r in rows[:3]] == [("ABDOULAYE_DIOP", 6), ("CHRISTOPHER_LANDAU", 4),
                                                              ("RUDOLPH_ATALLAH", 4)]


def test_gold_corpus_figures_agree_on_both_stores(gold_pair, gold_batches):
    embedded, bolt = gold_pair
    stats = graph_stats(bolt)
    assert stats == graph_stats(embedded)
    assert stats["articles"]["total"] == len(gold_batches) and stats["relations_total"] > len(gold_batches)
    assert entity_counts(bolt) == entity_counts(embedded)
