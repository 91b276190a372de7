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
  // Live submission status: swap the server-rendered fragment until the verdict is in.
  function liveStatus() {
    var box = document.getElementById("status");
    if (!box || box.getAttribute("data-done") === "true") return;
    fetch(box.getAttribute("data-status-url"), { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) { box.outerHTML = html; }
        setTimeout(liveStatus, 700);
      })
      .catch(function () { setTimeout(liveStatus, 2000); });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); math(); copyButtons(); liveStatus(); });
})();
