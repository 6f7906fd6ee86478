// The grid map: every grid the user may see, from the GeoJSON export, each clickable to its page;
// ?grid=<id> opens it on that grid.
(function () {
  'use strict';
  var element = document.getElementById('grid-map');
  var status = document.getElementById('map-status');
  if (!element) {
    return;
  }
  var map = FqMap.create(element);

  function managerLinks(p) {
    var box = document.createElement('div');
    box.appendChild(FqMap.label(p.code + ' ' + p.name));
    [[element.dataset.textOpen, '', 'grid-open-link'],
      [element.dataset.textBoundary, '/boundary', 'grid-boundary-link']].forEach(function (l) {
      var a = document.createElement('a');
      a.href = element.dataset.gridUrl + encodeURIComponent(p.id) + l[1];
      a.textContent = l[0];
      a.className = l[2];
      var line = document.createElement('div');
      line.appendChild(a);
      box.appendChild(line);
    });
    return box;
  }

  fetch(element.dataset.exportUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/geo+json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (collection) {
      var features = collection.features || [];
      if (features.length === 0) {
        status.textContent = element.dataset.textEmpty;
        return;
      }
      status.textContent = Fq.counted(element, 'textCount', features.length);
      var layer = L.geoJSON(collection, {
        style: function (feature) {
          // each grid's path names its grid, so a page or a test can find one grid's shape
          return { color: '#1d4f91', weight: 2, fillOpacity: 0.15, className: 'grid-' + feature.properties.id };
        },
        onEachFeature: function (feature, grid) {
          var p = feature.properties;
          grid.bindTooltip(FqMap.label(p.code + ' ' + p.name + (p.communityName ? ' · ' + p.communityName : '')),
            { sticky: true });
          if (element.dataset.mayManage === 'true') {
            // whoever manages the jurisdiction chooses between the grid's page and redrawing its boundary
            grid.bindPopup(function () { return managerLinks(p); });
          } else {
            grid.on('click', function () {
              window.location.href = element.dataset.gridUrl + encodeURIComponent(p.id);
            });
          }
          grid.on('mouseover', function () { grid.setStyle({ fillOpacity: 0.35 }); });
          grid.on('mouseout', function () { grid.setStyle({ fillOpacity: 0.15 }); });
        }
      }).addTo(map);
      element.dataset.gridCount = String(features.length);
      // /map?grid=<id> (from a grid's page) opens on that grid among its neighbours, outlined; otherwise on them all
      var focus = new URLSearchParams(window.location.search).get('grid');
      var bounds = layer.getBounds();
      layer.eachLayer(function (grid) {
        if (focus && grid.feature.properties.id === focus) {
          bounds = grid.getBounds();
          grid.setStyle({ weight: 4, color: '#c0392b' });
          grid.bringToFront();
          element.dataset.focused = focus;
        }
      });
      map.fitBounds(bounds, { padding: element.dataset.focused ? [60, 60] : [12, 12] });
    })
    .catch(function () {
      status.textContent = element.dataset.textFailed;
      status.classList.add('error');
    });
})();
