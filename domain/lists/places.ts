/**
 * Places where a child is placed or sheltered (DIF shelters, CAS, NGO shelters, …): an admin-managed list
 * on the same machinery as offices (adminList.ts). Placement events name one of them; `requirePlace`
 * is the check every write path calls.
 */
import { z } from 'zod';
import { PLACEMENT_KINDS } from '../case/events';
import { ListEntryBaseSchema, parseListEntries, requireListEntry } from './adminList';

/**
 * A listed place's kind: every kind a child is placed in (PLACEMENT_KINDS, a placement event's kind, is
 * the one definition), and two more the list needs though no placement names them: a migration station,
 * where a child is held, never placed (detention has its own events), and a place of no listed kind.
 */
export const PLACE_KINDS = [...PLACEMENT_KINDS, 'migration_station', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PlaceSchema = ListEntryBaseSchema.extend({
  kind: z.enum(PLACE_KINDS),
  /** State or city, to tell places with similar names apart. */
  locality: z.string().trim().min(2).max(100).optional(),
});
export type Place = z.output<typeof PlaceSchema>;

export const parsePlaces = (data: unknown): Place[] => parseListEntries(PlaceSchema, data, 'places');

/** The places Plazo starts with (migration 0018 loads them); admins add the ones their program uses. */
export const SEED_PLACES: Place[] = parsePlaces([
  { id: 'dif-cdmx-casa-hogar', name: 'Casa hogar del DIF CDMX', kind: 'dif_shelter', locality: 'Ciudad de México', aliases: ['DIF CDMX'] },
  { id: 'dif-chiapas-tapachula', name: 'Albergue temporal del DIF Chiapas (Tapachula)', kind: 'dif_shelter', locality: 'Tapachula', aliases: ['DIF Tapachula'] },
  { id: 'dif-bc-tijuana', name: 'Albergue del DIF Baja California (Tijuana)', kind: 'dif_shelter', locality: 'Tijuana', aliases: ['DIF Tijuana'] },
  { id: 'family', name: 'Con familiares', kind: 'family', aliases: ['familia', 'family'] },
  { id: 'other-cas', name: 'Centro de asistencia social (otro)', kind: 'cas', aliases: ['CAS'] },
  { id: 'ngo-shelter', name: 'Albergue de organización civil (otro)', kind: 'ngo_shelter', aliases: ['albergue OSC'] },
]);

/** The place a placement names, or a DomainInputError naming `field` (e.g. 'placement'). */
export const requirePlace = (text: string, places: readonly Place[], field = 'place'): Place => requireListEntry(text, places, field, 'place');
