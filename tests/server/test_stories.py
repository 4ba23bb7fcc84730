"""What an analyst reads: the actor story, who met whom on open, articles with every relation highlighted,
the evidence colours and links, and the Cypher console's hints (API through Flask, pages in Chromium)."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import server.stories
from graph.inputs import read_documents
from graph.stores.base import EdgeFilter
from server.views import PAGE_SIZE

LANDAU, DIOP, CHECKER, ATALLAH = "CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP", "NICK_CHECKER", "RUDOLPH_ATALLAH"


def api(url: str, path: str, **params):
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{url}{path}{query}") as answer:
        return json.load(answer)


def test_story_of_mali_is_in_date_order_with_every_relation(client, seed_store):
    story = client.get("/api/entities/MLI/story").json
    expected = {e.id for e in seed_store.edges(EdgeFilter(actors=("MLI",), modalities=None))}
    assert {r["id"] for r in story["relations"]} == expected and len(expected) > 10
    dates = [r["date"] for r in story["relations"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated      # dated first, in order; undated last
    assert {"NEGOTIATED", "ATTACKED", "MET"} <= set(story["types"])
    usa = next(r for r in story["relations"] if r["type"] == "EVACUATED")
    assert usa["side"] == "target" and usa["counterpart"]["name"]
    assert client.get("/api/entities/NOPE/story").status_code == 404


def test_story_roles_are_one_line_each(client):
    roles = client.get(f"/api/entities/{DIOP}/story").json["roles"]
    # the gazetteer's two terms; the four reported wordings fold into the current one
    assert [(r["role"], r["start"], r["end"]) for r in roles] == [
        ("Minister of Foreign Affairs", "2021-06", None), ("Minister of Foreign Affairs", "2014-04", "2017-04")]
    assert len(roles[0]["reported_as"]) == 4 and len(roles[0]["edges"]) == 4 and roles[1]["edges"] == []


def test_article_gives_whole_text_and_every_relation(client, seed_store, seeds_dir):
    texts = {d.id: d.text for d in read_documents([seeds_dir])}
    doc = "004_87cf282df6eeba7b"
    art = client.get(f"/api/articles/{doc}").json
    assert art["text"] == texts[doc] and art["lang"] == "ar"
    reported = {e.id for e in seed_store.edges(EdgeFilter(modalities=None)) if doc in e.documents}
    assert {r["id"] for r in art["relations"]} == reported
    for rel in art["relations"]:
        assert rel["evidence"] and all(ev["doc"] == doc for ev in rel["evidence"])
        for ev in rel["evidence"]:
            start, end = ev["sentence_span"]
            assert art["text"][start:end] == ev["sentence"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get(f"/articles/{doc}").status_code == 200 and client.get("/articles/nope").status_code == 404


def test_carried_subject_has_its_span(client, seed_store):
    """'... نيك تشيكر ... زار مالي ... والتقى وزير الخارجية': the meeting's subject is carried from the visit."""
    [met] = [e for e in seed_store.edges() if e.type == "MET" and CHECKER in (e.source, e.target)]
    ev = client.get(f"/api/relations/{met.id}").json["evidence"][0]
    base = ev["sentence_span"][0]
    side = "source" if met.source == CHECKER else "target"
    start, end = ev["spans"][side]
    assert ev["sentence"][start - base:end - base] == "نيك تشيكر"
    assert ev["spans"]["trigger"][0] > end        # written before its verb, not beside it


def atallah_met_mali(store):
    [met] = [e for e in store.edges(EdgeFilter(types=("MET",))) if {e.source, e.target} == {"MLI", ATALLAH}]
    return met


