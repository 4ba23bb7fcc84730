// The story of an actor, for the graph page's panel: names, roles (one line each, with dates and the
// wordings the articles used), links to its ego network and meetings, then every relation in date order
// (date, type, counterpart, sources, evidence), filterable by type.
// Also: a graph URL ending in #edge=TYPE|A|B (a relation page's "show in the graph") centres on that edge.
(function () {
  "use strict";
  const {el, fetchJSON, entityName} = window.Geograph;
  const ARROW = {source: "→", target: "←", both: "↔"};

  function roleLine(r) {
    const when = r.start || r.end ? ` (${r.start || "?"} – ${r.end || "…"})` : " (undated)";
    const li = el("li", {}, `${r.role || "role"} of `, entityName(r.of), when);
    if (r.reported_as.length) {
      li.appendChild(el("div", {className: "variants", dir: "auto"},
        `reported as ${r.reported_as.join(" · ")} (${r.sources} source${r.sources === 1 ? "" : "s"})`));
    }
    return li;
  }

  function storyItem(rel) {
    const other = entityName(rel.counterpart);
    const li = el("li", {dataset: {type: rel.type, edgeId: rel.id, date: rel.date || ""}},
      el("span", {className: "when"}, rel.date || "undated"),
      el("span", {className: "what"}, el("span", {className: "type"}, rel.type), ` ${ARROW[rel.side]} `, other,
        ...(rel.role ? [" (", el("bdi", {}, rel.role), ")"] : []), rel.modality !== "fact" ? ` (${rel.modality})` : ""),
      el("span", {className: "meta"}, `${rel.sources} source${rel.sources === 1 ? "" : "s"}`,
        rel.first_reported ? ` · first reported ${rel.first_reported}` : "", " · ",
        el("a", {className: "evidence-link", href: `/relations/${encodeURIComponent(rel.id)}`}, "evidence")));
    return li;
  }

  // The card's elements; onEgo(entity) is called by its "Show its ego network" button.
  async function actorCard(nodeId, onEgo) {
    const story = await fetchJSON(`/api/entities/${encodeURIComponent(nodeId)}/story`);
    const ent = story.entity;
    const parts = [el("h2", {className: "card-name"}, ent.name)];
    if (ent.name_ar) parts.push(el("p", {className: "card-name-ar", dir: "rtl", lang: "ar"}, ent.name_ar));
    parts.push(el("p", {className: "card-kind"}, `${ent.kind} · ${ent.id}`, story.country ? ` · ${story.country.name}` : ""));
    if (ent.provisional) {   // named beside a title in an article, not in the gazetteer yet (graph.extraction.provisional)
      parts.push(el("p", {className: "card-provisional"}, "Provisional: named beside a title in an article, not in the ",
        "gazetteer yet (", el("code", {}, "geograph candidates"), " lists the name for a curator)."));
    }
    if (ent.aliases.length) parts.push(el("p", {className: "aliases", dir: "auto"}, "Also: ", ent.aliases.join(" · ")));
    const ego = el("button", {type: "button", id: "show-ego"}, "Show its ego network");
    ego.addEventListener("click", () => onEgo(ent));
    parts.push(el("p", {className: "card-links"}, ego,
      el("a", {id: "who-met-link", href: `/who-met?${new URLSearchParams({actor: ent.id, level: ent.kind === "person" ? "person" : "country"})}`},
        "Who did it meet?")));
    if (story.roles.length) {
      parts.push(el("h3", {}, "Roles"));
      parts.push(el("ul", {className: "roles", id: "card-roles"}, ...story.roles.map(roleLine)));
    }
    parts.push(el("h3", {}, `Story: ${story.relations.length} relation${story.relations.length === 1 ? "" : "s"}`));
    const list = el("ol", {className: "story", id: "story"}, ...story.relations.map(storyItem));
    if (story.types.length > 1) {
      const pick = el("select", {id: "story-type", "aria-label": "relation type"},
        el("option", {value: ""}, "every type"), ...story.types.map(t => el("option", {value: t}, t)));
      pick.addEventListener("change", () => {
        for (const li of list.children) li.hidden = !!pick.value && li.dataset.type !== pick.value;
      });
      parts.push(el("label", {className: "story-filter"}, "Show ", pick));
    }
    parts.push(list);
    return parts;
  }

  // A graph URL with #edge=...: once the view is drawn, select that edge, centre on it and show its evidence.
  const wanted = new URLSearchParams(location.hash.slice(1)).get("edge");
  if (wanted && document.getElementById("network")) {
    const centre = () => {
      const net = window.network;
      if (document.body.dataset.state !== "ready" || !net || !net.body.data.edges.get(wanted)) return false;
      const edge = net.body.data.edges.get(wanted);
      net.fit({nodes: [edge.from, edge.to], animation: false});
      if (net.getScale() > 1.5) net.moveTo({scale: 1.5, animation: false});
      net.selectEdges([wanted]);
      net.emit("click", {nodes: [], edges: [wanted], pointer: {canvas: net.getViewPosition(), DOM: {x: 0, y: 0}}});
      document.body.dataset.centred = wanted;
      return true;
    };
    const watch = new MutationObserver(() => { if (centre()) watch.disconnect(); });
    watch.observe(document.body, {attributes: true, attributeFilter: ["data-state"]});
  }

  window.Geograph.actorCard = actorCard;
})();
