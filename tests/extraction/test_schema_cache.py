"""The compiled schema cache: found by the fingerprint of what it was compiled from, rebuilt when it
cannot be read, and extracting exactly like a fresh compile."""
from __future__ import annotations

import doctest
import json
import pickle

import pytest

import graph.schema.cache
from graph.documents import read_documents
from graph.errors import SchemaError
from graph.extract import Extractor
from graph.rules import Gazetteer, Schema, load_entities, load_schema, run_examples
from provenance_cases import early_constructions

ZORGLUB = "  - id: ZORGLUB\n    kind: person\n    name: Zorglub Zanzibar\n    country: MLI\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEOGRAPH_CACHE", str(folder))
    return folder


def entries(cache, kind: str) -> list[str]:
    return sorted(p.name for p in cache.glob(f"{kind}-*.pickle"))


def relations(schema, root) -> list[str]:
    """What the schema extracts from the seeds, the outlets' articles and the first constructions (below
    c0200: every kind of rule and anaphor; all of them, read twice, had come to take minutes)."""
    extractor = Extractor(schema)
    docs = read_documents([root / "seeds", root / "tests/extraction/outlets", *early_constructions()])
    return [json.dumps(r.to_json(), ensure_ascii=False) for doc in docs for r in extractor.extract(doc)]


def test_the_cached_schema_extracts_exactly_like_a_fresh_compile(schema_dir, root, cache):
    fresh = load_schema(schema_dir)                # miss: compiled (what it gives), and stored with its light part
    assert len(entries(cache, "schema")) == 1 and len(entries(cache, "entities")) == 1
    cached = load_schema(schema_dir)               # hit: unpickled
    assert cached is not fresh and isinstance(cached, Schema)
    want = relations(fresh, root)
    assert len(want) > 300 and relations(cached, root) == want
    assert run_examples(cached, Extractor(cached)) == []
    light = load_entities(schema_dir)
    assert light.find_entities("ديوب") == ["ABDOULAYE_DIOP"] and light.entities == fresh.entities
    assert dict(light.relation_types) == dict(fresh.relation_types) and light.members == fresh.members


def test_an_entry_is_read_by_the_fingerprint_of_its_folder(schema_copy, schema_dir, cache):
    load_entities(schema_dir)
    [entry] = cache.glob("entities-*.pickle")
    people = schema_copy / "gazetteer" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + ZORGLUB, encoding="utf-8")
    other = load_entities(schema_copy, cache=False)
    entry.write_bytes(pickle.dumps(other))         # what the cache holds under schema/'s fingerprint is served
    assert load_entities(schema_dir).find_entities("Zorglub Zanzibar") == ["ZORGLUB"]


def test_a_changed_schema_file_is_compiled_again(schema_copy, cache):
    assert load_schema(schema_copy).find_entities("Zorglub Zanzibar") == []
    assert load_entities(schema_copy).find_entities("Zorglub Zanzibar") == []
    people = schema_copy / "gazetteer" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + ZORGLUB, encoding="utf-8")
    assert load_entities(schema_copy).find_entities("Zorglub Zanzibar") == ["ZORGLUB"]
    assert load_schema(schema_copy).find_entities("Zorglub Zanzibar") == ["ZORGLUB"]
    assert len(entries(cache, "schema")) == 2
    before = graph.schema.cache.fingerprint(schema_copy)
    rules = schema_copy / "rules" / "meetings.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert graph.schema.cache.fingerprint(schema_copy) != before


@pytest.mark.parametrize("damage", [lambda good: b"", lambda good: good[: len(good) // 2],
                                    lambda good: b"not a pickle at all", lambda good: pickle.dumps({"a": 1})])
def test_an_unreadable_entry_is_rebuilt_silently(schema_dir, cache, damage):
    load_entities(schema_dir)
    [entry] = cache.glob("entities-*.pickle")
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_entities(schema_dir).find_entities("Diop") == ["ABDOULAYE_DIOP"]
    assert isinstance(pickle.loads(entry.read_bytes()), Gazetteer)      # replaced by a good one


def test_a_cache_folder_that_cannot_be_written_only_costs_time(schema_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GEOGRAPH_CACHE", str(blocker / "cache"))
    assert load_entities(schema_dir).find_entities("Diop") == ["ABDOULAYE_DIOP"]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_only_the_newest_entries_are_kept(schema_dir, schema_copy, cache, monkeypatch):
    monkeypatch.setattr(graph.schema.cache, "KEEP", 1)
    load_entities(schema_dir)
    load_entities(schema_copy)                     # another folder, another fingerprint
    [kept] = entries(cache, "entities")
    assert kept == f"entities-{graph.schema.cache.fingerprint(schema_copy)}.pickle"


def test_a_broken_rules_file_is_not_cached_and_the_entities_still_load(schema_copy, cache):
    path = schema_copy / "rules" / "meetings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rules:", "rules: [", 1), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    assert str(info.value.problems[0]).startswith(f"{path}:") and "invalid YAML" in str(info.value.problems[0])
    assert entries(cache, "schema") == []
    assert load_entities(schema_copy).find_entities("Diop") == ["ABDOULAYE_DIOP"]   # the rules are not read


def test_cache_docstring_examples():
    result = doctest.testmod(graph.schema.cache)
    assert result.attempted > 0 and result.failed == 0
