/* report.js - the review page's behaviour: next/previous finding with the
 * keyboard (j/n, k/p) among the findings the filters and the row view let
 * through, counted as it goes; filters by rule and severity, with the count
 * of the findings they let through; the row view; '?' shows the keys.  Work is proportional to the number of
 * findings, never to layout of all rows. */
(function () {
  "use strict";
  var d = document;
  var cur = -1;   /* data-i of the finding last gone to */
  var view = d.getElementById("view");
  var keys = d.getElementById("keys");
  var rowClass = { f: "hf", nd: "nd", lc: "lc", dx: "dx", ch: "ch" };
  function notes() { return d.querySelectorAll("#rows .fn"); }
  /* as the style sheet hides them: a filtered finding, a row the view leaves out */
  function rowShown(row) {
    var v = view ? view.value : "";
    return !v || !row || row.classList.contains(rowClass[v]);
  }
  function shown(el) { return !el.classList.contains("off") && rowShown(el.closest(".row")); }
  function shownNotes() { return Array.prototype.filter.call(notes(), shown); }
  function count() {
    var el = d.getElementById("nshown");
    if (!el) return;
    /* the list of all findings holds those outside any row too */
    var all = +el.getAttribute("data-n"), n = d.querySelectorAll("#findings li:not(.off)").length;
    el.textContent = n === all ? all + (all === 1 ? " finding" : " findings")
                               : n + " of " + all + " findings shown";
  }
  function go(step) {
    var list = shownNotes(), n = list.length, pos = d.getElementById("pos");
    if (!n) { pos.textContent = "no finding shown"; return; }
    var k = step > 0 ? 0 : n - 1;
    for (var t = 0; t < n; t++) {
      var i = +list[step > 0 ? t : n - 1 - t].getAttribute("data-i");
      if (step > 0 ? i > cur : i < cur) { k = step > 0 ? t : n - 1 - t; break; }
    }
    if (cur < 0) k = step > 0 ? 0 : n - 1;
    var el = list[k];
    cur = +el.getAttribute("data-i");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    pos.textContent = "finding " + (k + 1) + " of " + n;
  }
  d.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
    else if (e.key === "?" && keys) { keys.hidden = !keys.hidden; e.preventDefault(); }
    else if (e.key === "Escape" && keys && !keys.hidden) { keys.hidden = true; e.preventDefault(); }
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
    count();
  }
  d.querySelectorAll("input[data-r], input[data-s]").forEach(function (c) { c.addEventListener("change", filter); });
  function setView() {
    d.body.className = view.value ? "v-" + view.value : "";
    count();
  }
  if (view) view.addEventListener("change", setView);
  sync();
  /* a reload keeps the boxes' and the view's states: the page starts as they say */
  if (view) setView();
  filter();
  d.documentElement.setAttribute("data-js", "ready");
})();
