// Keyboard navigation for lists and the thread: j/k move, Enter opens, r reply, n note, / search.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-nav-row]")); }
  function current() { return document.querySelector("[data-nav-row][aria-selected='true']"); }
  function select(row) {
    rows().forEach(function (r) { r.setAttribute("aria-selected", r === row ? "true" : "false"); });
    if (row) { row.scrollIntoView({ block: "nearest" }); var link = row.querySelector("a"); if (link) link.focus({ preventScroll: true }); }
  }
  function move(step) {
    var all = rows(); if (!all.length) return;
    var index = all.indexOf(current());
    var next = index < 0 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next]);
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var target;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "Enter":
        var row = current();
        if (row && row.dataset.href) { window.location = row.dataset.href; } else { return; }
        break;
      case "r": target = document.querySelector("[data-key='reply']"); break;
      case "n": target = document.querySelector("[data-key='note']"); break;
      case "/": target = document.querySelector("[data-key='search']"); break;
      default: return;
    }
    if (target) target.focus();
    event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr[data-href]");
    if (row && !event.target.closest("a, button, input, select, textarea")) window.location = row.dataset.href;
  });
  // After a list refresh (htmx), keep the selected row selected.
  document.addEventListener("htmx:beforeSwap", function () {
    var row = current(); window.__selectedRow = row ? row.id : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (window.__selectedRow) { var row = document.getElementById(window.__selectedRow); if (row) row.setAttribute("aria-selected", "true"); }
  });
})();
