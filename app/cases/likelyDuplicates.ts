/**
 * A child already in Plazo: the same file number, or the same name, birth date and nationality. Opening
 * another case for them is warned (409 naming `duplicateConfirmed`, with a link to each case the caller
 * may see) until the caller confirms it is another child by sending `duplicateConfirmed: true`: the
 * server checks the field, so no client can skip the question.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import type { AuthUser } from '../auth';
import type { Links } from '../caseViews';
import { ApiError } from '../errors';

export interface LikelyDuplicate {
  /** Null for a case the caller may not see: they learn only that one exists, and ask their supervisor. */
  caseId: string | null;
  why: 'file_number' | 'same_child';
  link: string | null;
}

export class DuplicateWarning extends ApiError {
  constructor(readonly duplicates: LikelyDuplicate[]) {
    const named = duplicates.map((d) => `${d.caseId ?? 'a case you cannot see'} (${d.why === 'file_number' ? 'same file number' : 'same name, birth date and nationality'})`);
    super(409, 'likely_duplicate', `likely the same child as ${named.join(', ')}; if it is another child, send duplicateConfirmed: true`, 'duplicateConfirmed');
  }

  override body() {
    return { error: { ...super.body().error, duplicates: this.duplicates } };
  }
}

type Intake = { child: { name: string; birthDate?: string; nationality?: string }; fileNumber?: string };

export async function likelyDuplicates(db: Db, user: AuthUser, intake: Intake, links: Pick<Links, 'publicUrl'>): Promise<LikelyDuplicate[]> {
  const { name, birthDate, nationality } = intake.child;
  const sameFile = intake.fileNumber ? sql<boolean>`lower(file_number) = lower(${intake.fileNumber})` : sql<boolean>`false`;
  // Names and nationalities as typed: case and surrounding spaces do not make another child.
  const sameChild =
    birthDate && nationality
      ? sql<boolean>`lower(trim(child_name)) = lower(trim(${name})) and child_birth_date = ${birthDate} and lower(trim(nationality)) = lower(trim(${nationality}))`
      : sql<boolean>`false`;
  const rows = await db
    .selectFrom('cases')
    .select(['id', sameFile.as('same_file'), sql<boolean>`${caseScope(user)}`.as('visible')])
    .where(sql<boolean>`(${sameFile}) or (${sameChild})`)
    .orderBy('opened_at')
    .limit(5)
    .execute();
  const base = links.publicUrl.replace(/\/$/, '');
  return rows.map((r) => ({
    caseId: r.visible ? r.id : null,
    why: r.same_file ? 'file_number' : 'same_child',
    link: r.visible ? `${base}/cases/${encodeURIComponent(r.id)}` : null,
  }));
}

/** Refuses a likely duplicate unless the caller confirmed it is another child. */
export async function assertNotDuplicate(db: Db, user: AuthUser, intake: Intake, confirmed: boolean, links: Pick<Links, 'publicUrl'>): Promise<void> {
  if (confirmed) return;
  const found = await likelyDuplicates(db, user, intake, links);
  if (found.length > 0) throw new DuplicateWarning(found);
}
