/* The chat frame: talks to /widget/v1/<key>/… on its own origin. Every message is rendered as text
   (textContent / text nodes), never as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  var key = root.getAttribute("data-key");
  var api = "/widget/v1/" + key;
  var thread = document.getElementById("thread");
  var notice = document.getElementById("notice");
  var problem = document.getElementById("problem");
  var form = document.getElementById("compose");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var listButton = document.getElementById("history");
  var listView = document.getElementById("list");
  var listItems = document.getElementById("conversations");
  var greeting = thread.firstElementChild;
  var LABELS = { contact: "You", agent: "Team", assistant: "Assistant", system: "" };
  var color = root.getAttribute("data-color");
  if (color && /^#[0-9a-f]{6}$/i.test(color)) document.documentElement.style.setProperty("--accent", color);

  // What the loader passed in the fragment (never sent to a server); cleared from the address at once.
  var params = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  var parentOrigin = params.get("o") || "";
  var claim = { id: params.get("id") || "", email: params.get("email") || "", hash: params.get("hash") || "" };
  var who = claim.hash ? (claim.id ? "id:" + claim.id : claim.email ? "email:" + claim.email.trim().toLowerCase() : "") : "";

  // The visitor credential: an HttpOnly, partitioned cookie the API sets (the frame never sees it), and
  // a copy in the frame's own storage, sent as X-Widget-Visitor, for browsers that block the cookie.
  // Where the storage is blocked too, memory: the chat lasts as long as the page. Never the host page's.
  var storeKey = "leadiosa:" + key;
  var frameStorage = true;
  var state = {};
  function load() {
    try {
      var raw = localStorage.getItem(storeKey);
      return raw ? JSON.parse(raw) : {};
    } catch (e) {
      frameStorage = false;
      return {};
    }
  }
  function save(next) {
    state = next;
    if (!frameStorage) return;
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { frameStorage = false; }
  }
  function tell(message) {
    if (!parentOrigin || parent === window) return;
    try { parent.postMessage(message, parentOrigin); } catch (e) { /* not a valid origin: nobody to tell */ }
  }

  function call(method, path, body, signal) {
    var headers = {};
    if (state.v) headers["X-Widget-Visitor"] = state.v;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(api + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin", // the frame is the product's page: its own cookie, nobody else's
      cache: "no-store",
      signal: signal
    });
  }

  var conversation = null;
  var shown = 0; // which conversation the thread shows: a poll of an earlier one stops
  var aborter = null;
  var handledBy = "";
  var last = null;
  var seen = {};
  var lastType = "";

  function render(message) {
    if (seen[message.id]) return;
    seen[message.id] = true;
    var type = message.author && message.author.type;
    var bubble = document.createElement("p");
    bubble.className = "msg " + (LABELS.hasOwnProperty(type) ? type : "system");
    if (LABELS[type]) {
      var label = document.createElement("span");
      label.className = "who";
      label.textContent = LABELS[type];
      bubble.appendChild(label);
    }
    bubble.appendChild(document.createTextNode(String(message.body)));
    bubble.setAttribute("data-author", type);
    thread.appendChild(bubble);
    lastType = type;
    thread.scrollTop = thread.scrollHeight;
    showNotice();
  }

  function showNotice() {
    notice.hidden = !(handledBy === "human" && lastType === "contact");
  }

  function setConversation(data) {
    if (!data) return;
    handledBy = data.handled_by || handledBy;
    showNotice();
  }

  function showProblem(text) {
    problem.textContent = text || "";
    problem.hidden = !text;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function poll(mine) {
    while (conversation && mine === shown) {
      var started = Date.now();
      try {
        var response = await call(
          "GET",
          "/conversations/" + conversation + "/messages?after=" + encodeURIComponent(last) +
            "&wait=20&handled_by=" + encodeURIComponent(handledBy),
          undefined,
          aborter.signal
        );
        if (mine !== shown) break;
        if (response.status === 404) { conversation = null; break; }
        if (response.ok) {
          var answer = await response.json();
          if (mine !== shown) break;
          setConversation(answer.conversation);
          answer.data.forEach(function (message) { render(message); last = message.id; });
        }
      } catch (e) { /* offline for a moment (or switched away): try again below */ }
      var spent = Date.now() - started;
      if (spent < 1500) await sleep(1500 - spent);
    }
  }

  // Show another conversation (or none: the next message starts one): the thread starts over.
  function show(id) {
    shown += 1;
    if (aborter) aborter.abort();
    aborter = new AbortController();
    conversation = id;
    handledBy = lastType = "";
    last = null;
    seen = {};
    while (thread.lastChild !== greeting) thread.removeChild(thread.lastChild);
    showNotice();
    showList(false);
    return shown;
  }

  function follow(answer, messages) {
    setConversation(answer);
    messages.forEach(function (message) { render(message); last = message.id; });
    poll(shown);
  }

  async function openConversation(id) {
    var mine = show(id);
    var response = await call("GET", "/conversations/" + id + "/messages");
    if (!response.ok || mine !== shown) return;
    var answer = await response.json();
    if (mine === shown) follow(answer.conversation, answer.data);
  }

  // The visitor's conversations, newest first: each opens in the thread; "New conversation" empties it.
  var conversations = [];
  function showList(open) {
    listView.hidden = !open;
    thread.hidden = open;
    listButton.setAttribute("aria-expanded", String(open));
    listButton.hidden = !conversations.length;
  }
  function fillList() {
    listItems.textContent = "";
    conversations.forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      var when = new Date(item.last_message_at || item.created_at);
      button.textContent = (item.preview || "Conversation") + " · " +
        when.toLocaleDateString() + (item.status === "closed" ? " · closed" : "");
      if (item.id === conversation) button.setAttribute("aria-current", "true");
      button.addEventListener("click", function () { openConversation(item.id); });
      var row = document.createElement("li");
      row.appendChild(button);
      listItems.appendChild(row);
    });
    showList(!listView.hidden);
  }
  async function loadList() {
    var response = await call("GET", "/conversations");
    if (!response.ok) return;
    conversations = (await response.json()).data;
    fillList();
  }

  async function start() {
    state = load();
    if (who && state.who !== who) {
      var body = { user_hash: claim.hash };
      if (claim.id) body.user_id = claim.id;
      if (claim.email) body.email = claim.email;
      var response = await call("POST", "/identify", body);
      if (response.ok) save({ v: (await response.json()).visitor, who: who });
      else if (state.who) save({}); // an unverified claim: anonymous, never the previous user's chats
    } else if (!who && (state.who || !frameStorage)) {
      // The host page's user signed out (or, without storage, may have): their conversations stay theirs.
      // The server drops the cookie if it is a verified visitor's; an anonymous visitor's stays.
      if (state.who) save({});
      await call("POST", "/sign-out", {});
    }
    await loadList();
    if (conversations.length) await openConversation(conversations[0].id);
  }

  async function send(event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) return;
    sendButton.disabled = true;
    showProblem("");
    try {
      await ready; // a message sent while the frame is still identifying the visitor waits for it
      var response;
      if (conversation) {
        response = await call("POST", "/conversations/" + conversation + "/messages", { body: text });
        if (response.status === 404) conversation = null;
        else if (response.ok) render(await response.json());
      }
      if (!conversation) {
        response = await call("POST", "/conversations", { body: text });
        if (response.ok) {
          var answer = await response.json();
          save({ v: answer.visitor, who: state.who || "" });
          show(answer.conversation.id);
          follow(answer.conversation, answer.messages);
          loadList();
        }
      }
      if (response.ok) input.value = "";
      else showProblem(response.status === 429 ? "You are sending messages too fast; try again in a minute." :
        "Your message could not be sent. Try again.");
    } catch (e) {
      showProblem("Your message could not be sent. Check your connection and try again.");
    }
    sendButton.disabled = false;
    input.focus();
  }

  form.addEventListener("submit", send);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    if (event.key === "Escape") tell({ type: "leadiosa:close" });
  });
  document.getElementById("close").addEventListener("click", function () {
    tell({ type: "leadiosa:close" });
  });
  listButton.addEventListener("click", function () { showList(listView.hidden); });
  document.getElementById("new").addEventListener("click", function () {
    show(null);
    input.focus();
  });
  var ready = start().catch(function () { /* the chat still works from the first message */ });
})();
