/**
 * From 1 December, each day: the authorities the open cases count with (their live deadlines' rules, and
 * the offices the cases name) whose acuerdo of non-business days for next year is not loaded are emailed
 * to every active admin, once per admin and day (idempotency key closures-missing/<year>/<admin>/<day>).
 * The decision is domain/closures/missingClosures.ts; the day is passed in (the digest workflow's).
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database';
import { loadOverlays } from '../db/overlays';
import { liveDeadlinesOfCases } from '../db/queries/liveDeadlines';
import { sql, type SqlBool } from 'kysely';
import { getRulePack } from '../domain';
import { missingClosuresFor, type AuthorityInUse, type MissingClosures } from '../domain/closures/missingClosures';
import { renderClosuresMissing } from '../domain/messages/closuresMissingMessage';
import { sendIdempotentEmail } from './notifications';

/** Who the open cases count with: hour-counted terms run on the clock and never read closures. */
export async function authoritiesInUse(db: Db): Promise<AuthorityInUse[]> {
  const rows = await liveDeadlinesOfCases(db, sql<SqlBool>`true`)
    .select(['cases.rule_pack', 'case_deadlines.rule_id', 'cases.office'])
    .where('case_deadlines.unit', '!=', 'hours')
    .distinct()
    .execute();
  const offices = new Map<string, Set<string>>();
  for (const r of rows) {
    const agency = getRulePack(r.rule_pack).rules.find((x) => x.id === r.rule_id)?.agency;
    if (!agency) continue;
    const set = offices.get(agency) ?? new Set<string>();
    if (r.office) set.add(r.office);
    offices.set(agency, set);
  }
  return [...offices].map(([agency, set]) => ({ agency, offices: [...set].sort() }));
}

export function createClosuresCheckActivities(deps: { db: Db; mailer: Transporter; from: string; publicUrl: string }) {
  const { db } = deps;
  return {
    /** `day` YYYY-MM-DD (Mexico City). Null before 1 Dec; else what is missing and how many admins were told. */
    async checkClosuresLoaded(day: string): Promise<(MissingClosures & { told: number }) | null> {
      const missing = missingClosuresFor(day, await authoritiesInUse(db), await loadOverlays(db));
      if (!missing || missing.missing.length === 0) return missing && { ...missing, told: 0 };
      const admins = await db.selectFrom('users').selectAll().where('active', '=', true).where('role', '=', 'admin').orderBy('id').execute();
      for (const a of admins) {
        const message = renderClosuresMissing({ lang: a.language, name: a.name, publicUrl: deps.publicUrl, missing });
        await sendIdempotentEmail(deps, { idempotencyKey: `closures-missing/${missing.year}/${a.id}/${day}`, step: 'closures_missing', recipient: a.email, language: a.language, ...message });
      }
      return { ...missing, told: admins.length };
    },
  };
}
