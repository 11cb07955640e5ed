/*
 * Plazo's service worker, served as /sw.js (client/web/offlineRoutes.ts). Hand-written, not Workbox: see
 * README.md "On a phone without signal". What it keeps, and for whom:
 * - pages the server marked X-Plazo-Offline: <person> (their own cases, case pages, 14-day agenda), under
 *   the address without ?done/&lang/&queued; nothing else (admin pages, CSV, PDF are never marked);
 * - the events and corrections typed without signal, in IndexedDB with their Idempotency-Key, until the
 *   server answers; sent on Background Sync, on `online` and on page load (the page asks: 'sync').
 * Everything goes on sign-out, when the server says the session is over (X-Plazo-Signed-Out, a 401), when
 * another person signs in, and after 7 days without a sync.
 */
'use strict';

const VERSION = '__PLAZO_ASSETS_VERSION__';
const STATIC = 'plazo-static-' + VERSION;
const PAGES = 'plazo-pages';
const STATIC_URLS = ['/assets/plazo.js', '/assets/offline.js', '/offline.html', '/manifest.webmanifest', '/assets/icon.svg', '/assets/icon-192.png'];
const DB_NAME = 'plazo-offline';
const MAX_UNSYNCED_MS = 7 * 24 * 3600 * 1000;
const SYNC_EVERY_MS = 5 * 60 * 1000;
const KEEP_RECORDED_MS = 24 * 3600 * 1000;
const NETWORK_WAIT_MS = 10000;
const FORM_PATH = /^\/cases\/([^/]+)\/events(?:\/(\d+)\/(correct|void))?$/;
const SYNC = { 'x-plazo-sync': '1' };

// ---- IndexedDB: 'queue' (one row per typed event, keyed by its Idempotency-Key) and 'meta' (owner, lastSync, lastRefresh).
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('queue', { keyPath: 'key' });
      req.result.createObjectStore('meta', { keyPath: 'name' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function tx(store, mode, run) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const out = run(t.objectStore(store));
      t.oncomplete = () => resolve(out && 'result' in out ? out.result : undefined);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}
const allQueued = () => tx('queue', 'readonly', (s) => s.getAll());
const putQueued = (item) => tx('queue', 'readwrite', (s) => s.put(item));
const dropQueued = (key) => tx('queue', 'readwrite', (s) => s.delete(key));
const getMeta = async (name) => ((await tx('meta', 'readonly', (s) => s.get(name))) || {}).value;
const setMeta = (name, value) => tx('meta', 'readwrite', (s) => s.put({ name, value }));

async function notify(message) {
  for (const c of await self.clients.matchAll({ includeUncontrolled: true })) c.postMessage(message);
}

/** Every child's data on this device gone: kept pages, the queue, who they belonged to. */
async function clearDevice(why) {
  await caches.delete(PAGES);
  await tx('queue', 'readwrite', (s) => s.clear());
  await tx('meta', 'readwrite', (s) => s.clear());
  await notify({ type: 'cleared', why });
}

async function expireIfStale() {
  const last = await getMeta('lastSync');
  if (last && Date.now() - last > MAX_UNSYNCED_MS) await clearDevice('stale');
}

const signedOut = (res) => res.status === 401 || res.headers.has('x-plazo-signed-out');

/** The address a page is kept under: without the flash, language and queue markers. */
function pageKey(href) {
  const url = new URL(href, self.location.origin);
  for (const p of ['done', 'lang', 'queued']) url.searchParams.delete(p);
  url.hash = '';
  return url.pathname + (url.searchParams.toString() ? '?' + url.searchParams.toString() : '');
}

/** Keeps a page the server marked for this person; another person's mark first clears the device. */
async function keep(href, res) {
  const owner = res.headers.get('x-plazo-offline');
  if (!res.ok || !owner) return;
  const was = await getMeta('owner');
  if (was && was !== owner) await clearDevice('other-person');
  await setMeta('owner', owner);
  await setMeta('lastSync', Date.now());
  await (await caches.open(PAGES)).put(pageKey(href), res);
}

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no answer')), NETWORK_WAIT_MS);
    promise.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
  });
}

/**
 * A page: from the network (kept when marked), else as last kept, else the offline notice. Only a page the
 * device keeps stops waiting on a weak signal after 10 s; any other (a slow export) waits for the server.
 */
async function page(request) {
  await expireIfStale();
  const kept = await (await caches.open(PAGES)).match(pageKey(request.url));
  let res;
  try {
    res = await (kept ? withTimeout(fetch(request)) : fetch(request));
  } catch (err) {
    return kept || (await caches.match('/offline.html')) || Response.error();
  }
  if (signedOut(res)) await clearDevice('signed-out');
  else await keep(request.url, res.clone());
  return res;
}

