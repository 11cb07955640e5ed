/**
 * What a timeline entry says, as data: a kind and its parameters, rendered in the reader's language at
 * read time (domain/messages/timelineDetailText.ts) — on the case page, the inbox, the constancia PDF and
 * the command line. Entries recorded before this (runs not patched 'timeline-as-data', rows projected
 * before) have no detail: their English `summary` is read back by domain/messages/timelineText.ts.
 *
 * zod lives here for the API (OpenAPI) and the read model; the workflow imports only the types.
 *
 * To add a kind: add its member to TimelineDetailSchema below, record it where the workflow notes the
 * entry (`note(s, { …, detail })`), and add its renderer to DETAIL_TEXT in timelineDetailText.ts (the
 * type checker refuses a kind without one), with a case in timelineDetailText.test.ts in both languages.
 * Dates are kept as recorded (YYYY-MM-DD or ISO instants) and people as ids: both are put in words,
 * names and the reader's zone only when read.
 */
import { z } from 'zod';
import type { CaseEvent } from './events';

/**
 * An event as the workflow recorded it (it passed RecordedEventSchema at the API and the Update's own
 * checks): checked here for its shape only, and documented as such, so the OpenAPI document does not
 * repeat every event's schema three times over.
 */
const RecordedEventSchema = z
  .custom<CaseEvent>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && typeof (v as { occurredAt?: unknown }).occurredAt === 'string', {
    message: 'must be a recorded event (type, occurredAt, …)',
  })
  .meta({ description: 'the event as recorded: the fields of an EventInput, with recordedBy', type: 'object' });

/** A due date and its latest plausible reading. */
const DueSchema = z.object({ due: z.string(), dueLatest: z.string() });
const SERIES = z.enum(['reminder', 'alarm', 'due', 'overdue', 'director']);

export const TimelineDetailSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case_opened'), rulePack: z.string() }),
  /** A recorded event, as it was recorded (its own fields: place, outcome, note, …). */
  z.object({ kind: z.literal('event'), event: RecordedEventSchema }),
  z.object({ kind: z.literal('deadline_opened'), ...DueSchema.shape, citation: z.string(), trigger: z.string(), byCorrection: z.boolean().optional() }),
  /** Met, extended, suspended (by a detention) or cancelled by the event recorded as `eventSeq`. */
  z.object({
    kind: z.literal('deadline_resolved'),
    status: z.enum(['met', 'extended', 'suspended', 'cancelled']),
    late: z.boolean().optional(),
    eventSeq: z.number().int().optional(),
    byCorrection: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('deadline_missed'), ...DueSchema.shape }),
  /** Recounted: after a correction (the trigger it now counts from), or because DOF closures changed. */
  z.object({
    kind: z.literal('deadline_moved'),
    from: DueSchema,
    to: DueSchema,
    because: z.enum(['correction', 'overlays']),
    statusFrom: z.string().optional(),
    statusTo: z.string().optional(),
    trigger: z.string().optional(),
    overlays: z.array(z.object({ citation: z.string(), withdrawn: z.boolean() })).optional(),
  }),
  /** Ladder steps whose moment passed before the case was in Plazo (step ids). */
  z.object({ kind: z.literal('not_sent'), steps: z.array(z.string()) }),
  /** A message went out: a step id or a message kind, or the summary of what was not sent. */
  z.object({
    kind: z.literal('delivery'),
    what: z.string(),
    beforePlazoSummary: z.boolean().optional(),
    to: z.array(z.object({ role: z.string(), userId: z.string() })),
    unreachable: z.array(z.string()),
  }),
  z.object({ kind: z.literal('no_summary') }),
  /** A case opened by an import: the import's one summary per person covers what was not sent. */
  z.object({ kind: z.literal('import_summary'), importRun: z.string() }),
  /** `for`: whose repeats stop (absent in runs from before acknowledgements were per person). */
  z.object({ kind: z.literal('acknowledged'), series: SERIES, for: z.string().optional() }),
  z.object({ kind: z.literal('acknowledgement_withdrawn'), series: SERIES, for: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('escalated'), reason: z.string() }),
  /** The event recorded as `eventSeq` as it was, and as it should have been. */
  z.object({ kind: z.literal('event_corrected'), eventSeq: z.number().int(), was: RecordedEventSchema, now: RecordedEventSchema, reason: z.string() }),
  z.object({ kind: z.literal('event_voided'), eventSeq: z.number().int(), was: RecordedEventSchema, reason: z.string() }),
]);
export type TimelineDetail = z.output<typeof TimelineDetailSchema>;
export type TimelineDetailKind = TimelineDetail['kind'];
/** One kind's parameters. */
export type DetailOf<K extends TimelineDetailKind> = Extract<TimelineDetail, { kind: K }>;
