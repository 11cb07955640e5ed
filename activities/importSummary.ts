/**
 * The import's summary (issue 27 item 2): one email per person holding any of the import's cases, listing
 * those cases with what is still open and when it is due. Each person's summary of an import is one ledger
 * row (idempotency key import-summary/<import>/<person>): a retry, a resumed import or a second import of
 * the same sheet sends nothing more.
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database';
import { isLiveDeadline } from '../db/queries/liveDeadlines';
import type { DueClose } from '../domain/case/state';
import { renderImportSummary } from '../domain/messages/importSummaryMessage';
import { sendIdempotentEmail } from './notifications';

export function createImportSummaryActivities(deps: { db: Db; mailer: Transporter; from: string; publicUrl: string }) {
  const { db } = deps;
  return {
    async sendImportSummaries(importRun: string): Promise<{ sent: number; alreadySent: number }> {
      const cases = await db.selectFrom('cases').select(['id', 'file_number', 'child_name', 'caseworker_id', 'supervisor_id', 'lawyer_id']).where('import_run', '=', importRun).orderBy('file_number').orderBy('id').execute();
      if (cases.length === 0) return { sent: 0, alreadySent: 0 };
      const deadlines = await db
        .selectFrom('case_deadlines')
        .select(['case_id', 'rule_id', 'title', 'citation', 'due', 'due_instant', 'unit', 'status', 'filing'])
        .where('case_id', 'in', cases.map((c) => c.id))
        .where(isLiveDeadline())
        .orderBy('due_instant')
        .execute();
      // Grouped once: a sheet of thousands of cases would otherwise scan every deadline for each case.
      const liveOf = new Map<string, typeof deadlines>();
      for (const d of deadlines) {
        const theirs = liveOf.get(d.case_id);
        if (theirs) theirs.push(d);
        else liveOf.set(d.case_id, [d]);
      }
      const holderIds = [...new Set(cases.flatMap((c) => [c.caseworker_id, c.supervisor_id, c.lawyer_id]))];
      const people = await db.selectFrom('users').selectAll().where('id', 'in', holderIds).where('active', '=', true).orderBy('id').execute();
      let sent = 0;
      let alreadySent = 0;
      for (const p of people) {
        const theirs = cases.filter((c) => [c.caseworker_id, c.supervisor_id, c.lawyer_id].includes(p.id));
        const message = renderImportSummary({
          lang: p.language,
          zone: p.time_zone,
          name: p.name,
          publicUrl: deps.publicUrl,
          cases: theirs.map((c) => ({
            caseId: c.id,
            fileNumber: c.file_number,
            childName: c.child_name,
            deadlines: (liveOf.get(c.id) ?? []).map((d) => ({ ruleId: d.rule_id, title: d.title, citation: d.citation, due: d.due, dueInstant: d.due_instant.toISOString(), unit: d.unit, filing: (d.filing ?? null) as DueClose | null, missed: d.status === 'missed' })),
          })),
        });
        const r = await sendIdempotentEmail(deps, { idempotencyKey: `import-summary/${importRun}/${p.id}`, step: 'import_summary', recipient: p.email, language: p.language, ...message });
        if (r.outcome === 'sent') sent++;
        else alreadySent++;
      }
      return { sent, alreadySent };
    },
  };
}
