// The Cypher console: POST /api/cypher (JSON body), rows as a table, the actors and relations in them as a
// graph (shown only when there are some); each run clears the last one's output, an error replaces it, and
// names the graph does not have (a.nme, :MEET) get a hint with the closest known ones.
(function () {
  "use strict";
  const {el, fetchJSON} = window.Geograph;
  const $ = id => document.getElementById(id);
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const network = new vis.Network($("network"), {nodes, edges}, {
    layout: {improvedLayout: false},
    physics: {enabled: false},
    interaction: {hover: true},
    nodes: {shape: "dot", size: 14, font: {size: 13, strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {width: 1.5, smooth: false, font: {size: 10, align: "middle", strokeWidth: 3, strokeColor: "#ffffff"},
            arrows: {to: {scaleFactor: 0.6}}},
  });
  window.network = network;
  let meta = null;
  let runs = 0;

  function cellText(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "object" && !Array.isArray(value)) {
      if ("id" in value && "kind" in value) return `${value.name || value.id} (${value.id})`;
      if ("type" in value) return `${value.type}${value.date ? " " + value.date : ""}`;
      if (Array.isArray(value.nodes) && Array.isArray(value.relationships)) {
        return value.nodes.map((n, i) => cellText(n) + (i < value.relationships.length ? ` -[${cellText(value.relationships[i])}]- ` : "")).join("");
      }
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  function showTable(result) {
    const table = $("cypher-table");
    table.appendChild(el("thead", {}, el("tr", {}, ...result.columns.map(c => el("th", {}, c)))));
    table.appendChild(el("tbody", {}, ...result.rows.map(row =>
      el("tr", {}, ...row.map(v => el("td", {dir: "auto"}, cellText(v)))))));
  }

  function showGraph(graph) {
    const kinds = Object.fromEntries(meta.kinds.map(k => [k.name, k]));
    const colors = Object.fromEntries(meta.types.map(t => [t.name, t.color]));
    nodes.add(graph.nodes.map(n => {
      const style = kinds[n.kind] || meta.fallback;
      return {id: n.id, label: n.label, x: n.x, y: n.y, shape: style.shape, color: style.color,
              title: [n.label, n.name_ar].filter(Boolean).join(" · ")};
    }));
    edges.add(graph.edges.map(e => ({id: e.id, from: e.from, to: e.to, type: e.type, label: e.type, arrows: e.arrows,
      smooth: e.smooth, color: {color: colors[e.type] || meta.fallback.color},
      title: `${e.type}${e.date ? " " + e.date : ""}`})));
    const drawn = graph.nodes.length > 0;
    $("network").hidden = !drawn;
    $("console-out").classList.toggle("rows-only", !drawn);
    if (drawn) {
      network.setSize("100%", "100%");
      network.fit({animation: false});
      network.redraw();
    }
  }

  function clear() {
    $("cypher-error").hidden = true;
    $("cypher-error").textContent = "";
    $("cypher-hints").hidden = true;
    $("cypher-hints").textContent = "";
    $("cypher-summary").textContent = "";
    $("cypher-table").textContent = "";
    edges.clear();
    nodes.clear();
    $("network").hidden = true;
    $("console-out").classList.add("rows-only");
  }

  async function showHints(query, mine) {
    let found;
    try {
      found = await fetchJSON("/api/cypher/hints", {method: "POST", headers: {"Content-Type": "application/json"},
                                                   body: JSON.stringify({q: query})});
    } catch (err) { return; }
    if (mine !== runs || !found.hints.length) return;
    const box = $("cypher-hints");
    for (const h of found.hints) box.appendChild(el("li", {dataset: {what: h.what, name: h.name}}, h.message));
    box.hidden = false;
  }

  async function run(ev) {
    if (ev) ev.preventDefault();
    const mine = ++runs;
    const query = $("query").value;
    document.body.dataset.state = "loading";
    clear();
    try {
      meta = meta || await fetchJSON("/api/meta");
      const result = await fetchJSON("/api/cypher", {method: "POST", headers: {"Content-Type": "application/json"},
                                                    body: JSON.stringify({q: query})});
      if (mine !== runs) return;
      showTable(result);
      showGraph(result.graph);
      $("cypher-summary").textContent = `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}` +
        (result.graph.nodes.length ? `, ${result.graph.nodes.length} actors and ${result.graph.edges.length} relations drawn` : "");
      history.replaceState(null, "", `?${new URLSearchParams({q: query})}`);
    } catch (err) {
      if (mine !== runs) return;
      clear();
      $("cypher-error").textContent = err.message;
      $("cypher-error").hidden = false;
    }
    await showHints(query, mine);
    if (mine === runs) document.body.dataset.state = "ready";
  }

  $("cypher-form").addEventListener("submit", run);
  for (const b of document.querySelectorAll("button.example")) {
    b.addEventListener("click", () => { $("query").value = b.dataset.query; run(); });
  }
  if (new URLSearchParams(location.search).get("q")) run();
  else document.body.dataset.state = "ready";
})();
