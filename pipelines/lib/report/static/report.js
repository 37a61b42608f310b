/* Charts of the report, drawn by ECharts (assets/echarts.min.js, shipped with the site) from the JSON in
   each .chart element's data-chart attribute. SVG renderer: the drawn chart is part of the page. */
(function () {
  "use strict";
  var FONT = getComputedStyle(document.body).fontFamily;

  function attainmentOption(spec) {
    var rows = spec.rows.slice().reverse(); // ECharts draws the first category at the bottom
    var share = spec.share;
    return {
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 70, top: 28, bottom: 24, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var r = rows[p.dataIndex];
          return r.name + "<br>目标 " + r.target + (r.actual ? "，完成 " + r.actual : "") +
            "<br>完成度 " + (r.value === null ? "—" : r.value + "%") + " · " + r.status_name;
        }
      },
      xAxis: {
        type: "value", name: "完成度 %", min: 0,
        max: function (v) { return Math.max(120, Math.ceil(v.max / 10) * 10); },
        axisLabel: { formatter: "{value}%" }
      },
      yAxis: {
        type: "category", data: rows.map(function (r) { return r.name; }),
        axisLabel: { width: 320, overflow: "truncate" }
      },
      series: [{
        type: "bar", name: "完成度",
        data: rows.map(function (r) {
          return { value: r.value === null ? 0 : r.value, itemStyle: { color: r.colour } };
        }),
        label: {
          show: true, position: "right",
          formatter: function (p) {
            var r = rows[p.dataIndex];
            return r.value === null ? "未报告" : r.value + "%";
          }
        },
        markLine: share === null ? undefined : {
          symbol: "none", silent: true,
          lineStyle: { color: "#ef6c00", type: "dashed", width: 2 },
          label: { formatter: "时间进度 " + share + "%", color: "#ef6c00" },
          data: [{ xAxis: share }]
        }
      }]
    };
  }

  function seriesOption(spec) {
    return {
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        formatter: function (ps) {
          var p = spec.points[ps[0].dataIndex];
          return p.period + "<br>" + spec.title + " " + p.text;
        }
      },
      xAxis: { type: "category", data: spec.points.map(function (p) { return p.period; }) },
      yAxis: { type: "value", name: spec.unit, scale: false },
      series: [{
        type: "line", name: spec.title, symbolSize: 8,
        data: spec.points.map(function (p) { return p.value; }),
        label: { show: true, formatter: function (p) { return spec.points[p.dataIndex].text; } }
      }]
    };
  }

  function draw(el) {
    var spec = JSON.parse(el.getAttribute("data-chart"));
    var option = spec.type === "attainment" ? attainmentOption(spec) : seriesOption(spec);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    el.setAttribute("data-drawn", "true");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
  });
})();
