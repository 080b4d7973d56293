// The follow-up engine's keyboard help: Ctrl+Enter (or Cmd+Enter) logs the quick-log form from any
// field, and "n" on a page with a quick-log form moves to its first field. No inline scripts (CSP).
(function () {
  'use strict';
  if (window.ticklerFollowUp) { return; }
  window.ticklerFollowUp = true;

  document.addEventListener('keydown', function (event) {
    var form = event.target.closest && event.target.closest('form[data-quick-log]');
    if (form && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      return;
    }
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && event.key === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var first = document.querySelector('form[data-quick-log] select, form[data-quick-log] input:not([type=hidden])');
      if (first) { event.preventDefault(); first.focus(); }
    }
  });

  // after htmx swaps the quick-log form (logged, or the next-step question), focus its first field
  document.addEventListener('htmx:afterSwap', function (event) {
    var form = event.target.matches && event.target.matches('form[data-quick-log]') ? event.target
      : document.querySelector('form[data-quick-log]');
    if (form && event.target === form) {
      var first = form.querySelector('[autofocus]') || form.querySelector('select, input:not([type=hidden]), textarea');
      if (first) { first.focus(); }
    }
  });
})();
