"""The JSON API on the seed graph, through Flask's test client."""
from __future__ import annotations

import csv
import doctest
import io
import re
import zipfile
from collections import Counter

import networkx as nx
import pytest
import yaml

import server.app
import server.export_html
import server.layout
import server.results
import server.synthetic
import server.view
from graph.documents import read_documents
from graph.errors import GeographError
from graph.stores.base import EdgeFilter
from server import create_app

LANDAU, DIOP = "CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP"


def drawn(data):
    return {n["id"] for n in data["nodes"]}, sorted(i for e in data["edges"] for i in e["ids"])


def test_default_view_draws_every_fact_edge_and_its_ends(client, seed_store):
    data = client.get("/api/graph").json
    facts = seed_store.edges(EdgeFilter())
    nodes, ids = drawn(data)
    assert nodes == {n for e in facts for n in (e.source, e.target)}
    assert ids == sorted(e.id for e in facts)
    assert data["omitted"] == {"nodes": 0, "edges": 0} and data["total"]["edges"] == len(facts)
    assert all(n["label"] and n["kind"] and isinstance(n["x"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])   # laid out, not stacked


def test_parallel_relations_are_one_edge_per_type_curved_apart(client):
    edges = client.get("/api/graph?modality=all").json["edges"]
    assert len({e["id"] for e in edges}) == len(edges)
    by_pair = {}
    for e in edges:
        by_pair.setdefault(frozenset((e["from"], e["to"])), []).append(e)
    shared = [group for group in by_pair.values() if len(group) > 1]
    assert shared, "the seeds have actor pairs linked by several relation types"
    for group in shared:
        bends = [(e["smooth"]["type"], e["smooth"]["roundness"]) if "smooth" in e else None for e in group]
        # each drawn in its own place: at most one straight, no two with the same bend seen from one end
        seen = set()
        for e, bend in zip(group, bends):
            side = None if bend is None else (bend[0] == "curvedCW") == (e["from"] <= e["to"])
            assert (side, bend and bend[1]) not in seen
            seen.add((side, bend and bend[1]))


def test_type_filter_keeps_only_those_types(client):
    data = client.get("/api/graph?types=MET,MEMBER_OF").json
    assert data["edges"] and {e["type"] for e in data["edges"]} <= {"MET", "MEMBER_OF"}
    assert client.get("/api/graph?types=").json["nodes"] == []
    bad = client.get("/api/graph?types=MET,MEETS")
    assert bad.status_code == 400 and "'MEETS'" in bad.json["error"] and "MET" in bad.json["error"]


def test_time_window_keeps_what_overlaps_it(dated_app, dated_store):
    client = dated_app.test_client()
    dates = client.get("/api/meta").json["dates"]
    cut = "2022-06"
    data = client.get(f"/api/graph?from=2020&to={cut}&undated=0&limit=all").json
    facts = [e for e in dated_store.edges(EdgeFilter()) if e.date]
    kept = sorted(e.id for e in facts if "2020" <= e.date[:4] and e.date[: len(cut)] <= cut[: len(e.date)])
    assert drawn(data)[1] == kept and 0 < len(kept) < len(facts)
    assert all(e["dates"] for e in data["edges"])
    assert {len(d) for e in data["edges"] for d in e["dates"]} == {4, 7, 10}     # years, months and days
    assert dates == sorted({e.date for e in dated_store.edges(EdgeFilter(modalities=None)) if e.date})
    assert client.get(f"/api/graph?from=2020&to={cut}&limit=all").json["edges"] == data["edges"]   # hidden by default
    with_undated = client.get(f"/api/graph?from=2020&to={cut}&undated=1&limit=all").json
    assert len(drawn(with_undated)[1]) > len(kept)
    bad = client.get("/api/graph?from=4 Nov 2025")
    assert bad.status_code == 400 and "'4 Nov 2025'" in bad.json["error"]
    assert client.get("/api/graph?from=2026&to=2025").status_code == 400


MODAL_ARTICLE = ("سيزور وزير الخارجية الروسي سيرغي لافروف مالي الشهر المقبل.\n"
                 "ولم يلتق لاندو بوزير الخارجية المالي عبد الله ديوب خلال الزيارة.\n"
                 "زار المبعوث الأمريكي نيك تشيكر مالي.")


def test_modalities_are_facts_unless_asked(schema, tmp_path):
    from graph.extract import Extractor
    from graph.ingest import build
    from graph.stores.networkx_store import NetworkXStore

    (tmp_path / "modal.txt").write_text(MODAL_ARTICLE, encoding="utf-8")
    store = NetworkXStore(None, relation_types=schema.relation_types)
    build(store, [tmp_path], Extractor(schema), progress=False)
    client = create_app({"STORE": store, "SCHEMA": schema, "TESTING": True}).test_client()
    every = store.edges(EdgeFilter(modalities=None))
    assert {e.modality for e in every} >= {"fact", "future", "negated"}
    facts = client.get("/api/graph").json
    assert drawn(facts)[1] == sorted(e.id for e in every if e.modality == "fact")
    assert drawn(client.get("/api/graph?modality=all").json)[1] == sorted(e.id for e in every)
    negated = client.get("/api/graph?modality=negated").json
    assert {m for e in negated["edges"] for m in e["modalities"]} == {"negated"}
    assert client.get("/api/graph?modality=maybe").status_code == 400


@pytest.mark.parametrize("text", ["ديوب", "عبد الله ديوب", "diop", "ABDOULAYE_DIOP"])
def test_search_by_english_or_arabic_name_or_id(client, text):
    data = client.get("/api/graph", query_string={"q": text}).json
    assert data["matches"] == [DIOP]
    assert data["edges"] and all(DIOP in (e["from"], e["to"]) for e in data["edges"])
    assert [n["id"] for n in data["nodes"] if n["focus"]] == [DIOP]


def test_ego_network_grows_with_hops(client):
    one = client.get(f"/api/graph?ego={DIOP}&hops=1").json
    two = client.get(f"/api/graph?ego={DIOP}&hops=2").json
    assert all(DIOP in (e["from"], e["to"]) for e in one["edges"])
    assert LANDAU in drawn(one)[0] and drawn(one)[0] < drawn(two)[0]
    bad = client.get("/api/graph?ego=NOBODY")
    assert bad.status_code == 400 and "'NOBODY'" in bad.json["error"]
    assert client.get(f"/api/graph?ego={DIOP}&hops=4").status_code == 400


def test_limit_keeps_the_most_connected_and_says_what_is_left_out(client):
    full = client.get("/api/graph?limit=all").json
    degree = {n["id"]: n["degree"] for n in full["nodes"]}
    part = client.get("/api/graph?limit=3").json
    kept = drawn(part)[0]
    assert len(kept) == 3 and min(degree[n] for n in kept) >= sorted(degree.values())[-3]
    assert part["omitted"]["nodes"] == len(full["nodes"]) - 3
    assert part["omitted"]["edges"] == full["shown"]["edges"] - part["shown"]["edges"] > 0
    assert all(e["from"] in kept and e["to"] in kept for e in part["edges"])


def test_entity_card(client):
    card = client.get(f"/api/entities/{DIOP}").json
    assert card["entity"]["name"] == "Abdoulaye Diop" and card["entity"]["name_ar"]
    assert card["relations"]["MET"] >= 1 and card["facts"] == sum(card["relations"].values())
    assert card["roles"] and all(r["of"]["name"] for r in card["roles"])
    missing = client.get("/api/entities/NOBODY")
    assert missing.status_code == 404 and "'NOBODY'" in missing.json["error"]


def landau_diop_met(store):
    return [e for e in store.edges(EdgeFilter(types=("MET",), actors=(LANDAU,))) if DIOP in (e.source, e.target)]


def test_relation_evidence_points_into_the_article(client, seed_store, seeds_dir):
    edges = landau_diop_met(seed_store)
    assert edges
    texts = {d.id: d.text for d in read_documents([seeds_dir])}
    for edge in edges:
        rel = client.get(f"/api/relations/{edge.id}").json
        assert {rel["source_entity"]["id"], rel["target_entity"]["id"]} == {LANDAU, DIOP}
        for ev in rel["evidence"]:
            start, end = ev["sentence_span"]
            assert texts[ev["doc"]][start:end] == ev["sentence"]
            for role, (s, e) in ev["spans"].items():
                assert (s < e <= start) if role.startswith("carried_") else (start <= s < e <= end)
    assert client.get("/api/relations/0000").status_code == 404


def test_who_met(client):
    rows = client.get("/api/who-met", query_string={"actor": "ديوب"}).json
    assert rows["actor"] == DIOP and LANDAU in {m["b"] for m in rows["meetings"]}
    assert all(m["edges"] for m in rows["meetings"])
    countries = client.get("/api/who-met", query_string={"actor": "Mali", "level": "country"}).json
    assert "USA" in {m["b"] for m in countries["meetings"]}
    assert client.get("/api/who-met?actor=Diop&level=planet").status_code == 400
    assert client.get("/api/who-met?actor=Nobody%20Atall").status_code == 400


def test_cypher_returns_rows_and_draws_them(client, seed_store):
    q = f"MATCH (a {{id: '{LANDAU}'}})-[r:MET]-(b) RETURN a, r, b"
    result = client.post("/api/cypher", json={"q": q}).json
    assert result["columns"] == ["a", "r", "b"] and result["rows"]
    assert {n["id"] for n in result["graph"]["nodes"]} >= {LANDAU, DIOP}
    assert any({e["from"], e["to"]} == {LANDAU, DIOP} and e["type"] == "MET" for e in result["graph"]["edges"])


@pytest.mark.parametrize("q", ["MATCH (a) DETACH DELETE a", "CREATE (x:Entity {id: 'X'})",
                               "MATCH (a) SET a.name = 'x' RETURN a"])
def test_cypher_cannot_write(client, seed_store, q):
    before = seed_store.counts()
    answer = client.post("/api/cypher", json={"q": q})
    assert answer.status_code == 400 and "only reading queries" in answer.json["error"]
    assert seed_store.counts() == before


def test_cypher_takes_parameters_from_the_json_body(client):
    q = "MATCH (a:Entity {id: $id})-[r:MET]-(b) WHERE b.id IN $others RETURN b.id, r.date ORDER BY r.date"
    result = client.post("/api/cypher", json={"q": q, "params": {"id": LANDAU, "others": [DIOP]}}).json
    assert result["columns"] == ["b.id", "r.date"] and result["rows"] and {r[0] for r in result["rows"]} == {DIOP}
    for params, message in [({"id": {"nested": "object"}}, "parameter 'id' is an object"),
                            (["not", "an", "object"], "parameters must be an object"),
                            ({"bad name": 1}, "parameter name 'bad name'")]:
        answer = client.post("/api/cypher", json={"q": q, "params": params})
        assert answer.status_code == 400 and message in answer.json["error"]
    answer = client.post("/api/cypher", data="[1, 2]", content_type="application/json")
    assert answer.status_code == 400 and "must be a JSON object" in answer.json["error"]


def test_cypher_errors_are_plain(client):
    assert "empty query" in client.post("/api/cypher", json={}).json["error"]
    answer = client.post("/api/cypher", json={"q": "MATCH (a RETURN a"})
    assert answer.status_code == 400 and answer.json["error"]


def test_exports_of_the_view_and_of_the_whole_graph(client, seed_store):
    view = client.get("/api/graph?types=MET").json
    g = nx.read_graphml(io.BytesIO(client.get("/api/export/graphml?types=MET").data))
    assert set(g.nodes) == drawn(view)[0] and g.number_of_edges() == view["shown"]["edges"]
    whole = nx.read_graphml(io.BytesIO(client.get("/api/export/graphml?scope=all").data))
    assert whole.number_of_nodes() == seed_store.counts()["nodes"]
    assert whole.number_of_edges() == seed_store.counts()["edges"]
    gexf = nx.read_gexf(io.BytesIO(client.get("/api/export/gexf?types=MET").data))
    assert set(gexf.nodes) == drawn(view)[0]
    data = client.get("/api/export/json?types=MET")
    assert "attachment" in data.headers["Content-Disposition"]
    assert {n["id"] for n in data.json["nodes"]} == drawn(view)[0]
    with zipfile.ZipFile(io.BytesIO(client.get("/api/export/csv?types=MET").data)) as zf:
        names = sorted(zf.namelist())
        edges_csv = zf.read(names[0]).decode("utf-8")
    assert [n.rsplit("/", 1)[1] for n in names] == ["edges.csv", "nodes.csv"]
    assert len(list(csv.DictReader(io.StringIO(edges_csv)))) == view["shown"]["edges"]
    assert client.get("/api/export/pdf").status_code == 400
    assert client.get("/api/export/json?scope=some").status_code == 400


@pytest.mark.parametrize("path", ["/", "/who-met", "/cypher", "/who-met?actor=Diop", "/articles/004_87cf282df6eeba7b"])
def test_pages_load_nothing_remote_and_run_no_inline_script(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    html = page.get_data(as_text=True)
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs and all(r.startswith(("/", "?", "#")) for r in refs), refs
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", html)   # data blocks only
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    for ref in refs:
        if ref.startswith("/static/"):
            assert client.get(ref).status_code == 200, ref


def test_relation_page(client, seed_store):
    edge = landau_diop_met(seed_store)[0]
    assert client.get(f"/relations/{edge.id}").status_code == 200
    missing = client.get("/relations/nope")
    assert missing.status_code == 404 and "&#39;nope&#39;" in missing.get_data(as_text=True)


def test_bad_settings_are_refused_plainly(seed_store, schema):
    with pytest.raises(GeographError, match="MAX_NODES=0"):
        create_app({"STORE": seed_store, "SCHEMA": schema, "MAX_NODES": 0})
    with pytest.raises(GeographError, match="'MAX_NODE'"):
        create_app({"STORE": seed_store, "SCHEMA": schema, "MAX_NODE": 10})


def test_style_covers_the_ontology(schema):
    style = yaml.safe_load(open(server.app.DEFAULTS["STYLE"], encoding="utf-8"))
    assert set(style["types"]) == set(schema.relation_types)
    assert set(style["kinds"]) == set(schema.entity_kinds)
    assert len(set(style["types"].values())) == len(style["types"])       # every type its own colour
    assert len({(k["shape"], k["color"]) for k in style["kinds"].values()}) == len(style["kinds"])


@pytest.mark.parametrize("module", [server.view, server.results, server.layout, server.app, server.synthetic,
                                    server.export_html])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_meta_counts(client, seed_store):
    meta = client.get("/api/meta").json
    per_type = Counter(e.type for e in seed_store.edges(EdgeFilter(modalities=None)))
    assert {t["name"]: t["count"] for t in meta["types"] if t["count"]} == dict(per_type)
    assert meta["dates"] == sorted(meta["dates"]) and meta["counts"] == seed_store.counts()


@pytest.mark.parametrize("args", [{}, {"limit": "3"}, {"types": "MET,VISITED"}, {"from": "2025-10", "to": "2025-12"},
                                  {"from": "2025-11", "undated": "1"}, {"q": "mali"}, {"modality": "all", "limit": "all"}])
def test_a_view_read_from_edge_summaries_is_the_view_of_whole_edges(app, seed_store, args):
    """Views select from summaries (no evidence), and read whole edges again only when drawn with details
    (not painted); what they select and draw must not change."""
    ex = app.extensions["geograph"]
    flt = server.view.parse_filter(args, known_types=ex.relation_types, default_limit=ex.settings["MAX_NODES"])
    whole, light = server.view.select(seed_store, flt), server.view.select(seed_store, flt, light=True)
    assert [e.id for e in light.edges] == [e.id for e in whole.edges] and whole.edges
    assert (light.nodes, light.degree, light.undated_hidden) == (whole.nodes, whole.degree, whole.undated_hidden)
    assert [e.id for e in light.shown] == [e.id for e in whole.shown]
    assert not any(hasattr(e, "evidence") for e in light.shown)
    sent = app.test_client().get("/api/graph", query_string=args).json
    symmetric = {t for t, rt in ex.relation_types.items() if rt.symmetric}
    assert sent["edges"] == server.view.group_edges(whole.shown, symmetric)


def test_the_collector_is_paused_only_while_a_value_is_computed(seed_store):
    """Views are computed with Python's cyclic collector off (it walked the whole store); it is back on after,
    also when computing fails."""
    import gc

    from server.cache import StoreCache

    cache = StoreCache(seed_store)
    assert cache.get("seen", gc.isenabled) is False and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        cache.get("failing", lambda: 1 / 0)
    assert gc.isenabled()
