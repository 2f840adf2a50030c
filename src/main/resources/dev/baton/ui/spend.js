// Spend over time as a uPlot line chart, from the JSON in the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("spend-data").textContent);
  var box = document.getElementById("spend-chart");
  if (data.x.length === 0) {
    box.textContent = "No spend recorded in this period.";
    return;
  }
  var colors = ["#2f5bd3", "#c0362c", "#1a7f43", "#b26a00", "#7a3fc2", "#0e7c86", "#a8326e", "#5b6475", "#94a3b8"];
  var series = [{}];
  var columns = [data.x];
  data.series.forEach(function (s, i) {
    series.push({ label: s.name, stroke: colors[i % colors.length], width: 2, points: { show: data.x.length < 50 },
      value: function (u, v) { return v === null ? "–" : "$" + v.toFixed(4); } });
    columns.push(s.values);
  });
  var opts = { width: Math.max(320, box.clientWidth), height: 300, series: series,
    axes: [{}, { values: function (u, vals) { return vals.map(function (v) { return "$" + v; }); }, size: 70 }] };
  new uPlot(opts, columns, box);
})();
