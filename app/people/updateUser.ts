/**
 * Changes a person's role, team, language or name, or deactivates them (every token and session they hold
 * is revoked, so a reactivated account needs a new token). Admins; the route checks manage_users before parsing.
 */
import { revokeAllSessions } from './sessions';
import type { Db } from '../../db/database';
import { notFound } from '../errors';
import { loadUser } from './userQueries';
import type { UpdateUserBody, UserView } from '../userSchemas';
import { assertEmailFree, conflict, setTeam, openCasesOf } from './userRules';

export async function updateUser(db: Db, id: string, body: UpdateUserBody): Promise<{ user: UserView; tokensRevoked: number }> {
  const tokensRevoked = await db.transaction().execute(async (tx) => {
    // Row lock: two admins demoting each other at once cannot leave the organization without one.
    const current = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound(`no user '${id}'`);
    const role = body.role ?? current.role;
    const active = body.active ?? current.active;
    if (current.role === 'admin' && current.active && (role !== 'admin' || !active)) {
      const others = await tx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).where('id', '!=', id).forUpdate().execute();
      if (others.length === 0) throw conflict(`'${id}' is the last active admin: add another admin first`, body.active === false ? 'active' : 'role');
    }
    if (role !== current.role) {
      const open = await openCasesOf(tx, id);
      // Case access follows the role (a caseworker sees the cases they are the caseworker of): reassign first.
      if (open > 0) throw conflict(`'${id}' is assigned to ${open} open case(s) as a ${current.role}: reassign them before changing the role`, 'role');
      const led = await tx.selectFrom('teams').select('id').where('supervisor_id', '=', id).execute();
      if (led.length > 0) throw conflict(`'${id}' leads ${led.map((t) => `'${t.id}'`).join(', ')}: give the team another supervisor before changing the role`, 'role');
    }
    if (body.email !== undefined) await assertEmailFree(tx, body.email, id);
    const changes = { name: body.name, email: body.email, role: body.role, language: body.language, active: body.active };
    if (Object.values(changes).some((v) => v !== undefined)) await tx.updateTable('users').set(changes).where('id', '=', id).execute();
    if (body.team !== undefined) await setTeam(tx, id, body.team);
    if (active) return 0;
    // The calendar feed goes with the tokens (and would not come back on reactivation anyway: 0006).
    await tx.deleteFrom('calendar_tokens').where('user_id', '=', id).execute();
    await revokeAllSessions(tx, id, 'deactivated');
    const revoked = await tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(revoked.numUpdatedRows);
  });
  return { user: await loadUser(db, id), tokensRevoked };
}
