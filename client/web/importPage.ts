/**
 * /import: the template to download, the file to upload, the columns it is read by, the preview of each
 * row (its errors by column, its deadlines, the alarms that would go out now) and the import's result with
 * its report. What it shows comes from app/import (the API's operation); this file only renders it.
 */
import type { ImportAnswer } from '../../app/import/importAnswer';
import type { ImportRunView } from '../../app/import/importRuns';
import type { AuthUser } from '../../app/auth';
import { IMPORT_COLUMNS } from '../../domain/import/columns';
import type { ImportRowResult } from '../../domain/import/report';
import { catalogue, roleLabel, ruleText, statusLabel, type Lang } from '../../domain/messages/catalogue';
import { stepName } from '../../domain/messages/computationText';
import { dueInWords } from '../../domain/messages/dateWords';
import { fieldError, invalidAttr, type FormError } from './fieldError';
import { attr, html, raw, type Html } from './html';
import { IMPORT_FILE_SCRIPT, IMPORT_RUN_SCRIPT } from './inlineScripts';
import { page } from './layout';

export interface ImportPageInput {
  user: AuthUser;
  lang: Lang;
  /** The uploaded file, carried in the form from the preview to the import (see importWebRoutes.ts). */
  file?: { name: string; contentBase64: string };
  /** The sheet's headers and the mapping shown: after a preview, or after a refusal of the mapping. */
  headers?: string[];
  mapping?: Record<string, string>;
  /** A preview (nothing stored). */
  answer?: ImportAnswer;
  error?: FormError | null;
}

/** The input an API field is shown next to: the file's fields at the file input, a mapping at its select. */
export const importInputOf = (field: string | null): string | null => (field?.startsWith('file') ? 'file' : field);

export function importPage(p: ImportPageInput): Html {
  const w = catalogue(p.lang).importPage;
  const e = p.error ? { ...p.error, field: importInputOf(p.error.field) } : null;
  const fileFields = (f: { name: string; contentBase64: string }) =>
    html`<input type="hidden" name="file.name" value="${f.name}"><input type="hidden" name="file.contentBase64" value="${f.contentBase64}">`;
  const upload = html`<form id="import-upload" class="stack card" method="post" action="/import/preview" novalidate>
<label>${w.file}<input type="file" id="import-file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"${invalidAttr(e, 'file')}>${p.file && p.headers ? '' : fieldError(e, 'file')}</label>
<input type="hidden" id="import-name" name="file.name" value=""><input type="hidden" id="import-content" name="file.contentBase64" value="">
<noscript><p class="muted">${w.noScript}</p></noscript>
<p><button type="submit" id="import-preview" disabled>${w.preview}</button></p></form>`;

  const body: Html[] = [
    html`<h1>${w.title}</h1><p class="muted">${w.intro}</p>
<p id="import-template"><strong>${w.template}:</strong> <a href="/import/template.xlsx" download>${w.templateXlsx}</a> · <a href="/import/template.csv" download>${w.templateCsv}</a></p>`,
  ];
  if (p.file && p.headers) body.push(previewForm(p, p.file, p.headers, e, fileFields));
  body.push(upload);
  return page({ title: w.title, lang: p.lang, user: p.user, path: '/import', error: p.error }, html`${body}<script>${raw(IMPORT_FILE_SCRIPT)}</script>`);
}

/** The mapping (each field a select of the sheet's headers), the preview's rows, and the button to import the good ones. */
function previewForm(p: ImportPageInput, file: { name: string; contentBase64: string }, headers: string[], e: FormError | null, fileFields: (f: { name: string; contentBase64: string }) => Html): Html {
  const w = catalogue(p.lang).importPage;
  const mapping = p.mapping ?? {};
  const selects = IMPORT_COLUMNS.map((c) => {
    const name = `mapping.${c.key}`;
    const chosen = mapping[c.key] ?? '';
    return html`<label>${w.columns[c.key] ?? c.header}${c.required ? html` <span class="muted">(${w.required})</span>` : ''}<select name="${name}"${invalidAttr(e, name)}><option value=""${attr(chosen === '', 'selected')}>${w.notRead}</option>${headers.map((h) => html`<option value="${h}"${attr(chosen === h, 'selected')}>${h}</option>`)}</select>${fieldError(e, name)}</label>`;
  });
  const good = p.answer ? p.answer.rows.filter((r) => r.status === 'new' || r.status === 'exists').length : 0;
  return html`<form id="import-form" class="stack card" method="post" action="/import/preview" novalidate>${fileFields(file)}
<p id="import-file-name">${w.chosen(file.name)}</p>${fieldError(e, 'file')}
<details id="import-mapping"${attr(!p.answer || (e?.field ?? '').startsWith('mapping.'), 'open')}><summary>${w.mappingCount(IMPORT_COLUMNS.filter((c) => mapping[c.key]).length, IMPORT_COLUMNS.length)}</summary><p class="muted">${w.mappingIntro}</p>${selects}
<p><button type="submit" id="import-repreview">${w.previewAgain}</button></p></details>
${p.answer ? html`<h2>${w.previewTitle}</h2>${summaryLine(p.lang, p.answer)}${rowsTable(p.lang, p.answer.rows)}
${good > 0 ? html`<p><button type="submit" id="import-run" formaction="/import/run">${w.importGood(good)}</button></p><p id="import-busy" class="muted" role="status" hidden>${w.importing}</p>` : html`<p class="muted">${w.nothingToImport}</p>`}` : ''}
</form>`;
}

