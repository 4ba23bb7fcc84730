// The graph page: filters -> /api/graph -> vis-network (window.network), and the evidence panel.
// The filters live in the URL's query string, so a view can be linked and reloaded.
// body[data-state] is "loading" while a view is fetched and drawn, "ready" once it is
// on screen; body[data-draws] counts the views drawn.
(function () {
  "use strict";
  const {el, fetchJSON, responseJSON, relationElement, entityName} = window.Geograph;
  const $ = id => document.getElementById(id);
  const MODALITIES = ["fact", "negated", "future", "attempted"];

  const state = {meta: null, ego: null, egoName: null, typeColor: {}, kindStyle: {}, undatedTouched: false, timeline: null};
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const network = new vis.Network($("network"), {nodes, edges}, {
    autoResize: true,
    layout: {improvedLayout: false},
    physics: {enabled: false, solver: "barnesHut",
              barnesHut: {gravitationalConstant: -9000, springLength: 170, springConstant: 0.03, avoidOverlap: 0.5},
              stabilization: {iterations: 250, fit: true}},
    interaction: {hover: true, tooltipDelay: 150, multiselect: false},
    nodes: {size: 14, font: {size: 13, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff"}},
    // Straight by default: vis-network's default (dynamic curves) adds a hidden node per edge.
    edges: {width: 1.5, smooth: false, font: {size: 11, align: "horizontal", strokeWidth: 4, strokeColor: "#ffffff"},
            arrows: {to: {scaleFactor: 0.6}}},
  });
  window.network = network;

  function setState(value) {
    if (value === "ready") window.geographReadyAt = performance.now();
    document.body.dataset.state = value;
    if (value === "ready") document.body.dataset.draws = String(Number(document.body.dataset.draws || 0) + 1);
  }

  // ---- filters <-> query string ------------------------------------------------

  function filterParams() {
    const p = new URLSearchParams();
    const q = $("q").value.trim();
    if (q) p.set("q", q);
    if (state.ego) { p.set("ego", state.ego); p.set("hops", $("hops").value); }
    const months = state.meta.months;
    const [i, j] = [Number($("from-idx").value), Number($("to-idx").value)];
    if (months.length && i > 0) p.set("from", months[i].month);
    if (months.length && j < months.length - 1) p.set("to", months[j].month);
    if (!$("undated").checked) p.set("undated", "0");
    else if (windowSet()) p.set("undated", "1");
    if (Number($("conf").value) > 0) p.set("conf", $("conf").value);
    const mods = [...document.querySelectorAll("#modalities input:checked")].map(x => x.value);
    if (!(mods.length === 1 && mods[0] === "fact")) p.set("modality", mods.length ? mods.join(",") : "fact");
    const boxes = [...document.querySelectorAll("#types input")];
    const types = boxes.filter(x => x.checked).map(x => x.value);
    if (types.length !== boxes.length) p.set("types", types.join(","));
    const limit = $("limit").value.trim().toLowerCase();
    if (limit && limit !== String(state.meta.max_nodes)) p.set("limit", limit);
    return p;
  }

  function applyParams(p) {
    $("q").value = p.get("q") || "";
    state.ego = p.get("ego");
    if (p.get("hops")) $("hops").value = p.get("hops");
    const months = state.meta.months.map(m => m.month);
    const month = (d, end) => d && (d.length >= 7 ? d.slice(0, 7) : `${d.slice(0, 4)}-${end ? "12" : "01"}`);
    const from = month(p.get("from"), false), to = month(p.get("to"), true);
    const last = Math.max(months.length - 1, 0);
    $("from-idx").value = from ? Math.max(0, months.findIndex(m => m >= from)) : 0;
    const after = to ? months.findIndex(m => m > to) : -1;
    $("to-idx").value = !to || after === -1 ? last : Math.max(0, after - 1);
    // Once a window is set, undated relations are hidden unless asked for (undated=1).
    state.undatedTouched = p.has("undated");
    $("undated").checked = p.has("undated") ? p.get("undated") !== "0" : !windowSet();
    $("conf").value = p.get("conf") || "0";
    const mods = (p.get("modality") || "fact").split(",");
    for (const box of document.querySelectorAll("#modalities input")) {
      box.checked = mods.includes("all") || mods.includes(box.value);
    }
    const types = p.has("types") ? p.get("types").split(",") : null;
    for (const box of document.querySelectorAll("#types input")) box.checked = !types || types.includes(box.value);
    $("limit").value = p.get("limit") || state.meta.max_nodes;
    showWindow();
  }

  function windowSet() {
    const last = state.meta.months.length - 1;
    return last > 0 && (Number($("from-idx").value) > 0 || Number($("to-idx").value) < last);
  }

  function showWindow() {
    const months = state.meta.months;
    let [i, j] = [Number($("from-idx").value), Number($("to-idx").value)];
    if (i > j) { $("to-idx").value = i; j = i; }
    $("from-label").textContent = months.length ? months[i].month : "no dated relations";
    $("to-label").textContent = months.length ? months[j].month : "";
    if (!state.undatedTouched) $("undated").checked = !windowSet();
    if (state.timeline) state.timeline.show(i, j);
    const conf = Number($("conf").value);
    $("conf-label").textContent = conf > 0 ? conf.toFixed(2) : "any";
  }

  // ---- drawing -----------------------------------------------------------------

  // Hover cards are built only when hovered (thousands of tooltip elements up front would slow drawing).
  const byId = {nodes: new Map(), edges: new Map()};
  const tip = el("div", {id: "tip", className: "tip", role: "tooltip", hidden: "hidden"});
  $("network").appendChild(tip);

  function showTip(lines, pointer) {
    tip.textContent = "";
    for (const line of lines) {
      if (line) tip.appendChild(el("div", line.ar ? {dir: "rtl", lang: "ar", className: "tip-ar"} : {}, line.text));
    }
    tip.style.left = `${pointer.x + 14}px`;
    tip.style.top = `${pointer.y + 14}px`;
    tip.hidden = false;
  }

  function nodeTip(n) {
    return [{text: n.label}, n.name_ar ? {text: n.name_ar, ar: true} : null,
            {text: `${n.kind || "entity"} · ${n.degree} relation${n.degree === 1 ? "" : "s"}`}];
  }

  function edgeTip(e) {
    const when = e.dates.length ? e.dates.join(", ") : "undated";
    return [{text: `${e.type}: ${when}`},
            {text: `${e.sources} source${e.sources === 1 ? "" : "s"}, ${e.reports} report${e.reports === 1 ? "" : "s"} · ` +
                   `confidence ${e.confidence.toFixed(2)} · ${e.modalities.join(", ")} · click for the evidence`}];
  }

  network.on("hoverNode", p => { const n = byId.nodes.get(p.node); if (n) showTip(nodeTip(n), p.pointer.DOM); });
  network.on("hoverEdge", p => { const e = byId.edges.get(p.edge); if (e) showTip(edgeTip(e), p.pointer.DOM); });
  for (const ev of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(ev, () => { tip.hidden = true; });

  // Shape and colour come from the node's group, one per entity kind (buildFilters): vis-network
  // builds a node about a fifth faster when it is given fewer options of its own.
  const groupOf = kind => (kind && state.kindStyle[kind] ? `kind:${kind}` : "fallback");

  function visNode(n) {
    const node = {id: n.id, label: "", x: n.x, y: n.y, group: groupOf(n.kind),     // labels: GeographLabels.place
                  size: 10 + Math.min(14, 2 * Math.sqrt(n.degree || 1))};
    if (n.focus) {
      node.color = {background: (state.kindStyle[n.kind] || state.meta.fallback).color, border: "#111111"};
      node.borderWidth = 4;
    }
    return node;
  }

  function visEdge(e, labels) {
    return {
      id: e.id, from: e.from, to: e.to, type: e.type, ids: e.ids, arrows: e.arrows,
      label: labels ? "" : undefined, smooth: e.smooth || false,
      color: state.typeColor[e.type] || state.meta.fallback.color,
      width: 1.5 + 1.5 * Math.min(4, (e.sources || 1) - 1),          // thicker: more sources
      dashes: !e.modalities.includes("fact"),
    };
  }

  function showStatus(data) {
    const s = $("status");
    s.textContent = "";
    s.appendChild(el("span", {id: "shown"},
      `${data.shown.nodes} actors, ${data.shown.edges} relations drawn`));
    if (data.omitted.nodes) {
      s.appendChild(el("span", {id: "omitted", className: "omitted"},
        ` · ${data.omitted.nodes} less connected actors and ${data.omitted.edges} relations left out` +
        ` (limit ${data.limit}; raise “Most connected drawn” to see them)`));
    }
    const note = $("undated-note");
    note.hidden = !data.undated_hidden;
    note.textContent = data.undated_hidden ? `${data.undated_hidden} undated relation${data.undated_hidden === 1 ? "" : "s"} hidden` : "";
    if (data.undated_hidden) s.appendChild(el("span", {id: "undated-hidden", className: "muted"}, ` · ${note.textContent}`));
    if (data.matches && !data.matches.length) s.appendChild(el("span", {className: "omitted"}, " · no actor matches the search"));
    if (data.painted) s.appendChild(el("span", {className: "muted"}, " · large view: relations painted, click one for its evidence"));
    else if (!data.physics) s.appendChild(el("span", {className: "muted"}, " · layout fixed (large view)"));
  }

  // The navigation bar's downloads of this view (those of the whole graph come with the page).
  function showDownloads(params) {
    const box = $("dl-view");
    box.textContent = "";
    for (const fmt of ["html", "graphml", "gexf", "json", "csv"]) {
      box.appendChild(el("a", {href: `/api/export/${fmt}?${params}`, className: `dl dl-${fmt}`, download: ""}, fmt.toUpperCase()));
      box.appendChild(document.createTextNode(" "));
    }
    $("dl-html").href = `/api/export/html?${params}`;
  }

  // ---- labels: legible at every zoom, never overlapping (labels.js) --------------------

  const labelState = {info: {nodes: [], edges: null}, shown: {nodes: new Map(), edges: new Map()}, timer: null};
  function placeLabels() { window.GeographLabels.place(network, nodes, edges, labelState.info, labelState.shown); }
  const placeSoon = () => { clearTimeout(labelState.timer); labelState.timer = setTimeout(placeLabels, 120); };
  for (const ev of ["zoom", "dragEnd", "resize"]) network.on(ev, placeSoon);

  // Big views: edges painted straight onto the canvas, one stroke per relation type, under the
  // nodes (vis-network spends tens of microseconds on each edge object it builds). A click away
  // from any node picks the nearest painted edge.
  const layer = {edges: [], byColor: new Map(), selected: null};
  window.geographLayer = layer;
  network.on("beforeDrawing", ctx => {
    if (!layer.edges.length) return;
    const at = network.body.nodes;
    const scale = network.getScale();
    ctx.save();
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = 1 / scale;
    for (const [color, list] of layer.byColor) {
      ctx.strokeStyle = color;
      ctx.beginPath();
      for (const e of list) {
        const a = at[e.from], b = at[e.to];
        if (a && b) { ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); }
      }
      ctx.stroke();
    }
    const hit = layer.selected && [at[layer.selected.from], at[layer.selected.to]];
    if (hit && hit[0] && hit[1]) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = state.typeColor[layer.selected.type] || state.meta.fallback.color;
      ctx.beginPath(); ctx.moveTo(hit[0].x, hit[0].y); ctx.lineTo(hit[1].x, hit[1].y); ctx.stroke();
    }
    ctx.restore();
  });

  function paint(list) {
    layer.edges = list;
    layer.selected = null;
    layer.byColor = new Map();
    for (const e of list) {
      const color = state.typeColor[e.type] || state.meta.fallback.color;
      if (!layer.byColor.has(color)) layer.byColor.set(color, []);
      layer.byColor.get(color).push(e);
    }
  }

  function nearestPainted(p, tolerance) {
    const at = network.body.nodes;
    let best = null, bestDistance = tolerance;
    for (const e of layer.edges) {
      const a = at[e.from], b = at[e.to];
      if (!a || !b) continue;
      const dx = b.x - a.x, dy = b.y - a.y;
      const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
      const d = Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
      if (d < bestDistance) { best = e; bestDistance = d; }
    }
    return best;
  }

  let loadCount = 0;
  // The first view is asked for straight from the URL, while /api/meta is on its way.
  async function load(early) {
    const params = early ? new URLSearchParams(location.search) : filterParams();
    const mine = ++loadCount;
    setState("loading");
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    showDownloads(params);
    $("ego-box").hidden = !state.ego;
    if (state.ego) $("ego-name").textContent = state.egoName || state.ego;
    let data;
    try {
      data = await (early || fetchJSON(`/api/graph?${params}`));
    } catch (err) {
      $("status").textContent = "";
      $("status").appendChild(el("span", {className: "error"}, err.message));
      setState("ready");
      return;
    }
    if (mine !== loadCount) return;
    performance.mark("geograph:fetched");
    const kept = nodes.length ? network.getPositions(data.nodes.map(n => n.id).filter(id => nodes.get(id))) : {};
    const newNodes = data.nodes.map(n => Object.assign(visNode(n), kept[n.id] || {}));
    const newEdges = data.painted ? [] : data.edges.map(e => visEdge(e, data.labels));
    const big = !data.physics;
    // vis-network draws the whole graph at once on every change of its data (physics off): hold
    // drawing until the view is complete, then draw it once (draws of 5,000 nodes are costly).
    holdDrawing();
    let settling = false;
    try {
      network.setOptions({physics: {enabled: false},
                          interaction: {hideEdgesOnDrag: big, hideEdgesOnZoom: big}});
      edges.clear();
      nodes.clear();
      paint(data.painted ? data.edges : []);
      nodes.add(newNodes);
      edges.add(newEdges);
      performance.mark("geograph:added");
      byId.nodes = new Map(data.nodes.map(n => [n.id, n]));
      byId.edges = new Map(data.edges.map(e => [e.id, e]));
      showStatus(data);
      window.geographView = data;
      // What each label shows now: nothing yet (nodes and edges were added without one), so place()
      // only touches the few that get a label (an update per node costs as much as adding it).
      labelState.shown = {nodes: new Map(newNodes.map(n => [n.id, ""])),
                          edges: new Map(newEdges.map(e => [e.id, ""]))};
      labelState.info = {nodes: data.nodes, edges: data.labels && !data.painted ? data.edges : null};
      if (data.physics && newNodes.length > 1) {
        settling = true;
        network.once("stabilizationIterationsDone", () => { network.setOptions({physics: {enabled: false}}); show(); });
        network.setOptions({physics: {enabled: true}});
        network.stabilize(200);
      }
    } finally {
      if (!settling) show();
    }
  }

  function holdDrawing() { network.body.emitter.emit("_blockRedraw"); }

  // Fit the view, place the labels, then draw once (the page is ready when that draw is done).
  function show() {
    holdDrawing();
    try {
      network.fit({animation: false});
      // A little room around the nodes, so the labels of those on the rim are not cut off.
      network.moveTo({scale: network.getScale() * 0.92, animation: false});
      placeLabels();
    } finally {
      network.body.emitter.emit("_allowRedraw");
      network.once("afterDrawing", () => setState("ready"));
      network.redraw();
    }
  }

  // ---- panel: evidence of an edge, card of a node ---------------------------------

  function panel(...children) {
    const box = $("panel");
    box.textContent = "";
    for (const c of children) box.appendChild(c);
    box.scrollTop = 0;
  }

  async function showEdge(edgeId) {
    const edge = byId.edges.get(edgeId);
    if (!edge) return;
    panel(el("p", {className: "muted"}, "Loading evidence…"));
    try {
      const rels = await Promise.all(edge.ids.map(id => fetchJSON(`/api/relations/${encodeURIComponent(id)}`)));
      panel(el("h2", {}, `${edge.type}: ${rels.length} relation${rels.length === 1 ? "" : "s"}`),
            ...rels.map(relationElement));
    } catch (err) {
      panel(el("p", {className: "error"}, err.message));
    }
  }

  async function showNode(nodeId) {    // the card is actor.js's
    panel(el("p", {className: "muted"}, "Loading…"));
    try {
      panel(...await window.Geograph.actorCard(nodeId, ent => { state.ego = ent.id; state.egoName = ent.name; load(); }));
    } catch (err) {
      panel(el("p", {className: "error"}, err.message));
    }
  }

  network.on("click", params => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else if (layer.edges.length) {
      const hit = nearestPainted(params.pointer.canvas, 8 / network.getScale());
      layer.selected = hit;
      network.redraw();
      if (hit) showEdge(hit.id);
    }
  });

  // ---- set-up ------------------------------------------------------------------------

  function buildFilters(meta) {
    const types = $("types");
    for (const t of meta.types) {
      state.typeColor[t.name] = t.color;
      if (!t.count) continue;
      const swatch = el("span", {className: "swatch-line"});
      swatch.style.background = t.color;
      types.appendChild(el("label", {title: t.meaning},
        el("input", {type: "checkbox", value: t.name, checked: "checked"}), swatch, ` ${t.name} `,
        el("span", {className: "muted"}, `(${t.count})`)));
    }
    const kinds = $("kinds");
    const groups = {fallback: {shape: meta.fallback.shape, color: meta.fallback.color}};
    for (const k of meta.kinds) groups[`kind:${k.name}`] = {shape: k.shape, color: k.color};
    network.setOptions({groups});
    for (const k of meta.kinds) {
      state.kindStyle[k.name] = k;
      if (!k.count) continue;
      const swatch = el("span", {className: `swatch shape-${k.shape}`});
      swatch.style.background = k.color;
      kinds.appendChild(el("div", {className: "legend-item"}, swatch, ` ${k.name} `, el("span", {className: "muted"}, `(${k.count})`)));
    }
    const last = Math.max(meta.months.length - 1, 0);
    for (const id of ["from-idx", "to-idx"]) { $(id).max = last; $(id).disabled = !meta.months.length; }
    state.timeline = window.GeographTimeline.create($("timeline"), meta.months, (i, j) => {
      $("from-idx").value = i;
      $("to-idx").value = j;
      showWindow();
      load();
    });
  }

  async function start() {
    setState("loading");
    const first = window.geographFirstView ? window.geographFirstView.then(responseJSON)
      : fetchJSON(`/api/graph${location.search}`);
    first.catch(() => {});
    state.meta = JSON.parse($("meta").textContent);     // what /api/meta says, sent with the page
    buildFilters(state.meta);
    applyParams(new URLSearchParams(location.search));
    if (state.ego) {
      fetchJSON(`/api/entities/${encodeURIComponent(state.ego)}`)
        .then(c => { state.egoName = c.entity.name; $("ego-name").textContent = c.entity.name; }).catch(() => {});
    }
    const form = $("filters");
    form.addEventListener("submit", ev => { ev.preventDefault(); load(); });
    form.addEventListener("change", ev => { if (ev.target.id !== "q") load(); });
    for (const id of ["from-idx", "to-idx", "conf"]) $(id).addEventListener("input", showWindow);
    $("undated").addEventListener("change", () => { state.undatedTouched = true; });
    $("window-all").addEventListener("click", () => {
      $("from-idx").value = 0;
      $("to-idx").value = $("to-idx").max;
      showWindow();
      load();
    });
    let typing = null;
    $("q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(load, 350); });
    $("ego-clear").addEventListener("click", () => { state.ego = null; state.egoName = null; load(); });
    $("types-all").addEventListener("click", () => { document.querySelectorAll("#types input").forEach(b => { b.checked = true; }); load(); });
    $("types-none").addEventListener("click", () => { document.querySelectorAll("#types input").forEach(b => { b.checked = false; }); load(); });
    await load(first);
  }

  start().catch(err => {
    $("status").textContent = "";
    $("status").appendChild(el("span", {className: "error"}, err.message));
    setState("ready");
  });
})();
