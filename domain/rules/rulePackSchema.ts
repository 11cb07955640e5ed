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

const EventName = z.string().regex(/^[a-z][a-z0-9_]*$/);

/** What a rule was checked against, and whether someone read that source. */
export const VerificationSchema = z.object({
  /** True only when the source itself (the law's text or the ruling) was read. */
  verified: z.boolean(),
  /** Where: e.g. 'LM art. 128 text as quoted by lexdir.mx (read 2026-11-29)'. */
  source: z.string().min(1),
  /** What is still doubtful and needs a lawyer. */
  pending: z.string().optional(),
});

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /**
     * Never shown: people read a rule's title from the catalogue by its id (domain/messages/catalogue).
     * mx-2026.1 and .2 keep theirs because runs record it in each deadline's state and timeline
     * (recorded histories replay with it); a later pack leaves it out and runs record the id.
     */
    title: z.string().min(1).optional(),
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
    satisfiedBy: z.array(EventName).min(1),
    /**
     * When present, the deadline is met only once every group has happened (each group: any one of its
     * events), e.g. the Procuraduría notified AND the child out of INM's hands. Without it: any-of.
     */
    satisfiedWhen: z.object({ allOf: z.array(z.array(EventName).min(1)).min(1) }).optional(),
    /** Terms in years and recurring dates: roll a non-business last day forward (false: a fact, e.g. a birthday). */
    roll: z.boolean().default(true),
    /** Recurring dates: a non-business occurrence moves to the next business day ('roll') or is dropped ('drop'). */
    onClosedDay: z.enum(['roll', 'drop']).default('roll'),
    /** A term extended by a notice: `length` = baseLength + the days the notice grants (at most maxDays). */
    extension: z.object({ baseLength: z.number().int().positive(), maxDays: z.number().int().positive() }).optional(),
    /** How a lawyer says the term, when the unit and length do not (e.g. 'en cualquier tiempo: presentar ya'). */
    termText: z.string().min(1).optional(),
    verification: VerificationSchema.optional(),
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
  .refine((r) => r.unit === 'hours' || r.length > 0, { message: 'must be positive', path: ['length'] })
  .refine((r) => (r.satisfiedWhen?.allOf ?? []).flat().every((e) => r.satisfiedBy.includes(e)), {
    message: 'every event of allOf must be listed in satisfiedBy',
    path: ['satisfiedWhen'],
  })
  .refine((r) => !r.extension || r.extension.baseLength + r.extension.maxDays === r.length, {
    message: 'length must be baseLength + maxDays (the longest extension)',
    path: ['extension'],
  });

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
export type Verification = z.output<typeof VerificationSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type RulePack = z.output<typeof RulePackSchema>;
