/** A caseworker's cases, ordered by the next deadline, coloured by urgency, with the time left in words. */
import { can } from '../api/access';
import type { AuthUser } from '../api/auth';
import type { Lang } from '../api/remaining';
import type { CaseSummary } from '../api/schemas';
import { ruleText } from '../../domain/messages/ruleTexts';
import type { FeedLinks } from '../calendar/feedLink';
import { fmtWhen } from './format';
import { html, type Html } from './html';
import { phaseLabel, words } from './i18n';
import { page, urgencyBadge } from './layout';

export function casesPage(user: AuthUser, lang: Lang, cases: CaseSummary[], opts: { calendar: FeedLinks | null; temporalLink: (caseId: string) => string; flash?: string | null }): Html {
  const w = words(lang);
  // The Temporal UI is an operator's console (write actions, payloads decoded for admins): admins only.
  const operator = can(user, 'use_codec');
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
${operator ? html`<td><a class="muted" href="${opts.temporalLink(c.id)}">Temporal ↗</a></td>` : ''}</tr>`;
  });
  return page(
    { title: w.myCases, lang, user, path: '/cases', flash: opts.flash },
    html`<h1>${w.myCases}</h1>
${can(user, 'open_case') ? html`<p><a id="open-case-link" href="/cases/new">${w.openCase} →</a></p>` : ''}
${cases.length === 0 ? html`<p>${w.noCases}</p>` : html`<table id="cases"><thead><tr><th>${w.case}</th><th>${w.child}</th><th>${w.phase}</th><th>${w.nextDeadline}</th><th>${w.due}</th><th>${w.left}</th>${operator ? html`<th></th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`}
<h2 id="calendar">${w.calendarFeed}</h2><div class="card no-print">
<p class="muted">${w.calendarHint}</p>
${opts.calendar ? calendarLink(opts.calendar, lang) : ''}
<form method="post" action="/calendar-link"><button class="small" type="submit">${opts.calendar ? w.calendarNew : w.calendarCreate}</button></form></div>`,
  );
}

/** The feed's address, the same on every visit until replaced: webcal:// to subscribe, https for Google. */
function calendarLink(link: FeedLinks, lang: Lang): Html {
  const w = words(lang);
  return html`<p>${w.calendarShown}</p>
<p class="copy-row"><input id="calendar-url" class="copy-field" readonly value="${link.webcal}" aria-label="webcal"> <button class="small" type="button" data-copy="calendar-url" data-done="${w.copied}">${w.copy}</button>
<a id="calendar-open" href="${link.webcal}">${w.calendarOpenApp}</a></p>
<p class="muted">${w.calendarHttps}</p>
<p class="copy-row"><input id="calendar-https" class="copy-field" readonly value="${link.url}" aria-label="https"> <button class="small" type="button" data-copy="calendar-https" data-done="${w.copied}">${w.copy}</button></p>`;
}
