// Housing pages: the floor plan (tap a room to mark it vacant or rented out, or open its household),
// printing the plan, and recording a visit on the household page. No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  var send = Fq.send;
  var problemText = Fq.problemText;

  var print = document.getElementById('print-plan');
  if (print) {
    print.addEventListener('click', function () { window.print(); });
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
      send('PUT', dialog.dataset.url + form.dataset.roomId, {
        vacant: form.elements.vacant.checked, rental: form.elements.rental.checked
      }).then(function () {
        window.location.reload();
      }).catch(function (e) {
        var out = dialog.querySelector('.form-status');
        out.textContent = problemText(e.body, dialog.dataset.textFailed);
        out.classList.add('error');
      });
    });
  }

  var visit = document.getElementById('visit-form');
  if (visit) {
    visit.addEventListener('submit', function (event) {
      event.preventDefault();
      send('POST', visit.dataset.url, {
        householdId: visit.dataset.household,
        findings: visit.elements.findings.value,
        contactCard: visit.elements.contactCard.checked
      }).then(function () {
        window.location.reload();
      }).catch(function (e) {
        var out = visit.querySelector('.form-status');
        out.textContent = problemText(e.body, visit.dataset.textFailed);
        out.classList.add('error');
      });
    });
  }
})();
