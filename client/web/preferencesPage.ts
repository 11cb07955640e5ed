/** A person's own preferences: the daily 09:00 digest, and the zone emails, pages and the calendar feed write times in. */
import type { AuthUser } from '../../app/auth';
import type { Preferences } from '../../app/people/preferences';
import { type Lang, words } from '../../domain/messages/catalogue';
import { zoneWords } from '../../domain/messages/dateWords';
import { PERSON_ZONES } from '../../domain/time/personZones';
import { fieldError, invalidAttr, type FormError } from './fieldError';
import { attr, html, type Html } from './html';
import { idempotencyField } from './idempotencyField';
import { page } from './layout';

export function preferencesPage(user: AuthUser, lang: Lang, prefs: Preferences, flash?: string | null, error?: FormError | null): Html {
  const w = words(lang);
  return page(
    { title: w.preferences, lang, user, path: '/preferences', flash, error },
    html`<h1>${w.preferences}</h1>
<form id="preferences-form" class="stack card" method="post" action="/preferences">${idempotencyField()}
<label><input type="checkbox" name="dailyDigest" value="true" style="width:auto;display:inline"${attr(prefs.dailyDigest, 'checked')}> ${w.dailyDigest}</label>
<label>${w.timeZone}<select name="timeZone"${invalidAttr(error, 'timeZone')}>${PERSON_ZONES.map((z) => html`<option value="${z}"${attr(prefs.timeZone === z, 'selected')}>${zoneWords(z, lang)} (${z})</option>`)}</select>${fieldError(error, 'timeZone')}</label>
<button class="primary" type="submit">${w.save}</button></form>`,
  );
}
