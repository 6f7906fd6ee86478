// Addresses, rentals and organisations pages: forms that send JSON to the API and show each
// field's problem beside it, pickers that find a person or an address, the townships of a county.
// No inline scripts: the CSP forbids them.
//
// <form data-api="/api/v1/x" data-method="POST" data-next="/x/{id}"> sends its named fields as
// JSON: empty fields as null (left out with data-blank-left-out, which the change then keeps; a checked
// data-clears="f" box sends f as null), checkboxes as booleans, inputs with data-number as numbers; on
// success it goes to data-next ({id} is the answer's id; data-next-existing when a create answers
// 200, the record being there already) or reloads the page. A problem of field f
// is written into [data-error-for=f] inside the form, the others into its .form-status.
(function () {
  'use strict';

  var send = Fq.send;

  function payloadOf(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button' || el.dataset.skip !== undefined) {
        return;
      }
      if (el.type === 'checkbox') {
        data[el.name] = el.checked;
      } else if (el.type === 'radio') {
        if (el.checked) {
          data[el.name] = el.value;
        }
      } else {
        var value = el.value.trim();
        if (value === '' && el.dataset.blankLeftOut !== undefined) {
          return;
        }
        data[el.name] = value === '' ? null : (el.dataset.number !== undefined ? Number(value) : value);
      }
    });
    // a checked box data-clears="f" sends f as null: the way to delete what a blank f (left out) keeps
    form.querySelectorAll('input[type=checkbox][data-clears]').forEach(function (box) {
      if (box.checked) {
        data[box.dataset.clears] = null;
      }
    });
    return data;
  }

  function clearProblems(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    var status = form.querySelector('.form-status');
    if (status) {
      status.textContent = '';
      status.classList.remove('error');
    }
  }

  function showProblems(form, body) {
    var status = form.querySelector('.form-status');
    var rest = [];
    if (body && body.errors && body.errors.length) {
      body.errors.forEach(function (e) {
        var slot = form.querySelector('[data-error-for="' + e.field + '"]');
        var input = form.querySelector('[name="' + e.field + '"]');
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
        if (slot) {
          slot.textContent = e.message;
        } else {
          rest.push(e.message);
        }
      });
    } else {
      rest.push((body && (body.detail || body.title)) || form.dataset.textFailed || 'Error');
    }
    if (status && rest.length) {
      status.textContent = window.Fq.joined(rest);
      status.classList.add('error');
    }
  }

  document.querySelectorAll('form[data-api]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearProblems(form);
      var button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
      }
      Fq.request(form.dataset.method || 'POST', form.dataset.api, payloadOf(form)).then(function (answer) {
        var body = answer.body;
        // 200 to a create: the record was there already (an address is its own identity)
        var next = answer.status === 200 && form.dataset.nextExisting ? form.dataset.nextExisting : form.dataset.next;
        if (next) {
          window.location.href = next.replace('{id}', body && body.id ? body.id : '');
        } else {
          window.location.reload();
        }
      }).catch(function (e) {
        showProblems(form, e.body);
        if (button) {
          button.disabled = false;
        }
      });
    });
  });

  // A picker: a search box that lists matches from the API; choosing one fills the hidden input (or
  // the list) data-target names and shows what was chosen. data-picker is "persons", "addresses" or
  // "households"; data-except, when set, is sent as except (a record left out of the matches).
  document.querySelectorAll('[data-picker]').forEach(function (picker) {
    var input = picker.querySelector('input[type=search]');
    var list = picker.querySelector('.picker-results');
    var chosen = picker.querySelector('.picker-chosen');
    var target = picker.closest('form').querySelector('[name="' + picker.dataset.target + '"]');
    var timer = null;
    var kind = picker.dataset.picker;
    var clear = picker.querySelector('.picker-clear');
    // a form's mark that the choice was cleared (the person shown may have come without his id, so an empty choice
    // alone would keep him): set by clearing, unset by choosing again
    var cleared = picker.closest('form').querySelector('[data-cleared-by="' + picker.dataset.target + '"]');

    function label(item) {
      if (kind === 'households') {
        return item.label;
      }
      if (kind === 'persons') {
        return item.name + ' · ' + (item.idNumber || '—') + ' · ' + item.gridCode;
      }
      return item.fullText + ' · ' + item.gridCode;
    }

    function search() {
      var q = input.value.trim();
      list.innerHTML = '';
      if (q.length < 2) {
        return;
      }
      var url = picker.dataset.url + '?size=8&q=' + encodeURIComponent(q)
          + (picker.dataset.except ? '&except=' + encodeURIComponent(picker.dataset.except) : '');
      send('GET', url).then(function (body) {
        list.innerHTML = '';
        (body.items || []).forEach(function (item) {
          var li = document.createElement('li');
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'picker-option';
          b.textContent = label(item);
          b.addEventListener('click', function () {
            // a list to choose from (the person form's households) takes the one found as a choice of its own
            if (target.tagName === 'SELECT' && !Array.prototype.some.call(target.options, function (o) {
              return o.value === item.id;
            })) {
              var option = document.createElement('option');
              option.value = item.id;
              option.textContent = label(item);
              target.appendChild(option);
            }
            target.value = item.id;
            chosen.textContent = label(item);
            chosen.hidden = false;
            if (clear) {
              clear.hidden = false;
            }
            if (cleared) {
              cleared.checked = false;
            }
            list.innerHTML = '';
            input.value = '';
            target.dispatchEvent(new Event('change', { bubbles: true }));
          });
          li.appendChild(b);
          list.appendChild(li);
        });
        if (!body.items || !body.items.length) {
          var none = document.createElement('li');
          none.className = 'hint';
          none.textContent = picker.dataset.textNone || '—';
          list.appendChild(none);
        }
      }).catch(function (e) {
        var li = document.createElement('li');
        li.className = 'error';
        li.textContent = (e.body && e.body.errors && window.Fq.joined(e.body.errors.map(function (x) { return x.message; })))
          || (e.body && e.body.title) || '—';
        list.appendChild(li);
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(timer);
        search();
      }
    });
    if (clear) {
      clear.addEventListener('click', function () {
        target.value = '';
        chosen.textContent = '';
        chosen.hidden = true;
        clear.hidden = true;
        if (cleared) {
          cleared.checked = true;
        }
      });
    }
  });

  // The township choice follows the county code typed.
  document.querySelectorAll('select[data-townships]').forEach(function (select) {
    var county = select.form.querySelector('[name="countyCode"]');
    if (!county) {
      return;
    }
    county.addEventListener('change', function () {
      var code = county.value.trim();
      if (!/^[0-9]{6}$/.test(code)) {
        return;
      }
      send('GET', select.dataset.townships + '?county=' + code).then(function (townships) {
        var keep = select.options[0];
        select.innerHTML = '';
        select.appendChild(keep);
        townships.forEach(function (t) {
          var option = document.createElement('option');
          option.value = t.code;
          option.textContent = window.Fq.aside(t.name, t.code);
          select.appendChild(option);
        });
      });
    });
  });

  // Buttons that post one small thing (end a tenancy, hazards rectified) with the date beside them.
  document.querySelectorAll('form[data-action]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearProblems(form);
      send('POST', form.dataset.action, payloadOf(form)).then(function () {
        window.location.reload();
      }).catch(function (e) {
        showProblems(form, e.body);
      });
    });
  });

  // Landlord: a person of the records, or a name with a phone.
  document.querySelectorAll('input[name="landlordKind"]').forEach(function (radio) {
    function apply() {
      var form = radio.form;
      var person = form.querySelector('[data-landlord="person"]');
      var named = form.querySelector('[data-landlord="named"]');
      var which = form.querySelector('input[name="landlordKind"]:checked').value;
      person.hidden = which !== 'person';
      named.hidden = which !== 'named';
      person.querySelectorAll('input').forEach(function (i) { i.disabled = which !== 'person'; });
      named.querySelectorAll('input').forEach(function (i) { i.disabled = which !== 'named'; });
    }
    radio.addEventListener('change', apply);
    if (radio.checked) {
      apply();
    }
  });
})();
