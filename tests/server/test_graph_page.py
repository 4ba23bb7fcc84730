"""The graph page as an analyst first sees it, in headless Chromium: legible labels at the initial fit, the
timeline, the confidence filter, the downloads in the navigation bar, and the offline HTML export."""
from __future__ import annotations

import json
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_pages import api, drawn  # noqa: E402  (the page helpers of the other browser tests)

# Every label in sight, as vis-network holds it (not as the page asked): its size on screen (font size in
# canvas units times the scale) and its box, measured when drawing (canvas units; what is out of sight is
# not drawn, so not measured).
LABELS_JS = """() => {
    const net = window.network, s = net.getScale(), canvas = document.querySelector('#network canvas');
    const lo = net.DOMtoCanvas({x: 0, y: 0}), hi = net.DOMtoCanvas({x: canvas.clientWidth, y: canvas.clientHeight});
    const inSight = p => p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y;
    const one = (kind, item, b) => ({kind, id: item.id, px: b.options.font.size * s,
        box: [b.labelModule.size.left, b.labelModule.size.top,
              b.labelModule.size.left + b.labelModule.size.width, b.labelModule.size.top + b.labelModule.size.height]});
    const shown = b => typeof b.options.label === "string" && b.options.label.trim() !== "";
    return Object.values(net.body.nodes).filter(b => shown(b) && inSight(b)).map(b => one("node", b, b))
        .concat(Object.values(net.body.edges).filter(b => shown(b) && inSight(b.edgeType.getPoint(0.5)))
        .map(b => one("edge", b, b)));
}"""


def overlapping(labels):
    return [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["box"][0] < b["box"][2] and b["box"][0] < a["box"][2] and a["box"][1] < b["box"][3] and b["box"][1] < a["box"][3]]


@pytest.mark.parametrize("width,height", [(1440, 900), (1920, 1080)])
def test_labels_are_legible_and_never_overlap_at_the_initial_fit(browser, live_url, ready, shots, width, height):
    view = api(live_url, "/api/graph")
    top = [n["id"] for n in sorted(view["nodes"], key=lambda n: (-n["degree"], n["id"]))[:5]]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(live_url)
        ready(page)
        page.evaluate("() => window.network.redraw()")
        labels = page.evaluate(LABELS_JS)
        nodes = {x["id"]: x for x in labels if x["kind"] == "node"}
        assert set(top) <= set(nodes), f"top actors without a label: {set(top) - set(nodes)}"
        assert all(nodes[i]["px"] >= 12 for i in top)
        assert all(x["px"] >= 11.99 for x in labels)
        assert not overlapping(labels)
        assert len(nodes) >= len(view["nodes"]) * 0.6
        edge_labels = [x["id"] for x in labels if x["kind"] == "edge"]
        dated = {e["id"]: e for e in view["edges"] if e["dates"]}
        shown_dated = [i for i in edge_labels if i in dated]
        assert shown_dated, "no edge label gives a date"
        texts = page.evaluate("ids => ids.map(id => window.network.body.data.edges.get(id).label)", shown_dated)
        assert all(dated[i]["dates"][-1] in t for i, t in zip(shown_dated, texts))
        # Zoomed in, the labels in sight stay legible and apart (placed again for the new scale).
        page.evaluate("() => { window.network.moveTo({scale: window.network.getScale() * 2.5}); "
                      "window.network.emit('zoom', {}); }")
        page.wait_for_timeout(400)
        page.evaluate("() => window.network.redraw()")
        closer = page.evaluate(LABELS_JS)
        assert all(x["px"] >= 11.99 for x in closer) and not overlapping(closer)
        page.evaluate("() => window.network.moveTo({scale: window.network.getScale() / 2.5})")
        page.evaluate("() => window.network.emit('zoom', {})")
        page.wait_for_timeout(400)
        page.evaluate("() => window.network.redraw()")
        back = page.evaluate(LABELS_JS)
        assert all(x["px"] >= 11.99 for x in back) and not overlapping(back)       # none left from the zoom
        page.screenshot(path=shots(f"screenshot-graph-{width}x{height}.png"))
    finally:
        context.close()


