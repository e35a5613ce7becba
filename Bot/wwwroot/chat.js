// The local chat page: sends turns to /api/webchat/turns and draws replies with the official
// Adaptive Cards renderer, exactly the cards Teams receives. Text is always inserted as text, never as HTML.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const ids = loadIds();
  let lastOutboxId = 0;
  let busy = false;

  function loadIds() {
    const stored = JSON.parse(localStorage.getItem("communaute-chat") || "null");
    if (stored && stored.conversationId) return stored;
    const random = Math.random().toString(36).slice(2, 10);
    const fresh = { conversationId: "web-" + random, userId: "web-user-" + random, userName: "Membre (page locale)" };
    localStorage.setItem("communaute-chat", JSON.stringify(fresh));
    return fresh;
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  function addText(cls, text) {
    const div = document.createElement("div");
    div.className = "message " + cls;
    div.textContent = text;
    log.appendChild(div);
    scroll();
    return div;
  }

  // The small markdown subset cards use (as Teams renders it): **bold**, _italic_, [label](https://…), "- " lists,
  // backslash escapes. HTML is escaped first, so nothing a member typed can become markup.
  function markdown(text) {
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const slots = [];
    const kept = escaped.replace(/\\([\\`*_\[\]()~#]|&lt;|&gt;)/g, (m, c) => { slots.push(c); return "\u0000" + (slots.length - 1) + "\u0000"; });
    const html = kept
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>')
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:!?])/g, "$1<em>$2</em>")
      .replace(/\n/g, "<br>");
    return html.replace(/\u0000(\d+)\u0000/g, (m, i) => slots[+i]);
  }
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  function addCard(cardJson) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig({
      fontFamily: "Segoe UI, system-ui, sans-serif",
      actions: { actionsOrientation: "vertical", actionAlignment: "left", maxActions: 10 }
    });
    card.onExecuteAction = function (action) {
      if (action instanceof AdaptiveCards.SubmitAction || action instanceof AdaptiveCards.ExecuteAction) {
        const data = Object.assign({}, action.data || {});
        const label = data.__text && !Object.keys(data).some(k => !k.startsWith("__")) ? action.title : (action.title || "Envoyer");
        send({ value: data }, label);
      } else if (action instanceof AdaptiveCards.OpenUrlAction && /^https?:/i.test(action.url || "")) {
        window.open(action.url, "_blank", "noopener");
      }
    };
    card.parse(cardJson);
    const rendered = card.render();
    const wrapper = document.createElement("div");
    wrapper.className = "card";
    wrapper.appendChild(rendered);
    log.appendChild(wrapper);
    scroll();
  }

  function addSuggestions(actions) {
    const div = document.createElement("div");
    div.className = "suggestions";
    actions.forEach(a => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = a.label;
      b.addEventListener("click", () => { div.remove(); send({ text: a.value }, a.label); });
      div.appendChild(b);
    });
    log.appendChild(div);
    scroll();
  }

  function showReply(reply) {
    if (reply.text) addText("bot", reply.text);
    if (reply.card) addCard(reply.card);
    if (reply.suggestedActions && reply.suggestedActions.length) addSuggestions(reply.suggestedActions);
  }

  async function send(payload, shownAs) {
    if (busy) return;
    busy = true;
    if (shownAs) addText("user", shownAs);
    const typing = addText("typing", "Le bot écrit…");
    try {
      const response = await fetch("api/webchat/turns", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(Object.assign({
          conversationId: ids.conversationId, userId: ids.userId, userName: ids.userName,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone
        }, payload))
      });
      const body = await response.json().catch(() => ({}));
      typing.remove();
      if (!response.ok) { addText("error", body.error || "Le bot n'a pas pu répondre (" + response.status + ")."); return; }
      (body.replies || []).forEach(showReply);
    } catch (e) {
      typing.remove();
      addText("error", "Le bot est injoignable. Votre message n'a pas été envoyé : réessayez.");
      if (payload.text) input.value = payload.text;
    } finally {
      busy = false;
    }
  }

  async function pollOutbox() {
    try {
      const r = await fetch("api/webchat/conversations/" + encodeURIComponent(ids.conversationId) + "/outbox?after=" + lastOutboxId);
      if (r.ok) {
        const body = await r.json();
        (body.messages || []).forEach(m => { lastOutboxId = Math.max(lastOutboxId, m.id); showReply(m.reply); });
      }
    } catch (e) { /* the next poll will tell */ }
  }

  form.addEventListener("submit", e => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    send({ text: text }, text);
  });

  window.communauteChat = { send: send };
  send({ text: "bonjour" }, null);
  setInterval(pollOutbox, 5000);
})();
