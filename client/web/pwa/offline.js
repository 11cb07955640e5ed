/*
 * The pages' side of the offline app (served as /assets/offline.js; the service worker is serviceWorker.js):
 * registers the worker, stamps a page read from the device "Actualizado hace …", gives every form a fresh
 * Idempotency-Key (a page kept on the device is opened many times), asks the worker to send what waits
 * (on load and on `online`), and shows on a case page what was typed here: pendiente, registrado, or
 * rechazado with the reason and the values kept to fix. Its words come from the catalogue, in the page
 * (#plazo-offline-words). Without it every page works as before.
 */
'use strict';
(function () {
  var words = {};
  try {
    words = JSON.parse(document.getElementById('plazo-offline-words').textContent);
  } catch (e) {
    return; // not a signed-in page
  }
  var sw = navigator.serviceWorker;
  var lang = document.documentElement.lang || 'es';
  var renderedAt = Date.parse((document.querySelector('meta[name=plazo-rendered-at]') || {}).content || '');
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ''; });
  };

  // A fresh key per page view: a kept page shown twice must not send two events under one key.
  if (window.crypto && crypto.randomUUID) {
    document.querySelectorAll('input[name=idempotencyKey]').forEach(function (i) { i.value = crypto.randomUUID(); });
  }

  // ---- "Actualizado hace …": shown when the page is not fresh from the server (read from the device).
  var stale = function () { return !navigator.onLine || Date.now() - renderedAt > 60000; };
  var stamp = document.createElement('p');
  stamp.id = 'offline-stamp';
  stamp.className = 'muted no-print';
  stamp.setAttribute('role', 'status');
  var main = document.getElementById('main');
  function ago(ms) {
    var rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
    var min = Math.max(1, Math.round(ms / 60000));
    if (min < 60) return rtf.format(-min, 'minute');
    var h = Math.round(min / 60);
    return h < 48 ? rtf.format(-h, 'hour') : rtf.format(-Math.round(h / 24), 'day');
  }
  function showStamp() {
    if (!renderedAt || !main || !stale()) {
      stamp.remove();
      return;
    }
    stamp.textContent = (navigator.onLine ? '' : words.offline + ' ') + fill(words.syncedAgo, { ago: ago(Date.now() - renderedAt) });
    if (!stamp.isConnected) main.insertBefore(stamp, main.firstChild);
  }
  if (renderedAt && stale()) {
    // What the page said when it was kept is not news now; and a date left as it was then would record that day.
    var flash = document.getElementById('flash');
    if (flash) flash.remove();
    var today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date());
    var rendered = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date(renderedAt));
    document.querySelectorAll('#event-form input[name=date]').forEach(function (i) { if (i.value === rendered) i.value = today; });
  }
  showStamp();
  setInterval(showStamp, 30000);
  window.addEventListener('online', showStamp);
  window.addEventListener('offline', showStamp);

  if (!sw) return;
  sw.register('/sw.js').catch(function () { /* no offline app in this browser: the pages still work */ });

  function ask(message) {
    return sw.ready.then(function (reg) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) { resolve(e.data); };
        (sw.controller || reg.active).postMessage(message, [channel.port2]);
      });
    });
  }

  // ---- What was typed on this device for this case.
  var form = document.getElementById('event-form');
  var caseId = form ? decodeURIComponent(form.getAttribute('action').split('/')[2]) : null;
  var list = null;
  var scrolled = false;
  function labelOf(item) {
    var type = item.fields.filter(function (f) { return f[0] === 'type'; })[0];
    var m = /\/events\/(\d+)\/(correct|void)$/.exec(item.path);
    if (m) {
      var row = document.querySelector('details.correction[data-seq="' + m[1] + '"] form[action$="/' + m[2] + '"] button');
      return (row ? row.textContent : m[2]) + ' #' + m[1];
    }
    var option = type && document.querySelector('#ev-type option[value="' + type[1] + '"]');
    return option ? option.textContent : type ? type[1] : '';
  }
  function valueOf(item, name) {
    var f = item.fields.filter(function (x) { return x[0] === name; })[0];
    return f ? f[1] : '';
  }
  function refill(item) {
    var m = /\/events\/(\d+)\/(correct|void)$/.exec(item.path);
    var target = m ? document.querySelector('details.correction[data-seq="' + m[1] + '"] form[action$="/' + m[2] + '"]') : form;
    if (!target) return;
    if (m) target.closest('details').open = true;
    item.fields.forEach(function (f) {
      if (f[0] === 'idempotencyKey') return;
      var input = target.querySelector('[name="' + f[0] + '"]');
      if (!input) return;
      if (input.type === 'checkbox') input.checked = input.value === f[1];
      else input.value = f[1];
      input.dispatchEvent(new Event('change'));
    });
    target.setAttribute('data-replaces', item.key);
    var first = target.querySelector('select, input:not([type=hidden])');
    if (first) first.focus();
  }
  document.addEventListener('submit', function (e) {
    var replaces = e.target.getAttribute && e.target.getAttribute('data-replaces');
    if (replaces) ask({ type: 'discard', key: replaces });
  });
  function render(items) {
    if (!list) {
      list = document.createElement('section');
      list.id = 'offline-queue';
      list.className = 'card';
      form.parentNode.insertBefore(list, form.previousElementSibling || form);
    }
    list.hidden = items.length === 0;
    list.textContent = '';
    if (!items.length) return;
    var h = document.createElement('h2');
    h.textContent = words.queueTitle;
    list.appendChild(h);
    var ul = document.createElement('ul');
    ul.className = 'tight';
    items.sort(function (a, b) { return a.queuedAt < b.queuedAt ? -1 : 1; }).forEach(function (item) {
      var li = document.createElement('li');
      li.setAttribute('data-key', item.key);
      li.setAttribute('data-state', item.state);
      var what = document.createElement('strong');
      what.textContent = labelOf(item);
      li.appendChild(what);
      var when = [valueOf(item, 'date'), valueOf(item, 'time')].filter(Boolean).join(' ');
      li.appendChild(document.createTextNode(when ? ' · ' + when + ' · ' : ' · '));
      var state = document.createElement('span');
      state.className = 'queue-state u ' + (item.state === 'refused' ? 'u-overdue' : item.state === 'recorded' ? 'u-ok' : 'u-soon');
      state.textContent = item.state === 'refused' ? fill(words.refused, { reason: item.reason || '' }) : words[item.state === 'recorded' ? 'recorded' : 'pending'];
      li.appendChild(state);
      if (item.duplicateOf) {
        var dup = document.createElement('span');
        dup.className = 'possible-duplicate u u-urgent';
        dup.textContent = fill(words.possibleDuplicate, { seq: item.duplicateOf.seq, by: item.duplicateOf.by });
        li.appendChild(document.createTextNode(' '));
        li.appendChild(dup);
      }
      if (item.state === 'refused') {
        [[words.fix, function () { refill(item); }], [words.discard, function () { ask({ type: 'discard', key: item.key }); }]].forEach(function (b) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'small';
          button.textContent = b[0];
          button.addEventListener('click', b[1]);
          li.appendChild(document.createTextNode(' '));
          li.appendChild(button);
        });
      }
      ul.appendChild(li);
    });
    list.appendChild(ul);
    // Back from typing it without signal (#offline-queue): the phone shows where it waits.
    if (location.hash === '#offline-queue' && !scrolled) {
      scrolled = true;
      list.scrollIntoView();
    }
  }
  function showQueue() {
    if (caseId) ask({ type: 'queue', caseId: caseId }).then(render);
  }
  if (form && /[?&]queued=1/.test(location.search)) {
    var note = document.createElement('p');
    note.className = 'flash';
    note.setAttribute('role', 'status');
    note.textContent = words.queued;
    if (main) main.insertBefore(note, main.firstChild);
  }

  sw.addEventListener('message', function (e) {
    if (e.data && (e.data.type === 'queue' || e.data.type === 'cleared')) showQueue();
  });
  var syncNow = function () { if (navigator.onLine) ask({ type: 'sync' }); };
  window.addEventListener('online', syncNow);
  sw.ready.then(function () {
    showQueue();
    syncNow();
  });
})();