def test_subject_carried_from_an_earlier_sentence_has_its_span(client, seed_store, seeds_dir):
    """'... رودولف عطا الله ... وأكد عطا الله ...' then 'وخلال لقائه ...': the meeting's subject is the speaker
    of the sentence before; stored as MLI MET RUDOLPH_ATALLAH, so that span is the carried target's."""
    met = atallah_met_mali(seed_store)
    assert (met.source, met.target) == ("MLI", ATALLAH)
    texts = {d.id: d.text for d in read_documents([seeds_dir])}
    [ev] = [ev for ev in client.get(f"/api/relations/{met.id}").json["evidence"] if ev["doc"].startswith("003")]
    start, end = ev["spans"]["carried_target"]
    assert texts[ev["doc"]][start:end] == "عطا الله" and end <= ev["sentence_span"][0]
    assert set(ev["spans"]) == {"trigger", "source", "carried_target"}      # Mali is written beside the trigger


def test_symmetric_spans_follow_the_stored_direction(client, seed_store):
    """Landau met Diop: stored as ABDOULAYE_DIOP MET CHRISTOPHER_LANDAU, its source span is Diop's name."""
    for edge in seed_store.edges(EdgeFilter(types=("MET",))):
        if {edge.source, edge.target} != {LANDAU, DIOP}:
            continue
        assert edge.source == DIOP
        for ev in client.get(f"/api/relations/{edge.id}").json["evidence"]:
            base = ev["sentence_span"][0]
            s, e = ev["spans"]["source"]
            assert "ديوب" in ev["sentence"][s - base:e - base]


def test_suggest_names_in_english_or_arabic(client):
    assert [a["id"] for a in client.get("/api/suggest?q=ديو").json["actors"]] == [DIOP]
    found = client.get("/api/suggest?q=mal").json["actors"]
    assert found[0]["id"] == "MLI" and len(found) <= server.stories.SUGGESTIONS
    assert client.get("/api/suggest?q=").json["actors"] == []
    assert client.get("/api/suggest?q=" + "x" * 300).status_code == 400


def test_cypher_hints_name_the_closest_known(client):
    def hints(q):
        return [(h["what"], h["name"], h["closest"]) for h in client.post("/api/cypher/hints", json={"q": q}).json["hints"]]

    assert hints("MATCH (a)-[r:MEET]-(b) RETURN a.nme") == [("type", "MEET", ["MET"]), ("property", "nme", ["name", "name_ar"])]
    assert hints("MATCH (a:Persn {id: 'MLI'}) RETURN a.name") == [("label", "Persn", ["Person"])]
    assert hints("MATCH (a)-[r:MET]->(b) WHERE r.date >= '2025' RETURN a.name_ar, type(r)") == []
    assert hints("MATCH (a) WHERE a.name = 'x.nme' RETURN a") == []          # strings are not names
    assert client.post("/api/cypher/hints", json=["MATCH"]).status_code == 400


def test_who_met_lists_every_meeting_on_open_newest_first(client):
    every = client.get("/api/who-met").json["meetings"]
    html = client.get("/who-met").get_data(as_text=True)
    assert f"{len(every)} meetings, newest first" in html
    assert html.count("evidence-link") == sum(len(m["edges"]) for m in every[:PAGE_SIZE])
    assert client.get("/who-met?page=0").status_code == 200 and "bad page" in client.get("/who-met?page=x").get_data(as_text=True)


def test_who_met_pages(schema):
    from server import create_app
    from server.synthetic import fill_synthetic
    from graph.stores.networkx_store import NetworkXStore

    store = NetworkXStore(None, relation_types=schema.relation_types)
    fill_synthetic(store, schema, nodes=60, relations=2500)
    client = create_app({"STORE": store, "SCHEMA": schema, "TESTING": True}).test_client()
    every = client.get("/api/who-met").json["meetings"]
    assert len(every) > PAGE_SIZE
    first = client.get("/who-met").get_data(as_text=True)
    second = client.get("/who-met?page=2").get_data(as_text=True)
    assert "page 1 of" in first and 'id="page-next"' in first and 'id="page-prev"' in second
    assert first.count("<tr>") - 1 == PAGE_SIZE


# ---- in the browser ---------------------------------------------------------------------------------------------

