import { Gauge, type Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { PHASES } from '../domain/case/events';
import { UNITS } from '../domain/rules/rulePackSchema';
import { undeliveredByUnit } from '../db/queries/undeliveredMessages';
import { oldestDueStepAgeSeconds } from '../db/queries/outboxLag';

/** 'none': a message of no deadline (a digest, a manual escalation). */
const DEADLINE_UNITS = [...UNITS, 'none'] as const;
const OPEN_PHASES = PHASES.filter((p) => p !== 'closed');
const DEADLINE_KINDS = ['law', 'program_target'] as const;

/**
 * Gauges read from Postgres when Prometheus scrapes: the ledger and the read model are the truth, so a
 * restarted worker reports the same numbers. Every series is always present (0 when none), so an alert
 * on it never goes quiet for want of data. Errors fail the scrape (Prometheus marks it down), never a guess.
 */
export function registerLedgerGauges(registry: Registry, db: Db): void {
  new Gauge({
    name: 'plazo_undelivered_reminder_oldest_age_seconds',
    help: 'Age of the oldest message not yet delivered (from its due instant), by the unit of its deadline; 0 when none. Closed cases left out.',
    labelNames: ['deadline_unit'] as const,
    registers: [registry],
    async collect() {
      const rows = await undeliveredByUnit(db);
      this.reset();
      for (const u of DEADLINE_UNITS) this.set({ deadline_unit: u }, rows.find((r) => r.unit === u)?.oldestAgeSeconds ?? 0);
    },
  });

  new Gauge({
    name: 'plazo_step_outbox_oldest_due_seconds',
    help: 'Age in seconds of the oldest due step the dispatcher has not sent nor left to its case; 0 when none.',
    registers: [registry],
    async collect() {
      this.set(await oldestDueStepAgeSeconds(db));
    },
  });

  new Gauge({
    name: 'plazo_open_cases',
    help: 'Cases open in the read model, by phase.',
    labelNames: ['phase'] as const,
    registers: [registry],
    async collect() {
      const rows = await db.selectFrom('cases').select(['phase', (eb) => eb.fn.countAll<string>().as('n')]).where('closed_at', 'is', null).groupBy('phase').execute();
      this.reset();
      for (const p of OPEN_PHASES) this.set({ phase: p }, Number(rows.find((r) => r.phase === p)?.n ?? 0));
    },
  });

  new Gauge({
    name: 'plazo_deadlines_missed',
    help: 'Deadlines of open cases that passed unmet, by kind (law, program_target).',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('case_deadlines')
        .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
        .select(['case_deadlines.kind', (eb) => eb.fn.countAll<string>().as('n')])
        .where('cases.closed_at', 'is', null)
        .where('case_deadlines.status', '=', 'missed')
        .groupBy('case_deadlines.kind')
        .execute();
      this.reset();
      for (const k of DEADLINE_KINDS) this.set({ kind: k }, Number(rows.find((r) => r.kind === k)?.n ?? 0));
    },
  });

  new Gauge({
    name: 'plazo_case_engine_incidents_open',
    help: "Open cases whose workflow is not running (the engine reconciler's open incidents); 0 without the reconciler's table.",
    registers: [registry],
    async collect() {
      // The table comes with the reconciler's migration: looked up at each scrape, so either order of deploy
      // works (a query naming a missing table fails when parsed, whichever branch would run).
      const { rows: found } = await sql<{ t: string | null }>`select to_regclass('case_engine_incidents')::text as t`.execute(db);
      const { rows } = found[0]?.t
        ? await sql<{ n: string }>`select count(*) as n from case_engine_incidents where resolved_at is null`.execute(db)
        : { rows: [] };
      this.set(Number(rows[0]?.n ?? 0));
    },
  });
}
