/**
 * The admin-managed lists in Postgres (migration 0018): read for the pages, the API's checks and the
 * deadline activity; written by admins (page, API, CLI). One store for every list in domain/lists/lists.ts.
 */
import { sql } from 'kysely';
import { assertFitsList, matchListEntry, parseListEntries, type ListEntryBase } from '../domain/lists/adminList';
import { matchNationality, type Nationality } from '../domain/lists/nationalities';
import { ADMIN_LISTS, type AdminListEntry, type AdminListName } from '../domain/lists/lists';
import type { Office } from '../domain/lists/offices';
import type { Place } from '../domain/lists/places';
import { parseOrThrow } from '../domain/validation';
import type { Db } from './database';

type EntryOf<L extends AdminListName> = AdminListEntry<L>;

/** Every entry of a list (retired ones too: old text still matches them), in name order. */
export async function loadList<L extends AdminListName>(db: Db, list: L): Promise<EntryOf<L>[]> {
  const rows = await db.selectFrom('admin_list_entries').selectAll().where('list', '=', list).orderBy('name').execute();
  const raw = rows.map((r) => ({ ...(r.data as object), id: r.id, name: r.name, aliases: r.aliases, active: r.active }));
  return parseListEntries(ADMIN_LISTS[list].schema, raw, list) as EntryOf<L>[];
}

export const loadOffices = (db: Db): Promise<Office[]> => loadList(db, 'offices');
export const loadPlaces = (db: Db): Promise<Place[]> => loadList(db, 'places');
/** The words admins added to ISO countries ("hondureña"): for matchNationality / requireNationality. */
export const loadNationalities = (db: Db): Promise<Nationality[]> => loadList(db, 'nationalities');

/**
 * Adds or replaces one entry (validated by the list's schema, `field` prefix 'entry'), refusing one whose
 * id, name or alias another entry already uses; a refusal changes nothing. Audited (`method`: CLI, POST…).
 * The one write of every face: the CLI (`plazo admin lists save`), the page and the API.
 */
export async function saveListEntry(db: Db, list: AdminListName, input: unknown, by: string, method = 'CLI'): Promise<ListEntryBase> {
  const entry = parseOrThrow(ADMIN_LISTS[list].schema, input, 'entry') as ListEntryBase;
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`admin_list:${list}`}))`.execute(tx);
    const others = (await loadList(tx, list)).filter((e) => e.id !== entry.id);
    assertFitsList(entry, others, 'entry');
    const { id, name, aliases, active, ...data } = entry as ListEntryBase & Record<string, unknown>;
    const values = { list, id, name, aliases: JSON.stringify(aliases), data: JSON.stringify(data), active, updated_by: by };
    await tx
      .insertInto('admin_list_entries')
      .values(values)
      .onConflict((oc) => oc.columns(['list', 'id']).doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await tx.insertInto('audit_log').values({ user_id: by, action: `list.${list}.save`, case_id: null, method, path: `lists/${list}/${id}`, status: 200, ip: null, detail: JSON.stringify(entry) }).execute();
    return entry;
  });
}

export interface ListMigrationRow {
  list: string;
  source: string;
  rowId: string;
  text: string;
  matched: string | null;
}

/** What migration 0018 made of the free text it met; `unmatchedOnly` for the rows left to a person. */
export async function listMigrationReport(db: Db, unmatchedOnly = false): Promise<ListMigrationRow[]> {
  let q = db.selectFrom('list_migration_report').select(['list', 'source', 'row_id', 'text', 'matched']).orderBy('list').orderBy('row_id');
  if (unmatchedOnly) q = q.where('matched', 'is', null);
  return (await q.execute()).map((r) => ({ list: r.list, source: r.source, rowId: r.row_id, text: r.text, matched: r.matched }));
}

/**
 * A case row's office and nationality as the lists name them, so a workflow whose intake still holds
 * the free text migration 0018 rewrote ("cdmx") does not write it back; unmatched text stays as typed.
 */
export async function listedCaseColumns(db: Db, row: { office: string | null; nationality: string | null }): Promise<{ office: string | null; nationality: string | null }> {
  const office = row.office === null ? null : (matchListEntry(row.office, await loadOffices(db))?.name ?? row.office);
  const nationality = row.nationality === null ? null : (matchNationality(row.nationality, await loadNationalities(db)) ?? row.nationality);
  return { office, nationality };
}
