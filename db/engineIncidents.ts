/** The case_engine_incidents table (migration 0016): written by the reconciler, read by the case page and API. */
import { sql } from 'kysely';
import type { Db } from './database';
import { STOPPED_KINDS, type CaseIncidentHistory, type EngineIncidentKind } from '../domain/engine/caseEngineCheck';

export interface OpenIncident {
  id: string;
  caseId: string;
  kind: EngineIncidentKind;
  since: Date;
  alarmed: boolean;
}

/** Every case's incident history in one query: the open incident, and the last time any was seen or ended. */
export async function incidentHistories(db: Db): Promise<Map<string, CaseIncidentHistory & { openIncident?: OpenIncident }>> {
  const rows = await db
    .selectFrom('case_engine_incidents')
    .select(['case_id', sql<Date>`max(greatest(detected_at, coalesce(resolved_at, detected_at)))`.as('last_at')])
    .groupBy('case_id')
    .execute();
  const open = await db.selectFrom('case_engine_incidents').selectAll().where('resolved_at', 'is', null).execute();
  const byCase = new Map<string, CaseIncidentHistory & { openIncident?: OpenIncident }>(rows.map((r) => [r.case_id, { lastActivityAt: new Date(r.last_at).getTime() }]));
  for (const o of open) {
    const incident: OpenIncident = { id: o.id, caseId: o.case_id, kind: o.kind as EngineIncidentKind, since: o.since, alarmed: o.alarmed_at !== null };
    byCase.set(o.case_id, { ...byCase.get(o.case_id), open: { kind: incident.kind }, openIncident: incident });
  }
  return byCase;
}

/**
 * Records a new incident; a second open one for the case is refused by the unique index and ignored (two
 * reconcilers at once). A reset is an alarm only: the workflow runs, so it is recorded already resolved.
 */
export async function openIncident(db: Db, i: { caseId: string; workflowId: string; kind: EngineIncidentKind; since: Date; now: Date }): Promise<void> {
  await db
    .insertInto('case_engine_incidents')
    .values({ case_id: i.caseId, workflow_id: i.workflowId, kind: i.kind, since: i.since, detected_at: i.now, resolved_at: STOPPED_KINDS.includes(i.kind) ? null : i.now })
    .onConflict((oc) => oc.column('case_id').where('resolved_at', 'is', null).doNothing())
    .execute();
}

export async function resolveIncidents(db: Db, caseIds: string[], now: Date): Promise<void> {
  if (caseIds.length === 0) return;
  await db.updateTable('case_engine_incidents').set({ resolved_at: now }).where('case_id', 'in', caseIds).where('resolved_at', 'is', null).execute();
}

/** Incidents whose alarm has not gone out in full yet (a failed send is tried again next run); not one already over. */
export async function unalarmedIncidents(db: Db) {
  return db
    .selectFrom('case_engine_incidents')
    .selectAll()
    .where('alarmed_at', 'is', null)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('kind', 'not in', [...STOPPED_KINDS])]))
    .orderBy('id')
    .execute();
}

export async function markAlarmed(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('case_engine_incidents').set({ alarmed_at: now }).where('id', '=', id).execute();
}

/** The case's open stopped incident, for its page and API view; null when its workflow runs. */
export async function stoppedIncidentOf(db: Db, caseId: string): Promise<{ kind: EngineIncidentKind; since: Date; detectedAt: Date } | null> {
  const row = await db
    .selectFrom('case_engine_incidents')
    .select(['kind', 'since', 'detected_at'])
    .where('case_id', '=', caseId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return row ? { kind: row.kind as EngineIncidentKind, since: row.since, detectedAt: row.detected_at } : null;
}
