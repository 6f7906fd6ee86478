// Shared map set-up for the grid pages and the residents' report form: a Leaflet map whose tile source comes from the
// server's configuration (the page's #fq-map-settings, layout.html), so boundaries still draw when no tile server can
// be reached.
(function () {
  'use strict';

  function create(element) {
    var settings = (document.getElementById('fq-map-settings') || element).dataset;
    // the zoom buttons' titles and the credit to Leaflet in the page's language: Leaflet's own are English
    var map = L.map(element, { zoomControl: false, attributionControl: true });
    L.control.zoom({
      zoomInTitle: settings.textZoomIn || 'Zoom in',
      zoomOutTitle: settings.textZoomOut || 'Zoom out'
    }).addTo(map);
    var credit = document.createElement('a');
    credit.href = 'https://leafletjs.com';
    credit.textContent = settings.textLeaflet || 'Leaflet';
    map.attributionControl.setPrefix(credit.outerHTML);
    var url = settings.tileUrl;
    if (url) {
      var subdomains = (settings.tileSubdomains || '').split(',').filter(function (s) { return s; });
      L.tileLayer(url, {
        subdomains: subdomains.length ? subdomains : 'abc',
        attribution: settings.tileAttribution || '',
        maxZoom: 18
      }).addTo(map);
    }
    // a view is needed before any layer is fitted; this is replaced as soon as boundaries arrive
    map.setView([34.5, 118.7], 11);
    return map;
  }

  function csrfHeaders() {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function label(text) {
    // Leaflet puts strings into innerHTML; an element keeps grid names as plain text
    var span = document.createElement('span');
    span.textContent = text;
    return span;
  }

  window.FqMap = { create: create, csrfHeaders: csrfHeaders, label: label };
})();
