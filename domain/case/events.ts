/**
 * What can be recorded on a case. zod lives here for the API and the activities; the workflow imports
 * only the types (erased at build), and its Update validator re-checks with plain code.
 */
import { z } from 'zod';
import { birthDateOutOfRange, termDateOutOfRange } from '../coverage';
import { LocalDateSchema } from '../validation';

/** Refuses a date outside the covered range (coverage.ts), with the range in the message. */
const inCoverage = (check: (d: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const problem = check(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** An ISO instant with an offset (2026-11-30T22:00:00-06:00 or …Z), inside the covered range. */
export const InstantSchema = z
  .iso.datetime({ offset: true, message: 'must be an ISO instant with an offset, e.g. 2026-11-30T22:00:00-06:00' })
  .superRefine(inCoverage(termDateOutOfRange));
/** A day (read as that day in Mexico City) or an instant, inside the covered range. */
export const WhenSchema = z
  .union([LocalDateSchema, z.iso.datetime({ offset: true })], { message: 'must be a date YYYY-MM-DD or an ISO instant with an offset' })
  .superRefine(inCoverage(termDateOutOfRange));
const TermDateSchema = LocalDateSchema.superRefine(inCoverage(termDateOutOfRange));
const BirthDateSchema = LocalDateSchema.superRefine(inCoverage(birthDateOutOfRange));

export const ASSIGNABLE_ROLES = ['caseworker', 'supervisor', 'lawyer'] as const;
export const DECISION_OUTCOMES = ['recognized', 'complementary_protection', 'denied', 'abandoned'] as const;
export const CLOSE_REASONS = ['reunified', 'recognized_and_settled', 'transferred', 'returned_after_bid', 'turned_18_handed_over', 'absconded', 'other'] as const;
export const WORKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
export const REMOVAL_GROUNDS = ['deportation', 'assisted_return', 'incommunicado_detention'] as const;
/** How a detention ended, when it did not end by channelling to DIF (which is its own event). */
export const DETENTION_EXITS = ['released', 'returned', 'deported'] as const;
/** How a child who was not detained left Mexico: a return (LM art. 112 fr. III, retorno asistido) or a deportation. */
export const RETURN_EXITS = ['returned', 'deported'] as const;
/**
 * What happened after a breach (a custody exit without channelling, a return before the BID), once known:
 * the child located again (whereabouts known: a shelter, family, the country of origin), or a complaint filed
 * about it (CNDH, LCNDH art. 25; or an amparo's lawyer's filing recorded as `amparo_filed`).
 */
export const BREACH_FOLLOW_UPS = ['child_located', 'complaint_filed'] as const;
/** Where a child lives while the case runs (LGDNNA arts. 26, 111; LM art. 112): a placement event's kind. */
export const PLACEMENT_KINDS = ['dif_shelter', 'cas', 'family', 'ngo_shelter'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export const SEXES = ['female', 'male', 'other', 'not_recorded'] as const;
/** Unaccompanied: no adult with them; separated: without their parents or usual carer but with another adult (LGDNNA art. 4). */
export const ACCOMPANIMENTS = ['unaccompanied', 'separated', 'accompanied'] as const;
export const FAMILY_TRACING = ['not_started', 'in_progress', 'family_located', 'not_located', 'not_applicable'] as const;
/** Who identified the child (met them first as a child on the move). */
export const IDENTIFIERS = ['inm', 'dif', 'procuraduria', 'comar', 'ngo', 'police', 'other'] as const;
export const PHASES = ['intake', 'bid', 'asylum', 'decision', 'appeal', 'placement', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/**
 * What a best-interests determination (BID) needs to know of the child beyond name and dates (what
 * Primero/CPIMS+ records). All optional: an intake knows what it knows.
 */
export const ChildRecordShape = {
  sex: z.enum(SEXES).optional(),
  languages: z.array(z.string().trim().min(2).max(60)).max(10).optional(),
  interpreterNeeded: z.boolean().optional(),
  accompaniment: z.enum(ACCOMPANIMENTS).optional(),
  familyTracing: z.enum(FAMILY_TRACING).optional(),
  /** The stated age is disputed: a birth date making the person 18 or more is kept, the case flagged, not refused. */
  ageDisputed: z.boolean().optional(),
  identification: z.strictObject({ place: z.string().trim().min(1).max(200), by: z.enum(IDENTIFIERS) }).optional(),
};

const UserIdSchema = z.string().trim().min(1).max(100);
const common = { recordedBy: UserIdSchema, note: z.string().max(2000).optional() };
/** `occurredAt` is when it happened: deadlines count from it, not from when it was typed in. */
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S, occurredAt: typeof WhenSchema | typeof InstantSchema = WhenSchema) =>
  z.strictObject({ type: z.literal(type), occurredAt, ...common, ...shape });

export const CaseEventSchema = z.discriminatedUnion('type', [
  ev('entered_mexico', {}),
  ev('procuraduria_notified', {}),
  ev('urgent_measures_requested', {}, InstantSchema),
  ev('urgent_measures_imposed', {}, InstantSchema),
  ev('urgent_measures_ruled_by_court', {}),
  ev('bid_issued', {}),
  // COMAR assigns the weekday the child signs on (RLRPC art. 24); without it, the filing's weekday.
  ev('asylum_claim_filed', { byRepresentative: z.boolean().default(false), signatureWeekday: z.enum(WORKDAYS).optional() }),
  ev('comar_notified_inm', {}, WhenSchema),
  ev('claim_ratified', {}),
  // The extension is of UP TO 45 business days (LRPCAP art. 24): the days the notice grants; 45 if it does not say.
  ev('comar_extension_notified', { days: z.number().int().min(1).max(45).optional() }),
  ev('sre_opinion_requested', {}),
  ev('sre_opinion_received', {}),
  ev('interview_scheduled', { interviewAt: InstantSchema }),
  ev('weekly_signature_recorded', {}),
  ev('decision_notified', { outcome: z.enum(DECISION_OUTCOMES) }),
  ev('recurso_revision_filed', {}),
  ev('amparo_filed', {}),
  ev('nulidad_filed', {}),
  ev('removal_or_incommunicado', { ground: z.enum(REMOVAL_GROUNDS) }, InstantSchema),
  ev('migration_procedure_filed', {}),
  ev('migration_procedure_resolved', {}),
  ev('child_identified_by_inm', {}, InstantSchema),
  ev('tvrh_issued', {}),
  ev('detention_started', { place: z.string().trim().min(1).max(200) }, InstantSchema),
  ev('detention_ended', { exit: z.enum(DETENTION_EXITS).optional() }, InstantSchema),
  ev('child_channelled_to_dif', {}),
  // `placement`: the place's name (free text until places are a list); `kind`: what sort of placement it is.
  ev('placement_changed', { kind: z.enum(PLACEMENT_KINDS), placement: z.string().trim().min(1).max(200) }),
  ev('child_absent', {}),
  ev('child_returned', {}),
  ev('assignment_changed', { role: z.enum(ASSIGNABLE_ROLES), userId: UserIdSchema }),
  ev('handover_completed', {}),
  ev('case_closed', { reason: z.enum(CLOSE_REASONS) }),
  // The child's record as it becomes known or changes (family found, the age dispute settled): only what is given changes.
  ev('child_record_updated', ChildRecordShape),
  // A child not detained taken out of Mexico (a detained child's return is detention_ended with its exit).
  ev('child_returned_to_origin', { exit: z.enum(RETURN_EXITS) }),
  // What happened after a breach: the breached deadline's alarm stops; the breach stays as evidence.
  ev('breach_followed_up', { followUp: z.enum(BREACH_FOLLOW_UPS) }),
]);
export type CaseEvent = z.output<typeof CaseEventSchema>;
export type CaseEventInput = z.input<typeof CaseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export const CASE_EVENT_TYPES = CaseEventSchema.options.map((o) => o.shape.type.value) as CaseEventType[];

export const AssignmentsSchema = z.strictObject({ caseworker: UserIdSchema, supervisor: UserIdSchema, lawyer: UserIdSchema });
export type Assignments = z.output<typeof AssignmentsSchema>;

/** Opening a case: the child's data, what is known at intake, and who is responsible. */
export const CaseIntakeSchema = z.strictObject({
  caseId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'must be 1–64 letters, digits, - or _' }),
  child: z.strictObject({
    name: z.string().trim().min(1).max(200),
    birthDate: BirthDateSchema.optional(),
    nationality: z.string().trim().min(2).max(100).optional(),
    ...ChildRecordShape,
  }),
  entryDate: TermDateSchema.optional(),
  office: z.string().trim().min(1).max(100).optional(),
  /**
   * The organization's own file number (expediente), shown beside the case id. Not unique and not the
   * id: whoever opens a case may give one, while only an admin chooses case ids (a 409 on a chosen id
   * would tell a caseworker that a case they may not see exists).
   */
  fileNumber: z.string().trim().min(1).max(64).optional(),
  organization: z.string().trim().min(1).max(100).optional(),
  assignments: AssignmentsSchema,
  openedAt: WhenSchema,
  recordedBy: UserIdSchema,
});
export type CaseIntake = z.output<typeof CaseIntakeSchema>;

export const ACK_ROLES = ['caseworker', 'supervisor', 'lawyer', 'director', 'admin'] as const;
export type AckRole = (typeof ACK_ROLES)[number];

/**
 * "I'm on it" on one step series of one deadline, for one person who receives it: `for` (the person,
 * default `by`), or their supervisor acknowledging for them. `byRole` is the caller's role, set by the
 * API from the token (the workflow cannot look people up).
 */
export const AcknowledgeSchema = z.strictObject({
  deadlineId: z.string().min(1).max(100),
  series: z.enum(['reminder', 'alarm', 'due', 'overdue', 'director']),
  by: UserIdSchema,
  byRole: z.enum(ACK_ROLES).optional(),
  for: UserIdSchema.optional(),
});
export type Acknowledge = z.output<typeof AcknowledgeSchema>;

/** A supervisor (or director) takes an acknowledgement back: the repeats resume for that person. */
export const WithdrawAckSchema = z.strictObject({
  deadlineId: z.string().min(1).max(100),
  series: z.enum(['reminder', 'alarm', 'due', 'overdue', 'director']),
  for: UserIdSchema,
  by: UserIdSchema,
  byRole: z.enum(ACK_ROLES),
  reason: z.string().trim().min(3).max(2000),
});
export type WithdrawAck = z.output<typeof WithdrawAckSchema>;

/** Correct an event (its date or details, same type) or void it, with a reason: the case is recounted. */
export const CorrectionSchema = z.strictObject({
  /** The event's timeline seq (GET /api/cases/:id/timeline). */
  eventSeq: z.number().int().positive(),
  action: z.enum(['correct', 'void']),
  /** For `correct`: the event as it should have been recorded. */
  event: CaseEventSchema.optional(),
  reason: z.string().trim().min(3).max(2000),
  by: UserIdSchema,
});
export type Correction = z.output<typeof CorrectionSchema>;

export const EscalationSchema = z.strictObject({
  by: UserIdSchema,
  reason: z.string().trim().min(3).max(2000),
  deadlineId: z.string().min(1).max(100).optional(),
});
export type Escalation = z.output<typeof EscalationSchema>;

/** Move the case to rule pack `to` (packMove.ts): earlier dates apply at once, later ones and dropped deadlines wait. */
export const PackMoveSchema = z.strictObject({
  to: z.string().regex(/^[a-z]{2}-\d{4}\.\d+$/, { message: "must look like 'mx-2026.2'" }),
  by: UserIdSchema,
});
export type PackMove = z.output<typeof PackMoveSchema>;

/** A person accepts or refuses the rule-pack change waiting on one deadline; a refusal says why. */
export const PackDecisionSchema = z
  .strictObject({
    deadlineId: z.string().min(1).max(100),
    accept: z.boolean(),
    by: UserIdSchema,
    reason: z.string().trim().min(3).max(2000).optional(),
  })
  .refine((d) => d.accept || d.reason !== undefined, { message: 'say why the change is refused (at least 3 characters)', path: ['reason'] });
export type PackDecision = z.output<typeof PackDecisionSchema>;
