"""The pages in headless Chromium: what is drawn, what a click shows, and that article text never runs."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import yaml

LANDAU, DIOP = "CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP"

# Edges are vis-network objects, or painted on the canvas in big views.
DRAWN_JS = """() => ({nodes: window.network.body.data.nodes.getIds().sort(),
                     edges: window.network.body.data.edges.get().map(e => [e.id, e.type])
                            .concat((window.geographLayer ? window.geographLayer.edges : []).map(e => [e.id, e.type]))})"""
# Where an edge is on screen: its middle point, after zooming onto its two ends.
EDGE_POINT_JS = """(id) => {
    const edge = window.network.body.edges[id];
    window.network.fit({nodes: [edge.fromId, edge.toId], animation: false});
    window.network.redraw();
    const p = window.network.canvasToDOM(edge.edgeType.getPoint(0.5));
    const box = document.querySelector('#network canvas').getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
}"""


def api(url: str, path: str, **params):
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{url}{path}{query}") as answer:
        return json.load(answer)


def drawn(page):
    return page.evaluate(DRAWN_JS)


def click_edge(page, edge_id: str) -> None:
    x, y = page.evaluate(EDGE_POINT_JS, edge_id)
    page.mouse.click(x, y)


def test_seed_graph_renders_every_node(page, live_url, ready, shots):
    expected = api(live_url, "/api/graph")
    page.goto(live_url)
    ready(page)
    shown = drawn(page)
    assert shown["nodes"] == sorted(n["id"] for n in expected["nodes"]) and len(shown["nodes"]) > 10
    assert sorted(e[0] for e in shown["edges"]) == sorted(e["id"] for e in expected["edges"])
    assert page.locator("#shown").inner_text().startswith(f"{len(expected['nodes'])} actors")
    assert page.locator("#kinds .legend-item").count() >= 4
    assert page.evaluate("() => document.querySelector('#network canvas').width") > 0
    page.screenshot(path=shots("screenshot-seeds.png"))


def test_type_filter_redraws(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    before = drawn(page)
    assert "HOLDS_ROLE" in {t for _, t in before["edges"]}
    page.locator("#types input[value=HOLDS_ROLE]").uncheck()
    ready(page, draws=2)
    after = drawn(page)
    types = [t["name"] for t in api(live_url, "/api/meta")["types"] if t["count"] and t["name"] != "HOLDS_ROLE"]
    expected = api(live_url, "/api/graph", types=",".join(types))
    assert "HOLDS_ROLE" not in {t for _, t in after["edges"]}
    assert after["nodes"] == sorted(n["id"] for n in expected["nodes"]) and len(after["nodes"]) < len(before["nodes"])
    assert "types=" in page.url and "HOLDS_ROLE" not in urllib.parse.unquote(page.url)


def test_time_window_redraws(page, dated_app, serving, ready):
    with serving(dated_app) as url:
        months = [m["month"] for m in api(url, "/api/meta")["months"]]
        page.goto(f"{url}/?limit=all")
        ready(page)
        everything = drawn(page)
        middle = len(months) // 2
        page.locator("#to-idx").fill(str(middle))
        ready(page, draws=2)
        assert page.locator("#to-label").inner_text() == months[middle]
        assert not page.locator("#undated").is_checked()          # hidden once a window is set
        window = drawn(page)
        expected = api(url, "/api/graph", to=months[middle], undated=0, limit="all")
        assert sorted(e[0] for e in window["edges"]) == sorted(e["id"] for e in expected["edges"])
        assert 0 < len(window["edges"]) < len(everything["edges"])
        to = months[middle]
        assert all(d[: len(to)] <= to[: len(d)] for e in expected["edges"] for d in e["dates"][:1])


def test_clicking_the_landau_diop_edge_shows_the_arabic_sentence_highlighted(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    met = [e for e in api(live_url, "/api/graph")["edges"] if e["type"] == "MET" and {e["from"], e["to"]} == {LANDAU, DIOP}]
    assert len(met) == 1
    click_edge(page, met[0]["id"])
    sentence = page.locator("#panel .sentence").first
    sentence.wait_for()
    assert sentence.get_attribute("dir") == "rtl" and sentence.get_attribute("lang") == "ar"
    assert "لاندو" in sentence.inner_text()
    rel = api(live_url, f"/api/relations/{met[0]['ids'][0]}")
    ev = rel["evidence"][0]
    base = ev["sentence_span"][0]
    for role, (start, end) in ev["spans"].items():
        marks = page.locator(f"#panel .relation >> nth=0 >> .sentence >> nth=0 >> mark[data-role~={role}]")
        assert "".join(marks.all_inner_texts()) == ev["sentence"][start - base:end - base], role
    assert page.locator("#panel .relation").first.get_attribute("data-edge-id") == rel["id"]
    assert page.locator("#panel .rule").first.inner_text() == f"rule {ev['rule']}"


def test_node_card_and_ego_network(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    x, y = page.evaluate("""(id) => { window.network.focus(id, {scale: 1.2, animation: false}); window.network.redraw();
        const p = window.network.canvasToDOM(window.network.getPosition(id));
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""", DIOP)
    page.mouse.click(x, y)
    page.locator("#panel .card-name").wait_for()
    assert page.locator("#panel .card-name").inner_text() == "Abdoulaye Diop"
    assert page.locator("#panel .card-name-ar").get_attribute("dir") == "rtl"
    page.locator("#show-ego").click()
    ready(page, draws=2)
    expected = api(live_url, "/api/graph", ego=DIOP, hops=1)
    assert drawn(page)["nodes"] == sorted(n["id"] for n in expected["nodes"])
    assert f"ego={DIOP}" in page.url and page.locator("#ego-name").inner_text() == "Abdoulaye Diop"


def test_a_provisional_person_says_so_on_its_card(page, store_of, schema, serving, ready, tmp_path, shots):
    """An official the gazetteer does not know, named beside his title in an English article, is a node whose
    card says it is provisional (our own sentence and an invented name)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "p1.txt").write_text("Togo's trade minister Kossi Adjovi-Mensah met Abdoulaye Diop in Bamako on "
                                   "Monday.\n", encoding="utf-8")
    (folder / "manifest.yaml").write_text("p1: {published: 2025-11-05, lang: en}\n", encoding="utf-8")
    from server import create_app

    with serving(create_app({"STORE": store_of(folder), "SCHEMA": schema})) as url:
        person = "KOSSI_ADJOVI_MENSAH"
        assert api(url, f"/api/entities/{person}")["entity"]["provisional"] is True
        page.goto(url)
        ready(page)
        x, y = page.evaluate("""(id) => { window.network.focus(id, {scale: 1.2, animation: false});
            window.network.redraw(); const p = window.network.canvasToDOM(window.network.getPosition(id));
            const box = document.querySelector('#network canvas').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", person)
        page.mouse.click(x, y)
        page.locator("#panel .card-provisional").wait_for()
        assert page.locator("#panel .card-name").inner_text() == "Kossi Adjovi-Mensah"
        assert page.locator("#panel .card-provisional").inner_text().startswith("Provisional:")
        page.screenshot(path=shots("provisional-card.png"))
        # a gazetteer's person has no such line
        diop_card = api(url, f"/api/entities/{DIOP}")["entity"]
        assert "provisional" not in diop_card


def test_search_by_arabic_name(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    page.locator("#q").fill("ديوب")
    ready(page, draws=2)
    assert all(DIOP in e[0].split("|")[1:] for e in drawn(page)["edges"])


def test_who_met_form_answers_with_evidence_links(page, live_url, ready):
    page.goto(f"{live_url}/who-met")
    page.locator("input[name=actor]").fill("ديوب")
    page.locator("#who-met-form button[type=submit]").click()
    page.locator("#who-met-table").wait_for()
    table = page.locator("#who-met-table").inner_text()
    assert "Christopher Landau" in table and "Abdoulaye Diop" in table
    page.locator("#who-met-table tr", has_text="Christopher Landau").locator("a.evidence-link").first.click()
    ready(page, draws=0)
    assert "لاندو" in page.locator(".sentence").first.inner_text()
    assert page.locator("mark.hl-trigger").count() >= 1


def test_cypher_console_draws_its_result(page, live_url):
    page.goto(f"{live_url}/cypher")
    page.wait_for_selector("body[data-state=ready]")
    page.locator("#query").fill(f"MATCH (a {{id: '{LANDAU}'}})-[r:MET]-(b) RETURN a, r, b")
    page.locator("#run").click()
    page.wait_for_selector("#cypher-table tbody tr")
    assert page.locator("#cypher-table thead th").all_inner_texts() == ["a", "r", "b"]
    assert "Abdoulaye Diop" in page.locator("#cypher-table").inner_text()
    shown = drawn(page)
    assert set(shown["nodes"]) >= {LANDAU, DIOP} and ("MET" in {t for _, t in shown["edges"]})
    page.locator("#query").fill("MATCH (a) DETACH DELETE a")
    page.locator("#run").click()
    page.locator("#cypher-error").wait_for()
    assert "only reading queries" in page.locator("#cypher-error").inner_text()
    assert len(page.problems) == 1 and "400 (BAD REQUEST)" in page.problems.pop()


PLANTS = ('<script>window.__pwned = "script"</script>', '<img src=x onerror="window.__pwned = \'img\'">')


def test_a_planted_script_in_an_article_does_not_run(page, store_of, schema, serving, ready, seeds_dir, tmp_path):
    """The Landau article with markup planted in its first sentence and in the outlet's name."""
    folder = tmp_path / "articles"
    folder.mkdir()
    article = seeds_dir / "000_78dd3b09c3dc0569.txt"
    text = article.read_text(encoding="utf-8")
    first_end = text.index(".")
    (folder / "planted.txt").write_text(text[:first_end] + " " + " ".join(PLANTS) + text[first_end:], encoding="utf-8")
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"planted": {"outlet": PLANTS[1], "published": "2025-11-05",
                                                                       "lang": "ar"}}), encoding="utf-8")
    from server import create_app

    app = create_app({"STORE": store_of(folder), "SCHEMA": schema})
    with serving(app) as url:
        met = [e for e in api(url, "/api/graph")["edges"] if e["type"] == "MET" and {e["from"], e["to"]} == {LANDAU, DIOP}]
        rel = api(url, f"/api/relations/{met[0]['ids'][0]}")
        assert PLANTS[0] in rel["evidence"][0]["sentence"]
        page.goto(url)
        ready(page)
        click_edge(page, met[0]["id"])
        page.locator("#panel .sentence").first.wait_for()
        assert PLANTS[0] in page.locator("#panel .sentence").first.inner_text()
        assert page.locator("#panel .outlet").first.inner_text() == PLANTS[1]
        page.goto(f"{url}/relations/{met[0]['ids'][0]}")
        ready(page, draws=0)
        assert PLANTS[1] in page.locator(".sentence").first.inner_text()
        page.goto(f"{url}/cypher?" + urllib.parse.urlencode({"q": "MATCH (a)-[r]->(b) RETURN a.name, r, b.name"}))
        page.wait_for_selector("#cypher-table tbody tr")
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate("() => document.querySelectorAll('main img, main script, #panel img').length") == 0


