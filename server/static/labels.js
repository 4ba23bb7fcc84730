// Legible labels on the graph page: every label shown is at least 12 px on screen, and no two overlap.
// Actors are labelled most connected first (searched and ego actors before all), then edges with the most
// sources; a label that would overlap one already placed waits until the user zooms in. Sizes are given
// in canvas units (screen px / network.getScale()), so on-screen sizes stay the same at every zoom.
// Used by graph.js: GeographLabels.place(network, nodes, edges, info) after each fit and zoom.
(function () {
  "use strict";
  const FACE = "system-ui, sans-serif";
  const EDGE_PX = 12, PAD = 3, LINE = 1.25;
  const ruler = document.createElement("canvas").getContext("2d");

  // Screen size of an actor's label: 12 px, up to 16 px for the most connected.
  const nodePx = degree => 12 + Math.min(4, Math.round(Math.log2(Math.max(1, degree))));

  let rulerPx = 0;
  function textWidth(text, px) {
    if (px !== rulerPx) { ruler.font = `${px}px ${FACE}`; rulerPx = px; }     // setting a font is the costly part
    let widest = 0;
    for (const line of text.split("\n")) widest = Math.max(widest, ruler.measureText(line).width);
    return widest;
  }

  // Placed boxes, bucketed by a coarse grid so each test looks at a few neighbours only.
  class Boxes {
    constructor(cell) { this.cell = cell; this.cells = new Map(); }
    *keys(b) {
      const c = this.cell;
      for (let i = Math.floor(b.l / c); i <= Math.floor(b.r / c); i++) {
        for (let j = Math.floor(b.t / c); j <= Math.floor(b.b / c); j++) yield `${i},${j}`;
      }
    }
    free(b) {
      for (const k of this.keys(b)) {
        for (const o of this.cells.get(k) || []) {
          if (b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b) return false;
        }
      }
      return true;
    }
    add(b) {
      for (const k of this.keys(b)) {
        if (!this.cells.has(k)) this.cells.set(k, []);
        this.cells.get(k).push(b);
      }
    }
  }

  // info.nodes: [{id, label, degree, focus}], info.edges: [{id, label, sources, dates}] or null (no edge labels).
  function place(network, nodes, edges, info, shown) {
    const s = network.getScale();
    if (!s || !isFinite(s)) return;
    const pad = PAD / s;
    const boxes = new Boxes(160 / s);
    const body = network.body;
    const nodeUpdates = [], edgeUpdates = [];
    const ranked = info.nodes.slice().sort((a, b) => (b.focus - a.focus) || (b.degree - a.degree) || (a.id < b.id ? -1 : 1));
    for (const n of ranked) {
      const at = body.nodes[n.id];
      if (!at) continue;
      const px = nodePx(n.degree);
      const h = px * LINE / s, top = at.y + (at.options.size || 10);
      const box = {l: at.x - pad, r: at.x + pad, t: top - pad, b: top + h + 4 / s + pad};
      // The label's middle strip first: where that is taken (most nodes of a crowded view), the
      // whole label cannot fit, and measuring its text (the costly part) is not needed.
      let fits = boxes.free(box);
      if (fits) {
        const w = textWidth(n.label, px) / s;
        box.l -= w / 2;
        box.r += w / 2;
        fits = boxes.free(box);
      }
      let lift = 0;
      if (!fits && box.r - box.l > 2 * pad) {
        // Taken below the node (a neighbour's label): above it, if free there.
        lift = 2 * (at.options.size || 10) + h + 4 / s;
        const up = {l: box.l, r: box.r, t: box.t - lift, b: box.b - lift};
        fits = boxes.free(up);
        if (fits) Object.assign(box, up); else lift = 0;
      }
      if (fits) boxes.add(box);
      const want = fits ? `${n.label}|${(px / s).toFixed(4)}|${lift.toFixed(4)}` : "";
      if (shown.nodes.get(n.id) !== want) {
        shown.nodes.set(n.id, want);
        nodeUpdates.push(fits ? {id: n.id, label: n.label, font: {size: px / s, vadjust: -lift}} : {id: n.id, label: ""});
      }
    }
    const labelled = info.edges ? info.edges.slice().sort((a, b) => (b.sources - a.sources) ||
      (b.dates.length - a.dates.length) || (a.id < b.id ? -1 : 1)) : [];
    for (const e of labelled) {
      const edge = body.edges[e.id];
      if (!edge || !edge.edgeType) continue;
      const mid = edge.edgeType.getPoint(0.5);
      const lines = e.label.split("\n").length;
      const w = textWidth(e.label, EDGE_PX) / s, h = lines * EDGE_PX * LINE / s;
      const box = {l: mid.x - w / 2 - pad, r: mid.x + w / 2 + pad, t: mid.y - h / 2 - pad, b: mid.y + h / 2 + pad};
      const fits = boxes.free(box);
      if (fits) boxes.add(box);
      const want = fits ? (EDGE_PX / s).toFixed(4) : "";
      if (shown.edges.get(e.id) !== want) {
        shown.edges.set(e.id, want);
        // vis-network keeps an edge's old label when given "" or null: a space hides it.
        edgeUpdates.push(fits ? {id: e.id, label: e.label, font: {size: EDGE_PX / s}} : {id: e.id, label: " "});
      }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  window.GeographLabels = {place, nodePx, EDGE_PX};
})();
