/**
 * The admin lists (offices, places, nationalities) for the page and the API: read one, save an entry.
 * The write is db/adminLists.ts saveListEntry, the one the CLI calls: same validation, same audit row.
 */
import { loadList, saveListEntry } from '../../db/adminLists';
import type { Db } from '../../db/database';
import { isDomainInputError } from '../../domain';
import type { ListEntryBase } from '../../domain/lists/adminList';
import { ADMIN_LIST_NAMES, ADMIN_LISTS, type AdminListName } from '../../domain/lists/lists';
import { assertCan } from '../access';
import type { AuthUser } from '../auth';
import { ApiError, notFound, parseInput } from '../errors';

/** A list's name from a path, or a 404 (as for any path that names nothing). */
export function adminListName(text: string): AdminListName {
  if (!(ADMIN_LIST_NAMES as string[]).includes(text)) throw notFound(`no list '${text}' (the lists are ${ADMIN_LIST_NAMES.join(', ')})`);
  return text as AdminListName;
}

export async function readAdminList(db: Db, user: AuthUser, list: AdminListName): Promise<ListEntryBase[]> {
  assertCan(user, 'manage_lists');
  return loadList(db, list);
}

/** Adds or replaces one entry; a bad one is a 422 naming its field ('entry.zone'), nothing stored. */
export async function saveAdminListEntry(db: Db, user: AuthUser, list: AdminListName, input: unknown, method: string): Promise<ListEntryBase> {
  assertCan(user, 'manage_lists');
  // The list's schema first for a 400 worded by its zod issue (pages translate it); the store checks again.
  const entry = parseInput(ADMIN_LISTS[list].schema, input, 'entry');
  try {
    return await saveListEntry(db, list, entry, user.id, method);
  } catch (err) {
    if (isDomainInputError(err)) throw new ApiError(422, 'invalid_request', err.message, err.field);
    throw err;
  }
}
