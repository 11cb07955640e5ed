/** The admin-managed lists by name: each entry's schema and the entries Plazo starts with. */
import type { z } from 'zod';
import type { ListEntryBase } from './adminList';
import { OfficeSchema, SEED_OFFICES } from './offices';
import { PlaceSchema, SEED_PLACES } from './places';

export const ADMIN_LISTS = {
  offices: { schema: OfficeSchema, seed: SEED_OFFICES, what: 'office' },
  places: { schema: PlaceSchema, seed: SEED_PLACES, what: 'place' },
} as const satisfies Record<string, { schema: z.ZodType<ListEntryBase>; seed: readonly ListEntryBase[]; what: string }>;

export type AdminListName = keyof typeof ADMIN_LISTS;
export const ADMIN_LIST_NAMES = Object.keys(ADMIN_LISTS) as AdminListName[];
