// Key persons and care: change the risk level, add or end a helper, record a visit with the person's
// state and the helpers who came, sign a care agreement for a left-behind child. No inline scripts
// (the CSP forbids them): every form carries its API address in data-url.
(function () {
  'use strict';

  var send = Fq.send;
  var problemText = Fq.problemText;

  function value(form, name) {
    var el = form.elements[name];
    if (!el) {
      return null;
    }
    var v = el.value.trim();
    return v === '' ? null : v;
  }

  // Disables the form's buttons while a save runs; false if one runs already (the second tap of a double tap).
  function busy(form, on) {
    if (on && form.dataset.busy === 'true') {
      return false;
    }
    form.dataset.busy = on ? 'true' : 'false';
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
    return true;
  }

  // A form whose page drew an idempotency key sends it, so the server records what it sends once. payload may
  // throw a Refusal: its text shows in the form's status and nothing is sent.
  function Refusal(text) {
    this.text = text;
  }

  function wire(form, method, payload) {
    if (!form) {
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!busy(form, true)) {
        return;
      }
      var out = form.querySelector('.form-status');
      var body;
      try {
        body = payload(form);
      } catch (refused) {
        if (!(refused instanceof Refusal)) {
          throw refused;
        }
        busy(form, false);
        out.textContent = refused.text;
        out.classList.add('error');
        return;
      }
      if (form.elements.idempotencyKey) {
        body.idempotencyKey = form.elements.idempotencyKey.value;
      }
      send(method, form.dataset.url, body).then(function () {
        window.location.reload();
      }).catch(function (e) {
        busy(form, false);
        out.textContent = problemText(e.body, form.dataset.textFailed);
        out.classList.add('error');
      });
    });
  }

  wire(document.getElementById('risk-form'), 'PUT', function (f) {
    return { risk: value(f, 'risk'), reason: value(f, 'reason') };
  });

  wire(document.getElementById('member-form'), 'POST', function (f) {
    // a staff member chosen is named by the server from his record; the name typed is then not sent
    var staffId = value(f, 'staffId');
    return { staffId: staffId, role: value(f, 'role'), name: staffId ? null : value(f, 'name'),
      relation: value(f, 'relation'), phone: value(f, 'phone'), joinedOn: value(f, 'joinedOn') };
  });

  // 警民联系卡 handed over to the key person's household on a day
  wire(document.getElementById('contact-card-form'), 'POST', function (f) {
    return { on: value(f, 'on') };
  });

  wire(document.getElementById('key-visit-form'), 'POST', function (f) {
    var helpers = [];
    f.querySelectorAll('input[name="helperIds"]:checked').forEach(function (c) { helpers.push(c.value); });
    var card = f.elements.contactCard;
    return { state: value(f, 'state'), findings: value(f, 'findings'), helperIds: helpers,
      contactCard: card ? card.checked : false };
  });

  document.querySelectorAll('button.end-member').forEach(function (button) {
    button.addEventListener('click', function () {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
        return;
      }
      send('POST', button.dataset.url, {}).then(function () {
        window.location.reload();
      }).catch(function (e) {
        // a failure without a problem body (no network, a proxy's error page) says that it failed, not the question
        window.alert(problemText(e.body, button.dataset.textFailed));
      });
    });
  });

  // The care agreement form: the guardian, then two to four helpers, one fieldset each.
  wire(document.getElementById('agreement-form'), 'POST', function (f) {
    var helpers = [];
    var missing = [];
    f.querySelectorAll('fieldset.agreement-helper').forEach(function (set) {
      var nameInput = set.querySelector('[name="helperName"]');
      var name = nameInput.value.trim();
      var relation = set.querySelector('[name="helperRelation"]').value.trim() || null;
      var phone = set.querySelector('[name="helperPhone"]').value.trim() || null;
      nameInput.removeAttribute('aria-invalid');
      if (name === '') {
        // an empty row is no helper; one with a phone or relation but no name was meant as one: dropping it would
        // save the agreement without him, unseen
        if (relation || phone) {
          nameInput.setAttribute('aria-invalid', 'true');
          missing.push(set.dataset.textNameMissing);
        }
        return;
      }
      helpers.push({ name: name, role: set.querySelector('[name="helperRole"]').value, relation: relation,
        phone: phone });
    });
    if (missing.length) {
      throw new Refusal(Fq.joined(missing));
    }
    return { signedOn: value(f, 'signedOn'), reviewOn: value(f, 'reviewOn'), guardianName: value(f, 'guardianName'),
      guardianRelation: value(f, 'guardianRelation'), guardianPhone: value(f, 'guardianPhone'),
      fatherWhereabouts: value(f, 'fatherWhereabouts'), motherWhereabouts: value(f, 'motherWhereabouts'),
      note: value(f, 'note'), helpers: helpers };
  });

  // A file export with full numbers: the form posts the reason to a new tab itself, in its body, so that it stands in
  // no address (the browser's history, access logs). A reason of spaces passes the field's minlength: refuse it here,
  // visibly, rather than open the masked file.
  document.querySelectorAll('form.reveal-export').forEach(function (form) {
    var out = form.querySelector('.form-status');
    form.addEventListener('submit', function (event) {
      var reason = form.elements.reason.value.trim();
      if (reason.length < 4) {
        event.preventDefault();
        out.textContent = form.dataset.textReason;
        out.classList.add('error');
        form.elements.reason.focus();
        return;
      }
      out.textContent = '';
      out.classList.remove('error');
    });
  });
})();
// A review of a care agreement without a new one: the day, the findings, whether anything changed, the next review.
(function () {
  'use strict';
  document.querySelectorAll('form.review-form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (form.dataset.busy === 'true') {
        return;
      }
      var buttons = form.querySelectorAll('button');
      form.dataset.busy = 'true';
      buttons.forEach(function (b) { b.disabled = true; });
      var out = form.querySelector('.form-status');
      var text = function (name) {
        var v = form.elements[name].value.trim();
        return v === '' ? null : v;
      };
      Fq.send('POST', form.dataset.url, { reviewedOn: text('reviewedOn'), findings: text('findings'),
        changed: form.elements.changed.checked, nextReviewOn: text('nextReviewOn') }).then(function () {
        window.location.reload();
      }).catch(function (e) {
        form.dataset.busy = 'false';
        buttons.forEach(function (b) { b.disabled = false; });
        out.textContent = Fq.problemText(e.body, form.dataset.textFailed);
        out.classList.add('error');
      });
    });
  });
})();
