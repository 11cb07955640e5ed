/** A person's own preferences: for now, whether they get the daily 09:00 digest of their live deadlines. */
import type { AuthUser } from '../../app/auth';
import { type Lang, words } from '../../domain/messages/catalogue';
import { attr, html, type Html } from './html';
import { idempotencyField } from './idempotencyField';
import { page } from './layout';

export function preferencesPage(user: AuthUser, lang: Lang, prefs: { dailyDigest: boolean }, flash?: string | null): Html {
  const w = words(lang);
  return page(
    { title: w.preferences, lang, user, path: '/preferences', flash },
    html`<h1>${w.preferences}</h1>
<form id="preferences-form" class="stack card" method="post" action="/preferences">${idempotencyField()}
<label><input type="checkbox" name="dailyDigest" value="true" style="width:auto;display:inline"${attr(prefs.dailyDigest, 'checked')}> ${w.dailyDigest}</label>
<button class="primary" type="submit">${w.save}</button></form>`,
  );
}
