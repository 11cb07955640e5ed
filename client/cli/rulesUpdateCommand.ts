/**
 * `plazo rules update --to <pack> [--dry-run] [--case <id> …]`: what a newer rule pack would change on the
 * open cases the caller may move (lawyer, admin), or applying it (through the API, like `plazo case`).
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import type { CaseDryRunSchema, PackUpdateProgressSchema, PackUpdateStartedSchema } from '../../app/rulePacks/packSchemas';
import { PackUpdateBodySchema } from '../../app/rulePacks/packSchemas';
import { ApiClient, checkBody, type ApiOptions } from './apiClient';
import { printJson, table, type CliIo } from './io';

type Options = ApiOptions & { to: string; dryRun?: boolean; case?: string[]; json?: boolean };
type DryRun = z.output<typeof CaseDryRunSchema>;

/** One line per change: the case, the deadline, what happens to its dates, whether it waits, and why. */
export function dryRunTable(cases: DryRun[]): string {
  const rows = cases.flatMap((c) =>
    c.error
      ? [[c.caseId, '-', 'cannot move', '', '', c.error]]
      : c.changes.map((x) => [
          c.caseId,
          x.deadlineId,
          x.action,
          `${x.before?.due ?? '-'} → ${x.after?.due ?? '-'}`,
          x.pending ? 'already waiting' : x.needsAcceptance ? 'waits for acceptance' : 'applies at once',
          x.reason,
        ]),
  );
  if (rows.length === 0) return '(no open case would change)';
  return table([['case', 'deadline', 'change', 'due', 'when', 'why'], ...rows]);
}

export function registerRulesUpdateCommand(rules: Command, io: CliIo): void {
  rules
    .command('update')
    .description('move open cases to another rule pack (lawyer, admin): --dry-run lists every change first')
    .requiredOption('--to <pack>', 'the rule pack, e.g. mx-2026.2')
    .option('--dry-run', 'list the changes; change nothing')
    .option('--case <id...>', 'only these cases (default: every open case you may move)')
    .option('--api <url>', 'API address (default: PLAZO_API_URL or http://localhost:3000)')
    .option('--token <token>', 'your API token (default: PLAZO_TOKEN)')
    .option('--json', 'print the API answer as JSON')
    .action(async (_: Options, cmd: Command) => {
      // `--json` is also an option of `plazo rules`, which commander gives it to: read both levels.
      const o = cmd.optsWithGlobals<Options>();
      const body = checkBody(PackUpdateBodySchema, o.case ? { caseIds: o.case } : {});
      const client = new ApiClient(o);
      const to = encodeURIComponent(o.to);
      if (o.dryRun) {
        const cases = await client.request<DryRun[]>('POST', `/api/rule-packs/${to}/dry-run`, body);
        if (o.json) return printJson(io, cases);
        return io.out(`rule pack ${o.to}: ${cases.length} open case(s) would change (nothing changed)\n${dryRunTable(cases)}`);
      }
      const started = await client.request<z.output<typeof PackUpdateStartedSchema>>('POST', `/api/rule-packs/${to}/apply`, body);
      if (o.json) return printJson(io, started);
      const progress = await client.request<z.output<typeof PackUpdateProgressSchema>>('GET', `/api/rule-pack-updates/${encodeURIComponent(started.workflowId)}`);
      io.out(`applying ${o.to} to ${started.total} case(s): ${progress.done} done so far (update ${started.workflowId}; later dates wait for acceptance on each case page)`);
    });
}
