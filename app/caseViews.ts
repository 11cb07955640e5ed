/** Read-model rows → the views the API answers with (and the pages render). */
import type { Selectable } from 'kysely';
import type { CaseDeadlineTable, CaseTable, CaseTimelineTable } from '../db/schema';
import type { AckState, CaseState, Placement } from '../domain/case/state';
import { caseRowOf, deadlineRowOf } from '../db/readModelRows';
import { isLive } from '../domain/case/upcoming';
import { remainingOf, urgencyOf, type Lang, type RemainingContext } from './remaining';
import type { CaseSummary, CaseView, DeadlineView, TimelineEntryView } from './schemas';

export type CaseRow = Selectable<CaseTable>;
export type DeadlineRow = Selectable<CaseDeadlineTable>;
export type TimelineRow = Selectable<CaseTimelineTable>;

export interface Links {
  publicUrl: string;
  temporalUiUrl: string;
  namespace: string;
}

/** Each placement until the next one began; the last one is where the child is now. */
export function placementHistory(list: Placement[]): CaseView['placements'] {
  return list.map((p, i) => ({ kind: (p.kind ?? null) as CaseView['placements'][number]['kind'], place: p.place, from: p.from, until: list[i + 1]?.from ?? null }));
}

/** 'weekly_signature#3' on case C-1 → 'C-1:weekly_signature.3' (no '#', which a URL would cut off). */
export const publicDeadlineId = (caseId: string, deadlineId: string) => `${caseId}:${deadlineId.replace(/#/g, '.')}`;

/** The inverse of publicDeadlineId, or null when it is not one. */
export function parsePublicDeadlineId(id: string): { caseId: string; deadlineId: string } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([a-z][a-z0-9_]*)(?:\.(\d{1,6}))?$/.exec(id);
  if (!m) return null;
  return { caseId: m[1]!, deadlineId: m[3] ? `${m[2]}#${m[3]}` : m[2]! };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const dateOrNull = (v: string | null): Date | null => (v === null ? null : new Date(v));

/** A `date` column: pg hands back a local-midnight Date. */
export function dateOnly(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  return String(v).slice(0, 10);
}