def test_actor_story_on_click_lists_mali_in_date_order(page, live_url, ready, shots):
    page.goto(live_url)
    ready(page)
    x, y = page.evaluate("""(id) => { window.network.focus(id, {scale: 1.2, animation: false}); window.network.redraw();
        const p = window.network.canvasToDOM(window.network.getPosition(id));
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""", "MLI")
    page.mouse.click(x, y)
    page.locator("#story li").first.wait_for()
    story = api(live_url, "/api/entities/MLI/story")
    shown = page.locator("#story li").evaluate_all("els => els.map(e => [e.dataset.edgeId, e.dataset.date])")
    assert [s[0] for s in shown] == [r["id"] for r in story["relations"]]
    dated = [d for _, d in shown if d]
    assert dated == sorted(dated) and len(dated) >= 3   # Mali's dated seed relations (2025 to 2026), oldest first
    assert page.locator("#who-met-link").get_attribute("href") == "/who-met?actor=MLI&level=country"
    page.locator("#story-type").select_option("ATTACKED")
    visible = page.locator("#story li:visible").evaluate_all("els => els.map(e => e.dataset.type)")
    assert visible and set(visible) == {"ATTACKED"}
    page.locator("#story-type").select_option("")
    page.evaluate("() => { document.getElementById('tip').hidden = true; }")   # no hover card over the picture
    page.screenshot(path=shots("screenshot-actor-story.png"))


