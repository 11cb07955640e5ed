/**
 * The program dashboard (supervisor: their teams; director and admin: every case): caseload by office,
 * caseworker and phase, and the evidence — COMAR's decision times against 45/90 business days, the time
 * from the Procuraduría's notice to the BID, detention durations against 36 hours — with server-drawn
 * charts and CSV exports. No child's name appears on this page.
 */
import type { AuthUser } from '../../app/auth';
import type { Breakdown, Distribution, ProgramSummary } from '../../app/program/programFigures';
import { actorLabel, catalogue, type Catalogue, type Lang, phaseLabel } from '../../domain/messages/catalogue';
import { can } from '../../app/access';
import { barChartSvg, svgDataUri } from './charts';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, type Html } from './html';
import { page } from './layout';

type W = Catalogue['dashboard'];

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10) / 10));

function breakdownTable(id: string, title: string, keyTitle: string, rows: Breakdown[], w: W, label: (b: Breakdown) => string = (b) => b.label): Html {
  // On a phone the rows are cards: each figure carries its column's name (data-label), or it would be a bare number.
  return html`<section class="dash-block"><h2>${title}</h2><div class="scroll-x"><table id="${id}" class="dash-table cards"><thead><tr><th>${keyTitle}</th><th>${w.open}</th><th>${w.overdue}</th><th>${w.detained}</th><th>${w.dueThisWeek}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-key="${r.key}"><td class="wide" data-label="${keyTitle}">${label(r)}</td><td data-label="${w.open}">${r.open}</td><td data-label="${w.overdue}">${r.overdue}</td><td data-label="${w.detained}">${r.detained}</td><td data-label="${w.dueThisWeek}">${r.dueThisWeek}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function distributionBlock(id: string, title: string, note: string, axis: string, d: Distribution, limitBin: number, w: W): Html {
  const chart = d.n + d.pending === 0
    ? html`<p class="muted">${w.none}</p>`
    : html`<img class="chart" alt="${title}: ${d.bins.map((b) => `${b.label} ${axis}: ${b.count}`).join('; ')}" src="${svgDataUri(
        barChartSvg({
          title: axis,
          categories: d.bins.map((b) => b.label),
          series: [
            { name: w.decided, values: d.bins.map((b) => b.count), color: '#1f3a5f' },
            { name: w.pendingSoFar, values: d.pendingBins.map((b) => b.count), color: '#f29900' },
          ],
          overFrom: limitBin,
        }),
      )}">`;
  return html`<section class="dash-block" id="${id}"><h2>${title}</h2><p class="muted">${note}</p>
<p class="figures"><span><strong data-figure="n">${d.n}</strong> ${w.decided}</span> <span><strong data-figure="over">${d.over}</strong> ${w.late}</span> <span><strong data-figure="share">${pct(d.shareOver)}</strong> ${w.share}</span> <span><strong data-figure="median">${num(d.median)}</strong> ${axis} (${w.median})</span> <span><strong data-figure="pending">${d.pending}</strong> ${w.pending}</span> <span><strong data-figure="pendingOver">${d.pendingOver}</strong> ${w.pendingOver}</span></p>
${chart}</section>`;
}

export function dashboardPage(user: AuthUser, lang: Lang, f: ProgramSummary): Html {
  const w = catalogue(lang).dashboard;
  const officeChart = f.byOffice.length
    ? html`<img class="chart" alt="${w.openOverdueChart}" src="${svgDataUri(
        barChartSvg({
          title: w.cases,
          categories: f.byOffice.map((o) => o.label),
          series: [
            { name: w.open, values: f.byOffice.map((o) => o.open), color: '#1f3a5f' },
            { name: w.overdue, values: f.byOffice.map((o) => o.overdue), color: '#b3261e' },
          ],
        }),
      )}">`
    : '';
  return page(
    { title: w.title, lang, user, path: '/dashboard' },
    html`<h1>${w.title}</h1>
<p class="muted">${user.role === 'supervisor' ? w.scopeTeam : w.scopeAll} ${w.at} ${fmtWhen(f.at, lang, 'page', user.timeZone)}. <button class="small no-print" type="button" data-print>${w.print}</button></p>
<div class="tiles" id="caseload">
<div class="tile"><strong data-figure="open">${f.caseload.open}</strong><span>${w.open}</span></div>
<div class="tile tile-bad"><strong data-figure="overdue">${f.caseload.overdue}</strong><span>${w.overdue}</span></div>
<div class="tile tile-bad"><strong data-figure="detained">${f.caseload.detained}</strong><span>${w.detained}</span></div>
<div class="tile"><strong data-figure="dueThisWeek">${f.caseload.dueThisWeek}</strong><span>${w.dueThisWeek}</span></div></div>
${breachesBlock(f, lang)}
<div class="dash-grid">
${breakdownTable('by-office', w.byOffice, w.office, f.byOffice, w)}
<section class="dash-block"><h2>${w.openOverdueChart}</h2>${officeChart}</section>
${breakdownTable('by-caseworker', w.byCaseworker, w.caseworker, f.byCaseworker, w)}
${breakdownTable('by-phase', w.byPhase, w.phase, f.byPhase, w, (b) => phaseLabel(b.key, lang))}
${distributionBlock('comar', w.comar, w.comarNote, w.comarAxis, f.comar, 3, w)}
${distributionBlock('bid', w.bid, w.bidNote, w.bidAxis, f.bid, 2, w)}
${distributionBlock('detention', w.detention, w.detentionNote, w.detentionAxis, f.detention, 3, w)}
</div>
<section class="dash-block no-print"><h2>${w.exports}</h2><ul>
<li><a id="csv-deadlines" href="/dashboard/deadlines.csv">${w.deadlinesCsv}</a></li>
${can(user, 'export_child_names') ? html`<li><form id="csv-deadlines-names" method="get" action="/dashboard/deadlines.csv"><input type="hidden" name="names" value="1"><label for="export-reason">${w.deadlinesNamesCsv}: ${w.namesReason}</label> <input id="export-reason" name="reason" required minlength="3" maxlength="500"> <button type="submit" class="small">${w.namesDownload}</button></form></li>` : ''}
<li><a id="csv-compliance" href="/dashboard/compliance.csv">${w.complianceCsv}</a></li></ul></section>`,
  );
}

/** Authorities' overdue duties by actor: evidence of their breaches, apart from the team's own overdue terms. */
function breachesBlock(f: ProgramSummary, lang: Lang): Html {
  const w = catalogue(lang).duty;
  const total = f.breaches.reduce((n, b) => n + b.count, 0);
  return html`<section id="authority-breaches"><h2>${w.breachesCount}: <span data-figure="breaches">${total}</span></h2><p class="muted">${w.breachesNote}</p>
${f.breaches.length ? html`<div class="tiles">${f.breaches.map((b) => html`<div class="tile" data-actor="${b.actor}"><strong>${b.count}</strong><span>${actorLabel(b.actor, lang)}</span></div>`)}</div>` : ''}</section>`;
}
