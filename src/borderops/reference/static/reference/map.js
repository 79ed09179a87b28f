/* The reference map: ports of entry and checkpoints on Leaflet.
 *
 * The page hands its data over in a JSON script element (id "map-data"), so no inline script
 * is needed under the Content-Security-Policy. Without a configured tile server the map
 * draws a latitude/longitude grid instead of tiles; markers, popups and layers work the same.
 */
(function () {
  "use strict";

  var source = document.getElementById("map-data");
  var element = document.getElementById("map");
  if (!source || !element || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labels = data.labels || {};

  var map = L.map(element, { worldCopyJump: true, minZoom: 2 }).setView([39.5, -98.35], 4);

  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution || "",
      maxZoom: 18,
    }).addTo(map);
  } else {
    drawGraticule(map, 10);
  }

  var ports = L.layerGroup();
  var permanent = L.layerGroup();
  var tactical = L.layerGroup();
  var everywhere = [];

  (data.ports || []).forEach(function (port) {
    var marker = L.marker([port.lat, port.lon], {
      icon: icon("port mode-" + port.mode),
      title: port.code + " " + port.name,
      alt: port.name,
    });
    var modes = (port.modes || []).map(function (mode) {
      return (labels.modes && labels.modes[mode]) || mode;
    });
    marker.bindPopup(popup(port.name, [labels.port + " " + port.code, modes.join(", ")], port.url));
    marker.addTo(ports);
    everywhere.push([port.lat, port.lon]);
  });

  (data.checkpoints || []).forEach(function (checkpoint) {
    var marker = L.marker([checkpoint.lat, checkpoint.lon], {
      icon: icon("checkpoint kind-" + checkpoint.kind),
      title: checkpoint.name,
      alt: checkpoint.name,
    });
    var kind = (labels.kinds && labels.kinds[checkpoint.kind]) || checkpoint.kind;
    var lines = [labels.checkpoint + " · " + kind, checkpoint.sector, checkpoint.road];
    marker.bindPopup(popup(checkpoint.name, lines, checkpoint.url));
    marker.addTo(checkpoint.kind === "tactical" ? tactical : permanent);
    everywhere.push([checkpoint.lat, checkpoint.lon]);
  });

  ports.addTo(map);
  permanent.addTo(map);
  tactical.addTo(map);
  var overlays = {};
  overlays[labels.ports || "Ports"] = ports;
  overlays[labels.permanent || "Permanent"] = permanent;
  overlays[labels.tactical || "Tactical"] = tactical;
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  L.control.scale().addTo(map);

  if (everywhere.length) {
    map.fitBounds(L.latLngBounds(everywhere), { padding: [20, 20], maxZoom: 7 });
  }

  function icon(classes) {
    return L.divIcon({ className: "ref-marker " + classes, iconSize: [14, 14] });
  }

  function popup(title, lines, url) {
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    heading.textContent = title;
    box.appendChild(heading);
    lines.forEach(function (text) {
      if (!text) {
        return;
      }
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    if (url) {
      var link = document.createElement("a");
      link.href = url;
      link.textContent = labels.details || "Details";
      box.appendChild(link);
    }
    return box;
  }

  function drawGraticule(target, step) {
    var grid = L.layerGroup();
    var style = { color: "#9fb3c8", weight: 1, opacity: 0.7, interactive: false };
    for (var lat = -80; lat <= 80; lat += step) {
      L.polyline([[lat, -180], [lat, 180]], style).addTo(grid);
    }
    for (var lon = -180; lon <= 180; lon += step) {
      L.polyline([[-85, lon], [85, lon]], style).addTo(grid);
    }
    grid.addTo(target);
  }
})();
