/** /admin/status: workers seen, backlog, undelivered messages, the last send and the alerts firing. */
import type { AuthUser } from '../../app/auth';
import type { SystemStatus } from '../../app/status/systemStatus';
import { catalogue, type Lang } from '../../domain/messages/catalogue';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, type Html } from './html';
import { page } from './layout';

const at = (d: Date | null, lang: Lang) => (d ? fmtWhen(d.toISOString(), lang) : catalogue(lang).status.never);

export function statusPage(user: AuthUser, lang: Lang, s: SystemStatus): Html {
  const w = catalogue(lang).status;
  const { workers } = s;
  return page(
    { title: w.title, lang, user, path: '/admin/status' },
    html`<h1>${w.title}</h1>
<section id="status-alerts" class="card" aria-labelledby="status-alerts-title"><h2 id="status-alerts-title">${w.firing}</h2>
${s.firing.length ? html`<ul class="tight">${s.firing.map((a) => html`<li data-alert="${a}"><strong>${a}</strong>: ${w.alerts[a]}</li>`)}</ul>` : html`<p>${w.noneFiring}</p>`}
<p class="muted">${w.firingNote}</p></section>
<div class="tiles">
<div class="tile${s.undelivered.count ? ' tile-bad' : ''}" id="status-undelivered"><strong>${s.undelivered.count}</strong><span>${w.undelivered}${s.undelivered.count ? html`, ${w.oldestAge} ${w.minutes(Math.floor(s.undelivered.oldestAgeSeconds / 60))}; ${s.failing} ${w.failing}` : ''}</span></div>
<div class="tile" id="status-last-sent"><strong>${at(s.lastSentAt, lang)}</strong><span>${w.lastSent}</span></div>
<div class="tile${workers.pollers.length ? '' : ' tile-bad'}" id="status-workers"><strong>${workers.pollers.length}</strong><span>${w.workers}</span></div>
<div class="tile" id="status-backlog"><strong>${workers.backlog ?? '—'}</strong><span>${w.backlog}${workers.backlog === null ? html` (${w.backlogUnknown})` : ''}</span></div>
</div>
<h2>${w.workers}</h2>
${workers.error ? html`<p class="error">${w.temporalUnreachable(workers.error)}</p>` : ''}
${workers.pollers.length
  ? html`<ul class="tight" id="status-pollers">${workers.pollers.map((p) => html`<li><code>${p.identity}</code> · ${w.lastSeen} ${at(p.lastAccessTime, lang)}</li>`)}</ul>`
  : html`<p class="error">${w.noWorkers}</p>`}`,
  );
}
