/**
 * The agenda: deadlines across every case the person may see, one section per Mexico City day (a day or a
 * Monday-to-Sunday week), filterable, with what is already overdue from before the period on top.
 * Prints as a clean list (layout.ts's print stylesheet drops the navigation, filters and buttons).
 */
import { citationText } from '../../domain/messages/computationText';
import { DateTime } from 'luxon';
import { MX_ZONE, RULE_PACK } from '../../domain';
import { catalogue, ruleText, type Lang, statusLabel, words, listWords } from '../../domain/messages/catalogue';
import type { Agenda, AgendaItem } from '../../app/agenda/loadAgenda';
import { AGENDA_KINDS, AGENDA_STATUSES, type AgendaQuery } from '../../app/agendaSchema';
import type { AuthUser } from '../../app/auth';
import { fmtWhen, todayInMexico, zoneWords } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { page, urgencyBadge } from './layout';
import { countdownClock, countdownScript } from './dangerList';

export interface AgendaPageInput {
  user: AuthUser;
  lang: Lang;
  query: AgendaQuery;
  agenda: Agenda;
  now: Date;
  error?: { message: string; field: string | null } | null;
}

/** The agenda's address with some parameters changed (empty ones dropped). */
function agendaHref(q: AgendaQuery, change: Partial<Record<keyof AgendaQuery, string | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | undefined> = { view: q.view, from: q.from, status: q.status, kind: q.kind, rule: q.rule, office: q.office, caseworker: q.caseworker, mine: q.mine, ...change };
  for (const [k, v] of Object.entries(merged)) if (v) params.set(k, v);
  return `/agenda?${params.toString()}`;
}

