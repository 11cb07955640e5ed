/**
 * "Mis casos": the person's cases danger first (hour-counted alarms, then overdue, then by the next
 * deadline), every live deadline of each, searchable and filterable, a page at a time; supervisors and
 * above see who holds each case. At phone width each row becomes a card (layout.ts).
 */
import { can } from '../../app/access';
import type { AuthUser } from '../../app/auth';
import type { CaseListPage } from '../../app/cases/listCasePage';
import { CASE_LIST_STATUSES, caseListSearch, encodeCursor, type CaseListQuery } from '../../app/caseListSchema';
import { type Lang, phaseLabel, words, listWords } from '../../domain/messages/catalogue';
import type { FeedLinks } from '../../app/calendar/feedLink';
import { countdownScript, deadlineLine, worstUrgency } from './dangerList';
import { fmtWhen } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { commonFilterFields, option } from './listFilters';
import { page } from './layout';

export interface CasesPageInput {
  user: AuthUser;
  lang: Lang;
  query: CaseListQuery;
  list: CaseListPage;
  calendar: FeedLinks | null;
  temporalLink: (caseId: string) => string;
  flash?: string | null;
  error?: { message: string; field: string | null } | null;
}

export function casesPage(p: CasesPageInput): Html {
  const { user, lang, query: q, list } = p;
  const w = words(lang);
  const lw = listWords(lang);
  // The Temporal UI is an operator's console (write actions, payloads decoded for admins): admins only.
  const operator = can(user, 'use_codec');
  // A caseworker or a lawyer holds their own cases: who holds each matters to those who oversee others.
  const overseer = user.role !== 'caseworker' && user.role !== 'lawyer';
  const filtered = Boolean(q.q || q.phase || q.office || q.caseworker || q.overdue || q.status !== 'open' || q.after);
  const rows = list.items.map((c) => {
    const urgency = c.closedAt ? 'done' : worstUrgency(c.deadlines);
    return html`<tr class="row-${urgency}" data-case="${c.id}">
<td data-label="${w.case}"><a href="/cases/${encodeURIComponent(c.id)}">${c.id}</a></td>
<td data-label="${w.child}">${c.childName}${c.detained ? html`<span class="badge">${w.detained}</span>` : ''}</td>
<td data-label="${w.phase}">${phaseLabel(c.phase, lang)}${c.office ? html`<div class="muted">${c.office}</div>` : ''}</td>
${overseer ? html`<td data-label="${lw.holder}">${c.caseworkerName}</td>` : ''}
<td class="wide" data-label="${lw.liveDeadlines}">${c.deadlines.length > 0
      ? html`<ul class="dl">${c.deadlines.map((d) => deadlineLine(d, lang, user.timeZone))}</ul>`
      : html`<span class="muted">${c.closedAt ? `${lw.closedOn} ${fmtWhen(c.closedAt, lang, 'page', user.timeZone)}` : lw.noLive}</span>`}</td>
${operator ? html`<td><a class="muted" href="${p.temporalLink(c.id)}">Temporal ↗</a></td>` : ''}</tr>`;
  });
  const hasClock = list.items.some((c) => c.deadlines.some((d) => d.unit === 'hours' && d.remaining));
  return page(
    { title: w.myCases, lang, user, path: `/cases${caseListSearch(q, q.after ? { after: encodeCursor(q.after) } : {})}`, flash: p.flash, error: p.error },
    html`<h1>${w.myCases}</h1>
${can(user, 'open_case') ? html`<p><a id="open-case-link" href="/cases/new">${w.openCase} →</a></p>` : ''}
<form id="case-filters" class="filters no-print card" method="get" action="/cases" role="search" aria-label="${lw.filters}">
${commonFilterFields(q, list.options, lang, overseer)}
<label>${lw.status}<select name="status">${CASE_LIST_STATUSES.map((s) => option(s, lw.statuses[s], q.status))}</select></label>
<label class="check"><input type="checkbox" name="overdue" value="1"${attr(q.overdue, 'checked')}> ${lw.overdueOnly}</label>
<button class="primary" type="submit">${lw.filter}</button>${filtered ? html` <a href="/cases">${lw.clear}</a>` : ''}</form>
${list.items.length === 0
      ? html`<p id="no-cases">${filtered ? lw.noMatch : w.noCases}</p>`
      : html`<table id="cases" class="cards"><thead><tr><th>${w.case}</th><th>${w.child}</th><th>${w.phase}</th>${overseer ? html`<th>${lw.holder}</th>` : ''}<th>${lw.liveDeadlines}</th>${operator ? html`<th><span class="sr-only">Temporal</span></th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`}
${q.after || list.next
      ? html`<nav class="pager no-print" aria-label="${lw.pages}">${q.after ? html`<a id="first-page" href="/cases${caseListSearch(q)}">${lw.firstPage}</a>` : ''}${list.next ? html`<a id="next-page" href="/cases${caseListSearch(q, { after: list.next })}">${lw.nextPage}</a>` : ''}</nav>`
      : ''}
<h2 id="calendar">${w.calendarFeed}</h2><div class="card no-print">
<p class="muted">${w.calendarHint}</p>
${p.calendar ? calendarLink(p.calendar, lang) : ''}
<form method="post" action="/calendar-link"><button class="small" type="submit">${p.calendar ? w.calendarNew : w.calendarCreate}</button></form></div>
${countdownScript(hasClock)}`,
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
