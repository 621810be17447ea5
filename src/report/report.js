/* report.js - the review page's behaviour: next/previous finding with the
 * keyboard (j/n, k/p), filters by rule and severity, the row view.  Work is
 * proportional to the number of findings, never to layout of all rows. */
(function () {
  "use strict";
  var d = document;
  var cur = -1;
  function notes() { return d.querySelectorAll("#rows .fn"); }
  function shown(el) { return !el.classList.contains("off") && el.getClientRects().length > 0; }
  function go(step) {
    var list = notes(), n = list.length;
    for (var t = 0; t < n; t++) {
      cur = cur < 0 ? (step > 0 ? 0 : n - 1) : (cur + step + n) % n;
      if (shown(list[cur])) {
        list[cur].focus({ preventScroll: true });
        list[cur].scrollIntoView({ block: "center" });
        d.getElementById("pos").textContent = "finding " + (cur + 1) + " of " + n;
        return;
      }
    }
  }
  d.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
  });
  function sync() {
    var el = location.hash ? d.getElementById(location.hash.slice(1)) : null;
    if (el && el.classList.contains("fn")) cur = +el.getAttribute("data-i");
  }
  window.addEventListener("hashchange", sync);
  function filter() {
    var offR = {}, offS = {};
    d.querySelectorAll("input[data-r]").forEach(function (c) { if (!c.checked) offR[c.getAttribute("data-r")] = 1; });
    d.querySelectorAll("input[data-s]").forEach(function (c) { if (!c.checked) offS[c.getAttribute("data-s")] = 1; });
    d.querySelectorAll("[data-fr]").forEach(function (el) {
      el.classList.toggle("off", !!(offR[el.getAttribute("data-fr")] || offS[el.getAttribute("data-fs")]));
    });
  }
  d.querySelectorAll("input[data-r], input[data-s]").forEach(function (c) { c.addEventListener("change", filter); });
  var view = d.getElementById("view");
  if (view) view.addEventListener("change", function () {
    d.body.className = view.value ? "v-" + view.value : "";
  });
  sync();
  d.documentElement.setAttribute("data-js", "ready");
})();
