/** The shape of a rule pack file, checked with zod when the pack is loaded. */
import { z } from 'zod';
import { CALENDAR_IDS } from '../calendar/types';
import { ROLES } from '../ladder/policy';
import { AGENCIES } from '../overlays';
import { LocalDateSchema } from '../validation';

/** Whose act the deadline is: the NGO's own (its alarm) or an authority's duty (evidence of a breach). */
export const ACTORS = ['ngo', 'comar', 'inm', 'procuraduria', 'court', 'ministerio_publico', 'sre'] as const;

/**
 * When a day-counted term's last day ends (LFPA arts. 28, 30: within the authority's published hours,
 * 8:00–18:00 by default; Ley de Amparo art. 21: until 24:00). Absent (packs before mx-2027.1): 23:59:59.
 */
export const FILING = ['office-hours', 'until-midnight'] as const;
export type Filing = (typeof FILING)[number];

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
const RoleList = z.array(z.enum(ROLES)).min(1);

/**
 * Who is told at each step series of a rule's ladder, by role (DESIGN.md §4). A series left out keeps the
 * ladder's default for the rule's unit; director steps always go to the director.
 */
export const RecipientsSchema = z.strictObject({ reminder: RoleList, alarm: RoleList, due: RoleList, overdue: RoleList }).partial();
export type Recipients = z.output<typeof RecipientsSchema>;

/**
 * Events that, while the deadline is live and not met, breach it (mx-2027.2): it is never met by them,
 * it is escalated at once to `escalateTo`, and it stays open until a person records what happened.
 */
export const BreachSchema = z.strictObject({ by: z.array(EventName).min(1), escalateTo: RoleList });

/**
 * How an authority's duty is told (mx-2027.3): nothing before its term ends (no reminders: the NGO has
 * nothing to file before the authority's time is up), then, while it stays unmet, once a day `overdueDaily`
 * times — each business day at the office hour for day-counted terms, every 24 hours for hour-counted ones —
 * and never to the director. Who is told at each step is still `recipients`.
 */
export const CadenceSchema = z.strictObject({ reminders: z.literal(false), overdueDaily: z.number().int().nonnegative().max(60) });
export type Cadence = z.output<typeof CadenceSchema>;

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
    /** Further events that open the deadline as the trigger does (amparo_now: a child's detention, LM art. 99). */
    alsoTriggeredBy: z.array(EventRefSchema).optional(),
    /** Events that meet the deadline. */
    satisfiedBy: z.array(EventName).min(1),
    /** Events that end INM custody (detention_36h, mx-2027.2: channelling to DIF, LM arts. 98, 112 fr. I): the case leaves detention. */
    custodyEndedBy: z.array(EventName).optional(),
    breach: BreachSchema.optional(),
    recipients: RecipientsSchema.optional(),
    cadence: CadenceSchema.optional(),
    /**
     * When present, the deadline is met only once every group has happened (each group: any one of its
     * events), e.g. the Procuraduría notified AND the child out of INM's hands. Without it: any-of.
     */
    satisfiedWhen: z.object({ allOf: z.array(z.array(EventName).min(1)).min(1) }).optional(),
    /** Terms in years and recurring dates: roll a non-business last day forward (false: a fact, e.g. a birthday). */
    roll: z.boolean().default(true),
    /** Recurring dates: a non-business occurrence moves to the next business day ('roll') or is dropped ('drop'). */
    onClosedDay: z.enum(['roll', 'drop']).default('roll'),
    /**
     * Recurring dates only: 'next-business-day' moves an occurrence on a closed day to the next business
     * day (LFPA art. 29 ¶2, "la fecha determinada"), overriding onClosedDay. Absent: onClosedDay decides.
     */
    closedWeekday: z.literal('next-business-day').optional(),
    /**
     * Terms in years from 29 Feb ending in a common year: 'next-month' reads 1 Mar (LFPA art. 29 ¶1);
     * 'both-readings' counts 28 Feb for `due` and 1 Mar for `dueLatest`.
     */
    leapDay: z.enum(['next-month', 'both-readings']).default('next-month'),
    filing: z.enum(FILING).optional(),
    actor: z.enum(ACTORS).optional(),
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
  .refine((r) => (r.custodyEndedBy ?? []).every((e) => r.satisfiedBy.includes(e)), {
    message: 'every event that ends custody must be listed in satisfiedBy',
    path: ['custodyEndedBy'],
  })
  .refine((r) => !r.breach || r.breach.by.every((e) => !r.satisfiedBy.includes(e)), {
    message: 'an event that breaches a deadline cannot also meet it',
    path: ['breach'],
  })
  .refine((r) => !r.extension || r.extension.baseLength + r.extension.maxDays === r.length, {
    message: 'length must be baseLength + maxDays (the longest extension)',
    path: ['extension'],
  })
  .refine((r) => !r.closedWeekday || r.unit === 'recurring_days', { message: 'only recurring rules have a weekday', path: ['closedWeekday'] })
  .refine((r) => r.leapDay === 'next-month' || r.unit === 'years', { message: 'only terms in years have a 29 Feb reading', path: ['leapDay'] })
  .refine((r) => !r.filing || r.unit !== 'hours', { message: 'a term in hours ends on the clock, not at filing hours', path: ['filing'] });

