/** `plazo calendar <year>`: the non-business days of a year under one calendar, and why. */
import type { Command } from 'commander';
import { z } from 'zod';
import { AGENCIES, buildCalendar, CALENDAR_IDS, nonBusinessDaysOf } from '../../domain';
import { assertSupportedYear } from '../../domain/time/localDate';
import { parseOrThrow } from '../../domain/validation';
import { printJson, type CliIo } from './io';
import { loadOverlays } from './overlayFile';

const CalendarOptionsSchema = z.object({
  calendar: z.enum(CALENDAR_IDS).default('lfpa-art28'),
  transmission: z.enum(['as-written', 'actual']).default('as-written'),
  agency: z.enum(AGENCIES).optional(),
  office: z.string().min(1).optional(),
  overlays: z.string().min(1).optional(),
  seedOverlays: z.boolean().default(true),
  weekends: z.boolean().default(false),
  json: z.boolean().default(false),
});

const YearSchema = z.string().regex(/^\d{4}$/, { message: 'expected a four-digit year' }).transform(Number);

export function registerCalendarCommand(program: Command, io: CliIo): void {
  program
    .command('calendar')
    .description('list the non-business days of a year and why (weekends only with --weekends)')
    .argument('<year>', 'e.g. 2026')
    .option('--calendar <id>', `${CALENDAR_IDS.join(' | ')} (default lfpa-art28)`)
    .option('--transmission <reading>', 'transmission day: as-written | actual (default as-written)')
    .option('--agency <agency>', `include this agency's overlays: ${AGENCIES.join(' | ')}`)
    .option('--office <name>', 'include overlays of this office')
    .option('--overlays <file>', 'JSON file of closures and suspensions, added to the seed overlays')
    .option('--no-seed-overlays', 'leave out the overlays shipped with Plazo')
    .option('--weekends', 'list every Saturday and Sunday too')
    .option('--json', 'print one JSON object')
    .action((yearText: string, raw: unknown) => {
      const year = parseOrThrow(YearSchema, yearText, 'year');
      assertSupportedYear(year, 'year');
      const opts = parseOrThrow(CalendarOptionsSchema, raw, '');
      const cal = buildCalendar(opts.calendar, {
        overlays: loadOverlays(opts.overlays, opts.seedOverlays),
        agency: opts.agency,
        office: opts.office,
        transmissionReading: opts.transmission,
      });
      const days = nonBusinessDaysOf(cal, year, opts.weekends);
      if (opts.json) {
        return printJson(io, { calendar: opts.calendar, label: cal.label, transmission: opts.transmission, year, agency: opts.agency ?? null, days });
      }
      const header = `${cal.label}, ${year}${opts.agency ? `, overlays for ${opts.agency}` : ''}${opts.weekends ? '' : ' (plus every Saturday and Sunday)'}`;
      io.out([header, ...days.map((d) => `${d.date} ${d.weekday.slice(0, 3)}  ${d.reason}`)].join('\n'));
    });
}
