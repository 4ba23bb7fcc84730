"""How fast the explorer draws a big graph: 5,000 nodes and 20,000 relations, every node drawn.

Builds a synthetic graph (:mod:`server.synthetic`) in a memory-only NetworkX
store, serves the real app on waitress (set to draw every node), and loads
``/`` in headless Chromium. Prints, for a cold server (layout not yet
computed) and a warm one (``WARM``, as ``geograph serve`` starts):
the time from navigation start until the page is interactive (every node on
the canvas, the main thread free again), the nodes drawn, and how long a click
on a node takes to open its card. Targets: under 1 s warm, under 2 s cold
(first request after start). Cold runs each start a new app; the medians of
``--runs`` cold and warm loads are printed last (on a loaded machine, compare
with the same script on the previous commit rather than with the targets).
Each load also prints the CPU time it cost: the page's main thread (Chromium's
ThreadTime) and this process, which is the server; unlike the wall times they
hardly move with the machine's load, so they compare commits fairly there.

    .venv/bin/python benchmarks/bench_viewer.py [--nodes 5000] [--relations 20000] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time

from playwright.sync_api import sync_playwright
from waitress.server import create_server

from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore
from server import create_app
from server.synthetic import fill_synthetic

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TARGETS_S = {"cold": 2.0, "warm": 1.0}

# Resolves once a task queued after the first full draw has run: the page answers input again.
INTERACTIVE_JS = """() => new Promise(done => setTimeout(() => done({
    ready: window.geographReadyAt, interactive: performance.now(),
    scripts: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    view: performance.getEntriesByType('resource').find(r => r.name.includes('/api/graph')).responseEnd,
    fetched: performance.getEntriesByName('geograph:fetched')[0].startTime,
    nodes: performance.getEntriesByName('geograph:added')[0].startTime,
    drawn: window.network.body.nodeIndices.length,
    edges: window.network.body.edgeIndices.length + window.geographLayer.edges.length}), 0))"""

def measure(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cpu = time.process_time()
        page.goto(url, wait_until="commit")
        page.wait_for_selector("body[data-state=ready]", timeout=120_000)
        figures = page.evaluate(INTERACTIVE_JS)
        figures["server_cpu"] = time.process_time() - cpu
        figures["page_cpu"] = next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                                   if m["name"] == "ThreadTime")
        # A real click on the most connected node, timed until its card is shown.
        node = page.evaluate("() => window.geographView.nodes.reduce((a, b) => b.degree > a.degree ? b : a).id")
        page.evaluate("(id) => window.network.focus(id, {scale: 1.5})", node)
        x, y = page.evaluate("""(id) => { const p = window.network.canvasToDOM(window.network.getPosition(id));
            const box = document.querySelector('#network canvas').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", node)
        t0 = time.perf_counter()
        page.mouse.click(x, y)
        page.wait_for_selector("#panel .card-name", timeout=30_000)
        figures["click_ms"] = (time.perf_counter() - t0) * 1000
        return figures
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="cold starts and warm loads measured")
    opts = parser.parse_args()

    schema = load_schema()
    store = NetworkXStore(None, relation_types=schema.relation_types)
    t0 = time.perf_counter()
    fill_synthetic(store, schema, nodes=opts.nodes, relations=opts.relations)
    print(f"synthetic graph: {store.counts()} built in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    every = {"STORE": store, "SCHEMA": schema, "MAX_NODES": opts.nodes}     # the default view draws every node
    warm = create_app({**every, "WARM": True})
    print(f"layout and default view prepared in {time.perf_counter() - t0:.1f} s (WARM, as `geograph serve` does)")
    times: dict[str, list[dict]] = {"cold": [], "warm": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for i in range(opts.runs):
                times["cold"] += run(browser, create_app(every), [f"cold server {i + 1} (lays out the graph during the request)"],
                                     TARGETS_S["cold"])
            times["warm"] += run(browser, warm, ["warm server, first load"] + ["warm server, again"] * (opts.runs - 1),
                                 TARGETS_S["warm"])
        finally:
            browser.close()
    for kind, loads in times.items():
        median = statistics.median(f["interactive"] / 1000 for f in loads)
        print(f"median {kind}: interactive after {median:.2f} s over {len(loads)} loads "
              f"(target under {TARGETS_S[kind]:g} s: {'met' if median < TARGETS_S[kind] else 'NOT met'}); CPU: "
              f"page main thread {statistics.median(f['page_cpu'] for f in loads):.2f} s, "
              f"server {statistics.median(f['server_cpu'] for f in loads):.2f} s")


def run(browser, app, labels: list[str], target: float) -> list[dict]:
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}/"
    loads = []
    try:
        for label in labels:
            f = measure(browser, url)
            s = f["interactive"] / 1000
            loads.append(f)
            print(f"{label:52s} interactive after {s:5.2f} s (drawn {f['ready'] / 1000:5.2f} s), "
                  f"{f['drawn']} nodes and {f['edges']} edges drawn, node card in {f['click_ms']:.0f} ms"
                  f"{'' if s < target else f'  ** over the {target:g} s target **'}")
            print(f"{'':52s} scripts loaded {f['scripts'] / 1000:.2f} s, view received {f['view'] / 1000:.2f} s, "
                  f"view parsed {f['fetched'] / 1000:.2f} s, "
                  f"data in the network {f['nodes'] / 1000:.2f} s; CPU: page main thread {f['page_cpu']:.2f} s, "
                  f"server {f['server_cpu']:.2f} s")
    finally:
        server.close()
    return loads


if __name__ == "__main__":
    main()