/**
 * /import/runs/:id: an import running in the background (app/import/importRuns.ts), drawn again every two
 * seconds while it runs: rows done of the total, opened / completed / failed; once done its result and
 * report; interrupted or failed, what to do (import the same sheet again: it resumes).
 */
export function importRunPage(p: { user: AuthUser; lang: Lang; run: ImportRunView }): Html {
  const w = catalogue(p.lang).importPage;
  const r = p.run;
  const running = r.status === 'running';
  const bar = r.total > 0 ? html`<progress id="import-bar" max="${r.total}" value="${r.done}">${r.done}/${r.total}</progress><p id="import-done">${w.runProgress(r.done, r.total)}</p>` : html`<p id="import-done">${w.runChecking}</p>`;
  const progress = html`<section id="import-progress" class="card" data-status="${r.status}" data-running="${running ? '1' : '0'}" role="status" aria-live="polite">
<p class="muted">${w.runOf(r.fileName)}</p><p id="import-state"><strong>${w.runStates[r.status]}</strong></p>${r.error ? html`<p class="error">${r.error}</p>` : ''}${bar}
<p id="import-counts">${w.runCounts(r.opened, r.resumed, r.failed)}</p></section>`;
  const result = r.answer
    ? html`<section id="import-result" class="card"><h2>${w.resultTitle}</h2>${summaryLine(p.lang, r.answer)}<p><a id="import-report" href="/import/runs/${r.id}/report.csv" download>${w.report}</a></p>${rowsTable(p.lang, r.answer.rows)}</section>`
    : '';
  const again = running ? '' : html`<p><a id="import-again" href="/import">${w.another}</a></p>`;
  return page({ title: w.runTitle, lang: p.lang, user: p.user, path: `/import/runs/${r.id}` }, html`<h1>${w.runTitle}</h1>${progress}${result}${again}<script>${raw(IMPORT_RUN_SCRIPT)}</script>`);
}

function summaryLine(lang: Lang, a: ImportAnswer): Html {
  const w = catalogue(lang).importPage;
  const parts = Object.entries(a.summary.byStatus).map(([status, n]) => `${n} ${w.statuses[status] ?? status}`);
  return html`<p id="import-summary" role="status"><strong>${w.summary(a.summary.rows, parts.join(', '))}</strong></p>`;
}

function rowsTable(lang: Lang, rows: ImportRowResult[]): Html {
  const c = catalogue(lang);
  const w = c.importPage;
  const details = (r: ImportRowResult): Html => {
    if (r.errors.length > 0) return html`<ul class="import-errors">${r.errors.map((x) => html`<li class="field-error">${x.column ? html`<strong>${w.errorIn(x.column)}:</strong> ` : ''}${x.message}</li>`)}</ul>`;
    const shown = r.deadlines.filter((d) => d.status === 'open' || d.status === 'missed');
    return html`${shown.length > 0 ? html`<strong>${w.deadlines}</strong><ul class="dl">${shown.map((d) => html`<li class="${d.status === 'missed' ? 'dl-overdue' : 'dl-ok'}"><span class="dl-title">${ruleText(d.ruleId, lang, d.title).title}</span> <span class="dl-when">${dueInWords(d, lang)} · ${statusLabel(d.status, lang)}</span></li>`)}</ul>` : ''}
${r.alarmsNow.length > 0 ? html`<strong>${w.alarmsNow}</strong><ul>${r.alarmsNow.map((a) => html`<li>${ruleText(a.deadlineId.split('#')[0]!, lang, a.deadlineId).title}: ${stepName(a.step, lang)} → ${a.recipients.map((x) => roleLabel(x, c.page)).join(', ')}</li>`)}</ul>` : html`<p class="muted">${w.noAlarms}</p>`}${r.notSent > 0 ? html`<p class="muted">${w.notSent(r.notSent)}</p>` : ''}`;
  };
  return html`<table id="import-rows" class="cards"><thead><tr><th>${w.colRow}</th><th>${w.colFile}</th><th>${w.colState}</th><th>${w.colDetails}</th></tr></thead><tbody>
${rows.map((r) => html`<tr data-row="${r.row}" data-status="${r.status}" class="${r.status === 'error' || r.status === 'failed' ? 'row-overdue' : 'row-ok'}"><td data-label="${w.colRow}">${r.row}</td><td data-label="${w.colFile}">${r.fileNumber ?? ''}${r.caseId ? html` · <a href="/cases/${encodeURIComponent(r.caseId)}">${w.openCase}</a>` : ''}</td><td data-label="${w.colState}">${w.statuses[r.status] ?? r.status}</td><td data-label="${w.colDetails}">${details(r)}</td></tr>`)}
</tbody></table>`;
}
