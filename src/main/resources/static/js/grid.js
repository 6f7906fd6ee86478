// A grid's page: its boundary on a small map, the linked codes form and the roster with history.
(function () {
  'use strict';

  var send = Fq.send;
  var problemText = Fq.problemText;

  var minimap = document.getElementById('grid-minimap');
  if (minimap && minimap.dataset.boundary) {
    var map = FqMap.create(minimap);
    var layer = L.geoJSON(JSON.parse(minimap.dataset.boundary), {
      style: function () { return { color: '#1d4f91', weight: 2, fillOpacity: 0.2 }; }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  }

  var links = document.getElementById('links-form');
  if (links) {
    links.addEventListener('submit', function (event) {
      event.preventDefault();
      var out = links.querySelector('.form-status');
      send('PUT', links.dataset.url, {
        comprehensiveCode: links.elements.comprehensiveCode.value,
        urbanCode: links.elements.urbanCode.value,
        civilizationCode: links.elements.civilizationCode.value
      }).then(function () {
        window.location.reload();
      }).catch(function (e) {
        out.textContent = problemText(e.body, links.dataset.textFailed);
        out.classList.add('error');
      });
    });
  }

  // 一村一警、一警两员: who answers for the grid's village or community, and for managers a form to change it.
  var officers = document.getElementById('community-officers');
  if (officers) {
    var officersStatus = officers.querySelector('.form-status');
    var officersForm = document.getElementById('officers-form');
    var fields = ['officer', 'patrolMember', 'securityMember'];
    var showOfficers = function (answer) {
      fields.forEach(function (f) {
        var person = answer[f];
        officers.querySelector('[data-field="' + f + '"]').textContent = person ? person.name : '—';
        if (person && officersForm.elements[f + 'Id']) {
          officersForm.elements[f + 'Id'].value = person.id;
        }
      });
    };
    var loadOfficers = function () {
      return send('GET', officers.dataset.url).then(showOfficers).catch(function (e) {
        officersStatus.textContent = problemText(e.body, officers.dataset.textFailed);
      });
    };
    if (officers.dataset.mayManage === 'true') {
      send('GET', officers.dataset.candidatesUrl).then(function (people) {
        fields.forEach(function (f) {
          var select = officersForm.elements[f + 'Id'];
          people.forEach(function (p) {
            var option = document.createElement('option');
            option.value = p.id;
            option.textContent = p.unitName ? window.Fq.aside(p.name, p.unitName) : p.name;
            select.appendChild(option);
          });
        });
        officersForm.hidden = false;
        return loadOfficers();
      });
      officersForm.addEventListener('submit', function (event) {
        event.preventDefault();
        officersStatus.classList.remove('error');
        send('PUT', officers.dataset.url, {
          officerId: officersForm.elements.officerId.value,
          patrolMemberId: officersForm.elements.patrolMemberId.value,
          securityMemberId: officersForm.elements.securityMemberId.value
        }).then(function (answer) {
          showOfficers(answer);
          officersStatus.textContent = '';
        }).catch(function (e) {
          officersStatus.textContent = problemText(e.body, officers.dataset.textFailed);
          officersStatus.classList.add('error');
        });
      });
    } else {
      loadOfficers();
    }
  }

  var roster = document.getElementById('roster');
  if (!roster) {
    return;
  }
  var mayManage = roster.dataset.mayManage === 'true';
  var status = document.getElementById('roster-status');
  var roleLabels = {};
  document.querySelectorAll('#role-labels li').forEach(function (li) {
    roleLabels[li.dataset.role] = li.textContent;
  });

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    row.appendChild(td);
    return td;
  }

  /* Each cell names its column, so that on a phone, where a list table shows one card per row, it keeps its label. */
  function label(body) {
    var headers = Array.prototype.map.call(body.closest('table').querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(body.rows, function (tr) {
      Array.prototype.forEach.call(tr.cells, function (td, i) {
        if (headers[i]) {
          td.setAttribute('data-label', headers[i]);
        }
      });
    });
  }

  function emptyRow(body, columns) {
    var tr = document.createElement('tr');
    var td = cell(tr, roster.dataset.textNone);
    td.colSpan = columns;
    td.className = 'muted';
    body.appendChild(tr);
  }

  function render(terms) {
    var current = document.getElementById('roster-current');
    var past = document.getElementById('roster-past');
    current.replaceChildren();
    past.replaceChildren();
    terms.forEach(function (term) {
      var tr = document.createElement('tr');
      tr.dataset.termId = term.id;
      cell(tr, roleLabels[term.role] || term.role);
      cell(tr, term.staffName);
      cell(tr, term.startedOn);
      if (term.endedOn) {
        cell(tr, term.endedOn);
        past.appendChild(tr);
        return;
      }
      if (mayManage) {
        var actions = cell(tr, '');
        var on = document.createElement('input');
        on.type = 'date';
        on.value = today();
        on.min = term.startedOn;
        on.setAttribute('aria-label', roster.dataset.textEnd);
        var end = document.createElement('button');
        end.type = 'button';
        end.textContent = roster.dataset.textEnd;
        end.addEventListener('click', function () {
          send('POST', roster.dataset.endUrl + encodeURIComponent(term.id) + '/end', { on: on.value })
            .then(load).catch(function (e) { status.textContent = problemText(e.body, roster.dataset.textFailed); });
        });
        actions.appendChild(on);
        actions.appendChild(end);
      }
      current.appendChild(tr);
    });
    if (!current.children.length) {
      emptyRow(current, mayManage ? 4 : 3);
    }
    if (!past.children.length) {
      emptyRow(past, 4);
    }
    label(current);
    label(past);
  }

  function today() {
    var d = new Date();
    var m = String(d.getMonth() + 1).padStart(2, '0');
    var day = String(d.getDate()).padStart(2, '0');
    return d.getFullYear() + '-' + m + '-' + day;
  }

  function load() {
    status.textContent = '';
    return send('GET', roster.dataset.rosterUrl).then(render).catch(function (e) {
      status.textContent = problemText(e.body, roster.dataset.textFailed);
    });
  }

  var form = document.getElementById('assign-form');
  if (form && mayManage) {
    form.elements.from.value = today();
    send('GET', roster.dataset.candidatesUrl).then(function (people) {
      people.forEach(function (p) {
        var option = document.createElement('option');
        option.value = p.id;
        option.textContent = p.unitName ? window.Fq.aside(p.name, p.unitName) : p.name;
        form.elements.staffId.appendChild(option);
      });
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      send('POST', roster.dataset.rosterUrl, {
        staffId: form.elements.staffId.value, role: form.elements.role.value, from: form.elements.from.value
      }).then(load).catch(function (e) { status.textContent = problemText(e.body, roster.dataset.textFailed); });
    });
  }
  load();
})();