def test_diop_card_has_one_role_line_per_term(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    page.evaluate("(id) => window.network.emit('click', {nodes: [id], edges: [], pointer: {canvas: {x: 0, y: 0}}})", DIOP)
    page.locator("#card-roles li").first.wait_for()
    assert page.locator("#card-roles > li").count() == 2
    assert "وزير الخارجية المالي" in page.locator("#card-roles").inner_text()


def test_who_met_page_lists_all_and_suggests_names(page, live_url):
    every = api(live_url, "/api/who-met")["meetings"]
    page.goto(f"{live_url}/who-met")
    assert page.locator("#who-met-table tbody tr").count() == len(every) > 0
    page.wait_for_selector("body[data-state=ready]")
    page.locator("input[name=actor]").fill("ديو")
    page.wait_for_selector("#actor-names option", state="attached")
    assert page.locator("#actor-names option").first.get_attribute("value") == "عبد الله ديوب"
    page.locator("input[name=with]").fill("Lan")
    page.wait_for_selector("#with-names option", state="attached")
    assert page.locator("#with-names option").first.get_attribute("value") == "Christopher Landau"


def test_carried_subject_is_highlighted_with_a_legend(page, live_url, seed_store):
    [met] = [e for e in seed_store.edges() if e.type == "MET" and CHECKER in (e.source, e.target)]
    page.goto(f"{live_url}/relations/{met.id}")
    page.wait_for_selector("body[data-state=ready]")
    side = "source" if met.source == CHECKER else "target"
    assert "نيك تشيكر" in page.locator(f".sentence mark[data-role~={side}]").all_inner_texts()
    assert page.locator(".legend-roles mark").all_inner_texts() == ["source", "trigger (type)", "target", "date"]
    header = page.locator(".relation h3")
    assert header.locator(f".hl-{side}").inner_text() == "Nick Checker"
    colour = "el => getComputedStyle(el).backgroundColor"
    assert header.locator(".hl-source").evaluate(colour) == page.locator(".legend-roles .hl-source").evaluate(colour)
    assert page.locator(".sentence mark.hl-source").first.evaluate(colour) == \
        page.locator(".legend-roles .hl-source").evaluate(colour)
    page.locator("a.graph-link").click()
    page.wait_for_selector(f"body[data-centred='MET|{met.source}|{met.target}']")
    assert page.evaluate("() => window.network.getSelectedEdges()") == [f"MET|{met.source}|{met.target}"]
    view = page.evaluate("() => window.network.getViewPosition()")
    ends = page.evaluate("(ids) => window.network.getPositions(ids)", [met.source, met.target])
    middle = [(ends[met.source][k] + ends[met.target][k]) / 2 for k in ("x", "y")]
    assert abs(view["x"] - middle[0]) < 25 and abs(view["y"] - middle[1]) < 25        # centred on the edge (labels count)
    page.locator(f"#panel .relation[data-edge-id='{met.id}']").wait_for()


def test_subject_from_an_earlier_sentence_is_highlighted(page, live_url, seed_store):
    met = atallah_met_mali(seed_store)
    page.goto(f"{live_url}/relations/{met.id}")
    page.wait_for_selector("body[data-state=ready]")
    note = page.locator(".carried-note mark[data-role~=target]")
    page.wait_for_function("() => document.querySelector('.carried-note mark').textContent !== '…'")
    assert note.inner_text() == "عطا الله"
    colour = "el => getComputedStyle(el).backgroundColor"
    assert note.evaluate(colour) == page.locator(".relation h3 .hl-target").evaluate(colour)
    assert page.locator(".relation h3 .hl-target").inner_text() == "Rudolph Atallah"


def test_article_page_highlights_every_relation(page, live_url, shots):
    doc = "004_87cf282df6eeba7b"
    art = api(live_url, f"/api/articles/{doc}")
    page.goto(f"{live_url}/relations/{art['relations'][0]['id']}")
    page.wait_for_selector("body[data-state=ready]")
    page.locator(f"a.doc[href='/articles/{doc}']").first.click()
    page.wait_for_selector("body[data-state=ready]")
    text = page.locator("#article-text")
    assert text.get_attribute("dir") == "rtl" and text.inner_text().strip() == art["text"].strip()
    marked = set(" ".join(text.locator("mark").evaluate_all("els => els.map(e => e.dataset.relations)")).split())
    assert marked == {r["id"] for r in art["relations"]}
    assert page.locator("#article-relations li").count() == len(art["relations"])
    for rel in art["relations"]:
        for ev in rel["evidence"]:
            role = "trigger" if "trigger" in ev["spans"] else "target"   # a standing tie has no trigger word
            s, e = ev["spans"][role]
            marks = text.locator(f"mark[data-role~={role}][data-relations~='{rel['id']}']")
            assert art["text"][s:e] in "".join(marks.all_inner_texts())
    page.locator("#article-relations li").nth(2).hover()
    assert page.locator("#article-text mark.active").count() >= 1
    page.screenshot(path=shots("screenshot-article.png"), full_page=False)


def test_cypher_console_hints_clears_and_replaces(page, live_url):
    page.goto(f"{live_url}/cypher")
    page.wait_for_selector("body[data-state=ready]")
    assert page.locator("#query").input_value().startswith("MATCH (a)-[r:MET]->(b)")
    page.locator("#run").click()
    page.wait_for_selector("body[data-state=ready] #cypher-table tbody tr")
    rows = page.locator("#cypher-table tbody tr").all_inner_texts()
    assert len(rows) == len(set(rows)) == len(api(live_url, "/api/who-met")["meetings"])   # each meeting once
    assert page.locator("#network").is_visible()
    page.locator("#query").fill("MATCH (a)-[r:MET]-(b) RETURN a.nme")
    page.locator("#run").click()
    page.wait_for_selector("#cypher-hints li")
    assert "did you mean name" in page.locator("#cypher-hints").inner_text()
    assert not page.locator("#network").is_visible()        # scalar rows: no graph box
    page.locator("#query").fill("MATCH (a)-[r:MEET]-(b) RETURN a, r, b")
    page.locator("#run").click()
    page.wait_for_selector("#cypher-hints li[data-name=MEET]")
    assert "did you mean MET?" in page.locator("#cypher-hints").inner_text()
    assert page.locator("#cypher-table tbody tr").count() == 0
    page.locator("#query").fill("MATCH (a) DETACH DELETE a")
    page.locator("#run").click()
    page.locator("#cypher-error").wait_for()
    assert page.locator("#cypher-table").inner_text() == "" and not page.locator("#network").is_visible()
    page.problems[:] = [p for p in page.problems if "400 (BAD REQUEST)" not in p]
    page.locator("button.example", has_text="paths between two actors").click()
    page.wait_for_selector("body[data-state=ready] #cypher-table tbody tr")
    assert page.locator("#cypher-error").is_hidden() and page.locator("#network").is_visible()
    assert page.evaluate("() => window.network.body.data.nodes.getIds().sort()")[:1] == ["MLI"]
