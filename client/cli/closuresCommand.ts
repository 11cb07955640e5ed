/**
 * `plazo closures load [file]`: a year's DOF acuerdo of non-business days for an authority or office,
 * from a JSON file (the API's body: authority, office, year, citation, published, url, dates) and/or flags,
 * which win over the file. Without --confirm it prints what the acuerdo would move and stores nothing.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ClosuresResult } from '../../app/closures/loadClosures';
import { DomainInputError } from '../../domain';
import { ClosureYearSchema, parseDayList, yearFromText } from '../../domain/closures/closureYear';
import { ApiClient, checkBody, type ApiOptions } from './apiClient';
import { printJson, table, type CliIo } from './io';

type Options = ApiOptions & { authority?: string; office?: string; year?: string; citation?: string; published?: string; url?: string; dates?: string; confirm?: boolean; json?: boolean };

function readAcuerdoFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DomainInputError('file', `cannot read file '${path}' (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('expected an object { authority, year, citation, published, dates }');
    return data as Record<string, unknown>;
  } catch (e) {
    throw new DomainInputError('file', `file '${path}' is not a valid acuerdo file (${(e as Error).message})`);
  }
}

function resultText(r: ClosuresResult, confirmed: boolean): string {
  const lines = r.overlays.map((o) => `  ${o.id}  ${o.start === o.end ? o.start : `${o.start}..${o.end}`}${o.description ? `  ${o.description}` : ''}`);
  const head = r.alreadyLoaded ? 'already loaded: nothing changed, nobody told' : confirmed ? `loaded ${r.overlays.length} closures` : `preview (nothing stored; add --confirm to load): ${r.overlays.length} closures`;
  const moved = r.changes.length
    ? table([
        ['case', 'deadline', 'due now', 'due after'],
        ...r.changes.map((c) => [c.caseId, c.deadlineId, c.from.due + (c.from.dueLatest !== c.from.due ? ` (latest ${c.from.dueLatest})` : ''), c.to.due + (c.to.dueLatest !== c.to.due ? ` (latest ${c.to.dueLatest})` : '')]),
      ])
    : 'no open case changes';
  const unread = r.unreadable.length ? ['', `not previewed (the case did not answer; it is still recounted on load): ${r.unreadable.join(', ')}`] : [];
  return [head, ...lines, '', moved, ...unread, ...(r.casesNotified?.length ? ['', `cases recounted: ${r.casesNotified.join(', ')}`] : [])].join('\n');
}

export function registerClosuresCommand(program: Command, io: CliIo): void {
  const closures = program.command('closures').description("authorities' yearly acuerdos of non-business days (through the API, admins)");
  closures
    .command('load')
    .description("load a year's non-business days from its DOF acuerdo; previews which open cases change unless --confirm")
    .argument('[file]', 'JSON file with the acuerdo (flags override its fields)')
    .option('--authority <id>', 'COMAR, INM, PFPNNA, SRE, JUDICIARY (federal judiciary) or TFJA')
    .option('--office <office>', 'one office of the authority, as cases name it')
    .option('--year <year>', 'the year the acuerdo is for')
    .option('--citation <text>', 'the acuerdo as cited, e.g. "DOF 15-12-2026"')
    .option('--published <date>', 'DOF publication date, YYYY-MM-DD')
    .option('--url <url>', 'the acuerdo in the DOF')
    .option('--dates <list>', 'non-business days: 2027-02-01,2027-07-12..2027-07-30')
    .option('--confirm', 'load it (without: preview only)')
    .option('--api <url>', 'API address (default: PLAZO_API_URL or http://localhost:3000)')
    .option('--token <token>', 'your API token (default: PLAZO_TOKEN)')
    .option('--json', 'print the API answer as JSON')
    .action(async (file: string | undefined, o: Options) => {
      const fromFile = file ? readAcuerdoFile(file) : {};
      const flags = { authority: o.authority, office: o.office, year: yearFromText(o.year), citation: o.citation, published: o.published, url: o.url, dates: o.dates === undefined ? undefined : parseDayList(o.dates) };
      const merged = { ...fromFile, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) };
      // Checked here with the API's schema first: a bad field is named before anything is sent.
      const body = checkBody(ClosureYearSchema, merged);
      const api = new ApiClient(o);
      const r = await api.request<ClosuresResult>('POST', o.confirm ? '/api/closures' : '/api/closures/preview', body);
      if (o.json) return printJson(io, r);
      io.out(resultText(r, !!o.confirm));
    });
}
