// One article: its whole text (right-to-left when Arabic) with the spans of every relation it gave highlighted,
// and those relations listed beside it; pointing at one in the list outlines its words in the text.
(function () {
  "use strict";
  const {el, fetchJSON, highlight, legendElement, entityName} = window.Geograph;
  const $ = id => document.getElementById(id);
  const root = $("article");
  const docId = root.dataset.docId;

  function spansOf(art) {
    const spans = [];
    for (const rel of art.relations) {
      for (const ev of rel.evidence) {
        for (const [role, [start, end]] of Object.entries(ev.spans || {})) {
          if (end > start && end <= art.text.length) spans.push({role: role.replace(/^carried_/, ""), start, end, rel: rel.id});
        }
      }
    }
    return spans;
  }

  function outline(relId, on) {
    for (const m of document.querySelectorAll("#article-text mark")) {
      if ((m.dataset.relations || "").split(" ").includes(relId)) m.classList.toggle("active", on);
    }
    const item = document.querySelector(`#article-relations li[data-edge-id="${relId}"]`);
    if (item) item.classList.toggle("active", on);
  }

  function relationItem(rel) {
    const li = el("li", {dataset: {edgeId: rel.id}},
      entityName(rel.source), " ", el("span", {className: "type"}, rel.type), " ", entityName(rel.target),
      ` · ${rel.date || "undated"}`, rel.modality !== "fact" ? ` · ${rel.modality}` : "",
      rel.role ? ` · ${rel.role}` : "", " · ",
      el("a", {href: `/relations/${encodeURIComponent(rel.id)}`}, "evidence"));
    li.addEventListener("mouseenter", () => outline(rel.id, true));
    li.addEventListener("mouseleave", () => outline(rel.id, false));
    li.addEventListener("click", ev => {
      if (ev.target.tagName === "A") return;
      const first = [...document.querySelectorAll("#article-text mark")]
        .find(m => (m.dataset.relations || "").split(" ").includes(rel.id));
      if (first) first.scrollIntoView({block: "center"});
    });
    return li;
  }

  fetchJSON(`/api/articles/${docId.split("/").map(encodeURIComponent).join("/")}`).then(art => {
    const arabic = art.lang === "ar" || (!art.lang && /[\u0600-\u06ff]/.test(art.text || ""));
    $("article-meta").textContent = [art.outlet || "unknown outlet",
      art.published ? `published ${art.published}` : "publication date unknown", art.lang || ""]
      .filter(Boolean).join(" · ");
    const box = $("article-text");
    box.setAttribute("dir", arabic ? "rtl" : "ltr");
    box.setAttribute("lang", arabic ? "ar" : (art.lang || "en"));
    if (art.text === null) {
      box.appendChild(el("p", {className: "error"},
        "This graph was built before article texts were kept: run geograph build --rebuild to read it here."));
    } else {
      highlight(box, art.text, spansOf(art));
    }
    $("article-count").textContent = `${art.relations.length} relation${art.relations.length === 1 ? "" : "s"} from this article`;
    $("article-legend").appendChild(legendElement());
    for (const rel of art.relations) $("article-relations").appendChild(relationItem(rel));
  }).catch(err => {
    $("article-text").appendChild(el("p", {className: "error"}, err.message));
  }).finally(() => { document.body.dataset.state = "ready"; });
})();
