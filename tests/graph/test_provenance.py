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


def test_cli_remove_and_readd_leave_the_clean_graph_file(cli, tmp_path):
    """Through the command line and the graph file (reopened by every command): who-met before and
    after, remove, and the file equals a clean build's byte for byte."""
    import shutil

    from provenance_cases import SEEDS

    home, clean = tmp_path / "home", tmp_path / "clean"
    assert cli("build", str(SEEDS), "--home", home).exit_code == 0
    table = cli("who-met", "Diop", "--with", "Landau", "--home", home).stdout.splitlines()
    assert len(table) == 4 and "2025-11-04" in table[2] and " 3 " in table[2]
    removed = cli("remove", "000_78dd3b09c3dc0569", "001_7cda91046080cc81", "--home", home)
    assert removed.exit_code == 0 and removed.stdout.startswith("removed 000_78dd3b09c3dc0569, 001_7cda91046080cc81")
    table = cli("who-met", "Diop", "--with", "Landau", "--home", home).stdout.splitlines()
    assert len(table) == 4 and "undated" in table[2] and " 1 " in table[2]
    missing = cli("remove", "nope", "--home", home)
    assert missing.exit_code == 2 and "not in the graph: nope" in missing.stderr
    only = tmp_path / "only"
    only.mkdir()
    for path in SEEDS.iterdir():
        if not path.name.startswith(("000_", "001_")):
            shutil.copy(path, only / path.name)
    manifest = (only / "manifest.yaml").read_text(encoding="utf-8").splitlines()
    (only / "manifest.yaml").write_text("\n".join(x for x in manifest if not x.startswith(("000_", "001_"))) + "\n",
                                        encoding="utf-8")
    assert cli("build", str(only), "--home", clean).exit_code == 0
    assert _graph_file(home) == _graph_file(clean)
    assert cli("build", str(SEEDS), "--home", home).exit_code == 0
    assert cli("build", str(SEEDS), "--home", clean).exit_code == 0
    assert _graph_file(home) == _graph_file(clean)


def _graph_file(home):
    """The graph file's content less where each article was read from (the two folders differ)."""
    import json

    data = json.loads((home / "graph.json").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        doc.pop("path")
        doc.pop("source")
    return data


def test_join_date_and_the_days_a_date_affects_follow_the_30_day_rule():
    """The fast lookups agree with the rule as written: a date (any precision) overlapping the
    30 days up to the publication day; exactly one such date, or none joined."""
    import datetime as dt
    import random

    from graph.provenance import join_date, published_affected
    from graph.stores.base import overlaps

    def window(p):
        return (dt.date.fromisoformat(p) - dt.timedelta(days=30)).isoformat(), p

    rng = random.Random(7)
    day = lambda: (dt.date(2024, 11, 1) + dt.timedelta(days=rng.randrange(500))).isoformat()   # noqa: E731
    for _ in range(5000):
        dates = sorted({d[:rng.choice((4, 7, 10, 10, 10))] for d in (day() for _ in range(rng.randint(0, 6)))})
        published = day()
        hits = [d for d in dates if overlaps(d, *window(published))]
        assert join_date(published, dates) == (hits[0] if len(hits) == 1 else None), (published, dates)
        date = rng.choice(dates) if dates else published
        assert (published in published_affected(date)) == overlaps(date, *window(published)), (date, published)
    assert join_date(None, ["2025-11-04"]) == "2025-11-04" and join_date(None, ["2025", "2025-11-04"]) is None


def test_cli_build_after_a_rule_edit_prints_per_rule_changes(cli, tmp_path):
    from provenance_cases import ROOT, SEEDS, _drop_a_rule, edited_schema

    # built first with schema/ itself, then with its copy once edited (as provenance_cases.shipped_schema says)
    folder, home = edited_schema(tmp_path), tmp_path / "home"
    assert cli("build", SEEDS, "--schema", ROOT / "schema", "--home", home, "--no-progress").exit_code == 0
    again = cli("build", SEEDS, "--schema", ROOT / "schema", "--home", home, "--no-progress")
    assert again.stdout.startswith("0 document(s) added, 5 already in the graph")
    rule = _drop_a_rule(folder)
    result = cli("build", SEEDS, "--schema", folder, "--home", home, "--no-progress")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # the rule made relations in four of the five seeds: only those are extracted again
    assert lines[0] == f"4 of 5 article(s) re-extracted after the schema change: rule {rule} removed (4)", lines
    assert any(line.startswith(f"rule {rule}: +0 -") and " -0 " not in line for line in lines), lines
    assert lines[-1].startswith("0 document(s) added, 4 replaced, 1 already in the graph")


def test_the_default_document_lookups_agree_with_the_stores_own(open_store, schema):
    """GraphStore's generic document() and document_relations() (for stores without a lookup of their
    own, such as the viewer's read-only views) give what the embedded store's index gives."""
    from graph.stores.base import GraphStore

    store = open_store()
    cases.check_seeds_meet_once(store, schema)
    key = lambda rels: sorted((r.source, r.type, r.target, r.date or "", r.modality,  # noqa: E731
                               sorted(e.key for e in r.evidence)) for r in rels)
    for doc in store.documents():
        assert GraphStore.document(store, doc.id) == store.document(doc.id)
        assert key(GraphStore.document_relations(store, doc.id)) == key(store.document_relations(doc.id))
    assert GraphStore.document(store, "nope") is None and store.document_relations("nope") == []
