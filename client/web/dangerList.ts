/**
 * How the lists show a deadline: its title, when it is due and the time left (domain/remaining.ts, via
 * the view), hour-counted ones with a live countdown that the page's hashed inline script ticks.
 */
import { breachText, ruleText, type Lang, listWords } from '../../domain/messages/catalogue';
import type { DeadlineView } from '../../app/schemas';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, raw, type Html } from './html';
import { COUNTDOWN_SCRIPT } from './inlineScripts';
import { urgencyBadge } from './layout';

/** Worst first: a row or card takes the colour of its most urgent deadline; an authority's duty never outranks the NGO's. */
const SEVERITY = ['overdue', 'alarm', 'urgent', 'soon', 'ok', 'breach', 'waiting', 'done'] as const;
export const worstUrgency = (ds: { urgency: string }[]): string =>
  SEVERITY.find((u) => ds.some((d) => d.urgency === u)) ?? 'done';

/** The time left, and for an hour-counted live deadline a clock that counts down to its instant. */
export function remainingBadge(d: DeadlineView, lang: Lang): Html {
  if (!d.remaining) return html``;
  // An authority's late duty reads as its breach, not as the caseworker's overdue term.
  const text = d.urgency === 'breach' ? breachText(d, d.remaining.text, lang) : d.remaining.text;
  return html`${urgencyBadge(d.urgency, text)}${countdownClock(d, lang)}`;
}

/**
 * The clock of an hour-counted live deadline: it ticks from the instant in the page, so a page kept on a
 * phone without signal (client/web/pwa) still counts down. Past due, the badge says by how much: a clock
 * stuck at its end word would only repeat it. An authority's hours (COMAR's 72) are not the NGO's to count down.
 */
export function countdownClock(d: Pick<DeadlineView, 'unit' | 'ngoActs' | 'remaining' | 'dueInstant'>, lang: Lang): Html {
  return d.unit === 'hours' && d.ngoActs && d.remaining && d.remaining.value >= 0
    ? html` <span class="countdown" data-due="${d.dueInstant}" data-over="${listWords(lang).countdownOver}" aria-hidden="true" hidden></span>`
    : html``;
}

/** An hour-counted deadline at its instant on the reader's clock (`zone`); a day-counted one on its day. */
export function deadlineLine(d: DeadlineView, lang: Lang, zone?: string): Html {
  const when = fmtWhen(d.unit === 'hours' ? d.dueInstant : d.due, lang, 'page', zone);
  return html`<li class="dl-${d.urgency}" data-deadline="${d.deadlineId}"><span class="dl-title">${ruleText(d.ruleId, lang, d.title).title}</span>
<span class="dl-when">${when}</span> ${remainingBadge(d, lang)}</li>`;
}

/** The countdown script, only on a page that has a clock (the CSP allows it by its hash). */
export const countdownScript = (any: boolean): Html => (any ? html`<script>${raw(COUNTDOWN_SCRIPT)}</script>` : html``);
