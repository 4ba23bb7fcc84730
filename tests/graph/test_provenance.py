"""Removing, replacing, rebuilding after a rule edit, one event per real-world event: the embedded store."""
from __future__ import annotations

import pytest

import provenance_cases as cases
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore


@pytest.fixture(scope="module")
def schema():
    return load_schema()


@pytest.fixture
def open_store(tmp_path, schema):
    count = iter(range(100))
    return lambda: NetworkXStore(tmp_path / f"g{next(count)}.json", relation_types=schema.relation_types)


def test_seeds_meet_once(open_store, schema):
    cases.check_seeds_meet_once(open_store(), schema)


def test_order_does_not_matter(open_store, schema):
    cases.check_order_does_not_matter(open_store, schema)


def test_remove_gives_the_clean_build(open_store, schema):
    cases.check_remove(open_store, schema)


def test_replace_gives_the_clean_build(open_store, schema):
    cases.check_replace(open_store, schema)


def test_rule_edit_rebuild_gives_the_clean_build(open_store, tmp_path):
    cases.check_rule_edit(open_store, tmp_path)


def test_republished_copy_counts_once(open_store, schema):
    cases.check_republished_copy(open_store, schema)
