/**
 * Overlays: closures and suspensions an agency publishes in the DOF (LFPA art. 28: "los días en que
 * tengan vacaciones generales las autoridades competentes o aquéllos en que se suspendan las labores").
 * - closure: the office is shut; its days are not business days (a term ending on one rolls forward).
 * - suspension: terms stop running; its days are not counted, even in calendar-day terms.
 * Both are data with their DOF citation, so a lawyer can check each one.
 */
import { z } from 'zod';
import { LocalDateSchema, parseOrThrow } from './validation';

export const AGENCIES = ['COMAR', 'INM', 'PFPNNA', 'SRE', 'JUDICIARY', 'TFJA'] as const;
export type Agency = (typeof AGENCIES)[number];

export const OverlayScopeSchema = z.object({
  /** Whose terms it touches; 'all' for a federal-wide acuerdo. */
  agency: z.enum([...AGENCIES, 'all']),
  /** One office (e.g. 'CDMX', 'Tapachula'); absent = every office of the agency. */
  office: z.string().min(1).optional(),
  /** Rules the acuerdo expressly leaves running (e.g. the filing of new claims). */
  exceptRules: z.array(z.string().min(1)).optional(),
});

export const OverlayCitationSchema = z.object({
  /** Date of publication in the Diario Oficial de la Federación. */
  dof: LocalDateSchema,
  title: z.string().min(1),
  url: z.string().url().optional(),
  /** Where the facts come from and what is not yet checked. */
  note: z.string().optional(),
  /** True only once someone has read the acuerdo in the DOF itself. */
  verified: z.boolean().default(false),
});

export const OverlaySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'must be lower-case letters, digits, . _ or -' }),
    kind: z.enum(['closure', 'suspension']),
    /** First and last day, both inclusive. */
    start: LocalDateSchema,
    end: LocalDateSchema,
    scope: OverlayScopeSchema,
    citation: OverlayCitationSchema,
    description: z.string().optional(),
    /** Part of the agency's yearly acuerdo of non-business days for the year it falls in: that year counts as loaded. */
    annual: z.boolean().optional(),
  })
  .refine((o) => o.end >= o.start, { message: 'must not be before start', path: ['end'] });

/** An overlay file: `{ "overlays": [ … ] }` (a bare array is accepted too). */
export const OverlayFileSchema = z.preprocess(
  (x) => (Array.isArray(x) ? { overlays: x } : x),
  z
    .object({ overlays: z.array(OverlaySchema) })
    .refine((f) => new Set(f.overlays.map((o) => o.id)).size === f.overlays.length, {
      message: 'overlay ids must be unique',
      path: ['overlays'],
    }),
);

export type Overlay = z.output<typeof OverlaySchema>;
export type OverlayInput = z.input<typeof OverlaySchema>;
export type OverlayFile = z.output<typeof OverlayFileSchema>;

/** Validates an overlay file's parsed JSON; a failure is a DomainInputError naming e.g. 'overlays[0].end'. */
export function parseOverlayFile(data: unknown): Overlay[] {
  return parseOrThrow(OverlayFileSchema, data, '').overlays;
}

export function parseOverlays(data: unknown): Overlay[] {
  return parseOrThrow(z.array(OverlaySchema), data, 'overlays');
}

export interface OverlayContext {
  agency?: string;
  office?: string;
  ruleId?: string;
}

/**
 * Does this overlay touch a term of `ctx`? Agency must match (or be 'all'); an office-specific overlay
 * applies only when the office is known and equal (we never lengthen a term on a guess); and a rule
 * the acuerdo excepts keeps running. Without an agency in ctx only 'all' overlays apply.
 */
export function overlayApplies(o: Overlay, ctx: OverlayContext): boolean {
  if (o.scope.agency !== 'all' && o.scope.agency !== ctx.agency) return false;
  if (o.scope.office !== undefined && o.scope.office !== ctx.office) return false;
  if (ctx.ruleId !== undefined && o.scope.exceptRules?.includes(ctx.ruleId)) return false;
  return true;
}

export function overlayReason(o: Overlay): string {
  const where = o.scope.agency === 'all' ? 'all agencies' : o.scope.agency + (o.scope.office ? ` ${o.scope.office}` : '');
  return `${o.kind}: ${where} (DOF ${o.citation.dof}, ${o.citation.title}) [${o.id}]`;
}
