/**
 * Unusual dates of an event about to be recorded (a signature on a non-business day, a date long ago):
 * the web form asks before recording. Returns the case found too, so the command that follows does not
 * look it up again.
 */
import { eventDateWarnings, type DateWarning } from '../../domain/case/dateWarnings';
import { calendarFor, remainingContext } from '../../domain/remaining';
import { getRule, getRulePack } from '../../domain/rules/rulePack';
import { isValidLocalDate } from '../../domain/time/localDate';
import { loadOverlays } from '../../db/overlays';
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import type { CaseRow } from '../caseViews';
import { findCase } from './findCase';

/** `confirmed`: the day the person already confirmed as meant; `today`: the day in Mexico City. */
export async function unusualEventDates(db: Db, user: AuthUser, caseId: string, e: { type: string; day: string; confirmed?: string }, today: string): Promise<{ row: CaseRow | null; warnings: DateWarning[] }> {
  const day = e.day.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isValidLocalDate(day) || e.confirmed === day) return { row: null, warnings: [] };
  const row = await findCase(db, user, caseId);
  const rule = getRule('weekly_signature', getRulePack(row.rule_pack));
  const calendar = calendarFor(remainingContext(await loadOverlays(db), new Date()), rule.calendar, rule.id, row.office);
  return { row, warnings: eventDateWarnings({ type: e.type, day }, calendar, today) };
}
