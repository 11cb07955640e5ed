/**
 * What each role may see and do. A caseworker and a lawyer see the cases they are assigned to; a
 * supervisor those they supervise and those of the caseworkers of the teams they lead; a director and
 * an admin every case. Cases a caller may not see answer 404, as if they did not exist.
 */
import type { UserRole } from '../db/schema';
import type { AuthUser } from './auth';
import { forbidden } from './errors';

export type Action =
  | 'read' | 'open_case' | 'record_event' | 'reassign' | 'acknowledge' | 'withdraw_acknowledgement' | 'escalate' | 'manage_overlays' | 'manage_users'
  | 'use_codec' | 'view_program' | 'export_child_names' | 'view_status' | 'update_packs' | 'manage_lists' | 'import_cases';

const ALLOWED: Record<Action, readonly UserRole[]> = {
  read: ['caseworker', 'lawyer', 'supervisor', 'director', 'admin'],
  open_case: ['caseworker', 'supervisor', 'admin'],
  record_event: ['caseworker', 'lawyer', 'supervisor', 'admin'],
  reassign: ['supervisor', 'admin'],
  acknowledge: ['caseworker', 'lawyer', 'supervisor', 'director', 'admin'],
  withdraw_acknowledgement: ['supervisor', 'director'],
  escalate: ['lawyer', 'supervisor', 'director', 'admin'],
  manage_overlays: ['admin'],
  // Adding people and issuing tokens is who-gets-in: one role, every action audited.
  manage_users: ['admin'],
  // Decoded payloads are children's data in clear: only for an admin looking at the Temporal UI.
  use_codec: ['admin'],
  // The program's numbers (dashboard, CSV exports) of the cases in the caller's scope.
  view_program: ['supervisor', 'director', 'admin'],
  // Exports leave the system (mail, shared drives): children's names only for the roles that work the
  // cases' people and data, never in a director's program figures.
  export_child_names: ['supervisor', 'admin'],
  // Workers, queues and the ledger's failures (/admin/status): the technician's view.
  view_status: ['admin'],
  // Whether a new rule pack reaches a pending case is a legal decision (issue 24): a lawyer's on their
  // cases (the case scope still applies), or an admin's.
  update_packs: ['lawyer', 'admin'],
  // Offices (closing hour, zone), places and nationalities decide deadlines and what intake accepts.
  manage_lists: ['admin'],
  // Moving a caseload in from a spreadsheet opens many cases at once: those who oversee caseworkers'
  // cases (a supervisor, for the cases they will see) and admins; a caseworker opens cases one by one.
  import_cases: ['supervisor', 'admin'],
};

export const ACTION_WORDS: Record<Action, string> = {
  read: 'read cases',
  open_case: 'open cases',
  record_event: 'record events',
  reassign: 'change assignments',
  acknowledge: 'acknowledge deadlines',
  withdraw_acknowledgement: 'withdraw acknowledgements',
  escalate: 'escalate',
  manage_overlays: 'add calendar overlays',
  manage_users: 'manage users and tokens',
  use_codec: 'decode Temporal payloads',
  view_program: 'see the program dashboard',
  export_child_names: "export children's names",
  view_status: 'see the system status',
  update_packs: 'move cases to another rule pack',
  manage_lists: 'manage the lists of offices, places and nationalities',
  import_cases: 'import cases from a spreadsheet',
};

export const can = (user: AuthUser, action: Action) => ALLOWED[action].includes(user.role);

export function assertCan(user: AuthUser, action: Action): void {
  if (!can(user, action)) throw forbidden(`a ${user.role} may not ${ACTION_WORDS[action]}`);
}

// Which cases each role sees: db/queries/caseScope.ts (caseScope, seesEveryCase), applied by every read.
export { seesEveryCase } from '../db/queries/caseScope';
