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

  // --- Edit page: select text in the article to move the item's span ----------------------------
  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("span-source");
    if (!source) return;
    var form = document.getElementById(source.dataset.form);
    var now = source.querySelector("mark.hl-now");
    if (now) now.scrollIntoView({ block: "center" });
    function take() {
      var found = selectionOffsets(source);
      if (!found || !form) return;
      form.querySelector('[name="start"]').value = found.start;
      form.querySelector('[name="end"]').value = found.end;
      form.querySelector('[name="selected"]').value = found.text;
      document.getElementById("span-new").textContent = "New span: \u201c" + found.text + "\u201d (save to keep it)";
    }
    source.addEventListener("mouseup", take);
    source.addEventListener("keyup", take);
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
      // The item is dimmed only once the server says it is done (see htmx:afterRequest below);
      // a conflict leaves it bright, with the conflict shown in it.
      var items = queueItems();
      var next = items[items.indexOf(item) + 1];
      if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "x" || !document.getElementById("queue")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches && event.target.matches("input, textarea, select")) return;
    var item = current();
    var pick = item && item.querySelector("input.pick");
    if (!pick) return;
    event.preventDefault();
    pick.checked = !pick.checked;
    pick.dispatchEvent(new Event("change", { bubbles: true }));
  });
  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("#queue input.pick")) return;
    var count = document.querySelectorAll("#queue input.pick:checked").length;
    var label = document.getElementById("bulk-count");
    if (label) label.textContent = count ? count + " ticked" : "Tick items to act on several at once.";
  });
  document.addEventListener("DOMContentLoaded", function () {
    // Back from Edit: the queue opens at the row it was left at (its id is in the address).
    var at = location.hash && document.getElementById(location.hash.slice(1));
    var first = at && at.matches(".queue-item") ? at : document.querySelector("#queue .queue-item");
    if (first) { first.focus({ preventScroll: first !== at }); if (first === at) at.scrollIntoView({ block: "center" }); }
  });

  // --- One-click review: a 409 (someone else changed the item first) is shown in place ------
  // htmx swaps only 2xx answers by default; a conflict answer carries the item as it is now and
  // the way to apply one's action again, so it is swapped in like a success, never dropped.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var item = elt && elt.closest && elt.closest("#queue .queue-item");
    if (!item || !event.detail.xhr) return;
    var status = event.detail.xhr.status;
    var action = elt.getAttribute("hx-post") || "";
    if (status === 409) {
      item.classList.remove("acted");
      item.classList.add("conflicted");
    } else if (status >= 200 && status < 300) {
      item.classList.remove("conflicted");
      item.classList.toggle("acted", !/\/reopen\/$/.test(action));
    }
  });
})();
