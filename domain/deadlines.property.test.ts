/** Properties of every day-counted deadline, over random rules, triggers and overlays (fast-check). */
import fc from 'fast-check';
import { buildCalendar } from './calendar/businessCalendar';
import { computeDeadline, recurringOccurrence, type DeadlineComputation, type DeadlineInput } from './deadlines';
import { AGENCIES, type Overlay } from './overlays';
import { RULE_PACK } from './rules/rulePack';
import { addDays } from './time/localDate';

const dayRules = RULE_PACK.rules.filter((r) => r.unit !== 'hours').map((r) => r.id);
const hourRules = RULE_PACK.rules.filter((r) => r.unit === 'hours');
const trigger = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2010-01-01', n));

const overlayNear = (base: string, i: number): fc.Arbitrary<Overlay> =>
  fc.record({
    offset: fc.integer({ min: -20, max: 150 }),
    length: fc.integer({ min: 0, max: 25 }),
    kind: fc.constantFrom('closure' as const, 'suspension' as const),
    agency: fc.constantFrom(...AGENCIES, 'all' as const),
    office: fc.constantFrom(undefined, 'CDMX', 'Tapachula'),
  }).map(({ offset, length, kind, agency, office }) => ({
    id: `o${i}`,
    kind,
    start: addDays(base, offset),
    end: addDays(base, offset + length),
    scope: office ? { agency, office } : { agency },
    citation: { dof: base, title: 'random', verified: false },
  }));

const scenario = trigger.chain((t) =>
  fc.record({
    ruleId: fc.constantFrom(...dayRules),
    trigger: fc.constant(t),
    calendar: fc.constantFrom('lfpa-art28' as const, 'lft-art74' as const),
    office: fc.constantFrom(undefined, 'CDMX'),
    overlays: fc.tuple(...[0, 1, 2, 3].map((i) => overlayNear(t, i))).chain((all) => fc.subarray(all)),
    occurrence: fc.integer({ min: 1, max: 8 }),
  }),
);

const run = (s: DeadlineInput & { occurrence: number }, overlays = s.overlays): DeadlineComputation => {
  const input = { ...s, overlays };
  return s.ruleId === 'weekly_signature' ? recurringOccurrence(input, s.occurrence) : computeDeadline(input);
};

describe('deadline properties', () => {
  it('every reading ends on a business day of its own calendar, and due ≤ dueLatest', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        const rule = RULE_PACK.rules.find((x) => x.id === s.ruleId)!;
        for (const reading of r.readings) {
          const cal = buildCalendar(reading.calendar, {
            transmissionReading: reading.transmission,
            overlays: s.overlays,
            agency: rule.agency,
            office: s.office,
            ruleId: rule.id,
          });
          expect(cal.isBusinessDay(reading.due)).toBe(true);
          expect(reading.due > r.triggerDate).toBe(true);
          if (rule.unit === 'business_days') expect(cal.businessDaysBetween(r.triggerDate, reading.due)).toBe(rule.length);
        }
        expect(r.due <= r.dueLatest).toBe(true);
        expect(r.readings.map((x) => x.due)).toContain(r.due);
        expect(r.reason === undefined).toBe(r.due === r.dueLatest);
      }),
      { numRuns: 150 },
    );
  });

  it('overlays only ever move a deadline later', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const without = run(s, []);
        const withSome = run(s, s.overlays.slice(0, -1));
        const withAll = run(s);
        for (const [before, after] of [[without, withAll], [withSome, withAll], [without, withSome]] as const) {
          expect(after.due >= before.due).toBe(true);
          expect(after.dueLatest >= before.dueLatest).toBe(true);
          after.readings.forEach((reading, i) => expect(reading.due >= before.readings[i]!.due).toBe(true));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('skipped days are exactly the non-business (or suspended) days passed over', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        const due = r.readings.find((x) => x.id === r.dueReading)!;
        expect(r.skipped).toEqual(due.skipped);
        for (const skipped of r.skipped) {
          expect(skipped.date > r.triggerDate && skipped.date < r.due).toBe(true);
          expect(skipped.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('hour rules end exactly N hours after the trigger instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...hourRules),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (rule, ms) => {
          const r = computeDeadline({ ruleId: rule.id, trigger: new Date(ms).toISOString() });
          expect(Date.parse(r.dueInstant) - ms).toBe(rule.length * 3_600_000);
          expect(Date.parse(r.due)).toBe(Date.parse(r.dueInstant));
        },
      ),
      { numRuns: 100 },
    );
  });
});
