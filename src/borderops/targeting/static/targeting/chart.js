/* Detection against examination rate, drawn as SVG.
 *
 * Each figure names, in data-chart, the JSON script element holding its series
 * ({"series": [{"label", "points": [{"x", "y"}]}]}); the axis labels come translated in
 * data attributes. data-x-max narrows the x axis (precision charts show 0–20 %), and
 * data-diagonal="no" leaves out the random-selection diagonal, which only means something
 * for detection. No inline script, so the Content-Security-Policy holds.
 */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var WIDTH = 480, HEIGHT = 320, LEFT = 48, RIGHT = 16, TOP = 16, BOTTOM = 44;
  var COLOURS = ["#0b5cad", "#c0392b", "#2e7d32", "#8e44ad"];

  function element(name, attributes, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function text(parent, x, y, content, extra) {
    var attributes = Object.assign({ x: x, y: y }, extra || {});
    var node = element("text", attributes, parent);
    node.textContent = content;
    return node;
  }

  var xMax = 1;

  function sx(value) {
    return LEFT + (value / xMax) * (WIDTH - LEFT - RIGHT);
  }

  function sy(value) {
    return HEIGHT - BOTTOM - value * (HEIGHT - TOP - BOTTOM);
  }

  function draw(figure) {
    var source = document.getElementById(figure.getAttribute("data-chart"));
    var svg = figure.querySelector("svg");
    if (!source || !svg) {
      return;
    }
    var data = JSON.parse(source.textContent);
    xMax = parseFloat(figure.getAttribute("data-x-max") || "1") || 1;
    var ticks = [0, 0.25, 0.5, 0.75, 1];
    ticks.forEach(function (tick) {
      element("line", { x1: sx(0), x2: sx(xMax), y1: sy(tick), y2: sy(tick), class: "grid" }, svg);
      text(svg, LEFT - 6, sy(tick) + 4, Math.round(tick * 100) + "%", { "text-anchor": "end" });
      text(svg, sx(tick * xMax), HEIGHT - BOTTOM + 16, Math.round(tick * xMax * 100) + "%", {
        "text-anchor": "middle",
      });
    });
    if (figure.getAttribute("data-diagonal") !== "no") {
      element("line", { x1: sx(0), y1: sy(0), x2: sx(1), y2: sy(1), class: "random" }, svg);
      text(svg, sx(0.62), sy(0.55), figure.getAttribute("data-random-label") || "", {
        class: "random-label",
      });
    }
    text(svg, sx(0.5), HEIGHT - 6, figure.getAttribute("data-x-label") || "", {
      "text-anchor": "middle",
    });
    text(svg, 12, sy(0.5), figure.getAttribute("data-y-label") || "", {
      "text-anchor": "middle",
      transform: "rotate(-90 12 " + sy(0.5) + ")",
    });
    (data.series || []).forEach(function (series, index) {
      var colour = COLOURS[index % COLOURS.length];
      var start = figure.getAttribute("data-diagonal") === "no" ? [] : [{ x: 0, y: 0 }];
      var points = start.concat(
        (series.points || []).filter(function (point) {
          return point.y !== null && point.y !== undefined;
        })
      );
      var path = points
        .map(function (point, i) {
          return (i ? "L" : "M") + sx(point.x).toFixed(1) + " " + sy(point.y).toFixed(1);
        })
        .join(" ");
      element("path", { d: path, class: "curve", stroke: colour, "data-series": index }, svg);
      points.slice(start.length).forEach(function (point) {
        var dot = element("circle", { cx: sx(point.x), cy: sy(point.y), r: 3, fill: colour }, svg);
        element("title", {}, dot).textContent =
          series.label + ": " + Math.round(point.x * 100) + "% → " + Math.round(point.y * 100) + "%";
      });
      text(svg, sx(0.04), TOP + 14 + index * 16, series.label, { fill: colour, class: "legend" });
    });
    figure.setAttribute("data-drawn", "true");
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure[data-chart]"), draw);
})();
