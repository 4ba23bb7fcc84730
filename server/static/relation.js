// The evidence page of one relation (linked from "Who met whom" and the actor story).
(function () {
  "use strict";
  const {el, fetchJSON, relationElement} = window.Geograph;
  const box = document.getElementById("relation");
  fetchJSON(`/api/relations/${encodeURIComponent(box.dataset.edgeId)}`)
    .then(rel => box.appendChild(relationElement(rel)))
    .catch(err => box.appendChild(el("p", {className: "error"}, err.message)))
    .finally(() => { document.body.dataset.state = "ready"; });
})();
