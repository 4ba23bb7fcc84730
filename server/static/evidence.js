// Shared helpers: safe DOM building and the evidence of a relation.
// Article text and names only ever reach the page through textContent / text
// nodes, never innerHTML, so an article with <script> shows that text and runs nothing.
(function () {
  "use strict";

  const ROLE_ORDER = ["trigger", "source", "target", "date"];

  // el("a", {href: "/x", className: "c"}, "text", childNode) -> element
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  async function fetchJSON(url, options) {
    return responseJSON(await fetch(url, options));
  }

  // The JSON of a response; an error (with the API's message) unless it is 2xx.
  async function responseJSON(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
    }
    return body;
  }

  const ARABIC = /[\u0600-\u06ff]/;

  function isArabic(ev) {
    return ev.lang ? ev.lang === "ar" : ARABIC.test(ev.sentence || "");
  }

  // Append `text` to `box`, its spans ({role, start, end, rel}, offsets into `text`) as <mark> elements:
  // a piece under several spans shows the first role (trigger, source, target, date) and lists them all.
  function highlight(box, text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const over = spans.filter(s => s.start <= a && b <= s.end);
      const roles = [...new Set(over.map(s => s.role))].sort((x, y) => ROLE_ORDER.indexOf(x) - ROLE_ORDER.indexOf(y));
      if (roles.length) {
        const rels = [...new Set(over.map(s => s.rel).filter(Boolean))];
        box.appendChild(el("mark", {className: `hl hl-${roles[0]}`, title: roles.join(", "),
                                    dataset: rels.length ? {role: roles.join(" "), relations: rels.join(" ")}
                                      : {role: roles.join(" ")}}, piece));
      } else {
        box.appendChild(document.createTextNode(piece));
      }
    }
    return box;
  }

  // The sentence of one report, its spans (offsets into the document) turned into
  // <mark> elements: span - sentence_span[0] is the offset in the sentence.
  function sentenceElement(ev) {
    const text = ev.sentence || "";
    const base = (ev.sentence_span || [0])[0];
    const arabic = isArabic(ev);
    const p = el("p", {className: "sentence", dir: arabic ? "rtl" : "ltr", lang: arabic ? "ar" : (ev.lang || "en")});
    const spans = [];
    for (const [role, span] of Object.entries(ev.spans || {})) {
      if (role.startsWith("carried_")) continue;       // named in an earlier sentence: see carriedNotes
      const start = Math.max(0, Math.min(text.length, span[0] - base));
      const end = Math.max(0, Math.min(text.length, span[1] - base));
      if (end > start) spans.push({role, start, end});
    }
    return highlight(p, text, spans);
  }

  // The colours of the highlights, in the order of the header: source, trigger (the type), target, date.
  function legendElement() {
    const box = el("div", {className: "legend-roles", "aria-label": "highlight colours"}, "Highlights:");
    for (const [role, label] of [["source", "source"], ["trigger", "trigger (type)"], ["target", "target"], ["date", "date"]]) {
      box.appendChild(el("mark", {className: `hl hl-${role}`}, label));
    }
    return box;
  }

  function articleHref(doc) {
    return `/articles/${doc.split("/").map(encodeURIComponent).join("/")}`;
  }

  // Article texts asked for by carried subjects, one request per article.
  const texts = new Map();
  function articleText(doc) {
    if (!texts.has(doc)) texts.set(doc, fetchJSON(`/api/${articleHref(doc).slice(1)}`).then(a => a.text));
    return texts.get(doc);
  }

  // A subject carried from an earlier sentence (span carried_source / carried_target): its words, highlighted
  // in its role's colour, above the sentence (filled in from the article's text).
  function carriedNotes(ev) {
    const notes = [];
    for (const [role, [start, end]] of Object.entries(ev.spans || {})) {
      if (!role.startsWith("carried_")) continue;
      const side = role.slice("carried_".length);
      const mark = el("mark", {className: `hl hl-${side}`, dir: "auto", dataset: {role: `${side} carried`}}, "…");
      notes.push(el("p", {className: "carried-note"}, `${side} named in an earlier sentence: `, mark, " (",
        el("a", {href: articleHref(ev.doc)}, "read the article"), ")"));
      articleText(ev.doc).then(text => { if (text) mark.textContent = text.slice(start, end); }).catch(() => {});
    }
    return notes;
  }

  function reportElement(ev, edgeDate) {
    const meta = el("div", {className: "report-meta"},
      el("span", {className: "when", title: "date of the relation"}, edgeDate || "undated"), " · ",
      el("span", {className: "outlet"}, ev.outlet || "unknown outlet"), " · ",
      el("span", {className: "published", title: "publication date"}, ev.published ? `published ${ev.published}` : "publication date unknown"),
      " · ", el("a", {className: "doc", href: articleHref(ev.doc), title: "read the whole article"}, ev.doc),
      " · ", el("span", {className: "rule", title: "rule that found it"}, `rule ${ev.rule}`),
      " · ", el("span", {className: "confidence"}, `confidence ${Number(ev.confidence).toFixed(2)}`));
    return el("li", {className: "report"}, meta, ...carriedNotes(ev), sentenceElement(ev));
  }

  function entityName(ent) {
    return el("span", {className: "actor", title: ent.name_ar || ""}, ent.name || ent.id);
  }

  // One edge: header (coloured like its highlights), codes, links, and every report of it.
  function relationElement(rel) {
    const box = el("section", {className: "relation", dataset: {edgeId: rel.id}});
    const source = entityName(rel.source_entity), target = entityName(rel.target_entity);
    source.classList.add("hl", "hl-source");
    target.classList.add("hl", "hl-target");
    box.appendChild(el("h3", {}, source, " ", el("span", {className: `type type-${rel.type} hl-trigger`}, rel.type),
      " ", target, rel.date ? " " : null, rel.date ? el("span", {className: "hl hl-date"}, rel.date) : null));
    const facts = [rel.date ? `on ${rel.date}` : "undated", rel.modality,
      rel.role ? `role: ${rel.role}` : null, rel.cameo ? `CAMEO ${rel.cameo}` : null,
      rel.plover ? `PLOVER ${rel.plover}` : null,
      `${rel.n_sources} source${rel.n_sources === 1 ? "" : "s"}`].filter(Boolean).join(" · ");
    box.appendChild(el("p", {className: "relation-facts"}, facts));
    if (rel.meaning) box.appendChild(el("p", {className: "meaning"}, rel.meaning));
    const centre = new URLSearchParams({ego: rel.source, hops: "1"});
    box.appendChild(el("p", {className: "relation-links"},
      el("a", {className: "graph-link", href: `/?${centre}#edge=${encodeURIComponent(`${rel.type}|${rel.source}|${rel.target}`)}`},
        "show in the graph"), " · ", el("a", {className: "relation-link", href: `/relations/${encodeURIComponent(rel.id)}`}, "permalink")));
    box.appendChild(legendElement());
    const list = el("ol", {className: "reports"});
    for (const ev of rel.evidence || []) list.appendChild(reportElement(ev, rel.date));
    box.appendChild(list);
    return box;
  }

  window.Geograph = {el, fetchJSON, responseJSON, sentenceElement, relationElement, entityName, legendElement,
                     articleHref, highlight, isArabic};
})();
