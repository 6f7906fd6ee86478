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
