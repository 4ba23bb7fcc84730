// The Cypher console: POST /api/cypher, rows as a table, the actors and relations in them as a graph.
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

  function cellText(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "object" && !Array.isArray(value)) {
      if ("id" in value && "kind" in value) return `${value.name || value.id} (${value.id})`;
      if ("type" in value) return `${value.type}${value.date ? " " + value.date : ""}`;
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  function showTable(result) {
    const table = $("cypher-table");
    table.textContent = "";
    table.appendChild(el("thead", {}, el("tr", {}, ...result.columns.map(c => el("th", {}, c)))));
    table.appendChild(el("tbody", {}, ...result.rows.map(row =>
      el("tr", {}, ...row.map(v => el("td", {dir: "auto"}, cellText(v)))))));
  }

  function showGraph(graph) {
    const kinds = Object.fromEntries(meta.kinds.map(k => [k.name, k]));
    const colors = Object.fromEntries(meta.types.map(t => [t.name, t.color]));
    edges.clear();
    nodes.clear();
    nodes.add(graph.nodes.map(n => {
      const style = kinds[n.kind] || meta.fallback;
      return {id: n.id, label: n.label, x: n.x, y: n.y, shape: style.shape, color: style.color,
              title: [n.label, n.name_ar].filter(Boolean).join(" · ")};
    }));
    edges.add(graph.edges.map(e => ({id: e.id, from: e.from, to: e.to, type: e.type, label: e.type, arrows: e.arrows,
      smooth: e.smooth, color: {color: colors[e.type] || meta.fallback.color},
      title: `${e.type}${e.date ? " " + e.date : ""}`})));
    network.fit({animation: false});
    network.redraw();
  }

  async function run(ev) {
    if (ev) ev.preventDefault();
    document.body.dataset.state = "loading";
    $("cypher-error").hidden = true;
    try {
      meta = meta || await fetchJSON("/api/meta");
      const result = await fetchJSON("/api/cypher", {method: "POST", headers: {"Content-Type": "application/json"},
                                                    body: JSON.stringify({q: $("query").value})});
      showTable(result);
      showGraph(result.graph);
      $("cypher-summary").textContent = `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}, ` +
        `${result.graph.nodes.length} actors and ${result.graph.edges.length} relations drawn`;
      history.replaceState(null, "", `?${new URLSearchParams({q: $("query").value})}`);
    } catch (err) {
      $("cypher-error").textContent = err.message;
      $("cypher-error").hidden = false;
      $("cypher-summary").textContent = "";
    }
    document.body.dataset.state = "ready";
  }

  $("cypher-form").addEventListener("submit", run);
  for (const b of document.querySelectorAll("button.example")) {
    b.addEventListener("click", () => { $("query").value = b.textContent; run(); });
  }
  if (new URLSearchParams(location.search).get("q")) run();
  else document.body.dataset.state = "ready";
})();
