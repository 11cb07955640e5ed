/**
 * The first admin of a deployment, straight in the database: there is no one yet who could issue a token
 * through the API. Refused while an active admin holds a live token (then that admin adds people at
 * /admin/users); allowed again when every admin is locked out, which is also the recovery path.
 */
import { recordAudit } from '../../db/auditLog';
import { sql } from 'kysely';
import { DomainInputError } from '../../domain';
import type { Db } from '../../db/database';
import { hashToken, newToken } from '../auth';
import type { Lang } from '../../domain/messages/catalogue';
import { checkDatabase, createDb, migrateToLatest } from '../../db/database';
import { freeId } from './userRules';

export interface BootstrapInput {
  name: string;
  email: string;
  id?: string;
  language: Lang;
  label: string;
}

export interface Bootstrapped {
  userId: string;
  created: boolean;
  token: string;
  tokenId: string;
}

// Any fixed number: two bootstraps at once wait for each other instead of both creating an admin.
const BOOTSTRAP_LOCK = 0x706c617a6f;

export async function bootstrapAdmin(db: Db, input: BootstrapInput): Promise<Bootstrapped> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(tx);
    const holder = await tx
      .selectFrom('users')
      .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
      .select('users.id')
      .where('users.role', '=', 'admin')
      .where('users.active', '=', true)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (holder) throw new DomainInputError('admin', `an active admin with a token exists ('${holder.id}'): they add people and issue tokens at /admin/users`);

    const existing = await tx.selectFrom('users').select(['id', 'role']).where(sql<boolean>`lower(email) = ${input.email}`).executeTakeFirst();
    if (existing && existing.role !== 'admin') throw new DomainInputError('email', `belongs to '${existing.id}', a ${existing.role}: use the new admin's own email`);
    if (existing && input.id && input.id !== existing.id) throw new DomainInputError('id', `the email belongs to the admin '${existing.id}'`);

    let userId: string;
    if (existing) {
      // A locked-out admin (deactivated, or every token revoked) gets back in.
      userId = existing.id;
      await tx.updateTable('users').set({ active: true, name: input.name }).where('id', '=', userId).execute();
    } else {
      userId = input.id ?? (await freeId(tx, 'admin', input.email));
      const inserted = await tx
        .insertInto('users')
        .values({ id: userId, name: input.name, email: input.email, role: 'admin', language: input.language })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new DomainInputError('id', `a user '${userId}' already exists`);
    }
    const token = newToken();
    const { id: tokenId } = await tx
      .insertInto('api_tokens')
      .values({ token_hash: hashToken(token), user_id: userId, label: input.label, created_by: 'bootstrap' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Audited like the API's actions; the method says it came from the command line, not over HTTP.
    await recordAudit(tx, { user_id: userId, action: 'admin.bootstrap', case_id: null, method: 'CLI', path: 'plazo admin bootstrap', status: 201, ip: null, detail: { userId, tokenId, created: !existing } });
    return { userId, created: !existing, token, tokenId };
  });
}

/** The CLI's bootstrap: against the deployment's Postgres (migrated first), one connection, closed after. */
export async function bootstrapAdminAt(databaseUrl: string, input: BootstrapInput): Promise<Bootstrapped> {
  await checkDatabase(databaseUrl);
  const db = createDb(databaseUrl, 1);
  try {
    await migrateToLatest(db);
    return await bootstrapAdmin(db, input);
  } finally {
    await db.destroy();
  }
}
