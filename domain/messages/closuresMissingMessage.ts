/** The email to admins from 1 December: which authorities in use have no closures loaded for next year. */
import { emailWords, type Lang } from './catalogue';
import { agencyName } from './computationText';
import type { MissingClosures } from '../closures/missingClosures';

export function renderClosuresMissing(m: { lang: Lang; name: string; publicUrl: string; missing: MissingClosures }): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const lines = [w.hello(m.name), '', w.closuresMissingLead(m.missing.year)];
  for (const a of m.missing.missing) lines.push(`- ${agencyName(a.agency, m.lang)} (${a.agency})${a.offices.length ? ` · ${w.closuresMissingOffices}: ${a.offices.join(', ')}` : ''}`);
  lines.push('', w.closuresMissingTodo(`${m.publicUrl}/admin/closures`));
  return { subject: w.closuresMissingSubject(m.missing.year), body: lines.join('\n') };
}