BAR_JS = """(i) => { const box = document.querySelector('#timeline').getBoundingClientRect();
    const n = window.geographMeta.months.length; return [box.left + (i + 0.5) * box.width / n, box.top + box.height / 3]; }"""


def test_brushing_the_timeline_sets_the_window_and_hides_undated(page, dated_app, serving, ready, shots):
    with serving(dated_app) as url:
        months = api(url, "/api/meta")["months"]
        assert len(months) > 24 and sum(m["count"] for m in months) > 0
        page.goto(f"{url}/?limit=all")
        ready(page)
        assert page.locator("#timeline rect.tl-bar").count() == len(months)
        everything = drawn(page)
        page.evaluate("() => { window.geographMeta = JSON.parse(document.getElementById('meta').textContent); }")
        a, b = len(months) // 4, len(months) // 2
        x0, y = page.evaluate(BAR_JS, a)
        x1, _ = page.evaluate(BAR_JS, b)
        page.mouse.move(x0, y)
        page.mouse.down()
        page.mouse.move((x0 + x1) / 2, y, steps=3)
        page.mouse.move(x1, y, steps=3)
        page.mouse.up()
        ready(page, draws=2)
        frm, to = months[a]["month"], months[b]["month"]
        assert page.locator("#from-label").inner_text() == frm and page.locator("#to-label").inner_text() == to
        assert f"from={frm}" in page.url and f"to={to}" in page.url
        window = drawn(page)
        expected = api(url, "/api/graph", **{"from": frm, "to": to, "undated": 0, "limit": "all"})
        assert sorted(e[0] for e in window["edges"]) == sorted(e["id"] for e in expected["edges"])
        assert 0 < len(window["edges"]) < len(everything["edges"])
        assert all(e["dates"] for e in expected["edges"])                  # undated hidden once a window is set
        assert not page.locator("#undated").is_checked()
        hidden = api(url, "/api/graph", **{"from": frm, "to": to, "limit": "all"})["undated_hidden"]
        assert hidden > 0 and page.locator("#undated-note").inner_text() == f"{hidden} undated relations hidden"
        assert page.locator("#timeline rect.tl-in").count() == b - a + 1
        page.screenshot(path=shots("screenshot-timeline.png"))
        page.locator("#undated").check()                                   # the toggle brings them back
        ready(page, draws=3)
        with_undated = api(url, "/api/graph", **{"from": frm, "to": to, "undated": 1, "limit": "all"})
        assert sorted(e[0] for e in drawn(page)["edges"]) == sorted(e["id"] for e in with_undated["edges"])
        assert "undated=1" in page.url and any(not e["dates"] for e in with_undated["edges"])
        # The sliders step by month over the whole range.
        assert page.locator("#to-idx").get_attribute("max") == str(len(months) - 1)
        page.locator("#window-all").click()
        ready(page, draws=4)
        assert page.locator("#from-label").inner_text() == months[0]["month"]


def test_minimum_confidence_filter_and_sources_on_edges(page, live_url, ready):
    page.goto(live_url)
    ready(page)
    every = api(live_url, "/api/graph")
    levels = sorted({e["confidence"] for e in every["edges"]})
    cut = next(c for c in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9) if levels[0] < c <= levels[-1])
    page.locator("#conf").evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true}));"
                                   " el.dispatchEvent(new Event('change', {bubbles: true})); }", str(cut))
    ready(page, draws=2)
    expected = api(live_url, "/api/graph", conf=cut)
    assert sorted(e[0] for e in drawn(page)["edges"]) == sorted(e["id"] for e in expected["edges"])
    assert 0 < len(expected["edges"]) < len(every["edges"]) and all(e["confidence"] >= cut for e in expected["edges"])
    assert f"conf={cut}" in page.url and page.locator("#conf-label").inner_text() == f"{cut:.2f}"
    # The number of sources shows in the width and in the label.
    many = [e for e in expected["edges"] if e["sources"] > 1]
    assert many and all(f"{e['sources']} sources" in e["label"] for e in many)
    widths = page.evaluate("ids => ids.map(id => window.network.body.data.edges.get(id).width)",
                           [many[0]["id"], next(e["id"] for e in expected["edges"] if e["sources"] == 1)])
    assert widths[0] > widths[1]


