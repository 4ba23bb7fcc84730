"""The graph commands through click's CliRunner, on real files.

The first group reads the gold graph (independent of extraction); the second
builds the seed articles with the real extractor and checks the issue's
acceptance examples.
"""
from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.inputs import single_id
from graph.stores.networkx_store import NetworkXStore

LANDAU = ["ABDOULAYE_DIOP", "Abdoulaye Diop", "CHRISTOPHER_LANDAU", "Christopher Landau", "2025-11-04", "day"]
CHECKER = ["ABDOULAYE_DIOP", "Abdoulaye Diop", "NICK_CHECKER", "Nick Checker", "2026-02", "month"]


def ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


def error(result) -> str:
    """A user mistake: exit code 2, one line on stderr, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr
    return lines[0]


# ---- on the gold graph ---------------------------------------------------------

def test_who_met_table_newest_first(cli, gold_home):
    lines = ok(cli("who-met", "Diop", "--home", gold_home)).splitlines()
    assert lines[0].split() == ["A", "B", "date", "precision", "sources", "documents"]
    assert "Nick Checker" in lines[2] and "2026-02" in lines[2] and "004_87cf282df6eeba7b" in lines[2]
    # the undated report of the same talks (002) joins the one dated meeting: one row, three sources
    assert "Christopher Landau" in lines[3] and "2025-11-04" in lines[3] and " 3 " in lines[3]
    assert "002_5a6120847c90cc8d" in lines[3] and "undated" not in "".join(lines)
    assert lines[-1] == "(2 rows)"


def test_who_met_json_is_stable_and_carries_ids_and_names(cli, gold_home):
    first = ok(cli("who-met", "ABDOULAYE_DIOP", "--json", "--home", gold_home))
    assert ok(cli("who-met", "ABDOULAYE_DIOP", "--json", "--home", gold_home)) == first
    data = json.loads(first)
    assert data["columns"] == ["a", "a_name", "b", "b_name", "date", "precision", "first_reported", "sources",
                               "documents"]
    # the undated third report of the Diop-Landau talks joins the dated meeting (one event, three sources)
    assert [r[:6] for r in data["rows"]] == [CHECKER, LANDAU]
    assert data["rows"][1][6:] == [None, 3, ["000_78dd3b09c3dc0569", "001_7cda91046080cc81", "002_5a6120847c90cc8d"]]


def test_who_met_filters_and_country_level(cli, gold_home):
    rows = json.loads(ok(cli("who-met", "Diop", "--with", "Nick Checker", "--json", "--home", gold_home)))["rows"]
    assert [r[:6] for r in rows] == [CHECKER]
    rows = json.loads(ok(cli("who-met", "Diop", "--from", "2025-11", "--to", "2025-12", "--json",
                             "--home", gold_home)))["rows"]
    assert [r[:6] for r in rows] == [LANDAU]
    rows = json.loads(ok(cli("who-met", "USA", "--level", "country", "--json", "--home", gold_home)))["rows"]
    assert [(r[0], r[2], r[4], r[6]) for r in rows][:3] == [
        ("USA", "MLI", "2026-02", "2026-03-09"), ("USA", "MLI", "2025-11-04", None),
        ("USA", "MLI", None, "2025-07-15")]


def test_query_table_and_json(cli, gold_home):
    q = "MATCH (a {id: 'ABDOULAYE_DIOP'})-[r:MET]-(b) RETURN b.name AS who, r.date ORDER BY r.date"
    table = ok(cli("query", q, "--home", gold_home)).splitlines()
    assert table[0].split() == ["who", "r.date"] and table[-1] == "(2 rows)"
    data = json.loads(ok(cli("query", q, "--json", "--home", gold_home)))
    assert data == {"columns": ["who", "r.date"], "rows": [["Christopher Landau", "2025-11-04"],
                                                         ["Nick Checker", "2026-02"]]}


def test_export_from_the_cli(cli, gold_home, tmp_path):
    out = tmp_path / "graph.graphml"
    stdout = ok(cli("export", "--format", "graphml", "--out", out, "--home", gold_home))
    assert str(out) in stdout
    assert nx.read_graphml(out).number_of_edges() == NetworkXStore(gold_home / "graph.json").counts()["edges"]


@pytest.mark.parametrize("args, message", [
    (["who-met", "Diop", "--from", "last year"], "bad date 'last year' for --from: use YYYY, YYYY-MM or YYYY-MM-DD"),
    (["who-met", "Diop", "--from", "2025-02-30"], "bad date '2025-02-30' for --from: no such date"),
    (["who-met", "Diop", "--to", "2025-13"], "bad date '2025-13' for --to: no such date"),
    (["who-met", "Diop", "--to", "٢٠٢٥"], "for --to: use YYYY, YYYY-MM or YYYY-MM-DD"),
    (["who-met", "Napoleon"], "no actor matches 'Napoleon'"),
    (["query", "MATCH (n) DETACH DELETE n"], "writes to the graph (DELETE)"),
    (["query", "MATCH (n) RETURN n.name ORDER"], "the embedded store cannot run"),
    (["export", "--format", "graphml", "--out", "/proc/nope/g.graphml"], "cannot write '/proc/nope/g.graphml'"),
])
def test_user_mistakes_are_one_line_errors(cli, gold_home, args, message):
    assert message in error(cli(*args, "--home", gold_home))


def test_reading_an_empty_graph_says_to_build_first(cli, tmp_path):
    assert "is empty: run `geograph build` first" in error(cli("who-met", "--home", tmp_path / "none"))


def test_unknown_store_is_a_usage_error(cli, gold_home, monkeypatch):
    monkeypatch.setenv("GEOGRAPH_STORE", "sqlite")
    result = cli("query", "MATCH (n) RETURN n.id", "--home", gold_home)
    assert result.exit_code == 2 and "'sqlite' is not one of 'networkx', 'neo4j'" in result.stderr


# ---- on the seed articles, with the real extractor (the acceptance) ---------

def who_met_rows(cli, home, *args):
    return json.loads(ok(cli("who-met", *args, "--json", "--home", home)))["rows"]


def test_seeds_diop_met_landau_and_checker(cli, seeds_home):
    rows = who_met_rows(cli, seeds_home, "Diop")
    dated = [r[:6] for r in rows if r[4]]
    assert dated[:2] == [CHECKER, LANDAU]
    for alias in ("ديوب", "ABDOULAYE_DIOP"):
        assert who_met_rows(cli, seeds_home, alias) == rows


def test_seeds_country_level_us_met_mali(cli, seeds_home):
    rows = who_met_rows(cli, seeds_home, "مالي", "--level", "country")
    pairs = {(r[0], r[2]) for r in rows}
    assert pairs == {("MLI", "USA")}, rows
    dates = [r[4] for r in rows]
    assert dates[:2] == ["2026-02", "2025-11-04"]
    atallah = [r for r in rows if r[4] is None and r[6] == "2025-07-15"]
    assert len(atallah) == 1 and "003_2ed794d6a66e4bc7" in atallah[0][8]
    assert who_met_rows(cli, seeds_home, "USA", "--level", "country")[0][:5] == [
        "USA", "United States", "MLI", "Mali", "2026-02"]


def test_building_the_seeds_twice_changes_nothing(cli, seeds_copy, seeds_dir):
    path = seeds_copy / "graph.json"
    before = path.read_text(encoding="utf-8")
    counts = NetworkXStore(path).counts()
    stdout = ok(cli("build", seeds_dir, "--home", seeds_copy, "--no-progress"))
    assert "0 document(s) added, 5 already in the graph" in stdout
    assert NetworkXStore(path).counts() == counts
    assert path.read_text(encoding="utf-8") == before


def test_adding_an_article_twice_changes_nothing(cli, seeds_copy, tmp_path):
    article = tmp_path / "005_new.txt"
    article.write_text("التقى وزير الخارجية المالي عبد الله ديوب نظيره الروسي سيرغي لافروف في موسكو يوم 3 مارس 2026.",
                       encoding="utf-8")
    doc_id = single_id("005_new", article.read_text(encoding="utf-8"))   # a file added alone: name and text hash
    first = ok(cli("add", article, "--published", "2026-03-04", "--outlet", "Test Wire", "--home", seeds_copy))
    assert first.startswith(f"added {doc_id}")
    counts = NetworkXStore(seeds_copy / "graph.json").counts()
    again = ok(cli("add", article, "--published", "2026-03-04", "--home", seeds_copy))
    assert again.startswith(f"{doc_id} is already in the graph: nothing changed")
    assert NetworkXStore(seeds_copy / "graph.json").counts() == counts
    store = NetworkXStore(seeds_copy / "graph.json")
    assert store.documents()[-1].id == doc_id and store.documents()[-1].published == "2026-03-04"
    assert "bad publication date" in error(cli("add", article, "--published", "March", "--home", seeds_copy))


def test_an_article_dated_only_by_its_month_is_added(cli, seeds_copy, tmp_path):
    """A page that gives only its month ('--published 2025-02'): its undated report may join a dated edge of
    that month or the days before it, and the command never fails on the partial date."""
    article = tmp_path / "month.txt"
    article.write_text("Mali expelled the French ambassador.", encoding="utf-8")
    assert ok(cli("add", article, "--published", "2025-02", "--home", seeds_copy)).startswith("added ")
    assert NetworkXStore(seeds_copy / "graph.json").documents()[-1].published == "2025-02"


def test_rebuild_starts_from_an_empty_graph(cli, seeds_copy, seeds_dir, tmp_path):
    path = seeds_copy / "graph.json"
    counts = NetworkXStore(path).counts()
    extra = tmp_path / "articles"
    extra.mkdir()
    (extra / "x.txt").write_text("زار لافروف مالي.", encoding="utf-8")
    ok(cli("build", extra, "--home", seeds_copy, "--no-progress"))
    assert NetworkXStore(path).counts()["documents"] == counts["documents"] + 1
    stdout = ok(cli("build", seeds_dir, "--home", seeds_copy, "--rebuild", "--no-progress"))
    assert "5 document(s) added, 0 already in the graph" in stdout
    assert NetworkXStore(path).counts() == counts
