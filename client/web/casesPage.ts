/** A caseworker's cases, ordered by the next deadline, coloured by urgency, with the time left in words. */
import { can } from '../api/access';
import type { AuthUser } from '../api/auth';
import type { Lang } from '../api/remaining';
import type { CaseSummary } from '../api/schemas';
import { ruleText } from '../../domain/messages/ruleTexts';
import { fmtWhen } from './format';
import { html, type Html } from './html';
import { phaseLabel, words } from './i18n';
import { page, urgencyBadge } from './layout';

export function casesPage(user: AuthUser, lang: Lang, cases: CaseSummary[], opts: { calendarUrl?: string; temporalLink: (caseId: string) => string }): Html {
  const w = words(lang);
  const rows = cases.map((c) => {
    const n = c.next;
    const urgency = n?.urgency ?? 'done';
    return html`<tr class="row-${urgency}" data-case="${c.id}">
<td><a href="/cases/${encodeURIComponent(c.id)}">${c.id}</a></td>
<td>${c.childName}${c.detained ? html`<span class="badge">${w.detained}</span>` : ''}</td>
<td>${phaseLabel(c.phase, lang)}</td>
<td>${n ? html`${ruleText(n.ruleId, lang, n.title).title}<div class="muted">${n.citation}</div>` : '—'}</td>
<td>${n ? fmtWhen(n.unit === 'hours' ? n.dueInstant : n.due, lang) : ''}</td>
<td>${n?.remaining ? urgencyBadge(urgency, n.remaining.text) : ''}</td>
<td><a class="muted" href="${opts.temporalLink(c.id)}">Temporal ↗</a></td></tr>`;
  });
  return page(
    { title: w.myCases, lang, user, path: '/cases' },
    html`<h1>${w.myCases}</h1>
${can(user, 'open_case') ? html`<p><a id="open-case-link" href="/cases/new">${w.openCase} →</a></p>` : ''}
${cases.length === 0 ? html`<p>${w.noCases}</p>` : html`<table id="cases"><thead><tr><th>${w.case}</th><th>${w.child}</th><th>${w.phase}</th><th>${w.nextDeadline}</th><th>${w.due}</th><th>${w.left}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`}
<h2>${w.calendarFeed}</h2><div class="card">
${opts.calendarUrl ? html`<p>${w.calendarShown}</p><p><code id="calendar-url">${opts.calendarUrl}</code></p>` : html`<p class="muted">${w.calendarHint}</p>`}
<form method="post" action="/calendar-link"><button class="small" type="submit">${w.calendarNew}</button></form></div>`,
  );
}
