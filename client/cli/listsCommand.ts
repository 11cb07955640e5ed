/**
 * `plazo admin lists …`: the admin-managed lists (offices, places, nationalities) and the report of the
 * free text migration 0018 could not match, straight in the database like `plazo admin bootstrap`; the
 * page /admin/lists and /api/lists save through the same saveListEntry.
 */
import type { Command } from 'commander';
import { loadEnv } from '../../config/env';
import { DomainInputError } from '../../domain';
import { ADMIN_LIST_NAMES, type AdminListName } from '../../domain/lists/lists';
import { listEntriesAt, listReportAt, saveListEntryAt } from '../../app/lists/adminListsAt';
import { printJson, type CliIo } from './io';

function databaseUrl(): string {
  const url = loadEnv().DATABASE_URL;
  if (!url) throw new DomainInputError('DATABASE_URL', 'is not set: point it at the Postgres server of the deployment');
  return url;
}

function listName(name: string): AdminListName {
  if (!(ADMIN_LIST_NAMES as string[]).includes(name)) throw new DomainInputError('list', `unknown list '${name}' (expected ${ADMIN_LIST_NAMES.join(' or ')})`);
  return name as AdminListName;
}

function parseEntry(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainInputError('entry', 'is not valid JSON (e.g. {"id":"comar-merida","name":"COMAR Mérida","agency":"COMAR"})');
  }
}

export function registerListsCommand(admin: Command, io: CliIo): void {
  const lists = admin.command('lists').description(`the admin-managed lists (${ADMIN_LIST_NAMES.join(', ')}) and the free-text migration report`);

  lists
    .command('show')
    .description('every entry of a list, retired ones marked')
    .argument('<list>', ADMIN_LIST_NAMES.join(' | '))
    .option('--json', 'print a JSON array')
    .action(async (name: string, o: { json?: boolean }) => {
      const entries = await listEntriesAt(databaseUrl(), listName(name));
      if (o.json) return printJson(io, entries);
      io.out(entries.map(({ id, name: n, aliases, active, ...data }) => `${id}  ${n}${active ? '' : ' (retired)'}  ${JSON.stringify(data)}${aliases.length ? `  aliases: ${aliases.join(', ')}` : ''}`).join('\n'));
    });

  lists
    .command('save')
    .description('add an entry, or replace the one with the same id (retire it with "active": false)')
    .argument('<list>', ADMIN_LIST_NAMES.join(' | '))
    .requiredOption('--entry <json>', 'the entry, e.g. {"id":"comar-merida","name":"COMAR Mérida","agency":"COMAR","zone":"America/Merida"}')
    .requiredOption('--by <user-id>', 'the admin making the change (audit log)')
    .action(async (name: string, o: { entry: string; by: string }) => {
      const saved = await saveListEntryAt(databaseUrl(), listName(name), parseEntry(o.entry), o.by);
      io.out(`saved ${name}/${saved.id}: ${saved.name}`);
    });

  lists
    .command('report')
    .description('the free text migration 0018 met: what each became, or that nothing matched')
    .option('--unmatched', 'only what no entry matched (left as typed, for a person to fix)')
    .option('--json', 'print a JSON array')
    .action(async (o: { unmatched?: boolean; json?: boolean }) => {
      const rows = await listReportAt(databaseUrl(), Boolean(o.unmatched));
      if (o.json) return printJson(io, rows);
      if (!rows.length) return io.out(o.unmatched ? 'every free text was matched' : 'no free text was migrated');
      io.out(rows.map((r) => `${r.list}\t${r.source} ${r.rowId}\t'${r.text}'\t${r.matched === null ? 'NOT MATCHED (left as typed)' : `→ ${r.matched}`}`).join('\n'));
    });
}
