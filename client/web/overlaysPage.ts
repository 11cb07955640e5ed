/** Admin: the DOF closures and suspensions in force, a form to add one, and which cases each one moved. */
import { agencyName } from '../../domain/messages/computationText';
import { ruleText, type Lang, words } from '../../domain/messages/catalogue';
import { AGENCIES, type Overlay } from '../../domain';
import type { AuthUser } from '../../app/auth';
import type { OverlayView } from '../../app/schemas';
import { fmtWhen } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { page } from './layout';

export interface OverlaysPageInput {
  user: AuthUser;
  lang: Lang;
  overlays: OverlayView[];
  moved: Map<string, { caseId: string; deadlineId: string; due: string }[]>;
  flash?: string | null;
  error?: { message: string; field: string | null } | null;
  form?: Record<string, string>;
}

export function overlaysPage(p: OverlaysPageInput): Html {
  const w = words(p.lang);
  const f = p.form ?? {};
  const v = (k: string, d = '') => f[k] ?? d;
  const rows = [...p.overlays].reverse().map((ov) => {
    const o = ov.overlay as Overlay;
    const moved = p.moved.get(o.id) ?? [];
    return html`<tr data-overlay="${o.id}"><td><code class="id">${o.id}</code><div class="muted">${o.kind === 'closure' ? w.closure : w.suspension}</div></td>
<td>${fmtWhen(o.start, p.lang)} – ${fmtWhen(o.end, p.lang)}</td>
<td>${agencyName(o.scope.agency, p.lang)}${o.scope.office ? html` · ${o.scope.office}` : ''}</td>
<td>${o.citation.title}<div class="muted">DOF ${o.citation.dof}${o.citation.url && /^https?:\/\//i.test(o.citation.url) ? html` · <a href="${o.citation.url}" rel="noreferrer">DOF ↗</a>` : ''}</div></td>
<td class="muted">${ov.source === 'seed' ? w.seed : html`${w.addedBy} ${ov.createdBy ?? ''}<br>${fmtWhen(ov.createdAt, p.lang)}`}${
      ov.withdrawn
        ? html`<div class="withdrawn"><strong>${w.withdrawnBy} ${ov.withdrawn.by}</strong>, ${fmtWhen(ov.withdrawn.at, p.lang)}: ${ov.withdrawn.reason}</div>`
        : ov.source === 'added'
          ? html`<form method="post" action="/admin/overlays/${encodeURIComponent(o.id)}/withdraw"><input name="reason" placeholder="${w.reason}" aria-label="${w.reason}: ${w.withdrawAck} · ${o.id}" required minlength="3" style="width:9rem"> <button class="small" type="submit" aria-label="${w.withdrawAck}: ${o.id}">${w.withdrawAck}</button></form>`
          : ''
    }</td>
<td class="moved">${moved.length === 0 ? html`<span class="muted">${w.noneMoved}</span>` : html`<ul class="tight">${moved.map((m) => html`<li><a href="/cases/${encodeURIComponent(m.caseId)}">${m.caseId}</a> · ${ruleText(m.deadlineId.replace(/#.*$/, ''), p.lang, m.deadlineId).title} → ${fmtWhen(m.due, p.lang)}</li>`)}</ul>`}</td></tr>`;
  });
  return page(
    { title: w.overlays, lang: p.lang, user: p.user, path: '/admin/overlays', flash: p.flash, error: p.error },
    html`<h1>${w.overlays}</h1>
<form id="overlay-form" class="stack card" method="post" action="/admin/overlays"><h2>${w.addOverlay}</h2>
<div class="grid"><div>
<label>${w.overlayId}<input name="id" required pattern="[a-z0-9][a-z0-9._-]*" placeholder="comar-cierre-2026-12" value="${v('id')}"></label>
<label>${w.kind}<select name="kind"><option value="closure"${attr(v('kind') === 'closure', 'selected')}>${w.closure}</option><option value="suspension"${attr(v('kind') === 'suspension', 'selected')}>${w.suspension}</option></select></label>
<label>${w.start}<input name="start" type="date" required value="${v('start')}"></label>
<label>${w.end}<input name="end" type="date" required value="${v('end')}"></label>
<label>${w.agency}<select name="agency">${[...AGENCIES, 'all'].map((a) => html`<option value="${a}"${attr(v('agency', 'COMAR') === a, 'selected')}>${agencyName(a, p.lang)}</option>`)}</select></label>
<label>${w.office}<input name="office" value="${v('office')}"></label></div><div>
<label>${w.dofDate}<input name="dof" type="date" required value="${v('dof')}"></label>
<label>${w.title}<textarea name="title" rows="3" required>${v('title')}</textarea></label>
<label>${w.url}<input name="url" type="url" value="${v('url')}"></label>
<label>${w.description}<input name="description" value="${v('description')}"></label></div></div>
<button class="primary" type="submit">${w.add}</button></form>
<h2>${w.overlays}</h2>
<table id="overlays"><thead><tr><th>${w.overlayId}</th><th>${w.start} – ${w.end}</th><th>${w.agency}</th><th>${w.citation}</th><th>${w.source}</th><th>${w.casesMoved}</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