export function temporalLink(l: Links, workflowId: string): string {
  return `${l.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(l.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function deadlineView(row: DeadlineRow, office: string | null, ctx: RemainingContext, lang: Lang): DeadlineView {
  const dueInstant = iso(row.due_instant)!;
  const remaining = remainingOf(ctx, { status: row.status, unit: row.unit, calendar: row.calendar, ruleId: row.rule_id, due: row.due, dueInstant, office }, lang);
  return {
    id: publicDeadlineId(row.case_id, row.deadline_id),
    caseId: row.case_id,
    deadlineId: row.deadline_id,
    ruleId: row.rule_id,
    title: row.title,
    status: row.status as DeadlineView['status'],
    late: row.late,
    kind: row.kind as DeadlineView['kind'],
    unit: row.unit,
    calendar: row.calendar,
    trigger: row.trigger,
    due: row.due,
    dueLatest: row.due_latest,
    dueInstant,
    reason: row.reason,
    citation: row.citation,
    skipped: (row.skipped ?? []) as DeadlineView['skipped'],
    overlaysApplied: (row.overlays_applied ?? []) as DeadlineView['overlaysApplied'],
    term: row.term,
    explanation: row.explanation,
    warnings: (row.warnings ?? []) as string[],
    filing: (row.filing ?? null) as DeadlineView['filing'],
    nextStep: (row.next_step ?? null) as DeadlineView['nextStep'],
    acknowledgements: ((row.acks ?? []) as AckState[]).map((a) => ({ series: a.series, by: a.by, for: a.for ?? a.by, at: a.at, withdrawn: a.withdrawn ?? null })),
    rulePack: row.rule_pack ?? null,
    pendingPack: (row.pending_pack ?? null) as DeadlineView['pendingPack'],
    sequence: row.sequence,
    remaining,
    urgency: urgencyOf(row.status, row.unit, remaining, row.ngo_acts),
    actor: row.actor as DeadlineView['actor'],
    ngoActs: row.ngo_acts,
  };
}

const LIVE_FIRST = (a: DeadlineView, b: DeadlineView) => {
  const live = (d: DeadlineView) => (isLive(d) ? 0 : 1);
  return live(a) - live(b) || a.dueInstant.localeCompare(b.dueInstant);
};

/** `operator`: the reader may open the case in the Temporal UI (admins); nobody else is given the link. */
export function caseView(row: CaseRow, deadlines: DeadlineRow[], ctx: RemainingContext, lang: Lang, links: Links, operator: boolean): CaseView {
  const base = links.publicUrl.replace(/\/$/, '');
  return {
    id: row.id,
    workflowId: row.workflow_id,
    rulePack: row.rule_pack,
    phase: row.phase as CaseView['phase'],
    child: {
      name: row.child_name,
      birthDate: dateOnly(row.child_birth_date),
      nationality: row.nationality,
      sex: row.child_sex as CaseView['child']['sex'],
      languages: row.child_languages ?? [],
      interpreterNeeded: row.interpreter_needed,
      accompaniment: row.accompaniment as CaseView['child']['accompaniment'],
      familyTracing: row.family_tracing as CaseView['child']['familyTracing'],
      ageDisputed: row.age_disputed,
      identification: row.identified_place && row.identified_by ? { place: row.identified_place, by: row.identified_by as NonNullable<CaseView['child']['identification']>['by'] } : null,
    },
    placements: placementHistory((row.placements ?? []) as Placement[]),
    office: row.office,
    fileNumber: row.file_number,
    assignments: { caseworker: row.caseworker_id, supervisor: row.supervisor_id, lawyer: row.lawyer_id },
    detained: row.detained,
    openedAt: iso(row.opened_at)!,
    closedAt: iso(row.closed_at),
    closeReason: row.close_reason,
    nextDueInstant: iso(row.next_due_instant),
    version: row.version,
    deadlines: deadlines.map((d) => deadlineView(d, row.office, ctx, lang)).sort(LIVE_FIRST),
    links: {
      page: `${base}/cases/${encodeURIComponent(row.id)}`,
      timeline: `${base}/api/cases/${encodeURIComponent(row.id)}/timeline`,
      ...(operator ? { temporal: temporalLink(links, row.workflow_id) } : {}),
    },
  };
}

export function caseSummary(row: CaseRow, deadlines: DeadlineRow[], ctx: RemainingContext, lang: Lang): CaseSummary {
  const live = deadlines.filter(isLive).sort((a, b) => +a.due_instant - +b.due_instant);
  return {
    id: row.id,
    phase: row.phase as CaseSummary['phase'],
    childName: row.child_name,
    detained: row.detained,
    caseworker: row.caseworker_id,
    closedAt: iso(row.closed_at),
    next: live[0] ? deadlineView(live[0], row.office, ctx, lang) : null,
    liveDeadlines: live.length,
  };
}

export function timelineView(row: TimelineRow): TimelineEntryView {
  return {
    seq: row.seq,
    at: row.at,
    recordedAt: iso(row.recorded_at)!,
    by: row.by,
    type: row.type,
    summary: row.summary,
    deadlineId: row.deadline_id,
    detail: row.detail ?? null,
  };
}

/**
 * The rows the read model will hold for this state (as activities/readModel.ts writes them, read back
 * as pg hands them): used to answer a write at once when the projection is slower than usual. SEQUENCE
 * comes from the stored rows.
 */
export function rowsFromState(s: CaseState, stored: { caseRow?: CaseRow; sequences: Map<string, number> }): { caseRow: CaseRow; deadlines: DeadlineRow[] } {
  const now = new Date();
  const written = caseRowOf(s);
  const caseRow: CaseRow = {
    ...written,
    opened_at: stored.caseRow?.opened_at ?? new Date(s.timeline[0]?.at ?? now),
    closed_at: dateOrNull(written.closed_at),
    next_due_instant: dateOrNull(written.next_due_instant),
    alarm_due_instant: dateOrNull(written.alarm_due_instant),
    duty_due_instant: dateOrNull(written.duty_due_instant),
    placements: s.facts.placements ?? [],
    updated_at: now,
  };
  const deadlines: DeadlineRow[] = s.deadlines.map((d) => {
    const w = deadlineRowOf(s.caseId, d, s.rulePack);
    return {
      ...w,
      due_instant: new Date(w.due_instant),
      due_latest_instant: new Date(w.due_latest_instant),
      skipped: JSON.parse(w.skipped) as unknown,
      overlays_applied: JSON.parse(w.overlays_applied) as unknown,
      warnings: w.warnings === null ? null : (JSON.parse(w.warnings) as unknown),
      next_step: w.next_step === null ? null : (JSON.parse(w.next_step) as unknown),
      steps: JSON.parse(w.steps) as unknown,
      acks: JSON.parse(w.acks) as unknown,
      pending_pack: w.pending_pack === null ? null : (JSON.parse(w.pending_pack) as unknown),
      sequence: stored.sequences.get(d.deadlineId) ?? 0,
      updated_at: now,
    };
  });
  return { caseRow, deadlines };
}
