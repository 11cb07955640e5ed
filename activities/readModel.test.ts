/**
 * The projection's SEQUENCE counter (the calendar feed's SEQUENCE) on a real Postgres: it grows on every
 * change a calendar event shows — a deadline becoming overdue, being met late, moving — and never on a
 * projection that changes nothing the feed shows. Dates: asylum_filing_window from Fri 2026-09-11 is due
 * Mon 2026-10-26 (30 business days, LFPA art. 28, README's worked example).
 */
import type { CaseState, DeadlineState } from '../domain/case/state';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { createDeadlineActivities } from './deadlines';
import { createReadModelActivities } from './readModel';

let pg: TestDatabase;
let base: CaseState;

beforeAll(async () => {
  pg = await createTestDatabase();
  const [filing] = await createDeadlineActivities({ db: pg.db }).computeDeadlines({
    rulePack: 'mx-2026.1',
    requests: [{ deadlineId: 'asylum_filing_window', ruleId: 'asylum_filing_window', trigger: '2026-09-11' }],
  });
  const deadline: DeadlineState = { ...filing!, title: 'Asylum filing window', status: 'open', openedAt: '2026-09-12T15:00:00.000Z', done: [], acks: [] };
  base = {
    caseId: 'SEQ-1',
    rulePack: 'mx-2026.1',
    child: { name: 'N' },
    phase: 'asylum',
    assignments: { caseworker: 'cw', supervisor: 'sup', lawyer: 'law' },
    facts: { eventDates: {}, detained: false, absent: false, signatureCount: 0 },
    rules: [],
    deadlines: [deadline],
    timeline: [],
    seq: 1,
    openedAt: '2026-09-12T15:00:00.000Z',
  };
}, 60_000);

afterAll(async () => {
  await pg?.drop();
});

const sequence = async () =>
  (await pg.db.selectFrom('case_deadlines').select('sequence').where('case_id', '=', 'SEQ-1').executeTakeFirstOrThrow()).sequence;

test('SEQUENCE grows on each visible change (overdue, met late, moved) and only then', async () => {
  const { projectCase } = createReadModelActivities({ db: pg.db });
  const d0 = base.deadlines[0]!;
  const at = (seq: number, d: Partial<DeadlineState>): CaseState => ({ ...base, seq, deadlines: [{ ...d0, ...d }] });

  await projectCase(at(1, {}));
  expect(await sequence()).toBe(0);
  // A later event that leaves the deadline as it was (e.g. a note on the case): same SEQUENCE.
  await projectCase(at(2, { done: ['reminder-5bd'] }));
  expect(await sequence()).toBe(0);
  // The deadline passes unmet: the feed now says VENCIDO, so calendars must replace the event.
  await projectCase(at(3, { status: 'missed' }));
  expect(await sequence()).toBe(1);
  // Met after it was missed: status and the late mark change.
  await projectCase(at(4, { status: 'met', late: true }));
  expect(await sequence()).toBe(2);
  // Only the latest reading's date changes (shown in the description): still a visible change.
  await projectCase(at(5, { status: 'met', late: true, dueLatest: '2026-10-27' }));
  expect(await sequence()).toBe(3);
  // An older projection arriving late never rolls the row (or its counter) back.
  await projectCase(at(4, { status: 'open' }));
  expect(await sequence()).toBe(3);
  const row = await pg.db.selectFrom('case_deadlines').select(['status', 'steps']).where('case_id', '=', 'SEQ-1').executeTakeFirstOrThrow();
  expect(row.status).toBe('met');
  // The whole ladder is kept for the feed's alarms.
  expect(row.steps).toEqual(d0.steps);
});
