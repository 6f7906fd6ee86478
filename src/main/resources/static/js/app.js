// Page behaviour without inline scripts (the CSP allows only scripts from this origin).
// A form or button with data-confirm asks before it submits, e.g. disabling an account.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// Filter selects with data-autosubmit submit their form when changed, so the list updates at once.
document.addEventListener('change', function (event) {
  var el = event.target;
  if (el.hasAttribute && el.hasAttribute('data-autosubmit') && el.form) {
    el.form.submit();
  }
});
// A control with data-required-if="otherId=VALUE" is required while that other control holds VALUE (an incident's
// 性质 while its category is 案事件): a hint before sending, the server checks the same rule.
(function () {
  function update() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-required-if]'), function (el) {
      var rule = el.getAttribute('data-required-if').split('=');
      var other = document.getElementById(rule[0]);
      if (other) {
        el.required = other.value === rule[1];
      }
    });
  }
  document.addEventListener('change', update);
  document.addEventListener('DOMContentLoaded', update);
})();
// JSON calls to the API from page scripts (loaded before them, so they may use Fq at once).
// Fq.request resolves to {status, body}; Fq.send to the body alone (null when there is none); both
// reject with an Error carrying the problem detail in error.body and the HTTP status in error.status.
window.Fq = (function () {
  'use strict';

  function csrfHeaders() {
    var h = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      h[header.content] = token.content;
    }
    return h;
  }

  function request(method, url, payload) {
    var init = { method: method, credentials: 'same-origin', headers: csrfHeaders() };
    if (payload !== undefined) {
      init.body = JSON.stringify(payload);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) {
          var error = new Error('HTTP ' + response.status);
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return { status: response.status, body: body };
      });
    });
  }

  function send(method, url, payload) {
    return request(method, url, payload).then(function (r) { return r.body; });
  }

  // Punctuation as the page's language writes it (the html element's lang): ASCII in English, full-width in Chinese.
  function english() {
    return document.documentElement.lang === 'en';
  }

  // A name with a note in brackets: 张三（房山派出所）, or Zhang San (Fangshan station) on an English page.
  function aside(text, note) {
    return english() ? text + ' (' + note + ')' : text + '（' + note + '）';
  }

  // Several messages in one line: 甲；乙, or one; two on an English page.
  function joined(texts) {
    return texts.join(english() ? '; ' : '；');
  }

  // The problem's field messages joined, else its detail or title, else the fallback.
  function problemText(body, fallback) {
    if (body && body.errors && body.errors.length) {
      return joined(body.errors.map(function (e) { return e.message; }));
    }
    return (body && (body.detail || body.title)) || fallback;
  }

  // A count a script fills in: the element's data-text-NAME-one when the page's language puts this number in the
  // singular ("1 grid"), else data-text-NAME ("0 grids", "2 grids", "共 2 个网格"), its {count} replaced; and any
  // other {word} of the text by values[word] ("{processed} of {count} rows processed"), as written there.
  function counted(element, name, count, values) {
    var lang = document.documentElement.lang || undefined;
    var one = window.Intl && Intl.PluralRules && new Intl.PluralRules(lang).select(Number(count)) === 'one';
    var shown = { count: String(count) };
    Object.keys(values || {}).forEach(function (word) { shown[word] = String(values[word]); });
    return (one && element.dataset[name + 'One'] || element.dataset[name]).replace(/\{(\w+)\}/g,
      function (all, word) { return Object.prototype.hasOwnProperty.call(shown, word) ? shown[word] : all; });
  }

  return { csrfHeaders: csrfHeaders, request: request, send: send, problemText: problemText, aside: aside,
    joined: joined, counted: counted };
})();
// Revealing a full phone on a rental's or an organisation's page (form.reveal-phone): the reason goes to
// the API, which checks it and audits the reveal; its answer replaces the masked value in data-target,
// its refusal shows in the form in the page's language.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains('reveal-phone')) {
    return;
  }
  event.preventDefault();
  var status = form.querySelector('.form-status');
  window.Fq.send('POST', form.dataset.url, { field: form.dataset.field, reason: form.elements.reason.value.trim() })
    .then(function (body) {
      document.querySelector(form.dataset.target).textContent = body.value;
      status.textContent = '';
      status.classList.remove('error');
      form.elements.reason.value = '';
    }).catch(function (e) {
      status.textContent = window.Fq.problemText(e.body, form.dataset.textFailed);
      status.classList.add('error');
    });
});
// A list's filters folded under one line (<details data-open-wide>) fold on a phone only, so that the list starts on
// the first screen there: where the screen is wider than a phone's they open as the page loads. Without scripts they
// stay folded, a tap away.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.matchMedia || !window.matchMedia('(min-width: 641px)').matches) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll('details[data-open-wide]'), function (fold) {
    fold.open = true;
  });
});
// Menus of the top navigation (<details class="menu">): one open at a time, closed by a click elsewhere or
// Escape, and the menu holding the page shown marked as current.
document.addEventListener('DOMContentLoaded', function () {
  var menus = Array.prototype.slice.call(document.querySelectorAll('.topnav details.menu'));
  if (!menus.length) {
    return;
  }
  var here = window.location.pathname;
  menus.forEach(function (menu) {
    var links = Array.prototype.slice.call(menu.querySelectorAll('a[href]'));
    if (links.some(function (a) {
      var path = new URL(a.href, window.location.href).pathname;
      return here === path || here.indexOf(path + '/') === 0;
    })) {
      menu.classList.add('current');
    }
    menu.addEventListener('toggle', function () {
      if (menu.open) {
        menus.forEach(function (other) {
          if (other !== menu) {
            other.open = false;
          }
        });
      }
    });
  });
  document.addEventListener('click', function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      menus.forEach(function (menu) { menu.open = false; });
    }
  });
});
// Dates read one way on every page, in both languages: 2026-12-01, as the pages print them. A native date field shows
// the browser's own format instead (2026/12/2 in Chinese Chromium, 12/02/2026 in English) beside the printed dates, so
// each <input type="date"> becomes a text field in that one format, with a button that opens the browser's calendar.
// What a person types the other ways (2026/12/2, 2026.12.2, 20261202, 2026年12月2日) is written back as 2026-12-02
// when he leaves the field or sends the form; the server still checks the value.
// A date-and-time field (<input type="datetime-local">) is turned the same way: 2026-12-02 10:00, with seconds where
// the field takes them (step below 60), its button opening the browser's own picker; 2026/12/2 10:00,
// 2026-12-02T10:00 and 2026年12月2日 10时05分 are written back as 2026-12-02 10:00. The server reads the space and
// the T alike.
window.FqDates = (function () {
  'use strict';

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function normalise(value) {
    var s = (value || '').trim().replace(/[\uff10-\uff19]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
    });
    var m = /^(\d{4})\s*[-\/.年]\s*(\d{1,2})\s*[-\/.月]\s*(\d{1,2})\s*日?$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    return m ? m[1] + '-' + pad(+m[2]) + '-' + pad(+m[3]) : (value || '').trim();
  }

  // 2026-12-02 10:00 (10:00:05 where the field takes seconds, else they are dropped) from the ways a person types a
  // date and a time; anything else as typed
  function normaliseDateTime(value, seconds) {
    var s = (value || '').trim().replace(/[\uff10-\uff19]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
    }).replace(/\uff1a/g, ':');
    var m = /^(\d{4})\s*[-\/.年]\s*(\d{1,2})\s*[-\/.月]\s*(\d{1,2})\s*日?\s*[T\s]?\s*(\d{1,2})\s*[:时點点]\s*(\d{1,2})\s*分?(?:\s*:?\s*(\d{1,2})\s*秒?)?$/
        .exec(s);
    if (!m) {
      return (value || '').trim();
    }
    var text = m[1] + '-' + pad(+m[2]) + '-' + pad(+m[3]) + ' ' + pad(+m[4]) + ':' + pad(+m[5]);
    return m[6] !== undefined && seconds ? text + ':' + pad(+m[6]) : text;
  }

  function chinese() {
    return (document.documentElement.lang || 'zh').indexOf('zh') === 0;
  }

  // the browser's own date or date-and-time input, hidden beside a text field, for its calendar
  function pickerFor(type, input) {
    var picker = document.createElement('input');
    picker.type = type;
    picker.tabIndex = -1;
    picker.className = 'date-picker';
    picker.setAttribute('aria-hidden', 'true');
    if (type !== 'date' && input.step) {
      picker.step = input.step;
    }
    if (input.min) {
      picker.min = input.min;
    }
    if (input.max) {
      picker.max = input.max;
    }
    return picker;
  }

  // the text field, a button that opens the picker (given the field's value as toPicker writes it) and the picker,
  // in one span; what is picked is written into the field (fromPicker), and what is typed is tidied when the field
  // is left (tidy)
  function besidePicker(input, picker, label, fieldClass, toPicker, fromPicker, tidy) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'date-button';
    // a calendar drawn here, not the calendar emoji: a desktop without an emoji font (many office Linux machines)
    // showed an empty box in its place
    button.innerHTML = '<svg class="date-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" '
        + 'focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">'
        + '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/></svg>';
    button.setAttribute('aria-label', label);
    button.disabled = input.disabled;
    var field = document.createElement('span');
    field.className = fieldClass;
    input.parentNode.insertBefore(field, input);
    field.appendChild(input);
    field.appendChild(button);
    field.appendChild(picker);
    button.addEventListener('click', function () {
      picker.value = toPicker(input.value);
      try {
        picker.showPicker();
      } catch (e) {
        picker.focus();
        picker.click();
      }
    });
    picker.addEventListener('change', function () {
      input.value = fromPicker(picker.value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    input.addEventListener('change', function () {
      var text = tidy(input.value);
      if (text !== input.value) {
        input.value = text;
      }
    });
  }

  function enhance(input) {
    if (input.hasAttribute('data-iso-date')) {
      return;
    }
    var picker = pickerFor('date', input);
    var value = input.value;
    input.setAttribute('data-iso-date', '');
    input.type = 'text';
    input.value = value;
    input.setAttribute('inputmode', 'numeric');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('maxlength', '11');
    input.setAttribute('pattern', '\\d{4}-\\d{2}-\\d{2}');
    if (!input.placeholder) {
      input.placeholder = chinese() ? '年-月-日' : 'yyyy-mm-dd';
    }
    if (!input.title) {
      input.title = chinese() ? '日期，如 2026-01-31' : 'Date, e.g. 2026-01-31';
    }
    besidePicker(input, picker, chinese() ? '选择日期' : 'Choose a date', 'date-field', normalise,
        function (picked) { return picked; }, normalise);
  }

  function enhanceDateTime(input) {
    if (input.hasAttribute('data-iso-datetime')) {
      return;
    }
    var seconds = input.step !== '' && +input.step > 0 && +input.step < 60;
    var picker = pickerFor('datetime-local', input);
    // the value as the page wrote it: the browser empties a datetime-local value it cannot read (one typed wrong and
    // shown back with its error), which the text field should show
    var value = normaliseDateTime(input.value || input.getAttribute('value') || '', seconds);
    input.setAttribute('data-iso-datetime', seconds ? 'seconds' : 'minutes');
    input.type = 'text';
    input.value = value;
    input.removeAttribute('step');
    input.removeAttribute('min');
    input.removeAttribute('max');
    input.setAttribute('autocomplete', 'off');
    // room for the longer ways it may be typed (2026年12月2日 10时05分) before they are written back
    input.setAttribute('maxlength', '24');
    input.setAttribute('pattern', seconds ? '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?' : '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}');
    if (!input.placeholder) {
      input.placeholder = chinese() ? (seconds ? '年-月-日 时:分(:秒)' : '年-月-日 时:分')
          : (seconds ? 'yyyy-mm-dd hh:mm(:ss)' : 'yyyy-mm-dd hh:mm');
    }
    if (!input.title) {
      input.title = chinese() ? '日期和时间，如 2026-01-31 08:30' : 'Date and time, e.g. 2026-01-31 08:30';
    }
    function written(text) {
      return normaliseDateTime(text, seconds);
    }
    besidePicker(input, picker, chinese() ? '选择日期和时间' : 'Choose a date and time', 'date-field datetime-field',
        function (text) { return written(text).replace(' ', 'T'); }, written, written);
  }

  function enhanceAll(root) {
    if (root.matches && root.matches('input[type="date"]')) {
      enhance(root);
    }
    if (root.matches && root.matches('input[type="datetime-local"]')) {
      enhanceDateTime(root);
    }
    if (root.querySelectorAll) {
      Array.prototype.forEach.call(root.querySelectorAll('input[type="date"]:not(.date-picker)'), enhance);
      Array.prototype.forEach.call(root.querySelectorAll('input[type="datetime-local"]:not(.date-picker)'),
          enhanceDateTime);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhanceAll(document);
    // date fields a page script adds later (a grid's boundary form) are turned the same way
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        Array.prototype.forEach.call(c.addedNodes, function (n) {
          if (n.nodeType === 1 && !(n.classList && n.classList.contains('date-picker'))) {
            enhanceAll(n);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
  // a form sent straight from the field (Enter) carries the date in the one format too
  document.addEventListener('submit', function (event) {
    Array.prototype.forEach.call(event.target.querySelectorAll('input[data-iso-date]'), function (input) {
      input.value = normalise(input.value);
    });
    Array.prototype.forEach.call(event.target.querySelectorAll('input[data-iso-datetime]'), function (input) {
      input.value = normaliseDateTime(input.value, input.getAttribute('data-iso-datetime') === 'seconds');
    });
  }, true);

  return { normalise: normalise, normaliseDateTime: normaliseDateTime };
})();
// A form counting over one period named one way (the work figures: a month, a quarter, a year or days): what is typed
// one way clears the other ways, so the form never sends two periods and is not refused for it.
document.addEventListener('DOMContentLoaded', function () {
  Array.prototype.forEach.call(document.querySelectorAll('form[data-one-period]'), function (form) {
    form.addEventListener('input', function (e) {
      var way = e.target.getAttribute && e.target.getAttribute('data-period');
      if (!way || !e.target.value) {
        return;
      }
      Array.prototype.forEach.call(form.querySelectorAll('[data-period]'), function (other) {
        if (other.getAttribute('data-period') !== way) {
          other.value = '';
        }
      });
    });
  });
});
// A form sent by the browser (method post) disables its submit buttons once it is on its way, so a double tap on a
// slow phone sends it once; the server refuses a second sending of the same form anyway (its one-time key). After
// every other handler ran: a form a script sends itself (preventDefault) keeps its buttons, and so does one opening
// its answer elsewhere (target, a download). A page shown again from the back-forward cache gets them back.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if ((form.getAttribute('method') || '').toLowerCase() !== 'post' || form.getAttribute('target')) {
    return;
  }
  // later, so the pressed button's name and value still go with the form
  setTimeout(function () {
    if (event.defaultPrevented) {
      return;
    }
    Array.prototype.forEach.call(form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]'),
      function (b) {
        if (!b.disabled) {
          b.disabled = true;
          b.setAttribute('data-sent', '');
        }
      });
  }, 0);
});
window.addEventListener('pageshow', function (event) {
  if (event.persisted) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-sent]'), function (b) {
      b.disabled = false;
      b.removeAttribute('data-sent');
    });
  }
});
