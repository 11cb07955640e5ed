/** A year's acuerdo as overlays, and the 1 Dec check, on dates passed in (never today's). */
import { SEED_OVERLAYS } from '../seedOverlays';
import { closureWarnings } from '../calendar/loadedClosures';
import { computeDeadline } from '../deadlines';
import { ClosureYearSchema, closureYearOverlays, parseDayList } from './closureYear';
import { missingClosuresFor } from './missingClosures';

const tfja2027 = ClosureYearSchema.parse({
  authority: 'TFJA',
  year: 2027,
  citation: 'DOF 15-12-2026 (test fixture)',
  published: '2026-12-15',
  dates: parseDayList('2027-07-12..2027-07-30, 2027-02-01'),
});

test('an acuerdo becomes annual closures of its authority, numbered in date order, ids from the acuerdo', () => {
  const overlays = closureYearOverlays(tfja2027);
  expect(overlays.map((o) => [o.id, o.start, o.end, o.kind, o.annual, o.scope, o.citation.dof])).toEqual([
    ['tfja-2027-dof2026-12-15-01', '2027-02-01', '2027-02-01', 'closure', true, { agency: 'TFJA' }, '2026-12-15'],
    ['tfja-2027-dof2026-12-15-02', '2027-07-12', '2027-07-30', 'closure', true, { agency: 'TFJA' }, '2026-12-15'],
  ]);
  // The same acuerdo gives the same overlays: loading it twice can be seen to change nothing.
  expect(closureYearOverlays(ClosureYearSchema.parse({ ...tfja2027 }))).toEqual(overlays);
  const office = closureYearOverlays(ClosureYearSchema.parse({ ...tfja2027, authority: 'COMAR', office: 'Ciudad Juárez' }));
  expect(office[0]).toMatchObject({ id: 'comar-ciudad-juarez-2027-dof2026-12-15-01', scope: { agency: 'COMAR', office: 'Ciudad Juárez' } });
});

test("a loaded acuerdo clears the year's warning and moves a nulidad term counted through its days", () => {
  const overlays = [...SEED_OVERLAYS, ...closureYearOverlays(tfja2027)];
  expect(closureWarnings(overlays, { agency: 'TFJA' }, '2027-01-01', '2027-12-31')).toEqual([]);
  expect(closureWarnings(SEED_OVERLAYS, { agency: 'TFJA' }, '2027-01-01', '2027-12-31')).toHaveLength(1);
  // Notified Mon 25 Jan 2027: day 1 Tue 26 Jan; 26–29 Jan (4), 2–5 Feb (8; 1 Feb closed by LFT and by the acuerdo),
  // 8–12 (13), 15–19 (18), 22–26 (23), 1–5 Mar (28), 8–9 Mar (30): the acuerdo's 1 Feb was already an LFT day.
  const before = computeDeadline({ ruleId: 'nulidad_term', trigger: '2027-01-25', overlays: SEED_OVERLAYS });
  const after = computeDeadline({ ruleId: 'nulidad_term', trigger: '2027-01-25', overlays });
  expect([before.due, after.due]).toEqual(['2027-03-09', '2027-03-09']);
  // Notified Mon 28 Jun 2027: 29 Jun–2 Jul (4), 5–9 Jul (9), 12–16 (14) … the acuerdo closes 12–30 Jul: three weeks later.
  const july = computeDeadline({ ruleId: 'nulidad_term', trigger: '2027-06-28', overlays });
  const julyBefore = computeDeadline({ ruleId: 'nulidad_term', trigger: '2027-06-28', overlays: SEED_OVERLAYS });
  expect(julyBefore.due).toBe('2027-08-09');
  expect(july.due).toBe('2027-08-30');
});

describe('the 1 Dec check', () => {
  const inUse = [
    { agency: 'TFJA', offices: [] },
    { agency: 'COMAR', offices: ['Tapachula'] },
  ];
  const loaded = [...SEED_OVERLAYS, ...closureYearOverlays(tfja2027)];

  test('before 1 December it is silent, whatever is missing', () => {
    expect(missingClosuresFor('2026-11-30', inUse, SEED_OVERLAYS)).toBeNull();
    expect(missingClosuresFor('2026-01-01', inUse, SEED_OVERLAYS)).toBeNull();
  });

  test('from 1 December to 31 December it names the authorities in use without next year loaded', () => {
    expect(missingClosuresFor('2026-12-01', inUse, SEED_OVERLAYS)).toEqual({ year: 2027, missing: [{ agency: 'COMAR', offices: ['Tapachula'] }, { agency: 'TFJA', offices: [] }] });
    expect(missingClosuresFor('2026-12-31', inUse, loaded)).toEqual({ year: 2027, missing: [{ agency: 'COMAR', offices: ['Tapachula'] }] });
    // This year's acuerdo is not next year's.
    expect(missingClosuresFor('2027-12-01', inUse, loaded)).toEqual({ year: 2028, missing: [{ agency: 'COMAR', offices: ['Tapachula'] }, { agency: 'TFJA', offices: [] }] });
  });

  test("an office's own closures do not count as its authority's year", () => {
    const office = closureYearOverlays(ClosureYearSchema.parse({ ...tfja2027, authority: 'COMAR', office: 'Tapachula' }));
    expect(missingClosuresFor('2026-12-02', inUse, [...loaded, ...office])?.missing).toEqual([{ agency: 'COMAR', offices: ['Tapachula'] }]);
    const whole = closureYearOverlays(ClosureYearSchema.parse({ ...tfja2027, authority: 'COMAR' }));
    expect(missingClosuresFor('2026-12-02', inUse, [...loaded, ...whole])?.missing).toEqual([]);
  });
});