# The painted edge whose middle lies farthest from every other edge and node, and that point on screen.
LONELY_EDGE_JS = """() => {
    const at = window.network.body.nodes, edges = window.geographLayer.edges;
    const mid = e => ({x: (at[e.from].x + at[e.to].x) / 2, y: (at[e.from].y + at[e.to].y) / 2});
    const gap = (p, e) => { const a = at[e.from], b = at[e.to], dx = b.x - a.x, dy = b.y - a.y;
        const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
        return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy); };
    let best = null, room = -1;
    for (const e of edges) {
        const p = mid(e);
        const near = Math.min(...edges.filter(o => o !== e).map(o => gap(p, o)),
                              ...Object.values(at).map(n => Math.hypot(n.x - p.x, n.y - p.y)));
        if (near > room) { room = near; best = e; }
    }
    const d = window.network.canvasToDOM(mid(best));
    const box = document.querySelector('#network canvas').getBoundingClientRect();
    return {id: best.id, ids: best.ids, x: box.left + d.x, y: box.top + d.y};
}"""


def test_big_views_paint_edges_that_stay_clickable(page, dated_store, schema, serving, ready):
    from server import create_app

    app = create_app({"STORE": dated_store, "SCHEMA": schema, "VIS_MAX_EDGES": 10})
    with serving(app) as url:
        expected = api(url, "/api/graph", limit="all")
        assert expected["painted"]
        page.goto(f"{url}/?limit=all")
        ready(page)
        assert page.evaluate("() => window.network.body.data.edges.length") == 0
        assert sorted(e[0] for e in drawn(page)["edges"]) == sorted(e["id"] for e in expected["edges"])
        target = page.evaluate(LONELY_EDGE_JS)
        page.mouse.click(target["x"], target["y"])
        page.locator("#panel .relation").first.wait_for()
        shown = page.locator("#panel .relation").evaluate_all("els => els.map(e => e.dataset.edgeId)")
        assert sorted(shown) == sorted(target["ids"])
        assert "painted" in page.locator("#status").inner_text()
