// The boundary editor: a polygon drawn on the map by its vertices. A click on the map adds a vertex (on the nearest
// edge once there are three), a vertex is dragged to move it and clicked to remove it; undo steps back, clear starts
// over. 检查 asks the server what saving would change and 保存 saves: both are decided by the import's rules there.
(function () {
  'use strict';
  var element = document.getElementById('boundary-map');
  if (!element) {
    return;
  }
  var status = document.getElementById('boundary-status');
  var problems = document.getElementById('boundary-problems');
  var saved = document.getElementById('boundary-saved');
  var undoButton = document.getElementById('boundary-undo');
  var newGrid = document.getElementById('new-grid-form');
  var text = element.dataset;
  var map = FqMap.create(element);
  if (newGrid) {
    // the code and name are sent with the drawing by 检查 and 保存, never by the form itself
    newGrid.addEventListener('submit', function (e) { e.preventDefault(); });
  }

  var around = L.geoJSON(JSON.parse(text.around), {
    interactive: false,
    style: function (feature) {
      return feature.properties.own
        ? { color: '#1d4f91', weight: 1, dashArray: '4 3', fillOpacity: 0.1 }
        : { color: '#777777', weight: 1, fillOpacity: 0.05 };
    },
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(FqMap.label(feature.properties.code), { permanent: true, direction: 'center',
        className: 'boundary-label' });
    }
  }).addTo(map);

  var vertices = [];
  var history = [];
  var shape = L.polygon([], { color: '#c0392b', weight: 2, fillOpacity: 0.2, interactive: false }).addTo(map);
  var handles = L.layerGroup().addTo(map);

  // the outer ring of the largest part: the editor draws one polygon; holes and other parts are named on the page
  function start(geometry) {
    var polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
    var largest = polygons.reduce(function (best, p) { return area(p[0]) > area(best[0]) ? p : best; });
    document.getElementById('boundary-parts').hidden = polygons.length === 1 && largest.length === 1;
    var ring = largest[0].slice(0, largest[0].length - 1);
    return ring.map(function (c) { return L.latLng(c[1], c[0]); });
  }

  function area(ring) {
    var sum = 0;
    for (var i = 0; i + 1 < ring.length; i++) {
      sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    }
    return Math.abs(sum / 2);
  }

  function remember() {
    history.push(vertices.slice());
  }

  function changed() {
    status.textContent = '';
    status.classList.remove('error');
    problems.replaceChildren();
    render();
  }

  function render() {
    shape.setLatLngs(vertices);
    handles.clearLayers();
    vertices.forEach(function (v, i) {
      var handle = L.marker(v, {
        draggable: true, keyboard: false, title: text.textVertex,
        icon: L.divIcon({ className: 'boundary-vertex', iconSize: [14, 14] })
      });
      handle.on('dragstart', remember);
      handle.on('drag', function (e) {
        vertices[i] = e.target.getLatLng();
        shape.setLatLngs(vertices);
      });
      handle.on('dragend', changed);
      handle.on('click', function () {
        remember();
        vertices.splice(i, 1);
        changed();
      });
      handles.addLayer(handle);
    });
    element.dataset.vertices = String(vertices.length);
    undoButton.disabled = history.length === 0;
  }

  // the edge whose line on screen passes nearest the point, so a vertex added to a drawn shape goes between its ends
  function insert(latlng) {
    if (vertices.length < 3) {
      vertices.push(latlng);
      return;
    }
    var p = map.latLngToLayerPoint(latlng);
    var best = 0;
    var bestDistance = Infinity;
    for (var i = 0; i < vertices.length; i++) {
      var a = map.latLngToLayerPoint(vertices[i]);
      var b = map.latLngToLayerPoint(vertices[(i + 1) % vertices.length]);
      var d = L.LineUtil.pointToSegmentDistance(p, a, b);
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    vertices.splice(best + 1, 0, latlng);
  }

  map.on('click', function (e) {
    remember();
    insert(e.latlng);
    changed();
  });
  undoButton.addEventListener('click', function () {
    if (history.length) {
      vertices = history.pop();
      changed();
    }
  });
  document.getElementById('boundary-clear').addEventListener('click', function () {
    remember();
    vertices = [];
    changed();
  });

  function round(v) {
    return Math.round(v * 1e7) / 1e7;
  }

  function geometry() {
    var ring = vertices.map(function (v) { return [round(v.lng), round(v.lat)]; });
    if (ring.length) {
      ring.push(ring[0].slice());
    }
    return { type: 'Polygon', coordinates: [ring] };
  }

  function payload() {
    var body = { geometry: geometry() };
    if (newGrid) {
      body.communityId = newGrid.dataset.communityId;
      body.code = newGrid.elements.code.value.trim();
      body.name = newGrid.elements.name.value.trim();
      body.network = newGrid.elements.network.value;
    } else {
      body.version = Number(text.version);
    }
    return body;
  }

  function say(message, error) {
    status.textContent = message;
    status.classList.toggle('error', !!error);
    problems.replaceChildren();
  }

  function refused(e) {
    var body = e.body || {};
    say(body.title && body.errors ? body.title : Fq.problemText(body, text.textFailed), true);
    (body.errors || []).forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p.message;
      problems.appendChild(li);
    });
  }

  function fill(template, values) {
    return Object.keys(values).reduce(function (s, k) { return s.split('{' + k + '}').join(values[k]); }, template);
  }

  document.getElementById('boundary-check').addEventListener('click', function () {
    saved.hidden = true;
    Fq.send('POST', text.checkUrl, payload()).then(function (r) {
      say(newGrid
        ? fill(text.textCheckedNew, { code: r.code, area: r.areaSquareMetres })
        : fill(text.textChecked, { code: r.code, before: r.areaSquareMetres, after: r.newAreaSquareMetres,
          moved: r.recordsMoved }));
    }).catch(refused);
  });

  document.getElementById('boundary-save').addEventListener('click', function () {
    Fq.send(text.saveMethod, text.saveUrl, payload()).then(function (grid) {
      if (newGrid) {
        window.location.href = text.gridUrl + encodeURIComponent(grid.id);
        return;
      }
      element.dataset.version = String(grid.version);
      history = [];
      say(fill(text.textSaved, { version: grid.version }));
      saved.hidden = false;
      render();
      misplacedAfterSave();
    }).catch(refused);
  });

  // after a save, the addresses now lying in another grid than the one they are filed in, linked to their check
  function misplacedAfterSave() {
    var misplaced = document.getElementById('boundary-misplaced');
    if (!misplaced) {
      return;
    }
    Fq.send('GET', misplaced.dataset.url).then(function (check) {
      misplaced.querySelector('a').textContent = Fq.counted(misplaced, 'text', check.misplaced);
      misplaced.hidden = check.misplaced === 0;
    }).catch(function () { misplaced.hidden = true; });
  }

  if (text.boundary) {
    vertices = start(JSON.parse(text.boundary));
    map.fitBounds(L.polygon(vertices).getBounds(), { padding: [40, 40] });
  } else if (around.getLayers().length) {
    map.fitBounds(around.getBounds(), { padding: [20, 20] });
  }
  render();
})();
