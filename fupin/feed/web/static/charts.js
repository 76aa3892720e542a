// Draws the explorer's charts with plotly.js (served by the app from the plotly package).
// Each chart's data is a JSON script element next to its <div>; the page's tables hold the same numbers.
"use strict";

function seriesTraces(chart) {
  const traces = [];
  const regions = [...new Set(chart.points.map((p) => p.region))];
  for (const region of regions) {
    const points = chart.points.filter((p) => p.region === region && p.as_of);
    traces.push({
      type: "scatter", mode: "lines+markers", name: "reconciled" + (regions.length > 1 ? " · " + region : ""),
      x: points.map((p) => p.as_of), y: points.map((p) => p.value),
      line: {color: "#1f4e79", width: 2}, marker: {size: 7},
      text: points.map((p) => p.status), hovertemplate: "%{x}: %{y} (%{text})<extra>reconciled</extra>",
    });
  }
  const outlets = [...new Set(chart.reports.map((r) => r.source || "unknown outlet"))];
  const symbols = ["circle-open", "diamond-open", "square-open", "triangle-up-open", "star-open"];
  outlets.forEach((outlet, i) => {
    const reports = chart.reports.filter((r) => (r.source || "unknown outlet") === outlet && r.as_of);
    traces.push({
      type: "scatter", mode: "markers", name: outlet,
      x: reports.map((r) => r.as_of), y: reports.map((r) => r.reported_value),
      marker: {size: 11, symbol: symbols[i % symbols.length], line: {width: 2}},
      text: reports.map((r) => (r.language || "") + (r.agrees ? ", agrees" : ", disagrees")),
      hovertemplate: "%{x}: %{y} (%{text})<extra>" + outlet + "</extra>",
    });
  });
  const conflicts = chart.points.filter((p) => p.status === "conflict" && p.as_of);
  if (conflicts.length) {
    traces.push({
      type: "scatter", mode: "markers", name: "conflict",
      x: conflicts.map((p) => p.as_of), y: conflicts.map((p) => p.value),
      marker: {size: 22, symbol: "x-thin-open", color: "#c0392b", line: {width: 3, color: "#c0392b"}},
      hovertemplate: "%{x}: outlets disagree<extra>conflict</extra>",
    });
  }
  const title = chart.metric + " · " + (chart.region || chart.province || chart.level);
  const xaxis = {type: "date", title: {text: "as of"}, tickformat: "%Y-%m-%d", range: dateRange(chart.points)};
  return [traces, {title: {text: title}, xaxis: xaxis, height: 420,
    yaxis: {title: {text: chart.unit || "value"}, rangemode: "tozero"}}];
}

// The dates shown, padded by a month each side, so that one date is not drawn as a span of milliseconds.
function dateRange(points) {
  const times = points.filter((p) => p.as_of).map((p) => Date.parse(p.as_of));
  if (!times.length) return undefined;
  const month = 31 * 24 * 3600 * 1000;
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  return [day(Math.min(...times) - month), day(Math.max(...times) + month)];
}

function rankingTraces(chart) {
  const rows = [...chart.rows].reverse();  // largest at the top
  const trace = {
    type: "bar", orientation: "h", name: chart.metric,
    x: rows.map((r) => r.value), y: rows.map((r) => r.province),
    marker: {color: rows.map((r) => (r.status === "conflict" ? "#c0392b" : "#1f4e79"))},
    text: rows.map((r) => "as of " + (r.as_of || "?")), hovertemplate: "%{y}: %{x} (%{text})<extra></extra>",
  };
  const height = Math.max(260, 40 + 28 * rows.length);
  return [[trace], {title: {text: chart.metric + " by province (latest)"}, height: height,
    margin: {l: 110}, xaxis: {title: {text: "value"}}}];
}

function drawCharts() {
  for (const element of document.querySelectorAll("[data-chart]")) {
    const chart = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    const [traces, layout] = chart.kind === "ranking" ? rankingTraces(chart) : seriesTraces(chart);
    Plotly.newPlot(element, traces, {margin: {t: 50}, ...layout}, {responsive: true, displaylogo: false});
  }
}

document.addEventListener("DOMContentLoaded", drawCharts);
