/**
 * The installable offline app (issue 27): the web app manifest, its icons, the service worker (/sw.js, at
 * the root so it serves every page) and the pages' script, all files in client/web/pwa/; the list of pages
 * a person's device keeps (GET /offline/pages); and the marks the server puts on answers for the worker.
 * The server decides what a device may keep, never the worker's guess from an address: a page is kept
 * only when its answer carries X-Plazo-Offline naming the signed-in person.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { caseListIsOwn, deviceCaseIds } from '../../app/cases/deviceCases';
import type { RouteContext } from '../api/routeContext';
import { catalogue } from '../../domain/messages/catalogue';
import { html } from './html';
import { page } from './layout';
import { sendHtml } from './webReply';
import { DEVICE_AGENDA, MANIFEST_PATH, OFFLINE_SCRIPT_PATH } from './offlineMarks';

const dir = join(__dirname, 'pwa');
const file = (name: string) => readFileSync(join(dir, name));

const ICONS: Record<string, string> = { 'icon.svg': 'image/svg+xml', 'icon-192.png': 'image/png', 'icon-512.png': 'image/png', 'icon-maskable-512.png': 'image/png' };

const MANIFEST = {
  name: 'Plazo',
  short_name: 'Plazo',
  description: 'Los plazos legales de cada caso, también sin conexión.',
  lang: 'es',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f6f7f9',
  theme_color: '#1f3a5f',
  icons: [
    { src: '/assets/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/assets/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/assets/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: '/assets/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
};

/** The page shown offline for an address the device does not keep: no person's data, both languages. */
function offlineFallback(): string {
  const [es, en] = [catalogue('es').offline, catalogue('en').offline];
  return page({ title: es.unavailableTitle, lang: 'es', path: '/offline.html' }, html`<h1>${es.unavailableTitle}</h1><p>${es.unavailable}</p><p lang="en" class="muted">${en.unavailable}</p><p><a href="/cases">${catalogue('es').page.myCases}</a> · <a href="${DEVICE_AGENDA}">${catalogue('es').agenda.agenda}</a></p>`).toString();
}

export function registerOfflineRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const script = file('offline.js');
  // The worker's static cache is named for these bytes: a new deploy replaces it.
  const version = createHash('sha256').update(script).update(file('serviceWorker.js')).update(JSON.stringify(MANIFEST)).digest('hex').slice(0, 12);
  const worker = file('serviceWorker.js').toString('utf8').replace('__PLAZO_ASSETS_VERSION__', version);
  const js = 'text/javascript; charset=utf-8';

  // no-cache: the browser checks for a new worker on every visit (it would anyway after 24 h).
  app.get('/sw.js', async (_req, reply) => reply.header('content-type', js).header('cache-control', 'no-cache').send(worker));
  app.get(OFFLINE_SCRIPT_PATH, async (_req, reply) => reply.header('content-type', js).header('cache-control', 'no-cache').send(script));
  app.get(MANIFEST_PATH, async (_req, reply) => reply.header('content-type', 'application/manifest+json').header('cache-control', 'public, max-age=3600').send(JSON.stringify(MANIFEST)));
  for (const [name, type] of Object.entries(ICONS)) {
    const bytes = file(name);
    app.get(`/assets/${name}`, async (_req, reply) => reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(bytes));
  }
  const fallback = offlineFallback();
  app.get('/offline.html', async (_req, reply) => sendHtml(reply.header('cache-control', 'no-cache'), fallback));

  // What this person's device keeps: their open cases' pages, their list when it holds only theirs, their 14 days.
  app.get('/offline/pages', { config: { auth: 'web', action: 'web.offline_pages' } }, async (req, reply) => {
    const user = req.user!;
    const ids = await deviceCaseIds(ctx.db, user);
    const pages = [...(caseListIsOwn(user) ? ['/cases'] : []), DEVICE_AGENDA, ...ids.map((id) => `/cases/${encodeURIComponent(id)}`)];
    return reply.header('cache-control', 'no-store').send({ person: user.id, pages });
  });
}
