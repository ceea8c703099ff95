/* The map of the current page of results. Leaflet (vendored) is loaded only when a visitor opens the
   map; the list of results stays the primary way in and works without JavaScript. */
(function () {
  "use strict";
  var toggle = document.getElementById("directory-map-toggle");
  var panel = document.getElementById("directory-map-panel");
  var canvas = document.getElementById("directory-map");
  var status = document.getElementById("directory-map-status");
  var source = document.getElementById("directory-map-data");
  if (!toggle || !panel || !canvas || !source || !window.Promise) { return; }

  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (error) {
    return;
  }
  var STORAGE_KEY = "erbij-directory-map-open";
  var map = null;
  var loading = null;

  function loadFile(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function loadLeaflet() {
    if (!loading) {
      loading = Promise.all([
        loadFile("link", { rel: "stylesheet", href: data.assets.stylesheet }),
        loadFile("script", { src: data.assets.script })
      ]).then(function () {
        if (!window.L) { throw new Error("Leaflet did not load"); }
        return window.L;
      });
      loading.catch(function () { loading = null; });  // allow another try
    }
    return loading;
  }

  function popupContent(place) {
    var box = document.createElement("div");
    box.className = "directory-map__popup";
    var list = document.createElement("ul");
    list.className = "plain-list";
    place.services.forEach(function (service) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = service.url;
      link.textContent = service.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    var where = document.createElement("p");
    where.textContent = place.address ? place.name + ", " + place.address : place.name;
    box.appendChild(where);
    return box;
  }

  function build(L) {
    var labels = data.labels;
    var created = L.map(canvas, {
      zoomControl: false,
      attributionControl: false,
      // The page scrolls past the map; zooming stays on the buttons, the keyboard and double-click.
      scrollWheelZoom: false
    });
    L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(created);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(created);
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 19 }).addTo(created);

    // Explicit icon URLs: Leaflet's guess from its stylesheet fails on hashed static file names.
    var icon = L.icon({
      iconUrl: data.assets.icon,
      iconRetinaUrl: data.assets.iconRetina,
      shadowUrl: data.assets.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });
    var points = [];
    data.places.forEach(function (place) {
      var point = [place.lat, place.lon];
      var name = place.services.map(function (service) { return service.name; }).join(", ") + " (" + place.name + ")";
      points.push(point);
      var marker = L.marker(point, { icon: icon, title: name, alt: name, riseOnHover: true });
      marker.bindPopup(popupContent(place));
      marker.on("popupopen", function (event) {
        var element = event.popup.getElement();
        var close = element && element.querySelector(".leaflet-popup-close-button");
        if (close) {
          close.setAttribute("aria-label", labels.closePopup);
          close.setAttribute("title", labels.closePopup);
        }
        var link = element && element.querySelector(".directory-map__popup a");
        if (link) { link.focus({ preventScroll: true }); }
      });
      marker.on("popupclose", function () {
        // Back to the marker, so keyboard users do not lose their place.
        var element = marker.getElement();
        if (element && (!document.activeElement || document.activeElement === document.body ||
            canvas.contains(document.activeElement))) {
          element.focus({ preventScroll: true });
        }
      });
      marker.addTo(created);
    });

    if (data.origin) {
      var origin = [data.origin.lat, data.origin.lon];
      points.push(origin);
      L.circleMarker(origin, {
        radius: 9,
        color: "#1a1a1a",
        weight: 3,
        fillColor: "#ffbf47",
        fillOpacity: 1,
        interactive: false,
        className: "directory-map__origin"
      }).bindTooltip(data.origin.label, {
        permanent: true,
        direction: "top",
        offset: [0, -10],
        className: "directory-map__origin-label"
      }).addTo(created);
    }

    // Leaflet closes a popup on Escape only while the map itself has focus; the popup's link has it here.
    canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && canvas.querySelector(".leaflet-popup")) {
        created.closePopup();
        event.stopPropagation();
      }
    });

    if (points.length === 1) {
      created.setView(points[0], 15);
    } else {
      created.fitBounds(points, { padding: [32, 32], maxZoom: 16 });
    }
    return created;
  }

  function remember(open) {
    try {
      if (open) { window.sessionStorage.setItem(STORAGE_KEY, "1"); } else { window.sessionStorage.removeItem(STORAGE_KEY); }
    } catch (error) { /* private mode: the map just starts closed on the next page */ }
  }

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = toggle.getAttribute(open ? "data-hide" : "data-show");
    remember(open);
    if (!open) { return; }
    status.textContent = "";
    loadLeaflet().then(function (L) {
      if (panel.hidden) { return; }  // closed again while Leaflet loaded; built on the next open
      if (map) {
        map.invalidateSize();  // the panel was hidden, so Leaflet measured nothing
      } else {
        map = build(L);
      }
    }, function () {
      status.textContent = data.labels.loadError;
    });
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  var wasOpen = false;
  try { wasOpen = window.sessionStorage.getItem(STORAGE_KEY) === "1"; } catch (error) { /* see remember() */ }
  if (wasOpen) { setOpen(true); }
})();
