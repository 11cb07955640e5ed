/** The shape of a rule pack file, checked with zod when the pack is loaded. */
import { z } from 'zod';
import { CALENDAR_IDS } from '../calendar/types';
import { AGENCIES } from '../overlays';
import { LocalDateSchema } from '../validation';

export const UNITS = ['business_days', 'calendar_days', 'hours', 'years', 'recurring_days'] as const;
export type Unit = (typeof UNITS)[number];

const EventRefSchema = z.object({
  /** Event type as recorded on a case (e.g. 'asylum_claim_filed'). */
  event: z.string().regex(/^[a-z][a-z0-9_]*$/),
  description: z.string().min(1),
});

export const LawCitationSchema = z.object({
  /** Short form shown everywhere, e.g. 'LRPCAP art. 18'. */
  text: z.string().min(1),
  law: z.string().min(1),
  lawName: z.string().min(1),
  articles: z.array(z.string().min(1)).min(1),
  /** DOF date the law (or regulation) was first published. */
  published: LocalDateSchema,
  /** Latest DOF reform of the law taken into account when this rule was written; null if none checked. */
  lastReform: LocalDateSchema.nullable(),
  /** Other provisions that shape the rule (e.g. the regulation that sets the count). */
  also: z.array(z.string().min(1)).default([]),
  note: z.string().optional(),
});

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(1),
    /** The event that opens the deadline. */
    trigger: EventRefSchema,
    /** The event whose date the term is counted from, when it is not the trigger itself. */
    countFrom: EventRefSchema.optional(),
    length: z.number().int().nonnegative(),
    unit: z.enum(UNITS),
    calendar: z.enum(CALENDAR_IDS),
    /** Whose closures and suspensions touch this term. */
    agency: z.enum(AGENCIES),
    /** Events that meet the deadline. */
    satisfiedBy: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1),
    meaning: z.string().min(1),
    citation: LawCitationSchema,
    kind: z.enum(['law', 'program_target']),
    /** Program targets only: an organization may set its own length. */
    configurable: z.boolean().default(false),
    notes: z.array(z.string()).default([]),
  })
  .refine((r) => r.kind === 'program_target' || !r.configurable, {
    message: 'a legal term cannot be configurable',
    path: ['configurable'],
  })
  .refine((r) => r.unit === 'hours' || r.length > 0, { message: 'must be positive', path: ['length'] });

export const RulePackSchema = z
  .object({
    version: z.string().regex(/^[a-z]{2}-\d{4}\.\d+$/, { message: "must look like 'mx-2026.1'" }),
    jurisdiction: z.string().min(1),
    description: z.string().min(1),
    rules: z.array(RuleSchema).min(1),
  })
  .refine((p) => new Set(p.rules.map((r) => r.id)).size === p.rules.length, {
    message: 'rule ids must be unique',
    path: ['rules'],
  });

export type LawCitation = z.output<typeof LawCitationSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type RulePack = z.output<typeof RulePackSchema>;
