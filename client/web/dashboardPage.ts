/**
 * The program dashboard (supervisor: their teams; director and admin: every case): caseload by office,
 * caseworker and phase, and the evidence — COMAR's decision times against 45/90 business days, the time
 * from the Procuraduría's notice to the BID, detention durations against 36 hours — with server-drawn
 * charts and CSV exports. No child's name appears on this page.
 */
import type { AuthUser } from '../api/auth';
import type { Breakdown, Distribution, ProgramFigures } from '../api/programFigures';
import { type Lang, phaseLabel } from '../../domain/messages/catalogue';
import { can } from '../api/access';
import { barChartSvg, svgDataUri } from './charts';
import { fmtWhen } from './format';
import { html, type Html } from './html';
import { page } from './layout';

const WORDS = {
  es: {
    title: 'Tablero del programa',
    scopeAll: 'Todos los casos.',
    scopeTeam: 'Los casos que usted supervisa y los de sus equipos.',
    open: 'Casos abiertos',
    overdue: 'Con un plazo vencido',
    detained: 'Detenidos ahora',
    dueThisWeek: 'Plazos que vencen esta semana',
    byOffice: 'Por oficina',
    byCaseworker: 'Por responsable',
    byPhase: 'Por fase',
    office: 'Oficina',
    caseworker: 'Responsable',
    phase: 'Fase',
    comar: 'COMAR: tiempo hasta la resolución',
    comarNote: 'Días hábiles (LFPA art. 28 y cierres del DOF) desde la solicitud hasta la notificación de la resolución. Plazo: 45 días hábiles, 90 con ampliación (LRPCAP art. 24). Tardía: después de la fecha más tardía plausible.',
    comarAxis: 'días hábiles',
    bid: 'Procuraduría: tiempo hasta la determinación del interés superior',
    bidNote: 'Días naturales desde la notificación a la Procuraduría de Protección hasta la emisión del plan de restitución de derechos (meta: 30 días).',
    bidAxis: 'días naturales',
    detention: 'Duración de las detenciones',
    detentionNote: 'Horas desde el inicio de cada detención hasta su fin (o hasta ahora). Límite constitucional: 36 horas (CPEUM art. 21).',
    detentionAxis: 'horas',
    decided: 'resueltos',
    late: 'fuera de plazo',
    share: 'proporción fuera de plazo',
    median: 'mediana',
    pending: 'pendientes',
    pendingOver: 'pendientes ya fuera de plazo',
    pendingSoFar: 'pendientes (hasta hoy)',
    none: 'Sin datos todavía.',
    exports: 'Exportar (CSV)',
    deadlinesCsv: 'Plazos (sin nombres)',
    deadlinesNamesCsv: 'Plazos con nombres de niñas y niños',
    complianceCsv: 'Cumplimiento: cada resolución, determinación y detención medida',
    at: 'Datos al',
    print: 'Imprimir',
    openOverdueChart: 'Casos abiertos y con plazo vencido, por oficina',
    cases: 'casos',
  },
  en: {
    title: 'Program dashboard',
    scopeAll: 'Every case.',
    scopeTeam: 'The cases you supervise and those of your teams.',
    open: 'Open cases',
    overdue: 'With an overdue deadline',
    detained: 'Detained now',
    dueThisWeek: 'Deadlines due this week',
    byOffice: 'By office',
    byCaseworker: 'By caseworker',
    byPhase: 'By phase',
    office: 'Office',
    caseworker: 'Caseworker',
    phase: 'Phase',
    comar: 'COMAR: time to decision',
    comarNote: 'Business days (LFPA art. 28 and DOF closures) from the claim to the notice of the decision. Term: 45 business days, 90 when extended (LRPCAP art. 24). Late: after the latest plausible due date.',
    comarAxis: 'business days',
    bid: 'Procuraduría: time to the best-interests determination',
    bidNote: 'Calendar days from the notice to the Child Protection Office to the rights-restitution plan (target: 30 days).',
    bidAxis: 'calendar days',
    detention: 'Length of detentions',
    detentionNote: 'Hours from the start of each detention to its end (or until now). Constitutional limit: 36 hours (CPEUM art. 21).',
    detentionAxis: 'hours',
    decided: 'decided',
    late: 'late',
    share: 'share late',
    median: 'median',
    pending: 'pending',
    pendingOver: 'pending and already late',
    pendingSoFar: 'pending (until now)',
    none: 'No data yet.',
    exports: 'Export (CSV)',
    deadlinesCsv: 'Deadlines (no names)',
    deadlinesNamesCsv: "Deadlines with children's names",
    complianceCsv: 'Compliance: every decision, determination and detention measured',
    at: 'Figures as of',
    print: 'Print',
    openOverdueChart: 'Open cases and cases with an overdue deadline, by office',
    cases: 'cases',
  },
} as const;

type W = (typeof WORDS)[Lang];

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10) / 10));

function breakdownTable(id: string, title: string, keyTitle: string, rows: Breakdown[], w: W, label: (b: Breakdown) => string = (b) => b.label): Html {
  return html`<section class="dash-block"><h2>${title}</h2><div class="scroll-x"><table id="${id}" class="dash-table"><thead><tr><th>${keyTitle}</th><th>${w.open}</th><th>${w.overdue}</th><th>${w.detained}</th><th>${w.dueThisWeek}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-key="${r.key}"><td>${label(r)}</td><td>${r.open}</td><td>${r.overdue}</td><td>${r.detained}</td><td>${r.dueThisWeek}</td></tr>`)}</tbody></table></div></section>`;
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

export function dashboardPage(user: AuthUser, lang: Lang, f: ProgramFigures): Html {
  const w = WORDS[lang];
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
<p class="muted">${user.role === 'supervisor' ? w.scopeTeam : w.scopeAll} ${w.at} ${fmtWhen(f.at, lang)}. <button class="small no-print" type="button" data-print>${w.print}</button></p>
<div class="tiles" id="caseload">
<div class="tile"><strong data-figure="open">${f.caseload.open}</strong><span>${w.open}</span></div>
<div class="tile tile-bad"><strong data-figure="overdue">${f.caseload.overdue}</strong><span>${w.overdue}</span></div>
<div class="tile tile-bad"><strong data-figure="detained">${f.caseload.detained}</strong><span>${w.detained}</span></div>
<div class="tile"><strong data-figure="dueThisWeek">${f.caseload.dueThisWeek}</strong><span>${w.dueThisWeek}</span></div></div>
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
${can(user, 'export_child_names') ? html`<li><a id="csv-deadlines-names" href="/dashboard/deadlines.csv?names=1">${w.deadlinesNamesCsv}</a></li>` : ''}
<li><a id="csv-compliance" href="/dashboard/compliance.csv">${w.complianceCsv}</a></li></ul></section>`,
  );
}
