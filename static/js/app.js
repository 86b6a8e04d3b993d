/* Newsclaims pages: highlight details, add-by-selection, review-queue keys. No dependencies
   besides the vendored htmx; every page works without this file (links and forms are real). */
(function () {
  "use strict";

  // --- Article page: a click on a highlight shows what was found there ----------------------
  function showDetail(mark) {
    var detail = document.getElementById("detail");
    var key = mark.dataset.item || mark.dataset.ref;
    var item = document.getElementById("item-" + key);
    document.querySelectorAll(".hl.active, .item.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll('.hl[data-ref="' + mark.dataset.ref + '"]').forEach(function (el) { el.classList.add("active"); });
    if (!item) return;
    item.classList.add("active");
    if (detail) {
      var summary = item.querySelector(".summary");
      detail.innerHTML = "";
      var kind = document.createElement("p");
      kind.className = "kicker";
      kind.textContent = mark.dataset.ref.split("-")[0].replace("mention", "actor mention");
      detail.appendChild(kind);
      if (summary) detail.appendChild(summary.cloneNode(true));
      var more = document.createElement("a");
      more.href = "#item-" + key;
      more.className = "small-link";
      more.textContent = "Show in the list";
      more.addEventListener("click", function (e) {
        e.preventDefault();
        item.scrollIntoView({ block: "center", behavior: "smooth" });
        var focusable = item.querySelector("button, a");
        if (focusable) focusable.focus({ preventScroll: true });
      });
      detail.appendChild(more);
    }
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest(".article-text mark.hl");
    if (mark) showDetail(mark);
    var jump = event.target.closest && event.target.closest("a.jump");
    if (jump) {
      var target = document.getElementById(jump.getAttribute("href").slice(1));
      if (target) { setTimeout(function () { showDetail(target); target.focus({ preventScroll: true }); }, 0); }
    }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest(".article-text mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); showDetail(mark); }
  });
  function fromHash() {
    if (!location.hash) return;
    var el = document.getElementById(location.hash.slice(1));
    if (el && el.matches(".article-text mark.hl")) { showDetail(el); el.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);

  // --- Article page: select text to add a claim or quote ---------------------------------------
  // Offsets are in Unicode code points, as Python counts them; the highlight markup adds no text,
  // so the text before the selection inside #article-text is exactly the article's text.
  function codePoints(s) { return Array.from(s).length; }
  function selectionOffsets(container) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    var lead = text.length - text.replace(/^\s+/, "").length;
    var trail = text.length - text.replace(/\s+$/, "").length;
    var trimmed = text.slice(lead, text.length - trail);
    if (!trimmed) return null;
    var start = codePoints(before.toString()) + codePoints(text.slice(0, lead));
    return { start: start, end: start + codePoints(trimmed), text: trimmed };
  }
  function setAddKind(panel, kind) {
    panel.querySelectorAll("form[data-kind]").forEach(function (f) { f.hidden = f.dataset.kind !== kind; });
    panel.querySelectorAll("[data-add]").forEach(function (b) { b.classList.toggle("plain", b.dataset.add !== kind); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("article-text");
    var panel = document.getElementById("add-panel");
    if (!container || !panel) return;
    panel.querySelectorAll("[data-add]").forEach(function (b) {
      b.addEventListener("click", function () { setAddKind(panel, b.dataset.add); });
    });
    container.addEventListener("mouseup", function () {
      var found = selectionOffsets(container);
      if (!found) return;
      panel.hidden = false;
      document.getElementById("add-selected").textContent = found.text;
      panel.querySelectorAll("form[data-kind]").forEach(function (form) {
        form.querySelector('[name="start"]').value = found.start;
        form.querySelector('[name="end"]').value = found.end;
        form.querySelector('[name="selected"]').value = found.text;
        var value = form.querySelector('[name="value"]');
        var number = found.text.replace(/,/g, "").match(/\d+(\.\d+)?/);
        if (value && number && !value.value) value.value = number[0];
      });
      var detail = document.getElementById("detail");
      if (detail) detail.hidden = true;
    });
  });

  // --- Review queue: j/k to move, v/r/e/u to act -----------------------------------------------
  function queueItems() { return Array.prototype.slice.call(document.querySelectorAll("#queue .queue-item")); }
  function current() {
    var el = document.activeElement && document.activeElement.closest && document.activeElement.closest(".queue-item");
    return el || document.querySelector("#queue .queue-item");
  }
  function move(step) {
    var items = queueItems();
    var at = items.indexOf(current());
    var next = items[Math.min(Math.max(at + step, 0), items.length - 1)];
    if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
  }
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("queue")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches && event.target.matches("input, textarea, select")) return;
    var item = current();
    var keys = { v: "verify", r: "reject", u: "reopen", e: "edit" };
    if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); move(1); return; }
    if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); move(-1); return; }
    var action = keys[event.key];
    if (!action || !item) return;
    var control = item.querySelector('[data-action="' + action + '"]');
    if (!control) return;
    event.preventDefault();
    control.click();
    if (action === "verify" || action === "reject") {
      item.classList.add("acted");
      var items = queueItems();
      var next = items[items.indexOf(item) + 1];
      if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("#queue .queue-item");
    if (first) first.focus({ preventScroll: true });
  });
})();
