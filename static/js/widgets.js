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

/* Phones: a tapped highlight's details open as a bottom sheet over the article, the highlight
   kept in view above it; the close button or Escape closes it. (app.js fills #detail first.) */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 600px)");
  function close() {
    var detail = document.getElementById("detail");
    if (!detail) return;
    detail.classList.remove("sheet-open");
    document.body.classList.remove("has-sheet");
  }
  function open(mark) {
    var detail = document.getElementById("detail");
    if (!detail || !narrow.matches) return;
    if (!detail.querySelector(".sheet-close")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "small plain sheet-close";
      button.textContent = "Close";
      button.addEventListener("click", close);
      detail.insertBefore(button, detail.firstChild);
    }
    detail.classList.add("sheet-open");
    document.body.classList.add("has-sheet");
    var top = mark.getBoundingClientRect().top;
    window.scrollBy({ top: top - window.innerHeight * 0.2, behavior: "instant" });
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest(".article-text mark.hl");
    if (mark) { open(mark); return; }
    if (event.target.closest && event.target.closest("#detail .small-link")) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); return; }
    var mark = event.target.closest && event.target.closest(".article-text mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) open(mark);
  });
})();
