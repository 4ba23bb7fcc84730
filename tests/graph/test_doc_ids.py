"""Document ids unique per article, and what makes two inputs the same article: embedded store (the Bolt
server runs the same cases in tests/neo4j/test_doc_ids_bolt.py), then the command line's messages."""
from __future__ import annotations

import pytest

import docid_cases as cases
from graph.inputs import single_id
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore


@pytest.fixture(scope="module")
def schema():
    return load_schema()


@pytest.fixture
def open_store(schema, tmp_path):
    opened = iter(range(100))
    return lambda: NetworkXStore(tmp_path / f"home{next(opened)}" / "graph.json", relation_types=schema.relation_types)


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


def test_the_command_line_says_which_article(cli, tmp_path):
    home = tmp_path / "h"
    path = cases.write(tmp_path / "f1" / "report.txt", cases.ARTICLE.format(day=1))
    other = cases.write(tmp_path / "f2" / "report.txt", cases.ARTICLE.format(day=2))
    first, second = single_id("report", path.read_text()), single_id("report", other.read_text())
    r = cli("add", path, "--published", "2025-05-30", "--home", home)
    assert r.exit_code == 0 and r.stdout.startswith(f"added {first} (2 relations)")
    r = cli("add", other, "--published", "2025-05-30", "--home", home)
    assert r.exit_code == 0 and r.stdout.startswith(f"added {second} (2 relations)")
    r = cli("add", path, "--published", "2025-05-30", "--home", home)
    assert r.stdout.startswith(f"{first} is already in the graph: nothing changed")
    cases.write(path, cases.ARTICLE.format(day=3))
    third = single_id("report", path.read_text())
    r = cli("add", path, "--published", "2025-05-30", "--home", home)
    assert r.exit_code == 0 and f"\nreplaced {third} (was {first}; 2 relations)" in r.stdout, r.stdout
    assert [d.id for d in NetworkXStore(home / "graph.json").documents()] == sorted([second, third])
    r = cli("remove", third, "--home", home)
    assert r.exit_code == 0
    assert [d.id for d in NetworkXStore(home / "graph.json").documents()] == [second]


def test_a_web_page_alone_is_named_by_its_text_and_keeps_its_address(tmp_path):
    import shutil
    from pathlib import Path

    from graph.inputs import read_documents

    page = Path(__file__).parent / "inputs" / "wire_en.html"
    [alone] = read_documents([page])
    assert alone.id == single_id("wire_en", alone.text)
    assert (alone.url, alone.source) == ("https://wire.example/world/africa/mali-russia-defence", str(page))
    shutil.copy(page, tmp_path / page.name)
    [in_folder] = read_documents([tmp_path])
    assert (in_folder.id, in_folder.text, in_folder.source) == ("wire_en", alone.text, str(tmp_path / page.name))


def test_the_manifest_names_a_file_added_alone_by_its_file_name(tmp_path):
    from graph.inputs import read_documents

    path = cases.write(tmp_path / "talks.txt", cases.ARTICLE.format(day=1))
    cases.write(tmp_path / "manifest.yaml", "talks: {outlet: Wire, published: null}\n")
    warnings = []
    [doc] = read_documents([path], warnings=warnings)
    assert (doc.id, doc.outlet, doc.published, warnings) == (single_id("talks", path.read_text()), "Wire", None, [])


def test_a_record_id_used_twice_in_a_dump_added_alone_is_reported(tmp_path):
    import json

    from graph.inputs import read_documents

    lines = [json.dumps({"id": "r1", "text": cases.ARTICLE.format(day=d)}) for d in (1, 2)]
    path = cases.write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    warnings = []
    docs = list(read_documents([path], warnings=warnings))
    assert [d.id for d in docs] == [single_id("r1", cases.ARTICLE.format(day=1).strip())]
    assert [str(w) for w in warnings if "id 'r1' used twice" in str(w)] == [
        f"{path}:2: article id 'r1' used twice in this file; line skipped"]


def test_the_embedded_store_finds_an_article_by_source_after_another_process_wrote(schema, tmp_path):
    """The source index is rebuilt with the graph when the file is reloaded, and kept as articles come and go."""
    from graph.extract import Extractor
    from graph.ingest import add_article, remove_documents

    path = cases.write(tmp_path / "f1" / "report.txt", cases.ARTICLE.format(day=1))
    reader = NetworkXStore(tmp_path / "graph.json", relation_types=schema.relation_types)
    assert reader.document_from(str(path)) is None                   # (the index is built, empty)
    writer = NetworkXStore(tmp_path / "graph.json", relation_types=schema.relation_types)
    [doc_id] = add_article(writer, path, Extractor(schema), published="2025-05-30").added
    assert reader.refresh() and reader.document_from(str(path)) == doc_id
    remove_documents(reader, [doc_id])
    assert reader.document_from(str(path)) is None
