/* Search over every figure of the published warehouse (assets/figures.js): by measure, issuer,
   period, role and words (in the figure, its label, measure or sentence). */
(function () {
  "use strict";
  var rows = window.REPORT_FIGURES || [];
  var fields = { measure: "measure", issuer: "issuer", period: "period", role: "role_name" };
  var MAX = 500;

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  Object.keys(fields).forEach(function (key) {
    var select = document.getElementById("q-" + key);
    var values = {};
    rows.forEach(function (r) { if (r[fields[key]]) { values[r[fields[key]]] = true; } });
    Object.keys(values).sort().forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = v;
      select.appendChild(o);
    });
    select.addEventListener("change", render);
  });
  document.getElementById("q-words").addEventListener("input", render);

  function render() {
    var want = {};
    Object.keys(fields).forEach(function (k) { want[k] = document.getElementById("q-" + k).value; });
    var words = document.getElementById("q-words").value.trim().split(/\s+/).filter(Boolean);
    var hits = rows.filter(function (r) {
      for (var k in fields) { if (want[k] && r[fields[k]] !== want[k]) { return false; } }
      var hay = [r.text, r.label, r.measure, r.sentence, r.value, r.file].join(" ");
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    document.getElementById("result-count").textContent =
      hits.length + " 个数字" + (hits.length > MAX ? "（显示前 " + MAX + " 个）" : "");
    document.querySelector("#results tbody").innerHTML = hits.slice(0, MAX).map(function (r) {
      return "<tr><td><a class=\"fig role-" + esc(r.role) + "\" href=\"review/" + esc(r.b) + ".html#f-" +
        esc(r.id) + "\">" + esc(r.text) + "</a></td><td><span class=\"badge role-" + esc(r.role) + "\">" +
        esc(r.role_name) + "</span></td><td>" + esc(r.label) + "</td><td>" + esc(r.measure) +
        "</td><td>" + esc(r.issuer) + "</td><td>" + esc(r.period) + "</td><td class=\"sentence\">" +
        esc(r.sentence) + "</td></tr>";
    }).join("");
  }
  var params = new URLSearchParams(location.search);
  if (params.get("q")) { document.getElementById("q-words").value = params.get("q"); }
  render();
})();
