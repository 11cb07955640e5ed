/**
 * A year's acuerdo of non-business days, as an authority publishes it in the DOF (the TFJA's Pleno each
 * January, COMAR or INM through SEGOB, the CJF for the federal courts): what an admin loads, checked here,
 * stored as `annual` closure overlays so the calendars, the warnings and the recount read it like any
 * other overlay. Same acuerdo loaded twice gives the same overlays (the ids come from the acuerdo).
 */
import { z } from 'zod';
import { LAST_SUPPORTED_YEAR } from '../coverage';
import { AGENCIES, OverlaySchema, type Overlay } from '../overlays';
import { LocalDateSchema } from '../validation';

const DaySpanSchema = z
  .strictObject({
    start: LocalDateSchema,
    /** Inclusive; absent: one day. */
    end: LocalDateSchema.optional(),
    /** What the acuerdo says of these days ("vacaciones de verano"). */
    description: z.string().trim().min(1).max(300).optional(),
  })
  .refine((d) => d.end === undefined || d.end >= d.start, { message: 'must not be before start', path: ['end'] });

export const ClosureYearSchema = z
  .strictObject({
    /** Whose days: the agency ids overlays use (JUDICIARY = the federal judiciary). */
    authority: z.enum(AGENCIES, { message: `must be one of ${AGENCIES.join(', ')}` }),
    /** One office of the authority (as cases name it, e.g. 'Tapachula'); absent: all of them. */
    office: z.string().trim().min(1).max(100).optional(),
    year: z
      .number({ message: 'must be a year, e.g. 2027' })
      .int({ message: 'must be a whole year, e.g. 2027' })
      .min(2007, { message: 'must be 2007 or later' })
      .max(LAST_SUPPORTED_YEAR, { message: `must be ${LAST_SUPPORTED_YEAR} or earlier (the last year Plazo's calendars cover)` }),
    /** How the acuerdo is cited: its title or "DOF dd-mm-aaaa". */
    citation: z.string().trim().min(3, { message: 'is required: the acuerdo as the DOF titles it, or "DOF dd-mm-aaaa"' }).max(500),
    /** The day it was published in the DOF. */
    published: LocalDateSchema,
    url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).max(2000).optional(),
    dates: z.array(DaySpanSchema).min(1, { message: 'must list at least one non-business day' }).max(200),
  })
  .superRefine((y, ctx) => {
    y.dates.forEach((d, i) => {
      for (const k of ['start', 'end'] as const) {
        const v = d[k];
        if (v !== undefined && Number(v.slice(0, 4)) !== y.year) ctx.addIssue({ code: 'custom', path: ['dates', i, k], message: `${v} is not in ${y.year}, the acuerdo's year` });
      }
    });
    // The acuerdo for a year comes out before or during it, never after it ended.
    if (Number(y.published.slice(0, 4)) > y.year) ctx.addIssue({ code: 'custom', path: ['published'], message: `${y.published} is after the year ${y.year} the acuerdo is for` });
  });

export type ClosureYear = z.output<typeof ClosureYearSchema>;
export type ClosureYearInput = z.input<typeof ClosureYearSchema>;

/** 'Tapachula' → 'tapachula', 'Ciudad Juárez' → 'ciudad-juarez': an office as an id part. */
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The id prefix of an acuerdo's overlays: authority, office, year and publication day. */
export function closureYearPrefix(y: Pick<ClosureYear, 'authority' | 'office' | 'year' | 'published'>): string {
  return [y.authority.toLowerCase(), ...(y.office ? [slug(y.office) || 'office'] : []), String(y.year), `dof${y.published}`].join('-');
}

/** The acuerdo as overlays: one closure per span, numbered in date order, each `annual`. */
export function closureYearOverlays(y: ClosureYear): Overlay[] {
  const prefix = closureYearPrefix(y);
  const spans = [...y.dates].sort((a, b) => a.start.localeCompare(b.start));
  return spans.map((d, i) =>
    OverlaySchema.parse({
      id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
      kind: 'closure',
      start: d.start,
      end: d.end ?? d.start,
      scope: { agency: y.authority, ...(y.office ? { office: y.office } : {}) },
      citation: { dof: y.published, title: y.citation, ...(y.url ? { url: y.url } : {}), verified: false },
      ...(d.description ? { description: d.description } : {}),
      annual: true,
    }),
  );
}

/** A year typed as text (the CLI's --year, the page's field) as the number the schema takes; anything else is left for it to name. */
export function yearFromText(text: string | undefined): unknown {
  return text !== undefined && /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text;
}

/** `2027-02-01,2027-07-12..2027-07-30` (the CLI's --dates) → spans; a malformed part is left for the schema to name. */
export function parseDayList(text: string): { start: string; end?: string }[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [start, end] = p.split('..').map((x) => x.trim());
      return end === undefined ? { start: start! } : { start: start!, end };
    });
}
