// Housing pages: the floor plan (tap a room to mark it vacant or rented out, or open its household; opened from a
// visit on the household page, the room's change is linked to that visit),
// and recording a visit on the household page with the household's marks and note as the
// officer set them at the door. No inline scripts: the CSP forbids them. A form's buttons are disabled while it
// saves, so a second tap sends nothing; the visit also carries the key drawn when the page was shown, so the
// server records one visit even if a request is sent twice.
(function () {
  'use strict';

  var send = Fq.send;
  var problemText = Fq.problemText;

  // Disables the form's buttons while a save runs; false if one runs already (the second tap of a double tap).
  function busy(form, on) {
    if (on && form.dataset.busy === 'true') {
      return false;
    }
    form.dataset.busy = on ? 'true' : 'false';
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
    return true;
  }

  var dialog = document.getElementById('room-dialog');
  var readOnlyLinks = document.getElementById('room-links');
  document.querySelectorAll('.room-cell').forEach(function (cell) {
    cell.addEventListener('click', function () {
      if (!dialog) {
        if (readOnlyLinks && cell.dataset.household) {
          window.location.href = readOnlyLinks.dataset.householdUrl + cell.dataset.household;
        }
        return;
      }
      var form = dialog.querySelector('form');
      form.dataset.roomId = cell.dataset.roomId;
      form.elements.vacant.checked = cell.dataset.vacant === 'true';
      form.elements.rental.checked = cell.dataset.rental === 'true';
      dialog.querySelector('#room-title').textContent = cell.dataset.label;
      dialog.querySelector('.form-status').textContent = '';
      var link = dialog.querySelector('#room-household');
      if (cell.dataset.household) {
        link.href = dialog.dataset.householdUrl + cell.dataset.household;
        link.hidden = false;
      } else {
        link.hidden = true;
      }
      // register a rental of this room (or open the one it has), or a household living in it
      var rental = dialog.querySelector('#room-rental');
      if (rental) {
        rental.href = rental.dataset.url + '?roomId=' + cell.dataset.roomId;
      }
      var household = document.getElementById('household-form');
      if (household) {
        household.elements.roomId.value = cell.dataset.roomId;
      }
      dialog.showModal();
    });
  });

  if (dialog) {
    dialog.querySelector('#room-cancel').addEventListener('click', function () { dialog.close(); });
    dialog.querySelector('form').addEventListener('submit', function (event) {
      event.preventDefault();
      var form = event.target;
      if (!busy(form, true)) {
        return;
      }
      var marks = { vacant: form.elements.vacant.checked, rental: form.elements.rental.checked };
      // opened from the household page during a visit: the change is listed under that visit
      if (dialog.dataset.visitId) {
        marks.visitId = dialog.dataset.visitId;
      }
      send('PUT', dialog.dataset.url + form.dataset.roomId, marks).then(function () {
        window.location.reload();
      }).catch(function (e) {
        busy(form, false);
        var out = dialog.querySelector('.form-status');
        out.textContent = problemText(e.body, dialog.dataset.textFailed);
        out.classList.add('error');
      });
    });
  }

  var visit = document.getElementById('visit-form');
  if (visit) {
    // records the visit with the marks as set (submit), or saves the marks alone, without a visit (#save-marks)
    var save = function (onlyMarks) {
      if (!busy(visit, true)) {
        return;
      }
      var out = visit.querySelector('.form-status');
      out.classList.remove('error');
      out.textContent = visit.dataset.textSaving || '';
      var f = visit.elements;
      var marks = { trusted: f.trusted.checked, inDifficulty: f.inDifficulty.checked, note: f.note.value };
      var saved = onlyMarks
        ? send('PUT', visit.dataset.householdUrl, marks)
        : send('POST', visit.dataset.url, {
          householdId: visit.dataset.household,
          findings: f.findings.value,
          contactCard: f.contactCard.checked,
          idempotencyKey: f.idempotencyKey.value,
          household: marks
        });
      saved.then(function () {
        window.location.reload();
      }).catch(function (e) {
        busy(visit, false);
        out.textContent = problemText(e.body, visit.dataset.textFailed);
        out.classList.add('error');
      });
    };
    visit.addEventListener('submit', function (event) {
      event.preventDefault();
      save(false);
    });
    document.getElementById('save-marks').addEventListener('click', function () { save(true); });
  }
})();
