/**
 * The frame's notices while emails fail (issue 26): a banner for everyone linking to their agenda, and the
 * person's own hour-counted alarms that could not be emailed, at the top of every page. The figures are read
 * once per page request (db/queries/deliveryTrouble.ts, client/api/server.ts).
 */
import { DateTime } from 'luxon';
import type { AuthUser } from '../../app/auth';
import { catalogue, ruleText, type Lang } from '../../domain/messages/catalogue';
import { fmtWhen } from '../../domain/messages/dateWords';
import { MX_ZONE } from '../../domain/time/instant';
import { html, type Html } from './html';

/** '08:02' when it is today on Mexico City's clock, else the day and time. */
function sinceText(at: Date, lang: Lang): { today: boolean; text: string } {
  const mx = DateTime.fromJSDate(at, { zone: MX_ZONE });
  const today = mx.hasSame(DateTime.now().setZone(MX_ZONE), 'day');
  return { today, text: today ? mx.toFormat('HH:mm') : fmtWhen(at.toISOString(), lang) };
}

export function deliveryNotices(user: AuthUser | undefined, lang: Lang): Html | '' {
  const trouble = user?.deliveryTrouble;
  if (!trouble) return '';
  const w = catalogue(lang).status;
  const since = sinceText(trouble.failingSince, lang);
  return html`<p id="delivery-banner" class="error" role="alert"><a href="/agenda">${since.today ? w.bannerToday(since.text) : w.bannerBefore(since.text)}</a></p>${
    trouble.alarms.length
      ? html`<section id="unemailed-alarms" class="card" aria-labelledby="unemailed-alarms-title"><h2 id="unemailed-alarms-title">${w.alarmsTitle}</h2><ul class="tight">${trouble.alarms.map(
          (a) => html`<li><a href="/cases/${encodeURIComponent(a.caseId)}">${w.alarmNotEmailed(a.childName, ruleText(a.ruleId, lang, a.title).title, sinceText(a.since, lang).text)}</a></li>`,
        )}</ul></section>`
      : ''
  }`;
}
