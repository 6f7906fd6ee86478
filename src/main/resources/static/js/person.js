// A person's page: reveal the full identity number or phone with a stated reason (audited on the server).
(function () {
  'use strict';
  var form = document.getElementById('reveal-form');
  if (!form) {
    return;
  }
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var status = form.querySelector('.form-status');
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    fetch(form.dataset.url, {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify({ field: form.elements.field.value, reason: form.elements.reason.value })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        var body = result.body || {};
        status.textContent = (body.errors && window.Fq.joined(body.errors.map(function (e) { return e.message; })))
          || body.detail || body.title || form.dataset.textFailed;
        status.classList.add('error');
        return;
      }
      status.textContent = '';
      status.classList.remove('error');
      document.getElementById('value-' + result.body.field).textContent = result.body.value;
    }).catch(function () {
      status.textContent = form.dataset.textFailed;
      status.classList.add('error');
    });
  });
})();
