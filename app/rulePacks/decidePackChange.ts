/** A person accepts or refuses the rule-pack change waiting on a deadline: on the case's timeline and in the audit log. */
import { recordAudit } from '../../db/auditLog';
import { decidePackChangeUpdate } from '../../workflows/caseDefinitions';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { updateCase, type CaseWritten } from '../cases/caseWrite';
import { findCase } from '../cases/findCase';
import { assertCan } from '../access';
import { ApiError } from '../errors';

export async function decidePackChange(deps: AppDeps, user: AuthUser, caseId: string, body: { deadlineId: string; accept: boolean; reason?: string }, key?: string): Promise<CaseWritten> {
  const row = await findCase(deps.db, user, caseId);
  assertCan(user, 'update_packs');
  if (!body.accept && (body.reason ?? '').trim().length < 3) throw new ApiError(400, 'invalid_request', 'say why the change is refused (at least 3 characters)', 'reason');
  const args = { deadlineId: body.deadlineId, accept: body.accept, by: user.id, ...(body.reason ? { reason: body.reason.trim() } : {}) };
  const written = await updateCase(deps, user, row.id, decidePackChangeUpdate, [args], key);
  const pack = (await written.state()).deadlines.find((d) => d.deadlineId === body.deadlineId);
  await recordAudit(deps.db, {
    user_id: user.id,
    action: body.accept ? 'rule_pack.accept' : 'rule_pack.refuse',
    case_id: row.id,
    method: 'APP',
    path: `cases/${row.id}/deadlines/${body.deadlineId}/rule-pack`,
    status: 200,
    ip: null,
    detail: { deadlineId: body.deadlineId, reason: body.reason ?? null, rulePack: pack?.rulePack, due: pack?.due, dueLatest: pack?.dueLatest },
  });
  return written;
}
