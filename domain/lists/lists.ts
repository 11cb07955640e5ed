/** The admin-managed lists by name: each entry's schema and the entries Plazo starts with. */
import type { z } from 'zod';
import type { ListEntryBase } from './adminList';
import { NationalitySchema, SEED_NATIONALITIES } from './nationalities';
import { OfficeSchema, SEED_OFFICES } from './offices';
import { PlaceSchema, SEED_PLACES } from './places';

export const ADMIN_LISTS = {
  offices: { schema: OfficeSchema, seed: SEED_OFFICES, what: 'office' },
  places: { schema: PlaceSchema, seed: SEED_PLACES, what: 'place' },
  // The words that also name an ISO country ("hondureña"); the countries themselves come from ISO 3166.
  nationalities: { schema: NationalitySchema, seed: SEED_NATIONALITIES, what: 'nationality' },
} as const satisfies Record<string, { schema: z.ZodType<ListEntryBase>; seed: readonly ListEntryBase[]; what: string }>;

export type AdminListName = keyof typeof ADMIN_LISTS;
export const ADMIN_LIST_NAMES = Object.keys(ADMIN_LISTS) as AdminListName[];
/** An entry of one list, as its schema gives it. */
export type AdminListEntry<L extends AdminListName> = z.output<(typeof ADMIN_LISTS)[L]['schema']>;
