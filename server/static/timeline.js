// The timeline above the graph: relations per month (every month from the first dated one to the last),
// the time window shaded; dragging across it (brushing) sets the window. Used by graph.js:
// GeographTimeline.create(svg, months, onBrush) -> {show(i, j)}; onBrush(i, j) gets month indices.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const AXIS = 14;

  function svgEl(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function create(svg, months, onBrush) {
    const width = () => svg.clientWidth || 600;
    const height = () => svg.clientHeight || 64;
    let win = [0, Math.max(months.length - 1, 0)];
    let drag = null;

    const index = clientX => {
      const box = svg.getBoundingClientRect();
      const i = Math.floor((clientX - box.left) / (box.width / months.length));
      return Math.max(0, Math.min(months.length - 1, i));
    };

    function draw() {
      svg.textContent = "";
      const w = width(), h = height() - AXIS, n = months.length;
      svg.setAttribute("viewBox", `0 0 ${w} ${h + AXIS}`);
      if (!n) {
        svg.appendChild(svgEl("text", {x: 8, y: 20, class: "tl-empty"}, "no dated relations"));
        return;
      }
      const bar = w / n, top = Math.max(1, ...months.map(m => m.count));
      const [a, b] = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : win;
      svg.appendChild(svgEl("rect", {x: a * bar, y: 0, width: (b - a + 1) * bar, height: h, class: "tl-window"}));
      months.forEach((m, i) => {
        const bh = m.count ? Math.max(2, (h - 4) * m.count / top) : 0;
        const rect = svgEl("rect", {x: i * bar + (bar > 3 ? 0.5 : 0), y: h - bh, width: Math.max(1, bar - (bar > 3 ? 1 : 0)),
          height: bh, class: i >= a && i <= b ? "tl-bar tl-in" : "tl-bar", "data-month": m.month});
        rect.appendChild(svgEl("title", {}, `${m.month}: ${m.count} relation${m.count === 1 ? "" : "s"}`));
        svg.appendChild(rect);
      });
      // Year ticks, thinned so their labels never collide.
      const years = months.map((m, i) => [m.month, i]).filter(([m], i) => i === 0 || m.endsWith("-01"));
      const every = Math.max(1, Math.ceil(years.length / Math.max(1, Math.floor(w / 46))));
      years.forEach(([m, i], k) => {
        if (k % every) return;
        svg.appendChild(svgEl("line", {x1: i * bar, x2: i * bar, y1: h, y2: h + 4, class: "tl-tick"}));
        svg.appendChild(svgEl("text", {x: i * bar + 2, y: h + AXIS - 2, class: "tl-label"}, m.slice(0, 4)));
      });
    }

    svg.addEventListener("pointerdown", ev => {
      if (!months.length) return;
      svg.setPointerCapture(ev.pointerId);
      drag = {from: index(ev.clientX), to: index(ev.clientX)};
      draw();
    });
    svg.addEventListener("pointermove", ev => {
      if (!drag) return;
      drag.to = index(ev.clientX);
      draw();
    });
    const finish = ev => {
      if (!drag) return;
      drag.to = index(ev.clientX);
      const [a, b] = [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
      drag = null;
      win = [a, b];
      draw();
      onBrush(a, b);
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", () => { drag = null; draw(); });
    new ResizeObserver(() => draw()).observe(svg);
    draw();
    return {show(i, j) { win = [i, j]; if (!drag) draw(); }};
  }

  window.GeographTimeline = {create};
})();
