/* Enhancements for the directory search form. Without JavaScript the GET form does it all. */
(function () {
  "use strict";
  var form = document.querySelector(".directory-form");
  if (!form) { return; }

  // Suggestions while typing, from the small JSON endpoint, in a native <datalist>.
  var input = document.getElementById("directory-q");
  var list = document.getElementById("directory-suggestions");
  var url = form.getAttribute("data-autocomplete-url");
  var timer = null;
  var lastQuery = "";
  if (input && list && url && window.fetch) {
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === lastQuery) { return; }
        lastQuery = query;
        window.fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }

  // "Use my location": fill lat/lon, sort by distance and search again.
  var button = document.getElementById("directory-locate");
  var status = document.getElementById("directory-locate-status");
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-busy") || "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("directory-lat").value = position.coords.latitude.toFixed(5);
        document.getElementById("directory-lon").value = position.coords.longitude.toFixed(5);
        document.getElementById("directory-sorteer").value = "distance";
        form.submit();
      }, function () {
        status.textContent = button.getAttribute("data-error") || "";
      }, { timeout: 10000, maximumAge: 600000 });
    });
  }
})();
