/**
 * Offices where a child's case is handled (COMAR, INM, Procuradurías): an admin-managed list. Each office
 * names its agency (whose calendars and closures apply), the hour it stops receiving filings and its IANA
 * zone (COMAR Tijuana keeps Pacific time with daylight saving, Cancún Eastern time). A case stores the
 * office's name; old free text is matched to it here (aliases such as "cdmx").
 */
import { z } from 'zod';
import { AGENCIES, type Overlay } from '../overlays';
import type { OfficeHours } from '../deadlines';
import { MX_ZONE } from '../time/instant';
import { isKnownZone } from '../time/mexicoClock';
import { ListEntryBaseSchema, matchListEntry, parseListEntries } from './adminList';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const OfficeSchema = ListEntryBaseSchema.extend({
  agency: z.enum(AGENCIES),
  /** When the office stops receiving filings (LFPA art. 30: 18:00 unless the authority publishes others). */
  closesAt: z.string().regex(HHMM, { message: 'expected HH:MM (24-hour)' }).default('18:00'),
  zone: z.string().refine(isKnownZone, { message: 'must be an IANA time zone, e.g. America/Tijuana' }).default(MX_ZONE),
});
export type Office = z.output<typeof OfficeSchema>;
export type OfficeInput = z.input<typeof OfficeSchema>;

export const parseOffices = (data: unknown): Office[] => parseListEntries(OfficeSchema, data, 'offices');

/** The offices Plazo starts with (migration 0018 loads them; admins add, rename and retire). */
export const SEED_OFFICES: Office[] = parseOffices([
  { id: 'comar-cdmx', name: 'COMAR CDMX', agency: 'COMAR', aliases: ['CDMX', 'Ciudad de México', 'Cd. de México', 'Mexico City', 'COMAR Ciudad de México'] },
  { id: 'comar-tapachula', name: 'COMAR Tapachula', agency: 'COMAR', aliases: ['Tapachula'] },
  { id: 'comar-tijuana', name: 'COMAR Tijuana', agency: 'COMAR', zone: 'America/Tijuana', aliases: ['Tijuana'] },
  { id: 'comar-monterrey', name: 'COMAR Monterrey', agency: 'COMAR', zone: 'America/Monterrey', aliases: ['Monterrey'] },
  { id: 'comar-palenque', name: 'COMAR Palenque', agency: 'COMAR', aliases: ['Palenque'] },
  { id: 'comar-tenosique', name: 'COMAR Tenosique', agency: 'COMAR', aliases: ['Tenosique'] },
  { id: 'comar-acayucan', name: 'COMAR Acayucan', agency: 'COMAR', aliases: ['Acayucan'] },
  { id: 'comar-cancun', name: 'COMAR Cancún', agency: 'COMAR', zone: 'America/Cancun', aliases: ['Cancún'] },
  { id: 'comar-guadalajara', name: 'COMAR Guadalajara', agency: 'COMAR', aliases: ['Guadalajara'] },
  { id: 'comar-saltillo', name: 'COMAR Saltillo', agency: 'COMAR', zone: 'America/Monterrey', aliases: ['Saltillo'] },
  { id: 'inm-siglo-xxi', name: 'INM Estación Migratoria Siglo XXI (Tapachula)', agency: 'INM', aliases: ['Siglo XXI', 'EM Siglo XXI', 'Estación Migratoria Siglo XXI'] },
  { id: 'inm-iztapalapa', name: 'INM Estación Migratoria Iztapalapa (CDMX)', agency: 'INM', aliases: ['EM Iztapalapa', 'Iztapalapa'] },
  { id: 'inm-tijuana', name: 'INM Estación Migratoria Tijuana', agency: 'INM', zone: 'America/Tijuana', aliases: ['EM Tijuana'] },
  { id: 'pfpnna-federal', name: 'Procuraduría Federal de Protección de NNA', agency: 'PFPNNA', aliases: ['PFPNNA', 'Procuraduría Federal'] },
  { id: 'ppnna-chiapas', name: 'Procuraduría de Protección de NNA de Chiapas', agency: 'PFPNNA', aliases: ['Procuraduría Chiapas'] },
  { id: 'ppnna-baja-california', name: 'Procuraduría de Protección de NNA de Baja California', agency: 'PFPNNA', zone: 'America/Tijuana', aliases: ['Procuraduría Baja California'] },
]);

/** The office a case's text names (its name, id or an alias), or undefined. */
export const findOffice = (text: string | undefined, offices: readonly Office[]): Office | undefined =>
  text === undefined ? undefined : matchListEntry(text, offices);

/** The office's filing hours as the deadline computation takes them. */
export const officeHoursOf = (office: Office): OfficeHours => ({ closesAt: office.closesAt, zone: office.zone });

/**
 * Overlays whose office is written as the list names it: an acuerdo for "CDMX" then applies to a case at
 * "cdmx" or "COMAR CDMX" alike (both become 'COMAR CDMX'). Offices the list does not know stay as written.
 */
export function withListedOffices(overlays: readonly Overlay[], offices: readonly Office[]): Overlay[] {
  return overlays.map((o) => {
    const office = o.scope.office === undefined ? undefined : findOffice(o.scope.office, offices);
    return office && office.name !== o.scope.office ? { ...o, scope: { ...o.scope, office: office.name } } : o;
  });
}

/** A case's office as the computation uses it: its listed name (closures) and, when listed, its hours and zone. */
export function officeContext(text: string | undefined, offices: readonly Office[]): { office?: string; hours?: OfficeHours } {
  if (text === undefined) return {};
  const office = findOffice(text, offices);
  return office ? { office: office.name, hours: officeHoursOf(office) } : { office: text };
}
