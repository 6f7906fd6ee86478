// The map of the residents' report form: the police grids' outlines (names and communities only), and a tap marks where
// the matter is: lon/lat are filled as "use my location" fills them, the grid choice goes back to "from my location",
// and the grid the report will go to is named under the map. The form works without it (no script, no map).
(function () {
  'use strict';
  var element = document.getElementById('report-map');
  if (!element || !window.L || !window.FqMap) {
    if (element) {
      element.hidden = true;
    }
    return;
  }
  var status = document.getElementById('report-map-status');
  var lon = document.getElementById('lon');
  var lat = document.getElementById('lat');
  var grid = document.getElementById('gridId');
  var map = FqMap.create(element);
  map.scrollWheelZoom.disable(); // the page scrolls past the map; its buttons and a pinch zoom it
  var marker = null;
  var asked = 0;

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle('error', !!problem);
  }

  // marks the point and names the grid that holds it, as the filing will find it
  function mark(latValue, lonValue) {
    if (marker) {
      marker.setLatLng([latValue, lonValue]);
    } else {
      marker = L.circleMarker([latValue, lonValue],
        { radius: 9, color: '#c0392b', weight: 3, fillOpacity: 0.6, className: 'report-point' }).addTo(map);
    }
    var ask = ++asked;
    fetch(element.dataset.atUrl + '?lat=' + encodeURIComponent(latValue) + '&lon=' + encodeURIComponent(lonValue),
      { headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (at) {
        if (ask !== asked) {
          return; // a later tap is being answered
        }
        if (at.grid) {
          element.dataset.gridId = at.grid.id;
          say(element.dataset.textMarked.replace('{grid}', at.grid.community + ' · ' + at.grid.name), false);
        } else {
          delete element.dataset.gridId;
          say(element.dataset.textOutside, true);
        }
      })
      .catch(function () {
        if (ask === asked) {
          say(element.dataset.textFailed, true);
        }
      });
  }

  map.on('click', function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    if (grid) {
      grid.value = ''; // the point decides the grid, as "from my location" says
    }
    mark(e.latlng.lat, e.latlng.lng);
  });

  document.addEventListener('fq:located', function (e) {
    mark(e.detail.lat, e.detail.lon);
    map.setView([e.detail.lat, e.detail.lon], Math.max(map.getZoom(), 15));
  });

  fetch(element.dataset.outlinesUrl, { headers: { 'Accept': 'application/geo+json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (collection) {
      var features = collection.features || [];
      element.dataset.gridCount = String(features.length);
      if (features.length === 0) {
        return;
      }
      var layer = L.geoJSON(collection, {
        style: function (feature) {
          return { color: '#1d4f91', weight: 2, fillOpacity: 0.1, className: 'grid-' + feature.properties.id };
        },
        onEachFeature: function (feature, shape) {
          shape.bindTooltip(FqMap.label(feature.properties.community + ' · ' + feature.properties.name), { sticky: true });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      // a form sent back (a refusal) keeps its point: shown again where it was
      if (lat.value && lon.value && !isNaN(parseFloat(lat.value)) && !isNaN(parseFloat(lon.value))) {
        mark(parseFloat(lat.value), parseFloat(lon.value));
        map.setView([parseFloat(lat.value), parseFloat(lon.value)], Math.max(map.getZoom(), 15));
      }
      element.dataset.ready = 'true';
    })
    .catch(function () {
      say(element.dataset.textFailed, true);
    });
})();
