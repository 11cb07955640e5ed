/** The login form: a person pastes the token they were given; the server keeps it in an HttpOnly cookie. */
import type { Lang } from '../api/remaining';
import { html, type Html } from './html';
import { words } from './i18n';
import { page } from './layout';

export function loginPage(lang: Lang, opts: { error?: boolean; next?: string } = {}): Html {
  const w = words(lang);
  return page(
    { title: w.login, lang, path: '/login', error: opts.error ? { message: w.badToken, field: 'token' } : null },
    html`<h1>${w.login}</h1><p class="muted">${w.loginIntro}</p>
<form class="stack card" method="post" action="/login">
<input type="hidden" name="next" value="${opts.next ?? '/'}">
<label for="token">${w.token}</label><input id="token" name="token" type="password" autocomplete="off" required>
<button class="primary" type="submit">${w.login}</button></form>`,
  );
}
