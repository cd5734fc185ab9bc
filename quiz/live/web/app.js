// The students' web page for a live class game: speaks docs/protocol.md over one WebSocket.
// Every text from the host (names, prompts, choices, answers) is put in the page as text
// (textContent), never as HTML. No libraries, no build step: the classroom may be offline.
"use strict";

(() => {
  const PROTOCOL = 1;
  const SHAPES = ["▲", "◆", "●", "■", "★", "▼", "♥", "✚", "⬟", "♣"]; // as quiz/ui/live/marks.py
  const LETTERS = "ABCDEFGHIJ"; // a match may show up to 10 partners
  const RETRY_MS = [500, 1000, 2000, 3000, 5000];
  const PING_MS = 15000;
  const FINAL = new Set([
    "bad_code", "throttled", "bad_name", "name_taken", "name_removed", "full", "ended",
    "version", "replaced",
  ]);
  const STORE_KEY = "quiz-live:" + location.host;

  const $ = (id) => document.getElementById(id);
  const SECTIONS = ["join", "lobby", "question", "locked", "wait", "reveal", "leaderboard", "end",
    "stopped"];

  let socket = null;
  let joined = null; // {code, name, token} once the host welcomed us
  let wanted = null; // {code, name} typed in the form
  let retries = 0;
  let pinger = null;
  let stopped = false;
  let question = null; // the open question's message
  let picked = new Set(); // multi: indices picked
  let ordered = []; // order: item indices, in the student's order
  let matched = []; // match: each item's partner's index (undefined while it has none)
  let current = 0; // match: the item the next partner tapped is for
  let deadline = null; // performance.now() when the countdown ends, null when paused
  let pausedLeft = null;
  let ticker = null;
  let lastResult = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function show(id) {
    for (const name of SECTIONS) $(name).hidden = name !== id;
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function remember() {
    try {
      if (joined) localStorage.setItem(STORE_KEY, JSON.stringify(joined));
      else localStorage.removeItem(STORE_KEY);
    } catch (_) { /* private browsing: rejoining then needs the name again */ }
  }

  function remembered() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.code === "string" && typeof saved.name === "string") return saved;
    } catch (_) { /* nothing saved */ }
    return null;
  }

  // The connection.

  function connect() {
    stopped = false;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    setStatus(retries ? "Reconnecting…" : "Connecting…");
    socket.addEventListener("open", () => {
      const who = joined || wanted;
      send({ type: "join", protocol: PROTOCOL, code: who.code, name: who.name,
        token: joined ? joined.token : null });
      clearInterval(pinger);
      pinger = setInterval(() => send({ type: "ping" }), PING_MS);
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (_) { return; }
      if (message && typeof message.type === "string") receive(message);
    });
    socket.addEventListener("close", () => {
      clearInterval(pinger);
      socket = null;
      if (stopped) return;
      setStatus("Connection lost: reconnecting…");
      const wait = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
      retries += 1;
      setTimeout(connect, wait);
    });
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function stop(title, message, forget) {
    stopped = true;
    if (forget) { joined = null; remember(); }
    if (socket) socket.close();
    setStatus("Not connected");
    $("s-title").textContent = title;
    $("s-message").textContent = message;
    show("stopped");
  }

  // What the host says.

  const handlers = {
    welcome(m) {
      retries = 0;
      joined = { code: (joined || wanted).code, name: m.name, token: m.token };
      remember();
      $("title").textContent = m.title;
      $("me").hidden = false;
      showMe(m.score);
      setStatus("Connected");
      $("lobby-name").textContent = m.name;
      show("lobby");
    },
    lobby(m) {
      $("lobby-count").textContent = m.players === 1 ? "1 player is in." : m.players + " players are in.";
      show("lobby");
    },
    question(m) { showQuestion(m); },
    timer(m) {
      if (!question || m.number !== question.number) return;
      startCountdown(m.seconds_left, m.paused);
    },
    locked() { stopCountdown(); show("locked"); },
    wait() { show("wait"); },
    reveal(m) { stopCountdown(); showReveal(m); },
    result(m) { showResult(m); },
    leaderboard(m) { showLeaderboard(m); },
    end(m) {
      showEnd(m);
      stopped = true;
      joined = null;
      remember();
      if (socket) socket.close();
      setStatus("Game over");
    },
    removed(m) { stop("Removed", m.message, true); },
    error(m) {
      if (!joined && ["bad_code", "throttled", "bad_name", "name_taken", "name_removed", "full",
        "version"].includes(m.code)) {
        stopped = true;
        if (socket) socket.close();
        setStatus("Not connected");
        $("join-error").textContent = m.message;
        show("join");
        return;
      }
      if (FINAL.has(m.code)) {
        stop(m.code === "replaced" ? "Opened elsewhere" : "Stopped", m.message,
          m.code !== "replaced");
        return;
      }
      $("q-error").textContent = m.message;
    },
  };

  function receive(message) {
    const handler = handlers[message.type];
    if (handler) handler(message);
  }

  function showMe(score) {
    $("me").textContent = joined.name + " · " + score + " pts";
  }

  // A question.

  function showQuestion(m) {
    question = m;
    picked = new Set();
    ordered = [];
    matched = [];
    current = 0;
    $("q-error").textContent = "";
    $("q-number").textContent = "Question " + m.number + " of " + m.total;
    $("q-topic").textContent = m.topic;
    $("q-prompt").textContent = m.prompt;
    const choices = $("q-choices");
    choices.replaceChildren();
    const typed = m.input === "typed";
    const known = typed || ["choice", "multi", "order", "match"].includes(m.input);
    if (!known) $("q-error").textContent = "This page cannot answer this kind of question: reload it (or update quiz).";
    $("q-typed").hidden = !typed;
    $("q-submit").hidden = !(typed || ["multi", "order", "match"].includes(m.input));
    choices.hidden = typed;
    if (typed) {
      const input = $("q-input");
      input.value = "";
      input.inputMode = m.kind === "number" ? "decimal" : "text";
      $("q-input-label").textContent = m.kind === "number" ? "Your number" : "Your answer";
      $("q-unit").textContent = m.unit || "";
    } else {
      if (m.input === "match") choices.append(matchItems(m.items || []));
      (m.choices || []).forEach((text, index) => choices.append(choiceButton(text, index, m.input)));
      if (m.input === "match") drawMatches();
    }
    show("question");
    startCountdown(m.seconds_left, m.paused);
    if (typed) $("q-input").focus();
  }

  function choiceButton(text, index, input) {
    const button = el("button", "choice c" + index);
    button.type = "button";
    button.dataset.index = String(index);
    button.append(el("span", "shape", SHAPES[index]), el("span", "letter", LETTERS[index]),
      el("span", "label", text));
    if (input === "multi") {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => toggle(button, index));
    } else if (input === "order") {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => place(index));
    } else if (input === "match") {
      button.addEventListener("click", () => matchTo(index));
    } else {
      button.addEventListener("click", () => answer(index));
    }
    return button;
  }

  function toggle(button, index) {
    if (picked.has(index)) picked.delete(index); else picked.add(index);
    button.setAttribute("aria-pressed", String(picked.has(index)));
  }

  // An order: tap the items in order (tap one again to take it out); each shows its place.
  function place(index) {
    const at = ordered.indexOf(index);
    if (at >= 0) ordered.splice(at, 1); else ordered.push(index);
    [...$("q-choices").children].forEach((button, i) => {
      const spot = ordered.indexOf(i);
      button.setAttribute("aria-pressed", String(spot >= 0));
      button.querySelector(".letter").textContent = spot >= 0 ? String(spot + 1) : LETTERS[i];
    });
  }

  // A match: tap an item (the first is picked), then its partner; the next item without one is
  // picked. Each item shows its partner's letter.
  function matchItems(items) {
    const list = el("div", "items");
    list.id = "q-items";
    items.forEach((text, index) => {
      const button = el("button", "item");
      button.type = "button";
      button.addEventListener("click", () => { current = index; drawMatches(); });
      list.append(button);
    });
    return list;
  }

  function matchTo(partner) {
    const count = (question.items || []).length;
    if (!count) return;
    matched[current] = partner;
    for (let step = 1; step <= count; step++) {
      const next = (current + step) % count;
      if (matched[next] === undefined) { current = next; break; }
    }
    drawMatches();
  }

  function drawMatches() {
    const items = question.items || [];
    [...$("q-items").children].forEach((button, i) => {
      const partner = matched[i] === undefined ? "?" : LETTERS[matched[i]];
      button.textContent = (i + 1) + ". " + items[i] + " → " + partner;
      button.setAttribute("aria-pressed", String(i === current));
    });
  }

  function answer(response) {
    if (!question) return;
    if (!send({ type: "answer", number: question.number, response })) {
      $("q-error").textContent = "Not connected: your answer was not sent. Try again in a moment.";
    }
  }

  function submit() {
    if (!question) return;
    if (question.input === "multi") {
      answer([...picked].sort((a, b) => a - b));
    } else if (question.input === "order") {
      if (ordered.length !== question.choices.length) {
        $("q-error").textContent = "Tap every item, in order, first.";
        return;
      }
      answer(ordered.slice());
    } else if (question.input === "match") {
      const count = (question.items || []).length;
      if ([...Array(count).keys()].some((i) => matched[i] === undefined)) {
        $("q-error").textContent = "Give every item a partner first.";
        return;
      }
      answer(matched.slice(0, count));
    } else {
      const text = $("q-input").value.trim();
      if (!text) { $("q-error").textContent = "Type an answer first."; return; }
      answer(text);
    }
  }

  function startCountdown(left, paused) {
    stopCountdown();
    if (paused) {
      pausedLeft = left;
      deadline = null;
    } else {
      pausedLeft = null;
      deadline = performance.now() + left * 1000;
      ticker = setInterval(drawCountdown, 250);
    }
    drawCountdown();
  }

  function stopCountdown() {
    clearInterval(ticker);
    ticker = null;
  }

  function drawCountdown() {
    const left = deadline === null ? pausedLeft : Math.max(0, (deadline - performance.now()) / 1000);
    $("q-timer").textContent = (deadline === null ? "Paused · " : "") + Math.ceil(left || 0) + " s left";
  }

  // The reveal, the leaderboard, the end.

  function showReveal(m) {
    $("r-answer").textContent = m.answer;
    $("r-explanation").textContent = m.explanation;
    const tally = $("r-tally");
    tally.replaceChildren();
    const most = Math.max(1, ...m.tally.map((row) => row.count));
    const options = question && question.number === m.number
      && (question.input === "choice" || question.input === "multi"); // bars are the options
    m.tally.forEach((row, index) => {
      const item = el("li", row.correct ? "right" : "wrong");
      const head = el("span", "tally-label");
      if (options) head.append(el("span", "shape", SHAPES[index]), el("span", "letter", LETTERS[index]));
      head.append(el("span", "label", row.label), el("span", "mark", row.correct ? " ✓" : ""));
      const bar = el("span", "bar-fill");
      bar.style.width = Math.round((100 * row.count) / most) + "%";
      item.append(head, el("span", "bar-track"), el("span", "count", row.count));
      item.children[1].append(bar);
      tally.append(item);
    });
    const source = $("r-source"); // the article the passage comes from, as in the solo game
    if (m.source && m.source.title) {
      source.replaceChildren(el("strong", null, "Source: "), el("cite", null, m.source.title));
      if (m.source.publisher) source.append(document.createTextNode(" — " + m.source.publisher));
    } else {
      source.replaceChildren(el("strong", null, "Evidence"));
    }
    const passage = $("r-passage");
    passage.replaceChildren();
    for (const paragraph of m.passage) {
      const p = el("p");
      let at = 0;
      for (const [start, end] of paragraph.highlights) {
        p.append(document.createTextNode(paragraph.text.slice(at, start)));
        p.append(el("mark", null, paragraph.text.slice(start, end)));
        at = end;
      }
      p.append(document.createTextNode(paragraph.text.slice(at)));
      passage.append(p);
    }
    $("r-verdict").textContent = "";
    $("r-verdict").className = "verdict";
    $("r-note").textContent = "";
    $("r-feedback").replaceChildren();
    show("reveal");
  }

  function showResult(m) {
    lastResult = m;
    const verdict = $("r-verdict");
    if (!m.took_part) {
      verdict.textContent = "You play from the next question.";
    } else if (!m.answered) {
      verdict.textContent = "No answer in time · place " + m.rank + " of " + m.players;
      verdict.className = "verdict wrong";
    } else {
      verdict.textContent = (m.correct ? "✓ Right! +" + m.points : "✗ Wrong")
        + " · place " + m.rank + " of " + m.players;
      verdict.className = "verdict " + (m.correct ? "right" : "wrong");
    }
    $("r-note").textContent = m.note || "";
    const feedback = $("r-feedback");
    feedback.replaceChildren(...m.feedback.map((text) => el("li", null, text)));
    if (m.breakdown) {
      for (const row of m.breakdown.rows) {
        const line = (row.correct ? "✓ " : "✗ ") + row.given + (row.remark ? " (" + row.remark + ")" : "");
        feedback.append(el("li", row.correct ? "right" : "wrong", line));
      }
    }
    showMe(m.score);
  }

  function standings(list, rows) {
    list.replaceChildren(...rows.map((row) => {
      const item = el("li");
      const moved = row.moved > 0 ? " ▲" + row.moved : row.moved < 0 ? " ▼" + -row.moved : "";
      item.append(el("span", "rank", row.rank + "."), el("span", "name", row.name),
        el("span", "score", row.score), el("span", "moved", moved));
      return item;
    }));
  }

  function showLeaderboard(m) {
    standings($("l-top"), m.top);
    $("l-you").textContent = lastResult && lastResult.rank
      ? "You: place " + lastResult.rank + " of " + m.players + ", " + lastResult.score + " points"
      : "";
    show("leaderboard");
  }

  function showEnd(m) {
    standings($("e-podium"), m.podium);
    $("e-you").textContent = "You: place " + m.you.rank + " of " + m.players + " · " + m.you.score
      + " points · " + m.you.right + " of " + m.you.asked + " right";
    stopCountdown();
    show("end");
  }

  // Keys: 1–8 or A–H pick a choice, as in the terminal game; Enter sends.

  document.addEventListener("keydown", (event) => {
    if ($("question").hidden || !question || event.target === $("q-input")) return;
    const key = event.key.toUpperCase();
    if (question.input === "match") { // a number picks an item, a letter gives it its partner
      const item = "12345678".indexOf(key);
      const partner = "ABCDEFGHIJ".indexOf(key);
      if (item >= 0 && item < (question.items || []).length) {
        current = item;
        drawMatches();
      } else if (partner >= 0 && partner < (question.choices || []).length) {
        matchTo(partner);
      } else if (event.key === "Enter") {
        submit();
      } else {
        return;
      }
      event.preventDefault();
      return;
    }
    let index = "12345678".indexOf(key);
    if (index < 0) index = LETTERS.indexOf(key);
    const buttons = $("q-choices").children;
    if (index >= 0 && index < buttons.length) {
      buttons[index].click();
      event.preventDefault();
    } else if (event.key === "Enter" && (question.input === "multi" || question.input === "order")) {
      submit();
      event.preventDefault();
    }
  });

  $("q-submit").addEventListener("click", submit);
  $("q-typed").addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    $("join-error").textContent = "";
    wanted = { code: $("code").value.trim(), name: $("name").value.trim() };
    joined = null;
    retries = 0;
    if (socket) { stopped = true; socket.close(); }
    connect();
  });
  $("s-again").addEventListener("click", () => {
    show("join");
    $("name").focus();
  });

  const params = new URLSearchParams(location.search);
  if (params.get("code")) $("code").value = params.get("code");
  const saved = remembered();
  if (saved && (!params.get("code") || params.get("code") === saved.code)) {
    joined = saved; // a reload: rejoin with the same name and token
    $("code").value = saved.code;
    $("name").value = saved.name;
    connect();
  } else {
    show("join");
  }
})();
