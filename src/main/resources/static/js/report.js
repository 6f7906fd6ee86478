// The residents' report form and the staff's: "use my location" asks the browser for its position and fills lon/lat;
// on the residents' form the department field shows only for matters of other departments.
(function () {
  'use strict';
  var category = document.getElementById('category');
  var department = document.getElementById('department-field');
  function toggle() {
    if (department && category) {
      department.hidden = category.value !== 'DEPARTMENT';
    }
  }
  if (category) {
    category.addEventListener('change', toggle);
    toggle();
  }
  var button = document.getElementById('use-location');
  var status = document.getElementById('location-status');
  if (!button) {
    return;
  }
  if (!navigator.geolocation) {
    button.hidden = true;
    return;
  }
  button.addEventListener('click', function () {
    status.textContent = button.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('lon').value = position.coords.longitude.toFixed(6);
      document.getElementById('lat').value = position.coords.latitude.toFixed(6);
      status.textContent = button.getAttribute('data-located') + ' ' + position.coords.latitude.toFixed(5) + ', '
          + position.coords.longitude.toFixed(5);
      // the map of the form (report-map.js) marks the same point and names its grid
      document.dispatchEvent(new CustomEvent('fq:located', {
        detail: { lat: position.coords.latitude, lon: position.coords.longitude }
      }));
    }, function () {
      status.textContent = button.getAttribute('data-failed');
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
