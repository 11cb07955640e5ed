/**
 * The page behind an email's "I'm on it" link. GET only shows what the link would do (mail scanners
 * open links), the button POSTs it; no sign-in, and the page shows nothing but that one deadline.
 */
import { type Lang, ruleText, words } from '../../domain/messages/catalogue';
import { dueInWords } from '../../domain/messages/dateWords';
import { html, type Html } from './html';
import { page } from './layout';

export interface AckLinkTarget {
  token: string;
  person: string;
  caseId: string;
  deadline: { ruleId: string; title: string; due: string; dueInstant: string; unit: string };
  zone: string;
}

export function ackLinkConfirmPage(lang: Lang, t: AckLinkTarget): Html {
  const w = words(lang);
  return page(
    { title: w.ackLinkTitle, lang, path: '/ack' },
    html`<h1>${w.ackLinkQuestion}</h1>
<div class="card" id="ack-target"><strong>${w.ackLinkWho}:</strong> ${t.person}<br>
<strong>${w.case}:</strong> ${t.caseId}<br>
<strong>${w.ackLinkWhat}:</strong> ${ruleText(t.deadline.ruleId, lang, t.deadline.title).title}<br>
<strong>${w.ackLinkBy}:</strong> ${dueInWords(t.deadline, lang, t.zone)}</div>
<p class="muted">${w.ackLinkEffect}</p>
<form id="ack-form" method="post" action="/ack/${t.token}"><button class="primary" type="submit">${w.ackLinkConfirm}</button></form>`,
  );
}

export function ackLinkResultPage(lang: Lang, r: { ok: boolean; message: string; caseId?: string }): Html {
  const w = words(lang);
  return page(
    { title: w.ackLinkTitle, lang, path: '/ack', ...(r.ok ? { flash: r.message } : { error: { message: r.message, field: null } }) },
    html`<h1>${w.ackLinkTitle}</h1>${r.caseId ? html`<p><a href="/cases/${encodeURIComponent(r.caseId)}">${w.ackLinkOpenCase}</a></p>` : ''}`,
  );
}
