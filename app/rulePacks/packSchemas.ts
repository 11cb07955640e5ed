/** What the API takes and answers for rule-pack updates (issue 24); the OpenAPI document is built from these. */
import { z } from 'zod';

const CaseIdsSchema = z.array(z.string().min(1).max(64)).min(1).max(1000);

/** The cases to reach: some by id, or (absent) every open case the caller may move. */
export const PackUpdateBodySchema = z.strictObject({ caseIds: CaseIdsSchema.optional() });
export type PackUpdateBody = z.output<typeof PackUpdateBodySchema>;

/** Accept or refuse the change waiting on a deadline; a refusal says why. */
export const PackDecisionBodySchema = z.strictObject({ accept: z.boolean(), reason: z.string().trim().min(3).max(2000).optional() });
export type PackDecisionBody = z.output<typeof PackDecisionBodySchema>;

const DueDatesSchema = z.object({ due: z.string(), dueLatest: z.string(), dueInstant: z.string(), dueLatestInstant: z.string(), rulePack: z.string() });

export const CaseDryRunSchema = z.object({
  caseId: z.string(),
  from: z.string(),
  changes: z.array(
    z.object({
      deadlineId: z.string(),
      ruleId: z.string(),
      title: z.string(),
      action: z.enum(['add', 'update', 'delete']),
      before: DueDatesSchema.optional(),
      after: DueDatesSchema.optional(),
      needsAcceptance: z.boolean(),
      pending: z.boolean().optional(),
      reason: z.string(),
    }),
  ),
  error: z.string().optional(),
});

export const PackUpdateStartedSchema = z.object({ workflowId: z.string(), total: z.number().int() });

export const PackUpdateProgressSchema = z.object({
  to: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  results: z.array(z.object({ caseId: z.string(), outcome: z.enum(['changed', 'unchanged', 'refused']), pending: z.number().int(), error: z.string().optional() })),
});
