/**
 * What crosses the API boundary, as zod schemas: request bodies and queries (validated), and the views
 * the API answers with (described in the OpenAPI document). Request bodies are strict: an unknown field
 * is an error, and `recordedBy` / `by` are not accepted — the server sets them from the caller's token.
 */
import { z } from 'zod';
import { OverlayCitationSchema, OverlayScopeSchema, OverlaySchema } from '../domain';
import {
  AcknowledgeSchema,
  WithdrawAckSchema,
  CaseEventSchema,
  type CaseEvent,
  CaseIntakeSchema,
  EscalationSchema,
  PHASES,
  WhenSchema,
  ACCOMPANIMENTS,
  FAMILY_TRACING,
  IDENTIFIERS,
  PLACEMENT_KINDS,
  SEXES,
} from '../domain/case/events';
import { PersonNameSchema, singleLineText } from './textSafety';
import { ENGINE_INCIDENT_KINDS } from '../domain/engine/caseEngineCheck';
import { ACTORS } from '../domain/rules/rulePackSchema';
import { CaseCursorSchema } from './caseListSchema';
import { DEADLINES_PAGE_LIMIT, DeadlineCursorSchema } from './deadlineCursor';
import { TimelineDetailSchema } from '../domain/case/timelineDetail';

// ---- requests -----------------------------------------------------------------------------------

export const OpenCaseBodySchema = CaseIntakeSchema.omit({ recordedBy: true, caseId: true, openedAt: true }).extend({
  /**
   * Chosen by the server (C-<year>-<6 characters>) when absent. Only an admin, who sees every case, may
   * choose one (migrating another system's ids); others put their own number in `fileNumber`.
   */
  caseId: CaseIntakeSchema.shape.caseId.optional(),
  /** When the case was opened; now when absent. */
  openedAt: WhenSchema.optional(),
  child: CaseIntakeSchema.shape.child.extend({ name: PersonNameSchema }),
  fileNumber: singleLineText(64).optional(),
  /** "It is another child": sent after a 409 likely_duplicate (same file number, or same name, birth date and nationality). */
  duplicateConfirmed: z.boolean().optional(),
});
export type OpenCaseBody = z.output<typeof OpenCaseBodySchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A case event as a client sends it: CaseEvent without `recordedBy`. */
export type EventBody = DistributiveOmit<CaseEvent, 'recordedBy'>;
const eventOptions = CaseEventSchema.options.map((o) => (o as unknown as z.ZodObject).omit({ recordedBy: true }));
/** CaseEventSchema without `recordedBy`: the same strict event shapes, discriminated by `type`. */
export const EventBodySchema = z.discriminatedUnion('type', eventOptions as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<EventBody>;

/** The largest timeline number (a Postgres integer column): the route and the OpenAPI document both bound `seq` by it. */
export const MAX_SEQ = 2_147_483_647;

/** POST /api/cases/:id/events/:seq/correct: the event as it should have been recorded, and why. */
export const CorrectionBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(2000), event: EventBodySchema });
export type CorrectionBody = z.output<typeof CorrectionBodySchema>;
/** POST /api/cases/:id/events/:seq/void */
export const VoidBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(2000) });
export type VoidBody = z.output<typeof VoidBodySchema>;

export const EscalationBodySchema = EscalationSchema.omit({ by: true });
export type EscalationBody = z.output<typeof EscalationBodySchema>;

export const AcknowledgeBodySchema = z.strictObject({
  /** Which series of the ladder to stop for you; by default the series of the latest step sent to you. */
  series: AcknowledgeSchema.shape.series.optional(),
  /** The case's supervisor may acknowledge for a caseworker or lawyer of the case. */
  for: AcknowledgeSchema.shape.by.optional(),
});
export type AcknowledgeBody = z.output<typeof AcknowledgeBodySchema>;

/** 0d to 366d, exactly as the OpenAPI document says it (one pattern, no separate range check). */
export const WITHIN_PATTERN = /^(?:36[0-6]|3[0-5]\d|[12]?\d?\d)d$/;

export const WithdrawAckBodySchema = WithdrawAckSchema.pick({ series: true, for: true, reason: true });
export type WithdrawAckBody = z.output<typeof WithdrawAckBodySchema>;

export const DeadlinesQuerySchema = z.strictObject({
  within: z
    .string()
    .regex(WITHIN_PATTERN, { message: "must be a number of days from 0 to 366 followed by 'd', e.g. 14d" })
    .default('14d')
    .transform((s) => Number(s.slice(0, -1))),
  /** A page of at most `limit` deadlines (default 100, at most 500); the next one `after` the cursor of the Link header. */
  limit: z.coerce.number().int().min(1).max(DEADLINES_PAGE_LIMIT.max).default(DEADLINES_PAGE_LIMIT.default),
  after: DeadlineCursorSchema.optional(),
});

