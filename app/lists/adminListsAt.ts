/**
 * The admin lists for the command line, straight in the database (DATABASE_URL) like `plazo admin
 * bootstrap`: show a list, add or change an entry, and the report of free text migration 0018 met.
 */
import { listMigrationReport, loadList, saveListEntry, type ListMigrationRow } from '../../db/adminLists';
import { checkDatabase, createDb, migrateToLatest, type Db } from '../../db/database';
import type { ListEntryBase } from '../../domain/lists/adminList';
import type { AdminListName } from '../../domain/lists/lists';

async function at<T>(databaseUrl: string, run: (db: Db) => Promise<T>): Promise<T> {
  await checkDatabase(databaseUrl);
  const db = createDb(databaseUrl, 1);
  try {
    await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

export const listEntriesAt = (url: string, list: AdminListName): Promise<ListEntryBase[]> => at(url, (db) => loadList(db, list));
export const saveListEntryAt = (url: string, list: AdminListName, entry: unknown, by: string): Promise<ListEntryBase> => at(url, (db) => saveListEntry(db, list, entry, by, 'CLI'));
export const listReportAt = (url: string, unmatchedOnly: boolean): Promise<ListMigrationRow[]> => at(url, (db) => listMigrationReport(db, unmatchedOnly));