def test_bad_confidence_is_a_clear_error(client):
    bad = client.get("/api/graph?conf=high")
    assert bad.status_code == 400 and "conf='high'" in bad.json["error"] and "0 to 1" in bad.json["error"]


def test_downloads_are_in_the_navigation_bar(page, live_url, ready):
    page.goto(f"{live_url}/?types=MET,VISITED")
    ready(page)
    header = page.locator("header.top")
    header.locator("#downloads summary").click()
    view_links = header.locator("#dl-view a")
    assert view_links.all_inner_texts() == ["HTML", "GRAPHML", "GEXF", "JSON", "CSV"]
    assert all("types=MET%2CVISITED" in h for h in view_links.evaluate_all("els => els.map(a => a.href)"))
    all_links = header.locator("#dl-all a").evaluate_all("els => els.map(a => a.href)")
    assert len(all_links) == 5 and all("scope=all" in h for h in all_links)
    assert header.locator("#downloads .menu").is_visible()
    assert "types=MET%2CVISITED" in header.locator("#dl-html").get_attribute("href")
    assert header.locator("#dl-html").inner_text() == "Download as HTML"
    with urllib.request.urlopen(live_url + header.locator("#dl-html").get_attribute("href")) as answer:
        assert answer.headers.get_content_type() == "text/html"
        assert "filename=geograph-view.html" in answer.headers["Content-Disposition"]
        html = answer.read().decode("utf-8")
    shown = json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", html).group(1))
    assert sorted(n["id"] for n in shown) == sorted(n["id"] for n in api(live_url, "/api/graph", types="MET,VISITED")["nodes"])
    page.goto(f"{live_url}/who-met")                                         # every page has the whole graph's
    assert page.locator("header.top #dl-all a").count() == 5 and page.locator("#dl-view").count() == 0


REMOTE = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?\s*(?:https?:)?//""",
                    re.IGNORECASE)


def open_offline(browser, path):
    """The file in Chromium with every request but the file itself aborted; the requests tried."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    tried, errors = [], []
    url = path.as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else (tried.append(r.request.url), r.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-state=ready]")
    return context, page, tried, errors


def test_exported_html_opens_offline_and_draws_every_node(browser, client, seed_store, tmp_path):
    answer = client.get("/api/export/html?scope=all")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert not REMOTE.search(html)
    assert "<script src" not in html and "<link" not in html
    path = tmp_path / "graph.html"
    path.write_text(html, encoding="utf-8")
    context, page, tried, errors = open_offline(browser, path)
    try:
        ids = page.evaluate("() => window.network.body.nodeIndices.slice().sort()")
        assert ids == sorted(e.id for e in seed_store.entities()) and len(ids) == seed_store.counts()["nodes"] > 20
        assert tried == [] and errors == []
        assert page.locator("#legend .legend-type").count() >= 10 and page.locator("#legend .legend-kind").count() >= 4
        tip = page.evaluate("""() => { const e = window.network.body.data.edges.get()
            .find(e => e.title.startsWith('MET') && e.title.includes('2025-11-04')); return e && e.title; }""")
        assert tip and "source" in tip and "000_78dd3b09c3dc0569" in tip
        colors = page.evaluate("() => window.network.body.data.edges.get().map(e => [e.title.split(' ')[0], e.color])")
        assert ("MET", "#1f77b4") in {tuple(c) for c in colors}
    finally:
        context.close()


def test_export_html_from_the_command_line(browser, tmp_path, seeds_dir, seed_store):
    from click.testing import CliRunner

    from graph.cli import main

    home, out = tmp_path / "home", tmp_path / "sahel.html"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(seeds_dir), "--home", str(home)]).exit_code == 0
    result = runner.invoke(main, ["export", "--format", "html", "--out", str(out), "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and not REMOTE.search(out.read_text(encoding="utf-8"))
    context, page, tried, errors = open_offline(browser, out)
    try:
        assert page.evaluate("() => window.network.body.nodeIndices.length") == seed_store.counts()["nodes"]
        assert tried == [] and errors == []
    finally:
        context.close()
