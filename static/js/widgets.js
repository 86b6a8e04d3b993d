/* Actor pickers (claims.forms.ActorPicker): htmx fills the results under the search box; a click
   on a result (or the actor just created) puts its id in the hidden field and its name in the box. */
(function () {
  "use strict";
  function pick(button) {
    var picker = button.closest("[data-actor-picker]");
    if (!picker) return;
    picker.querySelector("[data-picker-value]").value = button.dataset.pick;
    var box = picker.querySelector('input[type="search"]');
    box.value = button.dataset.name;
    box.setAttribute("aria-expanded", "false");
    var results = picker.querySelector(".picker-results");
    results.innerHTML = "";
    var chosen = document.createElement("p");
    chosen.className = "meta picker-chosen";
    chosen.textContent = "Chosen: " + button.dataset.name;
    results.appendChild(chosen);
    box.focus();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-actor-picker] [data-pick]");
    if (button) { event.preventDefault(); pick(button); }
  });
  document.addEventListener("input", function (event) {
    var picker = event.target.closest && event.target.closest("[data-actor-picker]");
    if (!picker || event.target.type !== "search") return;
    // An emptied box means no actor; typing keeps the chosen one until another is picked.
    if (!event.target.value) picker.querySelector("[data-picker-value]").value = "";
    event.target.setAttribute("aria-expanded", event.target.value ? "true" : "false");
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var created = event.target.querySelector && event.target.querySelector("[data-autopick]");
    if (created) pick(created);
  });
  // Enter in a picker's box must not submit the editing form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var picker = event.target.closest && event.target.closest("[data-actor-picker]");
    if (!picker || event.target.type !== "search") return;
    event.preventDefault();
    var first = picker.querySelector("[data-pick]");
    if (first) pick(first);
  });
})();

/* Facets: the box under "more…" hides the values that do not contain what is typed. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-facet-filter]")) return;
    var wanted = event.target.value.trim().toLowerCase();
    var list = event.target.parentElement.querySelector("ul");
    list.querySelectorAll("li").forEach(function (li) {
      li.hidden = wanted !== "" && li.textContent.toLowerCase().indexOf(wanted) === -1;
    });
  });
})();
