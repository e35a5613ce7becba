// The local chat page. The server knows who the visitor is (an HttpOnly cookie) and keeps the conversation: the page
// draws the transcript it reads from /api/webchat, with the official Adaptive Cards renderer (the cards Teams gets).
// Text is always inserted as text (or escaped before the small markdown subset), never as HTML from a message.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const scroller = document.getElementById("conversation");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const typing = document.getElementById("typing");
  const touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

  // Transcript id → what is drawn for it.
  const drawn = new Map();
  let cursor = { after: 0, since: 0 };
  let pending = 0;
  // After "supprimer mes données" the server forgot the visitor: nothing to read until they write again.
  let ended = false;

  function newMessageId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
  }

  async function api(method, path, body) {
    const options = { method: method, credentials: "same-origin", cache: "no-store", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, body: json };
  }

  // ---- drawing -------------------------------------------------------------------------------------------------

  function atBottom() { return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80; }
  function scrollDown() { scroller.scrollTop = scroller.scrollHeight; }

  /** Inserts an element in transcript order (ids grow); elements without id go at the end. */
  function place(element, id) {
    if (id != null) {
      element.dataset.id = id;
      const later = Array.from(log.children).find(c => c.dataset.id && Number(c.dataset.id) > id);
      if (later) { log.insertBefore(element, later); return; }
    }
    log.appendChild(element);
  }

  // The small markdown subset cards use (as Teams renders it): **bold**, _italic_, [label](https://…), line breaks,
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

  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    supportsInteractivity: true,
    containerStyles: {
      default: {
        backgroundColor: "#FFFFFF",
        foregroundColors: {
          default: { default: "#1B1B1B", subtle: "#4A4A4A" },
          accent: { default: "#1A4D8F", subtle: "#1A4D8F" },
          good: { default: "#0B6A0B", subtle: "#0B6A0B" },
          warning: { default: "#7A5200", subtle: "#7A5200" },
          attention: { default: "#A4262C", subtle: "#A4262C" }
        }
      }
    },
    actions: { actionsOrientation: "vertical", actionAlignment: "stretch", maxActions: 10, buttonSpacing: 6, allowTitleToWrap: true }
  });

  function bubble(cls, text, asMarkdown) {
    const div = document.createElement("div");
    div.className = "message " + cls;
    if (asMarkdown) div.innerHTML = markdown(text); else div.textContent = text;
    return div;
  }

  /** A member's message. */
  function drawMember(entry) {
    const element = bubble("user", entry.text || "");
    const said = document.createElement("span");
    said.className = "visually-hidden";
    said.textContent = "Vous : ";
    element.prepend(said);
    return element;
  }

  /** A bot message: text, card, suggested buttons, in one block. */
  function drawBot(entry) {
    const reply = entry.reply || {};
    const block = document.createElement("div");
    block.className = "bot-block";
    if (reply.text) block.appendChild(bubble("bot", reply.text, true));
    if (reply.card) {
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.onExecuteAction = function (action) {
        if (action instanceof AdaptiveCards.SubmitAction || action instanceof AdaptiveCards.ExecuteAction) {
          if (block.dataset.answered) return;
          answer(block, action.title || "Envoyer");
          send({ value: Object.assign({}, action.data || {}), label: action.title || "Envoyer", replyTo: entry.id });
        } else if (action instanceof AdaptiveCards.OpenUrlAction && /^(https?:|\/)/i.test(action.url || "")) {
          window.open(action.url, "_blank", "noopener");
        }
      };
      card.parse(reply.card);
      const rendered = card.render();
      const wrapper = document.createElement("div");
      wrapper.className = "card";
      if (rendered) {
        // The renderer wraps action strips in overflow:hidden boxes, which cut the keyboard focus ring on both sides.
        rendered.querySelectorAll(".ac-pushButton").forEach(b => {
          for (let e = b.parentElement; e && e !== rendered; e = e.parentElement) if (e.style.overflow === "hidden") e.style.overflow = "visible";
        });
        wrapper.appendChild(rendered);
      }
      block.appendChild(wrapper);
    }
    if (reply.suggestedActions && reply.suggestedActions.length) {
      const group = document.createElement("div");
      group.className = "suggestions";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggestions");
      reply.suggestedActions.forEach(a => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = a.label;
        b.addEventListener("click", () => {
          if (block.dataset.answered) return;
          answer(block, a.label);
          // A button with a typed intent is a click (its intent in the data); otherwise the text it stands for.
          if (a.data) send({ value: Object.assign({}, a.data, { __text: a.value }), label: a.label, replyTo: entry.id });
          else send({ text: a.value, label: a.label, replyTo: entry.id, suggested: true });
        });
        group.appendChild(b);
      });
      block.appendChild(group);
    }
    return block;
  }

  /** Marks a bot message answered: its buttons and fields disabled, the chosen button marked. */
  function answer(block, chosenLabel) {
    if (!block || block.dataset.answered) return;
    block.dataset.answered = "1";
    let marked = false;
    block.querySelectorAll("button").forEach(b => {
      b.disabled = true;
      b.setAttribute("aria-disabled", "true");
      if (!marked && chosenLabel && b.textContent.trim() === chosenLabel.trim()) {
        marked = true;
        b.classList.add("chosen");
        const note = document.createElement("span");
        note.className = "visually-hidden";
        note.textContent = " (votre choix)";
        b.appendChild(note);
      }
    });
    block.querySelectorAll("input, textarea, select").forEach(f => { f.disabled = true; });
  }

  /** Draws a transcript entry once (or again when the bot updated it). */
  function show(entry) {
    const known = entry.id != null ? drawn.get(entry.id) : null;
    if (known && !(entry.from === "bot" && entry.revision > known.revision)) return;
    const follow = atBottom();
    const element = entry.from === "member" ? drawMember(entry) : drawBot(entry);
    if (known) known.element.replaceWith(element); else place(element, entry.id);
    if (entry.id != null) drawn.set(entry.id, { element: element, revision: entry.revision || 0, asks: !!entry.asks, from: entry.from });
    if (entry.from === "member" && entry.id != null) {
      // Whatever the member says answers the questions asked before it; a click answers its own card.
      const target = entry.replyTo != null ? drawn.get(entry.replyTo) : null;
      if (target) answer(target.element, entry.text);
      // A button's label typed instead of clicked is the same choice: the latest card offering it is answered too.
      else if (entry.text) {
        const typed = entry.text.trim().toLocaleLowerCase("fr");
        const offering = Array.from(drawn.entries()).filter(([id, item]) => item.from === "bot" && id < entry.id && !item.element.dataset.answered
          && Array.from(item.element.querySelectorAll("button")).some(b => b.textContent.trim().toLocaleLowerCase("fr") === typed)).pop();
        if (offering) answer(offering[1].element, Array.from(offering[1].element.querySelectorAll("button")).find(b => b.textContent.trim().toLocaleLowerCase("fr") === typed).textContent);
      }
      drawn.forEach((item, id) => { if (item.asks && id < entry.id) answer(item.element, null); });
    }
    if (follow || entry.from === "member") scrollDown();
  }

  function showAll(page) {
    (page.messages || []).forEach(show);
    if (page.cursor) cursor = { after: Math.max(cursor.after, page.cursor.after || 0), since: page.cursor.since || cursor.since };
  }

  function problem(text) {
    const p = bubble("error", text);
    p.setAttribute("role", "alert");
    log.appendChild(p);
    scrollDown();
  }

  function setTyping() {
    typing.textContent = pending > 0 ? "Le bot écrit" : "";
    typing.classList.toggle("active", pending > 0);
    if (pending > 0) scrollDown();
  }

  // ---- talking to the server ---------------------------------------------------------------------------------

  /** Sends a message or a click. The member's words show at once; the server's transcript replaces them. */
  async function send(payload) {
    const messageId = newMessageId();
    const typed = payload.value === undefined && !payload.suggested;
    const provisional = bubble("user pending", payload.label || payload.text || "");
    log.appendChild(provisional);
    scrollDown();
    pending++;
    setTyping();
    try {
      // A message typed while the page opens waits for the session, so it lands in the same conversation.
      if (opening) await opening;
      const body = { messageId: messageId, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
      if (payload.value !== undefined) body.value = payload.value; else body.text = payload.text;
      if (payload.label) body.label = payload.label;
      if (payload.replyTo != null) body.replyTo = payload.replyTo;
      let response = await api("POST", "api/webchat/turns", body);
      // No conversation (erased, or left unused and expired): open one, then send the message there.
      if (response.status === 401) { await open(); response = await api("POST", "api/webchat/turns", body); }
      provisional.remove();
      if (!response.ok) {
        problem(response.body.error || "Le bot n'a pas pu répondre (" + response.status + ").");
        return;
      }
      (response.body.messages || []).forEach(show);
      ended = !!response.body.ended;
      if (ended) cursor = { after: 0, since: 0 };
      if (response.body.duplicate) poll();
    } catch (e) {
      provisional.remove();
      problem("Le bot est injoignable. Votre message n'a pas été envoyé : réessayez.");
      if (typed && !input.value) input.value = payload.text;
    } finally {
      pending--;
      setTyping();
      if (!touch) input.focus();
    }
  }

  async function poll() {
    if (pending > 0 || ended || document.hidden) return;
    try {
      const r = await api("GET", "api/webchat/messages?after=" + cursor.after + "&since=" + cursor.since);
      if (r.status === 401) { await open(); return; }
      if (r.ok) showAll(r.body);
    } catch (e) { /* the next poll will tell */ }
  }

  /** Opens the conversation: the server's history (or a new conversation with its welcome). */
  let opening = null;
  function open() {
    opening = opening || openConversation().finally(() => { opening = null; });
    return opening;
  }

  async function openConversation() {
    try {
      const r = await api("POST", "api/webchat/session", {});
      if (!r.ok) { problem(r.body.error || "La conversation n'a pas pu s'ouvrir (" + r.status + ")."); return; }
      log.textContent = "";
      drawn.clear();
      cursor = { after: 0, since: 0 };
      if (r.body.truncated) log.appendChild(bubble("note", "Les messages plus anciens ne sont pas affichés."));
      showAll(r.body);
      scrollDown();
    } catch (e) {
      problem("Le bot est injoignable. Rechargez la page dans un instant.");
    }
  }

  // ---- the composer ------------------------------------------------------------------------------------------

  function submitTyped() {
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    grow();
    send({ text: text });
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  form.addEventListener("submit", e => { e.preventDefault(); submitTyped(); });
  input.addEventListener("keydown", e => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submitTyped();
    }
  });
  input.addEventListener("input", grow);

  window.communauteChat = { send: send };
  // Reading starts once the conversation is open (the session cookie is set by then).
  open().then(() => {
    if (!touch) input.focus();
    setInterval(poll, 4000);
  });
})();
