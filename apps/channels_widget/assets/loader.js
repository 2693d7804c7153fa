/* Leadiosa chat widget loader. No dependencies, no third-party requests.
   <script src="<base>/widget/v1/loader.js" data-workspace-key="wk_…" async></script>
   Optional: data-user-id, data-user-email, data-user-hash (identity verification). */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-workspace-key]");
  if (!script || window.__leadiosaWidget) return;
  var key = script.getAttribute("data-workspace-key") || "";
  if (!/^wk_[A-Za-z0-9]+$/.test(key)) return;
  window.__leadiosaWidget = true;
  // An older loader kept the visitor's credential here, on the host page, where any of its scripts could
  // read it: remove that copy (the frame's cookie or its own storage holds the credential now).
  try { localStorage.removeItem("leadiosa-widget:" + key); } catch (e) { /* storage denied: nothing kept */ }
  var base = new URL(script.src, location.href).origin;
  var host = document.createElement("div");
  host.setAttribute("data-leadiosa-widget", "");
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = document.createElement("style");
  style.textContent =
    ":host{all:initial}" +
    "button{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;border:0;" +
    "border-radius:50%;background:#1f6feb;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);" +
    "display:flex;align-items:center;justify-content:center;padding:0}" +
    "button:focus-visible{outline:3px solid #000;outline-offset:2px}" +
    "iframe{position:fixed;right:20px;bottom:88px;z-index:2147483647;width:370px;height:560px;" +
    "max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);border:0;border-radius:12px;" +
    "box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff}" +
    "iframe[hidden]{display:none}";
  root.appendChild(style);
  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", "Open chat");
  button.setAttribute("aria-expanded", "false");
  button.innerHTML =
    '<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">' +
    '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  root.appendChild(button);
  var frame = null;

  function open() {
    if (!frame) {
      var params = new URLSearchParams();
      params.set("o", location.origin);
      ["id", "email", "hash"].forEach(function (name) {
        var value = script.getAttribute("data-user-" + name);
        if (value) params.set(name, value);
      });
      frame = document.createElement("iframe");
      frame.title = "Chat";
      frame.setAttribute("allow", "");
      // The fragment never reaches a server (no identity in access logs); the frame reads and clears it.
      frame.src = base + "/widget/v1/" + key + "/frame#" + params.toString();
      root.appendChild(frame);
    }
    frame.hidden = false;
    button.setAttribute("aria-label", "Close chat");
    button.setAttribute("aria-expanded", "true");
  }

  function close() {
    if (frame) frame.hidden = true;
    button.setAttribute("aria-label", "Open chat");
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", function () {
    if (frame && !frame.hidden) close(); else open();
  });

  // The frame speaks only from the product's origin, and only through its own window.
  window.addEventListener("message", function (event) {
    if (event.origin !== base || !frame || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === "leadiosa:close") close();
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