/** ?closed=true adds closed cases; any other value than true or false is refused. */
/** GET /api/cases: a page of at most `limit` cases (default 100, at most 500), the next one `after` the cursor it answered. */
export const CASES_PAGE_LIMIT = { default: 100, max: 500 } as const;
export const CasesQuerySchema = z.object({
  closed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(CASES_PAGE_LIMIT.max).default(CASES_PAGE_LIMIT.default),
  after: CaseCursorSchema.optional(),
});

/** A link the pages render: http(s) only, so `javascript:` and `data:` never become a link. */
export const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .regex(/^https?:\/\//i, { message: 'must be an http:// or https:// address' })
  .max(2000);

/** A DOF closure or suspension as an admin adds it: the domain's overlay, strict at every level. */
export const OverlayBodySchema = z
  .strictObject({
    ...OverlaySchema.shape,
    scope: OverlayScopeSchema.strict(),
    citation: OverlayCitationSchema.extend({ url: HttpUrlSchema.optional() }).strict(),
  })
  .refine((o) => o.end >= o.start, { message: 'must not be before start', path: ['end'] })
  .refine((o) => daysBetween(o.start, o.end) <= 366, { message: 'an overlay spans at most 366 days', path: ['end'] });
export type OverlayBody = z.output<typeof OverlayBodySchema>;

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

export const CaseIdParamSchema = z.strictObject({ id: CaseIntakeSchema.shape.caseId });

// ---- views --------------------------------------------------------------------------------------

/** 'breach': an authority's duty past due (its breach, evidence for the NGO); 'waiting': an authority's duty still running. */
export const URGENCIES = ['overdue', 'alarm', 'urgent', 'soon', 'ok', 'breach', 'waiting', 'done'] as const;

export const RemainingSchema = z.object({
  /** Business days, calendar days or hours left (negative: overdue by that much). */
  value: z.number().int(),
  unit: z.enum(['business_days', 'days', 'hours']),
  /** In the caller's language: "faltan 3 días hábiles", "3 business days left", "venció hace 2 días hábiles". */
  text: z.string(),
});

export const NextStepSchema = z.object({
  id: z.string(),
  series: z.string(),
  at: z.string(),
  recipients: z.array(z.string()),
});

export const AcknowledgementViewSchema = z.object({
  series: z.string(),
  /** Who pressed "I'm on it", and whose repeats it stops (the same person, or one the supervisor answered for). */
  by: z.string(),
  for: z.string(),
  at: z.string(),
  withdrawn: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});

export const DeadlineViewSchema = z.object({
  /** Public id for /api/deadlines/{id}: '<caseId>:<deadlineId>' with '#' written as '.' (weekly_signature#3 → weekly_signature.3). */
  id: z.string(),
  caseId: z.string(),
  deadlineId: z.string(),
  ruleId: z.string(),
  title: z.string(),
  status: z.enum(['open', 'missed', 'met', 'extended', 'suspended', 'cancelled']),
  late: z.boolean(),
  kind: z.enum(['law', 'program_target']),
  unit: z.string(),
  calendar: z.string(),
  /** The date or instant the term counts from. */
  trigger: z.string(),
  due: z.string(),
  /** The latest plausible date: every calendar that may apply plus the usual closures (equal to `due` when none moves it). */
  dueLatest: z.string(),
  dueInstant: z.string(),
  reason: z.string().nullable(),
  citation: z.string(),
  skipped: z.array(z.object({ date: z.string(), reason: z.string() })),
  overlaysApplied: z.array(z.object({ id: z.string(), citation: z.string() })),
  /** The term as a lawyer says it, e.g. '45 días hábiles, LRPCAP art. 24' (null for deadlines computed before issue 12). */
  term: z.string().nullable(),
  /** Term, governing calendar, skipped days and why, declared closures used, and why dueLatest may be later. */
  explanation: z.string().nullable(),
  /** E.g. an agency's closures for a year that are not loaded. */
  warnings: z.array(z.string()),
  /** When the due day closes (the office's hour in its IANA zone, or 24:00 for an amparo) and why; null: 23:59:59 Mexico City. */
  filing: z.object({ filing: z.enum(['office-hours', 'until-midnight']), closesAt: z.string(), zone: z.string(), source: z.string() }).nullable(),
  nextStep: NextStepSchema.nullable(),
  acknowledgements: z.array(AcknowledgementViewSchema),
  /** The rule pack this deadline counts under (null: projected before, the case's pack). */
  rulePack: z.string().nullable(),
  /** A newer pack's change that waits for a person's acceptance: a later date, or no longer counted ('delete'). */
  pendingPack: z
    .object({ rulePack: z.string(), action: z.enum(['update', 'delete']), due: z.string().nullable(), dueLatest: z.string().nullable(), reason: z.string(), proposedAt: z.string(), proposedBy: z.string() })
    .nullable(),
  /** iCalendar SEQUENCE: grows when the due date or the status changes. */
  sequence: z.number().int(),
  remaining: RemainingSchema.nullable(),
  urgency: z.enum(URGENCIES),
  /** Whose act it is: the NGO's own or an authority's (domain/rules/actors.ts). */
  actor: z.enum(ACTORS),
  /** The NGO acts on it (its own deadline, or a child's detention); otherwise it is an authority's duty. */
  ngoActs: z.boolean(),
});
export type DeadlineView = z.infer<typeof DeadlineViewSchema>;

export const CaseViewSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  rulePack: z.string(),
  phase: z.enum(PHASES),
  child: z.object({
    name: z.string(),
    birthDate: z.string().nullable(),
    nationality: z.string().nullable(),
    /** The record a best-interests determination needs; null where not recorded. */
    sex: z.enum(SEXES).nullable(),
    languages: z.array(z.string()),
    interpreterNeeded: z.boolean().nullable(),
    accompaniment: z.enum(ACCOMPANIMENTS).nullable(),
    familyTracing: z.enum(FAMILY_TRACING).nullable(),
    ageDisputed: z.boolean(),
    identification: z.object({ place: z.string(), by: z.enum(IDENTIFIERS) }).nullable(),
  }),
  /** Where the child lived, oldest first: each from its placement event's date until the next began (null: still there). */
  placements: z.array(z.object({ kind: z.enum(PLACEMENT_KINDS).nullable(), place: z.string(), from: z.string(), until: z.string().nullable() })),
  office: z.string().nullable(),
  fileNumber: z.string().nullable(),
  assignments: z.object({ caseworker: z.string(), supervisor: z.string(), lawyer: z.string() }),
  detained: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  nextDueInstant: z.string().nullable(),
  /** The workflow's event counter when this was projected. */
  version: z.number().int(),
  deadlines: z.array(DeadlineViewSchema),
  // temporal: only for those who may decode payloads (admins); the pages show it to them alone too.
  links: z.object({ page: z.string(), timeline: z.string(), temporal: z.string().optional() }),
  /** The case's workflow is not running (db/engineIncidents.ts): no notice will go out until it runs again. */
  engineStopped: z.object({ kind: z.enum(ENGINE_INCIDENT_KINDS), since: z.string(), detectedAt: z.string() }).nullable().optional(),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  phase: z.enum(PHASES),
  childName: z.string(),
  detained: z.boolean(),
  caseworker: z.string(),
  closedAt: z.string().nullable(),
  next: DeadlineViewSchema.nullable(),
  liveDeadlines: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const TimelineEntryViewSchema = z.object({
  seq: z.number().int(),
  /** When it happened. */
  at: z.string(),
  /** When it was recorded. */
  recordedAt: z.string(),
  by: z.string(),
  type: z.string(),
  /** In English, as recorded. */
  summary: z.string(),
  deadlineId: z.string().nullable(),
  /** What it says, as data, for rendering in the reader's language; null for entries recorded before. */
  detail: TimelineDetailSchema.nullable().optional(),
});
export type TimelineEntryView = z.infer<typeof TimelineEntryViewSchema>;

export const DeadlineListItemSchema = DeadlineViewSchema.extend({ childName: z.string(), phase: z.enum(PHASES) });
export type DeadlineListItem = z.infer<typeof DeadlineListItemSchema>;

export const OverlayViewSchema = z.object({
  overlay: z.unknown(),
  source: z.enum(['seed', 'added']),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** Withdrawn overlays are listed, and no longer counted. */
  withdrawn: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});
export type OverlayView = z.infer<typeof OverlayViewSchema>;

/** POST /api/overlays/:id/correct: the overlay as it should have been entered (same id), and why. */
// The overlay is checked like a new one, so a malformed body is a 400 naming `overlay.<field>`, never a 500.
export const OverlayCorrectionBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(2000), overlay: OverlayBodySchema });
export type OverlayCorrectionBody = z.output<typeof OverlayCorrectionBodySchema>;

export const OverlayAddedSchema = z.object({
  overlay: z.unknown(),
  /** Open cases with a live deadline whose counting period the overlay touches: each recomputes. */
  casesNotified: z.array(z.string()),
});

export const OpenedCaseSchema = z.object({ id: z.string(), workflowId: z.string(), case: CaseViewSchema });

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().nullable(),
    /** With 409 likely_duplicate: the cases that may be the same child (id and link only for a case the caller may see). */
    duplicates: z.array(z.object({ caseId: z.string().nullable(), why: z.enum(['file_number', 'same_child']), link: z.string().nullable() })).optional(),
  }),
});

export const CalendarLinkSchema = z.object({ url: z.string(), webcal: z.string(), note: z.string() });
