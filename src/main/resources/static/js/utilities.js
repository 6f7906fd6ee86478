// A utility import's page: while the job runs, follow its progress and reload the page when it is done.
(function () {
  'use strict';
  var section = document.getElementById('utility-job');
  if (!section || section.dataset.finished === 'true') {
    return;
  }
  var progress = document.getElementById('job-progress');
  function poll() {
    fetch(section.dataset.url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) {
          return;
        }
        if (job.status === 'DONE' || job.status === 'FAILED') {
          window.location.reload();
          return;
        }
        if (job.totalRows > 0) {
          progress.max = job.totalRows;
          progress.value = job.processedRows;
        }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 400);
})();
