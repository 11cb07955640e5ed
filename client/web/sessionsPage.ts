/** "Mis sesiones": every device the person is signed in on, each one revocable. */
import type { AuthUser } from '../../app/auth';
import { type Lang, signInWords, type SignInWords } from '../../domain/messages/catalogue';
import type { SessionView } from '../../app/people/sessions';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, type Html } from './html';
import { page } from './layout';

export const methodLabel = (m: SessionView['method'], s: SignInWords) => ({ email: s.viaEmail, oidc: s.viaOidc, token: s.viaToken })[m];

/** A user agent shortened to what a person recognises: browser and system. */
export function deviceLabel(userAgent: string, s: SignInWords): string {
  if (!userAgent) return s.unknownDevice;
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return browser || system ? [browser, system].filter(Boolean).join(' · ') : userAgent.slice(0, 60);
}

/** One session as a list item with its revoke form (`action`: where the form posts). */
export function sessionItem(v: SessionView, lang: Lang, action: string): Html {
  const s = signInWords(lang);
  return html`<li class="card" data-session="${v.id}"><strong>${deviceLabel(v.userAgent, s)}</strong>${v.current ? html` <span class="badge">${s.thisDevice}</span>` : ''}
<div class="muted" title="${v.userAgent}">${s.how}: ${methodLabel(v.method, s)} · ${s.started}: ${fmtWhen(v.createdAt.toISOString(), lang)} · ${s.lastSeen}: ${fmtWhen(v.lastSeenAt.toISOString(), lang)} · ${s.ends}: ${fmtWhen(v.expiresAt.toISOString(), lang)}</div>
<form method="post" action="${action}"><button class="small" type="submit">${s.endSession}</button></form></li>`;
}

export function sessionsPage(user: AuthUser, lang: Lang, sessions: SessionView[], flash: string | null, error: { message: string; field: string | null } | null = null): Html {
  const s = signInWords(lang);
  return page(
    { title: s.sessions, lang, user, path: '/sessions', flash, error },
    html`<h1>${s.sessions}</h1><p class="muted">${s.sessionsIntro}</p>
${sessions.length === 0 ? html`<p>${s.noSessions}</p>` : html`<ul id="sessions" style="list-style:none;padding:0">${sessions.map((v) => sessionItem(v, lang, `/sessions/${encodeURIComponent(v.id)}/revoke`))}</ul>`}`,
  );
}
