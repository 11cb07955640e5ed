/** Adds a person (admins; the route checks manage_users before parsing). */
import type { Db } from '../../db/database';
import { loadUser } from './userQueries';
import type { NewUserBody, UserView } from '../userSchemas';
import { assertEmailFree, assertTeam, conflict, freeId, setTeam } from './userRules';

export async function createUser(db: Db, body: NewUserBody): Promise<UserView> {
  const id = await db.transaction().execute(async (tx) => {
    await assertEmailFree(tx, body.email);
    if (body.team !== undefined) await assertTeam(tx, body.team);
    const id = body.id ?? (await freeId(tx, body.role, body.email));
    const inserted = await tx
      .insertInto('users')
      .values({ id, name: body.name, email: body.email, role: body.role, language: body.language })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw conflict(`a user '${id}' already exists`, 'id');
    if (body.team !== undefined) await setTeam(tx, id, body.team);
    return id;
  });
  return loadUser(db, id);
}
