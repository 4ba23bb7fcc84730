"""Rebuilding after a schema edit re-extracts only what it affects, and leaves the clean build's graph:
Neo4j (Bolt server), the same cases as tests/graph/test_reextract.py."""
from __future__ import annotations

import reextract_cases as cases


def test_a_trigger_added_re_extracts_the_rules_articles_and_where_the_word_occurs(open_store, tmp_path):
    cases.check_trigger_added(open_store, tmp_path)


def test_a_rule_removed_re_extracts_the_articles_it_matched(open_store, tmp_path):
    cases.check_rule_removed(open_store, tmp_path)


def test_an_alias_added_re_extracts_the_entitys_articles_and_where_the_alias_occurs(open_store, tmp_path):
    cases.check_alias_added(open_store, tmp_path)


def test_a_language_file_change_re_extracts_everything(open_store, tmp_path):
    cases.check_language_file_changed(open_store, tmp_path)


def test_a_country_renamed_re_extracts_the_articles_naming_it_or_its_people(open_store, tmp_path):
    cases.check_country_renamed(open_store, tmp_path)


def test_a_comment_re_extracts_nothing(open_store, tmp_path):
    cases.check_no_change_rereads_nothing(open_store, tmp_path)
