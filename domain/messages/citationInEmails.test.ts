/**
 * A rule pack writes a program target's citation with "(no term)" ('LRPCAP art. 23 (no term)'): every email
 * shows it in the reader's language, as the pages do (citationText). An import's summary showed it in English
 * to Spanish readers (found by everyPageInSpanish.e2e once the import run page joined it).
 */
import { renderDigest } from './digestMessage';
import { renderImportSummary } from './importSummaryMessage';
import { renderMovedMessage } from './movedMessage';
import { renderReassignmentMessage } from './reassignmentMessage';
import { renderStepMessage } from './stepMessage';
import type { Lang } from './catalogue';

const citation = 'LRPCAP art. 23 (no term)';
const live = { ruleId: 'interview_target', title: 'COMAR interview held (program target)', citation, due: '2026-12-07', dueInstant: '2026-12-08T05:59:59.999Z', unit: 'calendar_days', missed: false };

const bodies = (lang: Lang): Record<string, string> => ({
  step: renderStepMessage({ lang, caseId: 'C-1', link: 'http://plazo.test/cases/C-1', kind: 'reminder', deadline: { ruleId: live.ruleId, title: live.title, citation, due: '2026-12-07', dueLatest: '2026-12-07', kind: 'program_target' }, remaining: '1', liveDeadlines: [live], summary: [{ ...live, missed: true }] }).body,
  digest: renderDigest({ lang, day: '2026-12-07', name: 'Ana', publicUrl: 'http://plazo.test', deadlines: [{ ...live, caseId: 'C-1' }] }).body,
  importSummary: renderImportSummary({ lang, name: 'Ana', publicUrl: 'http://plazo.test', cases: [{ caseId: 'C-1', fileNumber: 'IMP-1', childName: 'Ana Díaz', deadlines: [live] }] }).body,
  moved: renderMovedMessage({ lang, caseId: 'C-1', link: 'http://plazo.test/cases/C-1', recipientName: 'Ana', deadline: { ...live, dueLatest: '2026-12-07' }, moved: { fromDue: '2026-12-04', fromDueLatest: '2026-12-04', added: [], removed: [] } }).body,
  reassignment: renderReassignmentMessage({ lang, caseId: 'C-1', link: 'http://plazo.test/cases/C-1', side: 'to', recipientName: 'Ana', newHolderName: 'Ana', byName: 'Sofía', liveDeadlines: [live] }).body,
});

test('a Spanish reader reads "(sin plazo)" in every email that cites a program target', () => {
  for (const [name, body] of Object.entries(bodies('es'))) {
    expect({ name, has: body.includes('LRPCAP art. 23 (sin plazo)') }).toEqual({ name, has: true });
    expect({ name, english: body.includes('(no term)') }).toEqual({ name, english: false });
  }
});

test('an English reader reads the citation as the rule pack writes it', () => {
  for (const [name, body] of Object.entries(bodies('en'))) expect({ name, has: body.includes(citation) }).toEqual({ name, has: true });
});
