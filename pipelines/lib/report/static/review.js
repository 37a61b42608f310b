/* The review page: every figure of the text is a <mark> (id f-<metric_id>), every figure of the list an
   <li> (id li-<metric_id>). Hovering a figure shows its label, value and measure; clicking it (in the
   text or the list) selects it in both, scrolls the other into view and shows its details. */
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("figure-data").textContent);
  var byId = {};
  figures.forEach(function (f) { byId[f.id] = f; });
  var detail = document.getElementById("detail");
  var tip = document.createElement("div");
  tip.className = "tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function row(name, value) {
    return value ? "<dt>" + name + "</dt><dd>" + value + "</dd>" : "";
  }

  function showDetail(f) {
    detail.innerHTML =
      '<div><span class="fig role-' + esc(f.role) + '">' + esc(f.text) + "</span> " +
      '<span class="badge role-' + esc(f.role) + '">' + esc(f.role_name) + "</span></div><dl>" +
      row("名称", esc(f.label)) +
      row("所指", esc(f.subject)) +
      row("作用", esc(f.role_name) + ' <span class="label">(' + esc(f.role) + ")</span>") +
      row("数值", esc(f.value) + (f.direction ? "（" + esc(f.direction) + "）" : "")) +
      row("基本单位", esc(f.base)) +
      row("指标", esc(f.measure)) +
      row("分项", f.breakdowns.map(esc).join("<br>")) +
      row("位置", (f.section === "task" ? "任务" : "进展") + " " + esc(f.task_seq)) +
      row("期间", esc(f.period)) +
      row("原句", esc(f.sentence)) +
      "</dl>";
  }

  function select(id, scrollText, scrollList) {
    var f = byId[id];
    if (!f) { return; }
    document.querySelectorAll(".selected, .related").forEach(function (el) {
      el.classList.remove("selected");
      el.classList.remove("related");
    });
    var mark = document.getElementById("f-" + id);
    var li = document.getElementById("li-" + id);
    if (mark) { mark.classList.add("selected"); }
    if (li) { li.classList.add("selected"); }
    f.related.forEach(function (other) {
      var m = document.getElementById("f-" + other);
      if (m) { m.classList.add("related"); }
    });
    showDetail(f); // first: the details change the list's height
    if (mark && scrollText) { mark.scrollIntoView({ block: "center" }); }
    if (li && scrollList) { // within the list only: the page stays where the reader is
      var list = li.parentNode;
      list.scrollTop = li.offsetTop - list.clientHeight / 2;
    }
    if (history.replaceState) { history.replaceState(null, "", "#f-" + id); }
  }

  document.querySelectorAll("mark.fig").forEach(function (mark) {
    var id = mark.getAttribute("data-id");
    var f = byId[id];
    mark.removeAttribute("title"); // the page's own tooltip replaces the browser's
    mark.addEventListener("click", function () { select(id, false, true); });
    mark.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(id, false, true); } });
    mark.addEventListener("mouseenter", function () {
      tip.innerHTML = "<strong>" + esc(f.label || f.raw_text) + "</strong> · " + esc(f.role_name) +
        "<br>" + esc(f.value) + (f.measure && f.measure !== f.label ? " · 指标 " + esc(f.measure) : "") +
        (f.breakdowns.length ? "<br>" + f.breakdowns.map(esc).join("<br>") : "");
      var r = mark.getBoundingClientRect();
      tip.style.left = (window.scrollX + r.left) + "px";
      tip.style.top = (window.scrollY + r.bottom + 4) + "px";
      tip.hidden = false;
    });
    mark.addEventListener("mouseleave", function () { tip.hidden = true; });
  });
  document.querySelectorAll("#figure-list li").forEach(function (li) {
    var id = li.getAttribute("data-id");
    li.addEventListener("click", function () { select(id, true, false); });
    li.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(id, true, false); } });
  });
  if (location.hash.indexOf("#f-") === 0) { select(location.hash.slice(3), true, true); }
})();
