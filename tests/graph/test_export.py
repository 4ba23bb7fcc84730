"""Every export read back by networkx, and the GraphML also by igraph."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from graph.errors import QueryError, StoreError
from graph.export import EDGE_COLUMNS, NODE_COLUMNS, export_graph
from graph.stores.base import EdgeFilter

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def expected(store):
    """Store contents in export terms: {node id: name_ar}, {edge id: (source, target, type, date)}."""
    nodes = {e.id: e.name_ar or "" for e in store.entities()}
    edges = {e.id: (e.source, e.target, e.type, e.date or "") for e in store.edges(EdgeFilter(modalities=None))}
    return nodes, edges


def test_graphml_round_trips_through_networkx_and_igraph(gold_store, tmp_path):
    out = tmp_path / "g.graphml"
    assert export_graph(gold_store, "graphml", out) == [out]
    nodes, edges = expected(gold_store)

    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges)
    assert {n: d["name_ar"] for n, d in g.nodes(data=True)} == nodes
    assert {k: (u, v, d["relation"], d["date"]) for u, v, k, d in g.edges(keys=True, data=True)} == edges
    checker = g.nodes["NICK_CHECKER"]
    assert (checker["name_ar"], checker["kind"], checker["label"]) == ("نيك تشيكر", "person", "Nick Checker")
    met = next(d for _, _, d in g.edges(data=True) if d["relation"] == "MET" and d["date"] == "2025-11-04")
    assert met["n_sources"] == 3 and met["documents"] == ("000_78dd3b09c3dc0569 | 001_7cda91046080cc81 | "
                                                          "002_5a6120847c90cc8d")
    assert met["evidence"].count("\n") == 2 and "CHRISTOPHER_LANDAU MET ABDOULAYE_DIOP" in met["evidence"]

    ig = igraph.Graph.Read_GraphML(str(out))
    assert (ig.vcount(), ig.ecount()) == (len(nodes), len(edges))
    assert set(ig.vs.attributes()) == {"id", *NODE_COLUMNS}
    assert set(ig.es.attributes()) - {"id"} == set(EDGE_COLUMNS)
    assert {v["id"]: v["name_ar"] for v in ig.vs} == nodes
    assert {e["edge_id"]: (ig.vs[e.source]["id"], ig.vs[e.target]["id"], e["relation"], e["date"])
            for e in ig.es} == edges
    for e in ig.es:      # same values as networkx read (igraph reads integers as floats)
        assert e.attributes() | {"id": None} == {**g.edges[ig.vs[e.source]["id"], ig.vs[e.target]["id"],
                                                          e["edge_id"]], "id": None}


def test_graphml_is_what_gephi_and_yed_accept(gold_store, tmp_path):
    out = tmp_path / "g.graphml"
    export_graph(gold_store, "graphml", out)
    root = ET.parse(out).getroot()
    keys = root.findall("g:key", NS)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids)), "key ids must be unique"
    assert all(k.get("id") == k.get("attr.name") for k in keys), "named key ids"
    assert all(k.get("attr.type") in ("string", "long", "int", "double", "boolean") for k in keys)
    edge_ids = [e.get("id") for e in root.iter("{%s}edge" % NS["g"])]
    assert len(edge_ids) == len(set(edge_ids)) == gold_store.counts()["edges"]
    text = out.read_text(encoding="utf-8")
    assert ">None<" not in text and "[" not in "".join(d.text or "" for d in root.iter("{%s}data" % NS["g"])
                                                      if d.get("key") in ("documents", "aliases"))
    assert "عبد الله ديوب" in text


def test_gexf_has_spells_for_gephi_timeline(gold_store, tmp_path):
    out = tmp_path / "g.gexf"
    export_graph(gold_store, "gexf", out)
    nodes, edges = expected(gold_store)
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges)
    by_id = {d["id"]: d for _, _, d in g.edges(data=True)}
    assert set(by_id) == set(edges)
    spells = {edges[i][3]: d.get("spells") for i, d in by_id.items() if edges[i][2] in ("MET", "VISITED")}
    assert spells["2026-02"] == [("2026-02-01", "2026-02-28")]
    assert spells["2025-11-04"] == [("2025-11-04", "2025-11-04")]
    assert spells[""] is None                                     # undated: always shown
    assert ET.parse(out).getroot().find("{http://www.gexf.net/1.2draft}graph").get("timeformat") == "date"
    assert g.nodes["NICK_CHECKER"]["name_ar"] == "نيك تشيكر" and g.nodes["NICK_CHECKER"]["label"] == "Nick Checker"


def test_json_is_node_link_with_full_evidence(gold_store, tmp_path):
    out = tmp_path / "g.json"
    export_graph(gold_store, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    nodes, edges = expected(gold_store)
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges)
    assert {k for _, _, k in g.edges(keys=True)} == set(edges)
    met = next(d for _, _, d in g.edges(data=True) if d["type"] == "MET" and d["date"] == "2025-11-04")
    assert [e["doc"] for e in met["evidence"]] == ["000_78dd3b09c3dc0569", "001_7cda91046080cc81",
                                                   "002_5a6120847c90cc8d"]
    assert g.graph["format"] == "geograph" and len(g.graph["documents"]) == 5
    assert g.nodes["ABDOULAYE_DIOP"]["name_ar"] == "عبد الله ديوب"


@pytest.mark.parametrize("name, files", [("tables", ["tables/nodes.csv", "tables/edges.csv"]),
                                         ("graph.csv", ["graph.nodes.csv", "graph.edges.csv"])])
def test_csv_writes_a_nodes_and_an_edges_table(gold_store, tmp_path, name, files):
    written = export_graph(gold_store, "csv", tmp_path / name)
    assert written == [tmp_path / f for f in files]
    with open(written[0], encoding="utf-8", newline="") as fh:
        node_rows = list(csv.DictReader(fh))
    with open(written[1], encoding="utf-8", newline="") as fh:
        edge_rows = list(csv.DictReader(fh))
    g = nx.MultiDiGraph()
    g.add_nodes_from((r["Id"], r) for r in node_rows)
    g.add_edges_from((r["Source"], r["Target"], r["Id"], r) for r in edge_rows)
    nodes, edges = expected(gold_store)
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges)
    assert {r["Id"]: r["name_ar"] for r in node_rows} == nodes
    assert {r["Id"]: (r["Source"], r["Target"], r["Label"], r["date"]) for r in edge_rows} == edges
    multi_line = next(r for r in edge_rows if r["n_sources"] == "2")
    assert multi_line["evidence"].count("\n") == 1


def test_bad_format_and_bad_destination_are_errors(gold_store, tmp_path):
    with pytest.raises(QueryError, match="unknown export format 'dot'"):
        export_graph(gold_store, "dot", tmp_path / "g.dot")
    with pytest.raises(StoreError, match="is a folder"):
        export_graph(gold_store, "graphml", tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot write"):
        export_graph(gold_store, "json", blocker / "g.json")
