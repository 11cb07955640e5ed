/**
 * Signing in: an emailed link (the usual way), the organization's OpenID Connect provider when one is
 * configured, and an access token for those who have one (API, CLI, demo). Every form posts to this server
 * only (hardening.ts refuses cross-site posts: login CSRF).
 */
import { type Lang, words, signInWords } from '../../domain/messages/catalogue';
import { html, type Html } from './html';
import { page } from './layout';

// A link, not a form: CSP form-action 'self' (hardening.ts) would stop a form's redirect to the provider.
const OIDC_BUTTON = 'display:inline-block;background:#1f3a5f;color:#fff;border-radius:4px;padding:.45rem 1rem;text-decoration:none;min-height:24px';

export interface LoginPageOptions {
  /** The error to show, and next to which field. */
  error?: { message: string; field: string | null } | null;
  flash?: string | null;
  next?: string;
  /** The OIDC provider's name, when single sign-on is configured. */
  oidcName?: string | null;
}

export function loginPage(lang: Lang, opts: LoginPageOptions = {}): Html {
  const w = words(lang);
  const s = signInWords(lang);
  const next = opts.next ?? '/';
  return page(
    { title: w.login, lang, path: '/login', error: opts.error ?? null, flash: opts.flash },
    html`<h1>${w.login}</h1>
<form id="email-form" class="stack card" method="post" action="/login/email">
<p class="muted">${s.emailIntro}</p><input type="hidden" name="next" value="${next}">
<label for="email">${s.email}</label><input id="email" name="email" type="email" autocomplete="email" inputmode="email" required>
<button class="primary" type="submit">${s.sendLink}</button></form>
${opts.oidcName ? html`<p class="muted">${s.or}</p><p><a id="oidc-link" href="/auth/oidc/start?next=${encodeURIComponent(next)}" style="${OIDC_BUTTON}">${s.withProvider} ${opts.oidcName}</a></p>` : ''}
<form id="token-form" class="stack card" method="post" action="/login"><h2>${s.withToken}</h2>
<p class="muted">${s.tokenIntro}</p><input type="hidden" name="next" value="${next}">
<label for="token">${w.token}</label><input id="token" name="token" type="password" autocomplete="off" required>
<button class="primary" type="submit">${w.login}</button></form>`,
  );
}

/** The emailed link opens this page; signing in takes a press of the button (a POST), so a mail scanner fetching the link does not use it up. */
export function linkConfirmPage(lang: Lang, token: string): Html {
  const s = signInWords(lang);
  return page(
    { title: s.confirmTitle, lang, path: '/login/link' },
    html`<h1>${s.confirmTitle}</h1><form id="link-form" class="stack card" method="post" action="/login/link">
<p>${s.confirmIntro}</p><input type="hidden" name="token" value="${token}">
<button class="primary" type="submit">${s.confirm}</button></form>`,
  );
}
