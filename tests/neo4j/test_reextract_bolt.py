"""Rebuilding after a schema edit re-extracts only what it affects, and leaves the clean build's graph:
Neo4j (Bolt server), the cases of tests/graph/test_reextract.py that differ in what they do to the store.

Which articles an edit re-extracts is decided before the store is touched (graph.ingest, from the parts
each stored article read); on the store an edit either replaces some articles' relations (a rule removed),
brings relations to articles that had none of them (an alias added), changes a node (a country renamed) or
changes nothing (a comment). A trigger word added and a language file changed do the store's part of the
second and the first again, and run on NetworkX only: on the Bolt server, two fresh compiles and three
builds each, they took about a twentieth of the suite's time."""
from __future__ import annotations

import reextract_cases as cases


def test_a_rule_removed_re_extracts_the_articles_it_matched(open_store, tmp_path):
    cases.check_rule_removed(open_store, tmp_path)


def test_an_alias_added_re_extracts_the_entitys_articles_and_where_the_alias_occurs(open_store, tmp_path):
    cases.check_alias_added(open_store, tmp_path)


def test_a_country_renamed_re_extracts_the_articles_naming_it_or_its_people(open_store, tmp_path):
    cases.check_country_renamed(open_store, tmp_path)


def test_a_comment_re_extracts_nothing(open_store, tmp_path):
    cases.check_no_change_rereads_nothing(open_store, tmp_path)
