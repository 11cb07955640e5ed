import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * The baseline users know: a cron job that wakes every M minutes (on the clock, like `*\/5 * * * *`),
 * scans a table of due reminders and sends what is due and not yet sent. Same due instants and same
 * recipients as Plazo's alarm-1 messages; its mails carry `x-bench-poller` so the two can be told apart.
 */
export interface PollerRow {
  caseId: string;
  recipient: string;
  dueAt: Date;
}

export async function createPollerTable(db: Db): Promise<void> {
  await sql`create table if not exists bench_poller_due (
    case_id text not null, recipient text not null, due_at timestamptz not null, sent_at timestamptz,
    primary key (case_id, recipient))`.execute(db);
  await sql`create index if not exists bench_poller_due_at on bench_poller_due (due_at) where sent_at is null`.execute(db);
}

export async function addDue(db: Db, rows: PollerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql`insert into bench_poller_due (case_id, recipient, due_at)
      select * from unnest(${chunk.map((r) => r.caseId)}::text[], ${chunk.map((r) => r.recipient)}::text[], ${chunk.map((r) => r.dueAt.toISOString())}::timestamptz[])
      on conflict do nothing`.execute(db);
  }
}

export interface Poller {
  /** Instants (ms) of the sweeps done so far. */
  sweeps: { at: number; sent: number; tookMs: number }[];
  stop(): Promise<void>;
}

/** `connections`: as many SMTP connections as the worker keeps (SMTP_MAX_CONNECTIONS), so the comparison stays fair. */
export function startPoller(db: Db, opts: { smtpPort: number; everyMinutes: number; connections: number }): Poller {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: opts.smtpPort, ignoreTLS: true, pool: true, maxConnections: opts.connections });
  const every = opts.everyMinutes * 60_000;
  const sweeps: Poller['sweeps'] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function sweep(): Promise<void> {
    const t0 = Date.now();
    const due = await sql<{ case_id: string; recipient: string; due_at: Date }>`
      select case_id, recipient, due_at from bench_poller_due where sent_at is null and due_at <= now() order by due_at`.execute(db);
    let sent = 0;
    const queue = [...due.rows];
    await Promise.all(
      Array.from({ length: opts.connections }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          await transport.sendMail({
            from: 'Cron poller <poller@bench.local>',
            to: r.recipient,
            subject: `[poller] case ${r.case_id} alarm due ${r.due_at.toISOString()}`,
            text: 'baseline reminder',
            headers: { 'x-bench-poller': `${r.case_id}/${r.recipient}`, 'x-bench-due': r.due_at.toISOString() },
          });
          await sql`update bench_poller_due set sent_at = now() where case_id = ${r.case_id} and recipient = ${r.recipient}`.execute(db);
          sent++;
        }
      }),
    );
    sweeps.push({ at: t0, sent, tookMs: Date.now() - t0 });
  }

  const schedule = () => {
    if (stopped) return;
    const now = Date.now();
    const next = Math.floor(now / every) * every + every; // on the clock, like cron
    timer = setTimeout(() => {
      running = sweep()
        .catch((err: Error) => void process.stderr.write(`poller: ${err.message}\n`))
        .finally(schedule);
    }, next - now);
  };
  schedule();

  return {
    sweeps,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
