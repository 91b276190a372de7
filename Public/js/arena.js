// Arena's small script: pages work without it; it only makes them livelier.
(function () {
  "use strict";
  // Countdowns: <time data-countdown="ISO"> ticks every second.
  function span(s) {
    s = Math.max(0, Math.floor(s));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    if (d > 0) return d + " d " + h + " h";
    if (h > 0) return h + " h " + String(m).padStart(2, "0") + " min";
    if (m > 0) return m + " min " + r + " s";
    return r + " s";
  }
  function tick() {
    document.querySelectorAll("time[data-countdown]").forEach(function (el) {
      var target = Date.parse(el.getAttribute("data-countdown"));
      if (isNaN(target)) return;
      var left = (target - Date.now()) / 1000;
      el.textContent = span(left);
      if (left <= 0 && !el.dataset.reloaded) { el.dataset.reloaded = "1"; setTimeout(function () { location.reload(); }, 1500); }
    });
  }
  // Math: KaTeX renders \( \) and \[ \] left by the statement renderer.
  function math() {
    if (window.renderMathInElement) {
      document.querySelectorAll(".statement").forEach(function (el) {
        window.renderMathInElement(el, { delimiters: [
          { left: "\\[", right: "\\]", display: true }, { left: "\\(", right: "\\)", display: false }
        ], throwOnError: false });
      });
    }
  }
  // Samples: a copy button on each block.
  function copyButtons() {
    document.querySelectorAll(".sample pre").forEach(function (pre) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "copy"; b.textContent = "Copy";
      b.addEventListener("click", function () {
        navigator.clipboard && navigator.clipboard.writeText(pre.textContent).then(function () { b.textContent = "Copied"; setTimeout(function () { b.textContent = "Copy"; }, 1200); });
      });
      pre.parentNode.insertBefore(b, pre);
    });
  }
  // Live submission status: a long-poll for the server-rendered fragment; the server answers
  // as soon as the judge reports progress ("running on test 7") or the verdict.
  function liveStatus() {
    var box = document.getElementById("status");
    if (!box || box.getAttribute("data-done") === "true") return;
    var url = box.getAttribute("data-status-url") + "?after=" + encodeURIComponent(box.getAttribute("data-token") || "");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) { box.outerHTML = html; setTimeout(liveStatus, 50); } else { setTimeout(liveStatus, 2000); }
      })
      .catch(function () { setTimeout(liveStatus, 2000); });
  }
  // Live standings: follow the socket from the page's version; each message replaces the rows
  // it carries (a snapshot replaces them all), then the rows are put back in rank order.
  function cellText(c) {
    if (c.solved) return "+" + (c.attempts > 1 ? String(c.attempts - 1) : "");
    if (c.pending > 0) return "?" + c.pending;
    return c.attempts > 0 ? "-" + c.attempts : "";
  }
  function cellClass(c) { return c.solved ? (c.first ? "first" : "solved") : (c.pending > 0 ? "pending" : (c.attempts > 0 ? "tried" : "")); }
  function rowElement(r, me) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-user", r.user_id);
    tr.setAttribute("data-rank", r.rank);
    if (r.user === me) tr.className = "me";
    [r.rank, r.user, r.solved, r.penalty].forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
    r.cells.forEach(function (c) {
      var td = document.createElement("td"), small = document.createElement("small");
      td.className = "cell " + cellClass(c);
      td.textContent = cellText(c);
      small.textContent = c.solved && c.time_s != null ? String(Math.floor(c.time_s / 60)) : "";
      td.appendChild(small);
      tr.appendChild(td);
    });
    return tr;
  }
  function liveStandings() {
    var table = document.getElementById("standings");
    if (!table || !window.WebSocket) return;
    var body = table.tBodies[0], me = table.getAttribute("data-me"), version = table.getAttribute("data-version"), delay = 1000;
    function apply(msg) {
      if (msg.snapshot) body.textContent = "";
      msg.rows.forEach(function (r) {
        var old = body.querySelector('tr[data-user="' + r.user_id + '"]');
        var tr = rowElement(r, me);
        if (old) body.replaceChild(tr, old); else body.appendChild(tr);
      });
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) { return (+a.cells[0].textContent - +b.cells[0].textContent) || (+a.getAttribute("data-user") - +b.getAttribute("data-user")); });
      rows.forEach(function (tr) { body.appendChild(tr); });
      version = msg.version;
      var empty = document.getElementById("standings-empty");
      if (empty && body.rows.length) empty.remove();
    }
    function connect() {
      var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + table.getAttribute("data-socket") + "?since=" + version;
      var ws = new WebSocket(url), note = document.getElementById("standings-live");
      ws.onopen = function () { delay = 1000; if (note) note.textContent = "Live: updates as results arrive."; };
      ws.onmessage = function (e) { apply(JSON.parse(e.data)); };
      ws.onclose = function (e) {
        if (note) note.textContent = e.code >= 4000 ? "Live updates refused: " + e.reason : "Reconnecting…";
        if (e.code < 4000) { setTimeout(connect, delay); delay = Math.min(delay * 2, 30000); }
      };
    }
    connect();
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); math(); copyButtons(); liveStatus(); liveStandings(); });
})();