export function agendaPage(p: AgendaPageInput): Html {
  const { lang, query: q, agenda: a } = p;
  const w = catalogue(lang).agenda;
  const lw = listWords(lang);
  const today = todayInMexico(p.now);
  const span = (f: (a: string, b: string) => string) => f(fmtWhen(a.range.from, lang), fmtWhen(a.range.to, lang));
  const heading = a.range.nextDays ? span(w.nextDays) : q.view === 'week' ? span(w.weekOf) : q.view === 'fortnight' ? span(w.fortnightOf) : fmtWhen(a.range.from, lang);
  const total = a.days.reduce((n, d) => n + d.items.length, 0);
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${attr(current === value, 'selected')}>${label}</option>`;
  const summary = [
    `${w.status}: ${w.statuses[q.status]}`,
    q.kind ? `${w.kind}: ${w.kinds[q.kind]}` : '',
    q.rule ? `${w.rule}: ${ruleText(q.rule, lang, q.rule).title}` : '',
    q.office ? `${w.office}: ${q.office}` : '',
    q.caseworker ? `${w.caseworker}: ${a.options.caseworkers.find((c) => c.id === q.caseworker)?.name ?? q.caseworker}` : '',
  ].filter(Boolean);
  return page(
    { title: w.agenda, lang, user: p.user, path: agendaHref(q, {}), error: p.error },
    html`<h1>${w.agenda} <span class="muted">· ${heading}</span></h1>
<p class="muted no-print">${w.intro}</p>
<p class="print-only">${p.user.name} · ${w.filters}: ${summary.join(' · ')} · ${w.printedAt}: ${fmtWhen(p.now.toISOString(), lang, 'page', p.user.timeZone)}</p>
<form id="agenda-filters" class="filters no-print card" method="get" action="/agenda">
<label>${w.week} / ${w.day}<select name="view">${option('week', w.week, q.view)}${option('day', w.day, q.view)}${option('fortnight', w.fortnight, q.view)}</select></label>
<label>${w.from}<input type="date" name="from" value="${q.from ?? a.range.from}"></label>
<label>${w.status}<select name="status">${AGENDA_STATUSES.map((s) => option(s, w.statuses[s], q.status))}</select></label>
<label>${w.kind}<select name="kind">${option('', w.any, q.kind ?? '')}${AGENDA_KINDS.map((k) => option(k, w.kinds[k], q.kind))}</select></label>
<label>${w.rule}<select name="rule">${option('', w.any, q.rule ?? '')}${RULE_PACK.rules.map((r) => option(r.id, ruleText(r.id, lang).title, q.rule))}</select></label>
<label>${w.office}<select name="office">${option('', w.any, q.office ?? '')}${a.options.offices.map((o) => option(o, o, q.office))}</select></label>
<label>${w.caseworker}<select name="caseworker">${option('', w.any, q.caseworker ?? '')}${a.options.caseworkers.map((c) => option(c.id, c.name, q.caseworker))}</select></label>
<label class="check"><input type="checkbox" name="mine" value="1"${attr(q.mine === '1', 'checked')}> ${w.mine}</label>
<button class="primary" type="submit">${w.filter}</button></form>
<p class="agenda-nav no-print"><a id="agenda-previous" href="${agendaHref(q, { from: a.range.previous })}">${w.previous}</a>
<a id="agenda-today" href="${agendaHref(q, { from: undefined })}">${w.today}</a>
<a id="agenda-next" href="${agendaHref(q, { from: a.range.next })}">${w.next}</a>
<a href="${agendaHref(q, { view: q.view === 'week' ? 'day' : 'week' })}">${q.view === 'week' ? w.day : w.week}</a>
<button class="small" type="button" data-print>${w.print}</button>
<span class="muted">${w.count(total)}</span></p>
${a.overdueBefore.length > 0
      ? html`<section id="overdue-before" class="agenda-day"><h2>${w.overdueBefore} (${a.overdueBefore.length})</h2>${itemsTable(a.overdueBefore, lang, true, p.user.timeZone)}</section>`
      : ''}
${a.days.map(
      (d) => html`<section class="agenda-day" data-date="${d.date}"><h2>${fmtWhen(d.date, lang)}${d.date === today ? html` <span class="u u-soon">${w.today}</span>` : ''}</h2>
${d.items.length === 0 ? html`<p class="muted">${w.none}</p>` : itemsTable(d.items, lang, false, p.user.timeZone)}</section>`,
    )}
${q.after || a.more
      ? html`<nav class="pager no-print" aria-label="${lw.pages}">${q.after ? html`<a id="first-page" href="${agendaHref(q, {})}">${lw.firstPage}</a>` : ''}${a.more ? html` <a id="next-page" href="${agendaHref(q, { after: a.more })}">${lw.nextPage}</a>` : ''}</nav>`
      : ''}
${countdownScript([...a.overdueBefore, ...a.days.flatMap((d) => d.items)].some((i) => i.unit === 'hours' && i.remaining))}`,
  );
}

/** Grouped by Mexico City day (the law's); an hour-counted limit at its time on the reader's clock (`zone`). */
function itemsTable(items: AgendaItem[], lang: Lang, withDate: boolean, zone = MX_ZONE): Html {
  const w = catalogue(lang).agenda;
  const cw = words(lang);
  return html`<table class="agenda"><thead><tr><th>${withDate ? cw.due : w.time}</th><th>${w.case}</th><th>${w.child}</th><th>${w.rule}</th><th>${w.status}</th><th>${w.caseworker}</th></tr></thead><tbody>${items.map((i) => {
    const t = ruleText(i.ruleId, lang, i.title);
    const when = i.unit === 'hours' ? (withDate ? fmtWhen(i.dueInstant, lang, 'page', zone) : hourOn(i.dueInstant, lang, zone)) : withDate ? fmtWhen(i.due, lang) : w.allDay;
    return html`<tr class="row-${i.urgency}" data-deadline="${i.id}">
<td>${when}</td>
<td><a href="/cases/${encodeURIComponent(i.caseId)}">${i.caseId}</a>${i.office ? html`<div class="muted">${i.office}</div>` : ''}</td>
<td>${i.childName}</td>
<td><strong>${t.title}</strong><div class="muted">${i.kind === 'program_target' ? w.kinds.program_target : w.kinds.law} · ${citationText(i.citation, lang)}</div></td>
<td>${statusLabel(i.status, lang)}${i.late ? ` (${cw.lateShort})` : ''}${i.remaining ? html` ${urgencyBadge(i.urgency, i.remaining.text)}${countdownClock(i, lang)}` : ''}</td>
<td>${i.caseworkerName}</td></tr>`;
  })}</tbody></table>`;
}

/** '14:36', and the zone named when it is not Mexico City's: '12:36 (hora de Tijuana)'. */
function hourOn(instant: string, lang: Lang, zone: string): string {
  const hour = DateTime.fromISO(instant, { zone }).toFormat('HH:mm');
  return zone === MX_ZONE ? hour : `${hour} (${zoneWords(zone, lang)})`;
}
