// Tickler's page behaviour: CSRF for htmx, toasts for failed htmx requests, confirmations.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  document.addEventListener('htmx:configRequest', function (event) {
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  function toast(html) {
    var region = document.getElementById('toasts');
    if (!region) { return; }
    var item = document.createElement('div');
    item.className = 'toast';
    item.setAttribute('role', 'alert');
    item.innerHTML = html;
    region.appendChild(item);
    setTimeout(function () { item.remove(); }, 8000);
  }

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    var type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('text/html') === 0 && xhr.responseText) {
      // our own server-rendered, escaped fragment (fragments/problem :: toast)
      toast(xhr.responseText);
    } else {
      var text = document.createElement('p');
      text.textContent = 'The request failed (' + xhr.status + ').';
      toast(text.outerHTML);
    }
  });

  document.addEventListener('htmx:sendError', function () {
    var text = document.createElement('p');
    text.textContent = 'The server cannot be reached. Check your connection and try again.';
    toast(text.outerHTML);
  });

  // <form data-confirm="Really?"> and <button data-confirm="…"> ask before submitting.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // Copy buttons: <button data-copy="#element-id">
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = button.getAttribute('data-copied') || 'Copied';
    }
  });

  // The menu button of the top bar on small screens.
  document.addEventListener('click', function (event) {
    var toggle = event.target.closest('[data-toggle]');
    if (!toggle) { return; }
    var target = document.getElementById(toggle.getAttribute('data-toggle'));
    if (target) {
      var open = target.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
  });
})();

// Forms marked data-reset-on-success are emptied after htmx saved them (a note, a quick log).
document.addEventListener('htmx:afterRequest', function (event) {
  var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest('form[data-reset-on-success]') : null;
  if (form && event.detail.successful) {
    form.reset();
  }
});

// "Select all" checkboxes of list tables: <input type="checkbox" data-select-all="name-of-row-boxes">
document.addEventListener('change', function (event) {
  var all = event.target.closest('[data-select-all]');
  if (!all) { return; }
  document.querySelectorAll('input[type=checkbox][name="' + all.getAttribute('data-select-all') + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
