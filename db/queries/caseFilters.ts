/**
 * The filters the lists share ("Mis casos" and the inbox) as SQL conditions on `cases`: each one is
 * ANDed to the caller's scope (access.ts), so none can widen what a person sees.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export interface CaseFilters {
  /** Case id or child's name, any part of it, regardless of case and accents. */
  q?: string;
  phase?: string;
  office?: string;
  caseworker?: string;
}

const ACCENTED = 'áàäâãéèëêíìïîóòöôõúùüûñç';
const PLAIN = 'aaaaaeeeeiiiiooooouuuunc';
const fold = (s: string) => [...s.toLowerCase()].map((c) => (ACCENTED.includes(c) ? PLAIN[ACCENTED.indexOf(c)] : c)).join('');

export function caseFilterConditions(f: CaseFilters): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.phase) out.push(sql<SqlBool>`cases.phase = ${f.phase}`);
  if (f.office) out.push(sql<SqlBool>`cases.office = ${f.office}`);
  if (f.caseworker) out.push(sql<SqlBool>`cases.caseworker_id = ${f.caseworker}`);
  if (f.q) {
    // 'ramirez' finds 'Ramírez'; '%' and '_' are characters, not wildcards.
    const pattern = `%${fold(f.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out.push(sql<SqlBool>`(lower(cases.id) like ${pattern} or translate(lower(cases.child_name), ${ACCENTED}, ${PLAIN}) like ${pattern})`);
  }
  return out;
}
