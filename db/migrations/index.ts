import type { Migration } from 'kysely';
import * as m0001 from './0001_notifications';
import * as m0002 from './0002_directory_overlays';

/** Listed in code, not read from disk, so migrations run the same under tsx, jest and a bundle. */
export const migrations: Record<string, Migration> = {
  '0001_notifications': m0001,
  '0002_directory_overlays': m0002,
};
