// The import page: upload a table of persons, follow the job's progress by polling its status until it
// finishes, show its counts and the link to its rejected rows, and keep the list of recent jobs current.
// No inline scripts: the CSP forbids them; every text comes from the page (data-* attributes), in the user's language.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  var panel = document.getElementById('import-job');
  var list = document.getElementById('job-list');
  if (!form || !panel || !list) {
    return;
  }
  var status = form.querySelector('.form-status');
  var submit = document.getElementById('import-submit');
  var POLL_MS = 500;
  var following = null;

  function headers() {
    var h = { 'Accept': 'application/json' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      h[header.content] = token.content;
    }
    return h;
  }

  var problemText = Fq.problemText;

  // "1 of 1 row processed", "0 of 2 rows processed": the total chooses the form (Fq.counted, as every page's
  // counts), the numbers as the page's language writes them.
  function progressText(processed, total) {
    return Fq.counted(panel, 'textProgress', Number(total || 0),
      { count: number(total), processed: number(processed) });
  }

  function number(n) {
    return Number(n || 0).toLocaleString(document.documentElement.lang || undefined);
  }

  function statusText(s) {
    return list.dataset['status' + s.charAt(0) + s.slice(1).toLowerCase()] || s;
  }

  function finished(job) {
    return job.status === 'DONE' || job.status === 'FAILED';
  }

  function percent(job) {
    if (job.status === 'DONE') {
      return 100;
    }
    if (!job.totalRows) {
      return 0;
    }
    // a running job never shows 100 %: the last batch and the error file are still to come
    return Math.min(99, Math.floor(job.processedRows * 100 / job.totalRows));
  }

  // the page's own address for the file, which goes with the session and names it in the page's language
  function errorsUrl(id) {
    return list.dataset.errorsUrl + encodeURIComponent(id) + '/errors.xlsx';
  }

  // The job being followed, in the panel above the list.
  function render(job) {
    var p = percent(job);
    var bar = document.getElementById('job-progress');
    bar.value = p;
    bar.setAttribute('aria-valuenow', String(p));
    document.getElementById('job-percent').textContent = p + '%';
    document.getElementById('job-processed').textContent = progressText(job.processedRows, job.totalRows);
    var state = document.getElementById('job-status');
    state.textContent = statusText(job.status);
    state.dataset.status = job.status;
    panel.dataset.status = job.status;
    document.getElementById('job-file').textContent = job.fileName;
    document.getElementById('job-mode').textContent = job.dryRun ? list.dataset.modeDry : list.dataset.modeReal;
    document.getElementById('job-created').textContent = number(job.createdRows);
    document.getElementById('job-updated').textContent = number(job.updatedRows);
    document.getElementById('job-unchanged').textContent = number(job.unchangedRows);
    document.getElementById('job-failed').textContent = number(job.failedRows);
    document.getElementById('job-placed').textContent = number(job.householdsPlaced);
    document.getElementById('job-rooms-not-found').textContent = number(job.roomsNotFound);
    document.getElementById('job-dry-run').hidden = !job.dryRun;
    var message = document.getElementById('job-message');
    message.hidden = !job.message;
    message.textContent = job.message || '';
    var link = document.getElementById('job-errors');
    link.hidden = !job.hasErrorFile;
    if (job.hasErrorFile) {
      link.href = errorsUrl(job.id);
    } else {
      link.removeAttribute('href');
    }
  }

  function follow(id) {
    following = id;
    panel.hidden = false;
    poll(id);
  }

  function poll(id) {
    if (following !== id) {
      return;
    }
    fetch(panel.dataset.url + encodeURIComponent(id), { credentials: 'same-origin', headers: headers() })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (job) {
        render(job);
        if (finished(job)) {
          refreshList();
        } else {
          window.setTimeout(function () { poll(id); }, POLL_MS);
        }
      })
      .catch(function () {
        // a dropped connection (a phone changing cells) is not the end of the job: ask again a little later
        window.setTimeout(function () { poll(id); }, POLL_MS * 4);
      });
  }

  // The list of recent jobs, rebuilt from the API after a job finishes.
  function shownTime(iso) {
    var parts = {};
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso)).forEach(function (p) {
      parts[p.type] = p.value;
    });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }

  function row(job) {
    var tr = document.getElementById('job-row').content.firstElementChild.cloneNode(true);
    tr.dataset.jobId = job.id;
    tr.dataset.status = job.status;
    tr.querySelector('.time').textContent = shownTime(job.createdAt);
    tr.querySelector('.file').textContent = job.fileName;
    tr.querySelector('.mode').textContent = job.dryRun ? list.dataset.modeDry : list.dataset.modeReal;
    tr.querySelector('.status').textContent = statusText(job.status);
    tr.querySelector('.total').textContent = job.totalRows;
    tr.querySelector('.created').textContent = job.createdRows;
    tr.querySelector('.updated').textContent = job.updatedRows;
    tr.querySelector('.unchanged').textContent = job.unchangedRows;
    tr.querySelector('.failed').textContent = job.failedRows;
    tr.querySelector('.by').textContent = job.createdByName;
    var link = tr.querySelector('.errors');
    if (job.hasErrorFile) {
      link.hidden = false;
      link.href = errorsUrl(job.id);
    }
    return tr;
  }

  function refreshList() {
    fetch(list.dataset.url, { credentials: 'same-origin', headers: headers() })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (jobs) {
        if (!jobs) {
          return;
        }
        list.textContent = '';
        if (!jobs.length) {
          var empty = document.createElement('tr');
          var cell = document.createElement('td');
          cell.colSpan = 10;
          cell.textContent = list.dataset.textNone;
          empty.appendChild(cell);
          list.appendChild(empty);
        }
        jobs.forEach(function (job) { list.appendChild(row(job)); });
      })
      .catch(function () { /* the list stays as it was; the panel above already shows the outcome */ });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = form.elements.file.files[0];
    if (!file) {
      status.textContent = form.dataset.textChoose;
      status.classList.add('error');
      return;
    }
    var data = new FormData();
    data.append('file', file, file.name);
    data.append('dryRun', form.querySelector('input[name=dryRun]:checked').value);
    submit.disabled = true;
    status.classList.remove('error');
    status.textContent = form.dataset.textUploading;
    fetch(form.dataset.url, { method: 'POST', credentials: 'same-origin', headers: headers(), body: data })
      .then(function (response) {
        return response.json().catch(function () { return null; })
          .then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        submit.disabled = false;
        if (!result.ok || !result.body || !result.body.id) {
          status.textContent = problemText(result.body, form.dataset.textFailed);
          status.classList.add('error');
          return;
        }
        status.textContent = '';
        form.reset();
        follow(result.body.id);
      })
      .catch(function () {
        submit.disabled = false;
        status.textContent = form.dataset.textFailed;
        status.classList.add('error');
      });
  });

  // Coming back to the page while a job still runs: follow the newest one that has not finished.
  var running = list.querySelector('tr[data-status=QUEUED], tr[data-status=RUNNING]');
  if (running) {
    follow(running.dataset.jobId);
  }
})();
