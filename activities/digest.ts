/**
 * The daily digest (opt-in): at 09:00 in Mexico City each person who asked for it gets their live
 * deadlines, most dangerous first. The workflow only sleeps; the dates are worked out here, from the
 * workflow's clock passed in, so the schedule follows Temporal time (and the time-skipping test server).
 * Each person's digest of a day is one ledger row (idempotency key digest/<person>/<day>): a retry,
 * a restart or a second run for the same day sends nothing more.
 */
import { deadlineDangerRank } from '../db/queries/dangerOrder';
import { DateTime } from 'luxon';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database';
import { loadOverlays } from '../db/overlays';
import { casesAssignedTo } from '../db/queries/caseScope';
import { liveDeadlinesOfCases } from '../db/queries/liveDeadlines';
import type { DueClose } from '../domain/case/state';
import { renderDigest } from '../domain/messages/digestMessage';
import { remainingContext, remainingOf } from '../domain/remaining';
import { MX_ZONE } from '../domain/time/instant';
import { sendIdempotentEmail } from './notifications';

export const DIGEST_HOUR = 9;

export interface DigestPlan {
  /** The day of the next digest (YYYY-MM-DD, Mexico City). */
  day: string;
  /** How long the workflow sleeps until that day's 09:00. */
  waitMs: number;
}

/** The next 09:00 in Mexico City strictly after `nowMs`. */
export function planDigestAt(nowMs: number): DigestPlan {
  const now = DateTime.fromMillis(nowMs, { zone: MX_ZONE });
  let at = now.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (at.toMillis() <= nowMs) at = at.plus({ days: 1 }).set({ hour: DIGEST_HOUR });
  return { day: at.toISODate()!, waitMs: at.toMillis() - nowMs };
}

export function createDigestActivities(deps: { db: Db; mailer: Transporter; from: string; publicUrl: string }) {
  const { db } = deps;
  return {
    async planDigest(nowMs: number): Promise<DigestPlan> {
      return planDigestAt(nowMs);
    },

    /** One digest per opted-in person for `day`, at most once each. */
    async sendDailyDigests(day: string): Promise<{ sent: number; alreadySent: number }> {
      const people = await db.selectFrom('users').selectAll().where('active', '=', true).where('daily_digest', '=', true).orderBy('id').execute();
      const asOf = DateTime.fromISO(day, { zone: MX_ZONE }).set({ hour: DIGEST_HOUR }).toJSDate();
      const ctx = remainingContext(await loadOverlays(db), asOf);
      let sent = 0;
      let alreadySent = 0;
      for (const p of people) {
        const rows = await liveDeadlinesOfCases(db, casesAssignedTo(p.id))
          .select(['case_deadlines.case_id', 'rule_id', 'title', 'citation', 'due', 'due_instant', 'unit', 'calendar', 'status', 'cases.office', 'filing'])
          // What the person must do first (a detention's hours, their own terms), an authority's duties after.
          .orderBy(deadlineDangerRank())
          .orderBy('case_deadlines.due_instant')
          .orderBy('case_deadlines.case_id')
          .execute();
        const message = renderDigest({
          lang: p.language,
          zone: p.time_zone,
          day,
          name: p.name,
          publicUrl: deps.publicUrl,
          deadlines: rows.map((r) => {
            const dueInstant = r.due_instant.toISOString();
            const remaining = remainingOf(ctx, { status: r.status, unit: r.unit, calendar: r.calendar, ruleId: r.rule_id, due: r.due, dueInstant, office: r.office }, p.language)?.text;
            return { caseId: r.case_id, ruleId: r.rule_id, title: r.title, citation: r.citation, due: r.due, dueInstant, unit: r.unit, filing: (r.filing ?? null) as DueClose | null, missed: r.status === 'missed', remaining };
          }),
        });
        const r = await sendIdempotentEmail(deps, { idempotencyKey: `digest/${p.id}/${day}`, step: 'daily_digest', recipient: p.email, language: p.language, ...message });
        if (r.outcome === 'sent') sent++;
        else alreadySent++;
      }
      return { sent, alreadySent };
    },
  };
}
