import type { Db } from '../../db/database';

/**
 * Who may take over a case as its caseworker: active caseworkers of the current caseworker's teams and
 * of the teams its supervisor leads (everyone active when the organization has no teams), the current
 * one first. The reassignment form offers these and the route accepts only these.
 */
export async function caseworkerCandidates(db: Db, a: { caseworker: string; supervisor: string }): Promise<{ id: string; name: string }[]> {
  const teams = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', a.caseworker)
    .union(db.selectFrom('teams').select('id as team_id').where('supervisor_id', '=', a.supervisor))
    .execute();
  let q = db.selectFrom('users').select(['id', 'name']).where('active', '=', true).where('role', '=', 'caseworker');
  if (teams.length > 0) {
    const ids = teams.map((t) => t.team_id);
    q = q.where((eb) => eb.or([eb('id', 'in', db.selectFrom('team_members').select('user_id').where('team_id', 'in', ids)), eb('id', '=', a.caseworker)]));
  }
  const rows = await q.orderBy('name').execute();
  return [...rows.filter((r) => r.id === a.caseworker), ...rows.filter((r) => r.id !== a.caseworker)];
}
