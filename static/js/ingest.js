// The ingest form shows the fields of the chosen kind only (all stay in the page without JavaScript).
// A file of its own, not an inline script: the Content-Security-Policy allows scripts from this site only.
(function () {
  var form = document.getElementById("ingest-form");
  if (!form) return;
  function sync() {
    var kind = (form.querySelector("input[name=kind]:checked") || {}).value || "url";
    form.querySelectorAll(".field").forEach(function (el) {
      el.hidden = el.dataset.kind.split(" ").indexOf(kind) < 0;
    });
  }
  form.addEventListener("change", sync);
  sync();
})();
