"""Document ids and "the same article" on the Neo4j store (the Bolt server): the cases of
tests/graph/test_doc_ids.py. Each store opened here starts from an empty database."""
from __future__ import annotations

import pytest

import docid_cases as cases
from graph.rules import load_schema


@pytest.fixture(scope="module")
def schema():
    return load_schema()



def test_same_name_in_two_folders_gives_two_articles(open_store, schema, tmp_path):
    cases.check_same_name_in_two_folders(open_store, schema, tmp_path)


def test_same_file_again_is_already_in_the_graph(open_store, schema, tmp_path):
    cases.check_same_file_again(open_store, schema, tmp_path)


def test_same_path_with_changed_text_replaces(open_store, schema, tmp_path):
    cases.check_changed_text_replaces(open_store, schema, tmp_path)


def test_a_file_in_its_folder_and_alone_is_one_article(open_store, schema, tmp_path):
    cases.check_folder_and_alone_are_one_article(open_store, schema, tmp_path)


def test_news_dumps_of_one_name_added_alone(open_store, schema, tmp_path):
    cases.check_news_dump_alone(open_store, schema, tmp_path)
