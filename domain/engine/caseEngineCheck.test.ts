/** The comparison of the read model with the engine, without servers: verdicts, who is described, what opens and resolves. */
import { CLOSE_GRACE_MS, reconcile, suspectsOf, TASK_FAILING_ATTEMPTS, verdictOf, type Verdict } from './caseEngineCheck';

const NOW = Date.parse('2030-03-04T16:00:00Z');
const MIN = 60_000;

describe('verdictOf', () => {
  test('a running workflow with no failing task is healthy', () => {
    expect(verdictOf({ status: 'RUNNING' }, {}, NOW)).toEqual({ state: 'healthy' });
    expect(verdictOf({ status: 'RUNNING', taskAttempt: TASK_FAILING_ATTEMPTS - 1 }, {}, NOW)).toEqual({ state: 'healthy' });
  });

  test('each way a workflow stops is its own kind, since it closed', () => {
    const closedAt = NOW - 10 * MIN;
    expect(verdictOf({ status: 'TERMINATED', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'terminated', since: closedAt });
    expect(verdictOf({ status: 'FAILED', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'failed', since: closedAt });
    expect(verdictOf({ status: 'TIMED_OUT', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'timed_out', since: closedAt });
    expect(verdictOf({ status: 'COMPLETED', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'completed', since: closedAt });
    expect(verdictOf({ status: 'CANCELLED', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'canceled', since: closedAt });
  });

  test('a workflow that completed moments ago may be a case closing: asked again next run, unless already an incident', () => {
    const closedAt = NOW - CLOSE_GRACE_MS + 1000;
    expect(verdictOf({ status: 'COMPLETED', closedAt }, {}, NOW)).toEqual({ state: 'unsure' });
    expect(verdictOf({ status: 'COMPLETED', closedAt }, { open: { kind: 'task_failing' } }, NOW)).toMatchObject({ state: 'incident', kind: 'completed' });
    // A terminate is never Plazo's own close: an incident at once.
    expect(verdictOf({ status: 'TERMINATED', closedAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'terminated', since: closedAt });
  });

  test('no workflow at all is missing; between runs or unknown is unsure', () => {
    expect(verdictOf({ status: 'NOT_FOUND' }, {}, NOW)).toEqual({ state: 'incident', kind: 'missing', since: NOW });
    expect(verdictOf({ status: 'CONTINUED_AS_NEW', closedAt: NOW - 60 * MIN }, {}, NOW)).toEqual({ state: 'unsure' });
    expect(verdictOf({ status: 'UNKNOWN' }, {}, NOW)).toEqual({ state: 'unsure' });
  });

  test('a workflow task on its third attempt is failing since it was first scheduled', () => {
    const taskSince = NOW - 30 * MIN;
    expect(verdictOf({ status: 'RUNNING', taskAttempt: TASK_FAILING_ATTEMPTS, taskSince }, {}, NOW)).toEqual({ state: 'incident', kind: 'task_failing', since: taskSince });
  });

  test('a reset is told once; the reset that brings a stopped case back is its fix, not a new alarm', () => {
    const lastResetAt = NOW - 5 * MIN;
    expect(verdictOf({ status: 'RUNNING', lastResetAt }, {}, NOW)).toEqual({ state: 'incident', kind: 'reset', since: lastResetAt });
    expect(verdictOf({ status: 'RUNNING', lastResetAt }, { lastActivityAt: lastResetAt + 1 }, NOW)).toEqual({ state: 'healthy' });
    expect(verdictOf({ status: 'RUNNING', lastResetAt }, { open: { kind: 'terminated' }, lastActivityAt: lastResetAt - MIN }, NOW)).toEqual({ state: 'healthy' });
    // A later reset of the same case is a new one.
    expect(verdictOf({ status: 'RUNNING', lastResetAt }, { lastActivityAt: lastResetAt - MIN }, NOW)).toMatchObject({ kind: 'reset' });
  });
});

describe('suspectsOf', () => {
  const open = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  const running = new Set(['c1', 'c2', 'c3', 'c5', 'c6']);

  test('cases not listed running and cases with an open incident are always described, then a slice of the rest', () => {
    const r = suspectsOf(open, running, new Set(['c2']), null, 2);
    expect(r.suspects).toEqual(['c2', 'c4', 'c1', 'c3']);
    expect(r.nextCursor).toBe('c3');
  });

  test('the sweep goes on after the cursor and wraps around, so every running case is described in turn', () => {
    const second = suspectsOf(open, running, new Set(), 'c3', 2);
    expect(second.suspects).toEqual(['c4', 'c5', 'c6']);
    expect(second.nextCursor).toBeNull();
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const r = suspectsOf(open, running, new Set(), cursor, 2);
      r.suspects.forEach((id) => seen.add(id));
      cursor = r.nextCursor;
    }
    expect([...seen].sort()).toEqual(open);
  });

  test('a sweep larger than the cases describes each once', () => {
    expect(suspectsOf(open, running, new Set(), 'c2', 100).suspects.sort()).toEqual(open);
    expect(suspectsOf([], running, new Set(), 'c2', 100)).toEqual({ suspects: [], nextCursor: null });
  });
});

describe('reconcile', () => {
  const stopped: Verdict = { state: 'incident', kind: 'terminated', since: NOW - MIN };

  test('a new incident opens once; while it is open nothing more opens, whatever it looks like now', () => {
    const verdicts = new Map<string, Verdict>([
      ['a', stopped],
      ['b', { state: 'incident', kind: 'failed', since: NOW }],
    ]);
    const plan = reconcile(verdicts, new Map([['b', { kind: 'task_failing' as const }]]), new Set(['a', 'b']));
    expect(plan).toEqual({ open: [{ caseId: 'a', kind: 'terminated', since: NOW - MIN }], resolve: [] });
  });

  test('an incident resolves when its workflow runs again or the case is no longer open; not when unsure or not described', () => {
    const incidents = new Map([
      ['back', { kind: 'terminated' as const }],
      ['closed', { kind: 'failed' as const }],
      ['unsure', { kind: 'terminated' as const }],
      ['unseen', { kind: 'terminated' as const }],
    ]);
    const verdicts = new Map<string, Verdict>([
      ['back', { state: 'healthy' }],
      ['unsure', { state: 'unsure' }],
    ]);
    const plan = reconcile(verdicts, incidents, new Set(['back', 'unsure', 'unseen']));
    expect(plan.open).toEqual([]);
    expect(plan.resolve.sort()).toEqual(['back', 'closed']);
  });
});