/** An event or a correction: to the server; without signal, queued here and the case page shown again. */
async function recordOrQueue(request, caseId) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (err) {
    const form = await copy.formData();
    const fields = [...form.entries()].filter(([, v]) => typeof v === 'string');
    let key = form.get('idempotencyKey');
    if (!key) {
      key = self.crypto.randomUUID();
      fields.push(['idempotencyKey', key]);
    }
    const path = new URL(request.url).pathname;
    await putQueued({ key, caseId: decodeURIComponent(caseId), path, fields, queuedAt: new Date().toISOString(), state: 'pending' });
    try {
      await self.registration.sync.register('plazo-queue');
    } catch (e) {
      // No Background Sync here: the page sends on `online` and on load.
    }
    await notify({ type: 'queue' });
    return Response.redirect('/cases/' + caseId + '?queued=1#offline-queue', 303);
  }
}

let flushing = null;
/** Sends what waits, oldest first; each gets the server's answer. Stops at the first sign of no signal. */
function flush() {
  flushing = flushing || (async () => {
    let recorded = 0;
    const items = (await allQueued()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    for (const item of items) {
      if (item.state === 'recorded' && Date.now() - Date.parse(item.answeredAt) > KEEP_RECORDED_MS) await dropQueued(item.key);
      if (item.state !== 'pending') continue;
      let res;
      try {
        res = await fetch(item.path, { method: 'POST', body: new URLSearchParams(item.fields), headers: SYNC, credentials: 'same-origin', redirect: 'manual' });
      } catch (err) {
        break; // still no signal: the rest waits too
      }
      if (signedOut(res)) {
        await clearDevice('signed-out');
        return recorded;
      }
      const answer = /json/.test(res.headers.get('content-type') || '') ? await res.json() : null;
      // Another refusal than the form's (the case is no longer this person's: 404): refused with its words.
      const refusedElse = answer && answer.error && res.status >= 400 && res.status < 500 && ![408, 409, 429].includes(res.status);
      if (!answer || (answer.status !== 'recorded' && answer.status !== 'refused' && !refusedElse)) continue; // the server's trouble: try later
      item.state = refusedElse ? 'refused' : answer.status;
      item.answeredAt = new Date().toISOString();
      if (answer.message || refusedElse) item.reason = refusedElse ? answer.error.message : answer.message;
      if (answer.duplicateOf) item.duplicateOf = answer.duplicateOf;
      if (answer.status === 'recorded') recorded++;
      await putQueued(item);
    }
    await notify({ type: 'queue' });
    return recorded;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

let refreshing = null;
/** Keeps this person's pages fresh, and only those: what the server lists; the rest is dropped. One at a time. */
function refresh(force) {
  refreshing = refreshing || refreshOnce(force).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshOnce(force) {
  // lastRefresh: the whole list, at most every 5 minutes; lastSync: any page the server gave (the 7 days).
  const last = await getMeta('lastRefresh');
  if (!force && last && Date.now() - last < SYNC_EVERY_MS) return;
  let res;
  try {
    res = await fetch('/offline/pages', { headers: SYNC, credentials: 'same-origin', redirect: 'manual' });
  } catch (err) {
    return;
  }
  if (signedOut(res)) return clearDevice('signed-out');
  if (!res.ok) return;
  const { person, pages } = await res.json();
  const was = await getMeta('owner');
  if (was && was !== person) await clearDevice('other-person');
  const cache = await caches.open(PAGES);
  const wanted = new Set(pages.map(pageKey));
  for (const href of pages) {
    try {
      const r = await fetch(href, { headers: SYNC, credentials: 'same-origin', redirect: 'manual' });
      if (signedOut(r)) return clearDevice('signed-out');
      if (r.ok && r.headers.get('x-plazo-offline') === person) await cache.put(pageKey(href), r);
    } catch (err) {
      return; // the signal went: keep what is kept
    }
  }
  for (const req of await cache.keys()) if (!wanted.has(pageKey(req.url))) await cache.delete(req);
  await setMeta('owner', person);
  await setMeta('lastSync', Date.now());
  await setMeta('lastRefresh', Date.now());
  await notify({ type: 'synced' });
}

async function sync(force) {
  await expireIfStale();
  const recorded = await flush();
  await refresh(force || recorded > 0);
}

/** Signing out: what waits is sent first when there is signal; then the device is cleared, signal or not. */
async function logout(request) {
  try {
    await flush();
  } catch (err) {
    // clearing must not wait on it
  }
  await clearDevice('logout');
  try {
    return await fetch(request);
  } catch (err) {
    return Response.redirect('/login', 303);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(STATIC).then((c) => c.addAll(STATIC_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('plazo-static-') && k !== STATIC).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST') {
    const m = FORM_PATH.exec(url.pathname);
    if (m) event.respondWith(recordOrQueue(request, m[1]));
    else if (url.pathname === '/logout') event.respondWith(logout(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (STATIC_URLS.includes(url.pathname)) event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'plazo-queue') event.waitUntil(sync(true));
});

self.addEventListener('message', (event) => {
  const m = event.data || {};
  const reply = (value) => event.ports[0] && event.ports[0].postMessage(value);
  if (m.type === 'sync') event.waitUntil(sync(false).then(() => reply(true), () => reply(false)));
  else if (m.type === 'queue') event.waitUntil(allQueued().then((items) => reply(items.filter((i) => i.caseId === m.caseId))));
  else if (m.type === 'discard') event.waitUntil(dropQueued(m.key).then(() => notify({ type: 'queue' })).then(() => reply(true)));
});
