import type { Migration } from 'kysely';
import * as m0001 from './0001_notifications';

/** Listed in code, not read from disk, so migrations run the same under tsx, jest and a bundle. */
export const migrations: Record<string, Migration> = {
  '0001_notifications': m0001,
};
