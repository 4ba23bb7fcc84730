"""Removing, replacing, rebuilding after a rule edit, one event per real-world event: Neo4j (Bolt server).

The same cases as tests/graph/test_provenance.py; each store opened here starts from an empty
database (the server holds one graph), so a case's two graphs are built one after the other.
"""
from __future__ import annotations

import pytest

import provenance_cases as cases
from graph.rules import load_schema


@pytest.fixture(scope="module")
def schema():
    return load_schema()



def test_seeds_meet_once(bolt_store, schema):
    cases.check_seeds_meet_once(bolt_store, schema)


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
