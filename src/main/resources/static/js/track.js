// The resident's tracking page, just after he filed: "copy" puts the tracking code and the page's link on the
// clipboard, to paste into a note or a chat with himself (twelve characters are hard to select on a phone). Without a
// clipboard the browser allows, the button stays hidden and the code and link are there to write down or bookmark.
(function () {
  'use strict';
  var button = document.getElementById('copy-code');
  if (!button || !navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.getElementById('copy-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    var text = document.getElementById('tracking-code').textContent.trim() + ' '
        + document.getElementById('tracking-link').getAttribute('href');
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = button.getAttribute('data-copied');
    }, function () {
      status.textContent = button.getAttribute('data-failed');
    });
  });
})();
