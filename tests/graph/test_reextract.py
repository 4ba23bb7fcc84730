"""Rebuilding after a schema edit re-extracts only what it affects, and leaves the clean build's graph:
the embedded store (the same cases as tests/neo4j/test_reextract_bolt.py)."""
from __future__ import annotations

import re

import pytest

import reextract_cases as cases
from graph.inputs import read_documents
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore


@pytest.fixture
def open_store(tmp_path):
    relation_types = load_schema().relation_types
    count = iter(range(100))
    return lambda: NetworkXStore(tmp_path / f"g{next(count)}.json", relation_types=relation_types)


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


def test_cli_rebuild_after_an_edit_with_workers_writes_the_clean_builds_file(cli, tmp_path):
    """Through the command line, with two worker processes: the report, and the graph file equal to a
    clean build's byte for byte."""
    folder = cases.schema_copy(tmp_path, "schema")
    cases.set_trigger(folder, False)
    corpus = [str(p) for p in cases.CORPUS]
    home, clean = tmp_path / "home", tmp_path / "clean"
    assert cli("build", *corpus, "--schema", folder, "--home", home, "--no-progress").exit_code == 0
    cases.set_trigger(folder, True)
    result = cli("build", *corpus, "--schema", folder, "--home", home, "--no-progress", "--jobs", "2")
    assert result.exit_code == 0, result.output
    _file, rule, _word = cases.trigger_case()
    lines = result.stdout.splitlines()
    n = len(list(read_documents(cases.CORPUS)))
    found = re.fullmatch(rf"(\d+) of {n} article\(s\) re-extracted after the schema change: (.*)", lines[0])
    # the two reasons come most articles first: 'rule R changed (a), rule R now matches (b)' in either order
    why = dict(re.findall(rf"rule {re.escape(rule)} (changed|now matches) \((\d+)\)", found[2])) if found else {}
    assert set(why) == {"changed", "now matches"}, lines
    assert int(found[1]) == int(why["changed"]) + int(why["now matches"]) < n / 3, lines
    assert lines[1].startswith(f"rule {rule}: +") and lines[-1].startswith(
        f"0 document(s) added, {found[1]} replaced, {n - int(found[1])} already in the graph")
    assert cli("build", *corpus, "--schema", folder, "--home", clean, "--no-progress").exit_code == 0
    assert (home / "graph.json").read_bytes() == (clean / "graph.json").read_bytes()


def test_a_graph_stored_before_parts_were_kept_is_re_extracted_whole_after_an_edit(tmp_path):
    """Articles stored without their parts (older graph files) cannot be checked: after a schema
    edit every one is extracted again, and the report says why; the graph then equals a clean build."""
    import json

    from graph.extract import Extractor
    from graph.ingest import build

    folder = cases.schema_copy(tmp_path, "schema")
    schema = load_schema(folder)                   # the shipped bytes: the run's cached compile
    old = NetworkXStore(tmp_path / "old.json", relation_types=schema.relation_types)
    build(old, [cases.SEEDS], Extractor(schema), progress=False)
    old.close()
    data = json.loads((tmp_path / "old.json").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        del doc["parts"]
    (tmp_path / "old.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cases.add_abbreviation(folder)
    edited = load_schema(folder, cache=False)
    store = NetworkXStore(tmp_path / "old.json", relation_types=schema.relation_types)
    report = build(store, [cases.SEEDS], Extractor(edited), progress=False)
    assert report.reextracted == {"no schema parts recorded (stored before they were kept)": 5}
    clean = NetworkXStore(tmp_path / "clean.json", relation_types=schema.relation_types)
    build(clean, [cases.SEEDS], Extractor(edited), progress=False)
    assert cases.full_snapshot(store) == cases.full_snapshot(clean)