const VersionSchema = z.string().regex(/^[a-z]{2}-\d{4}\.\d+$/, { message: "must look like 'mx-2026.1'" });

/** One rule's change from the pack a version extends, with why and on what authority. */
export const RuleChangeSchema = z.object({
  ruleId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  change: z.enum(['add', 'update', 'remove']),
  reason: z.string().min(1),
  /** The provision (or missing one) that justifies the change, e.g. 'LRPCAP art. 24'. */
  citation: z.string().min(1),
});

/**
 * TFJA July vacation among the usual closures of `dueLatest`: 'from-16-jul' (packs before mx-2027.1)
 * or 'earliest-plausible' (the Monday of 16 Jul's week, never after 13 Jul: the TFJA closed from 13 Jul 2026).
 */
export const TFJA_JULY = ['from-16-jul', 'earliest-plausible'] as const;

export const RulePackSchema = z
  .object({
    version: VersionSchema,
    jurisdiction: z.string().min(1),
    description: z.string().min(1),
    /** The pack this one changes (its changelog says how). */
    extends: VersionSchema.optional(),
    /** The day new cases start to get this pack (open cases keep theirs). */
    effectiveFrom: LocalDateSchema.optional(),
    changelog: z.array(RuleChangeSchema).default([]),
    tfjaJulyVacation: z.enum(TFJA_JULY).default('from-16-jul'),
    rules: z.array(RuleSchema).min(1),
  })
  .refine((p) => new Set(p.rules.map((r) => r.id)).size === p.rules.length, {
    message: 'rule ids must be unique',
    path: ['rules'],
  });

/**
 * A pack file written as changes to an earlier pack: each change carries its reason and citation, and
 * either the whole rule ('add'), the fields that change ('update'), or nothing ('remove'). `actors` sets
 * the actor of any rule without counting as a change (it moves no date).
 */
export const RulePackChangesSchema = z.object({
  version: VersionSchema,
  extends: VersionSchema,
  effectiveFrom: LocalDateSchema,
  description: z.string().min(1),
  tfjaJulyVacation: z.enum(TFJA_JULY).optional(),
  actors: z.record(z.string(), z.enum(ACTORS)).default({}),
  /**
   * The latest DOF reform of each law, by the citation's `law`, as read in the consolidated text (`source`):
   * set as every such rule's `citation.lastReform` without counting as a change (display only, it moves no date).
   */
  lastReforms: z.record(z.string(), z.strictObject({ date: LocalDateSchema, source: z.string().min(1) })).default({}),
  /** Who is told at each step, by rule: set on every rule a change does not give its own (it moves no date). */
  recipients: z.record(z.string(), RecipientsSchema).default({}),
  changes: z
    .array(RuleChangeSchema.extend({ set: z.record(z.string(), z.unknown()).optional(), rule: z.record(z.string(), z.unknown()).optional() }))
    .min(1),
});

export type LawCitation = z.output<typeof LawCitationSchema>;
export type Verification = z.output<typeof VerificationSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type RulePack = z.output<typeof RulePackSchema>;
export type RuleChange = z.output<typeof RuleChangeSchema>;
export type RulePackChanges = z.output<typeof RulePackChangesSchema>;
export type Actor = (typeof ACTORS)[number];
