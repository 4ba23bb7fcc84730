// Who met whom: the actor and counterpart fields suggest names (English or Arabic) as one types.
(function () {
  "use strict";
  const {el, fetchJSON} = window.Geograph;
  const ARABIC = /[\u0600-\u06ff]/;

  function suggest(input, list) {
    let waiting = null, asked = "";
    input.addEventListener("input", () => {
      clearTimeout(waiting);
      const text = input.value.trim();
      if (!text || text === asked) return;
      waiting = setTimeout(async () => {
        asked = text;
        let found;
        try { found = await fetchJSON(`/api/suggest?${new URLSearchParams({q: text})}`); } catch (err) { return; }
        if (input.value.trim() !== text) return;
        list.textContent = "";
        const arabic = ARABIC.test(text);
        for (const a of found.actors) {
          const [value, other] = arabic && a.name_ar ? [a.name_ar, a.name] : [a.name, a.name_ar];
          list.appendChild(el("option", {value, label: [other, a.id].filter(Boolean).join(" · ")}));
        }
        document.body.dataset.suggested = String(Number(document.body.dataset.suggested || 0) + 1);
      }, 150);
    });
  }

  suggest(document.querySelector("input[name=actor]"), document.getElementById("actor-names"));
  suggest(document.querySelector("input[name=with]"), document.getElementById("with-names"));
  document.body.dataset.state = "ready";
})();
