// The pipeline board: drag a deal card to another column with SortableJS; the move goes to the
// server through htmx, which swaps in the updated card and both columns' counts and sums. When the
// server refuses (someone changed the deal meanwhile, a stage that takes no deals), the toast says
// why and the board reloads as it is now.
(function () {
  'use strict';

  function board() {
    return document.getElementById('board');
  }

  function refresh() {
    var element = board();
    if (element) {
      htmx.ajax('GET', element.getAttribute('data-refresh'), { target: '#board', swap: 'outerHTML' });
    }
  }

  function say(text) {
    var region = document.getElementById('toasts');
    if (!region) { return; }
    var item = document.createElement('div');
    item.className = 'toast';
    item.setAttribute('role', 'alert');
    var paragraph = document.createElement('p');
    paragraph.textContent = text;
    item.appendChild(paragraph);
    region.appendChild(item);
    setTimeout(function () { item.remove(); }, 8000);
  }

  function drop(event) {
    var card = event.item;
    var from = event.from;
    var to = event.to;
    if (from === to) { return; }
    if (to.getAttribute('data-takes') !== 'true') {
      from.insertBefore(card, from.children[event.oldIndex] || null);
      say(to.getAttribute('data-refuse'));
      return;
    }
    var values = { stageId: to.getAttribute('data-stage'), version: card.getAttribute('data-version') };
    var element = board();
    if (element && element.getAttribute('data-owner')) { values.ownerId = element.getAttribute('data-owner'); }
    if (element && element.getAttribute('data-team')) { values.teamId = element.getAttribute('data-team'); }
    // htmx copies the old element's attributes while settling; a style attribute left by dragging
    // would be re-applied through setAttribute, which the Content-Security-Policy forbids
    card.removeAttribute('style');
    card.classList.add('moving');
    htmx.ajax('POST', card.getAttribute('data-move'), { source: card, target: card, swap: 'outerHTML', values: values });
  }

  function init(root) {
    if (typeof Sortable === 'undefined' || !root.querySelectorAll) { return; }
    var lists = Array.prototype.slice.call(root.querySelectorAll('.board-cards'));
    if (root.classList && root.classList.contains('board-cards')) { lists.push(root); }
    lists.forEach(function (list) {
      if (list.sortable) { return; }
      list.sortable = Sortable.create(list, {
        group: 'deals',
        animation: 0,
        forceFallback: true,
        fallbackTolerance: 3,
        draggable: '.deal-card',
        filter: '.board-more, a, button',
        preventOnFilter: false,
        onEnd: drop
      });
    });
  }

  document.addEventListener('htmx:responseError', function (event) {
    var source = event.detail.elt;
    if (source && source.classList && source.classList.contains('deal-card')) {
      refresh();
    }
  });

  htmx.onLoad(init);
})();
