/** Lawyers and admins: what a rule pack would change on each open case (a dry run), and applying it to the cases chosen. */
import type { AuthUser } from '../../app/auth';
import type { CaseDryRun } from '../../app/rulePacks/packDryRun';
import type { RulePackUpdateProgress } from '../../workflows/rulePackUpdate';
import { ruleText, words, type Lang } from '../../domain/messages/catalogue';
import { fmtWhen } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { idempotencyField } from './idempotencyField';
import { page } from './layout';

export interface RulePacksPageInput {
  user: AuthUser;
  lang: Lang;
  versions: string[];
  to?: string;
  dryRun?: CaseDryRun[];
  progress?: RulePackUpdateProgress;
  error?: { message: string; field: string | null } | null;
}

export function rulePacksPage(p: RulePacksPageInput): Html {
  const w = words(p.lang);
  const when = (v?: string) => (v ? fmtWhen(v, p.lang) : '—');
  const rows = (p.dryRun ?? []).flatMap((c) =>
    c.error
      ? [html`<tr data-case="${c.caseId}"><td><a href="/cases/${encodeURIComponent(c.caseId)}">${c.caseId}</a></td><td colspan="5" class="error">${c.error}</td></tr>`]
      : c.changes.map(
          (x, i) => html`<tr data-case="${c.caseId}" data-deadline="${x.deadlineId}" data-change="${x.action}">
<td>${i === 0 ? html`<label><input type="checkbox" name="case_${c.caseId}" value="on" checked> <a href="/cases/${encodeURIComponent(c.caseId)}">${c.caseId}</a></label> <span class="muted">${c.from}</span>` : ''}</td>
<td>${ruleText(x.ruleId, p.lang, x.title).title}</td><td>${x.action}</td><td>${when(x.before?.due)} → ${when(x.after?.due)}</td>
<td>${x.pending ? w.packAlreadyWaiting : x.needsAcceptance ? w.packWaits : w.packApplies}</td><td class="muted">${x.reason}</td></tr>`,
        ),
  );
  return page(
    { title: w.rulePacks, lang: p.lang, user: p.user, path: '/rule-packs', error: p.error },
    html`<h1>${w.rulePacks}</h1>
${p.progress ? html`<p id="pack-progress" class="flash" role="status">${p.progress.to}: ${w.packProgress(p.progress.done, p.progress.total)}</p>` : ''}
<form class="card" method="get" action="/rule-packs"><label>${w.packTarget} <select name="to">${p.versions.map((v) => html`<option value="${v}"${attr(v === p.to, 'selected')}>${v}</option>`)}</select></label> <button class="primary" type="submit">${w.packShow}</button></form>
${p.dryRun
  ? rows.length === 0
    ? html`<p id="pack-none">${w.packNone}</p>`
    : html`<form method="post" action="/rule-packs/apply">${idempotencyField()}<input type="hidden" name="to" value="${p.to ?? ''}">
<table id="pack-dry-run"><thead><tr><th>${w.case}</th><th>${w.rule}</th><th>${w.packChange}</th><th>${w.due}</th><th>${w.packWhen}</th><th>${w.reason}</th></tr></thead><tbody>${rows}</tbody></table>
<button class="primary" type="submit">${w.packApplySelected}</button></form>`
  : ''}`,
  );
}
