/**
 * Properties of every day-counted deadline, over random rules (both packs), triggers and overlays
 * (fast-check): due ≤ dueLatest always, and adding a closure never makes a date earlier.
 */
import fc from 'fast-check';
import { buildReadingCalendars } from './calendar/readings';
import { computeDeadline, recurringOccurrence, type DeadlineComputation, type DeadlineInput } from './deadlines';
import { AGENCIES, type Overlay } from './overlays';
import { RULE_PACK, RULE_PACKS } from './rules/rulePack';
import type { RulePack } from './rules/rulePackSchema';
import { addDays } from './time/localDate';

const dayRules = RULE_PACKS.flatMap((p) => p.rules.filter((r) => r.unit !== 'hours').map((r) => [p.version, r.id] as const));
const packOf = (version: string): RulePack => RULE_PACKS.find((p) => p.version === version)!;
const hourRules = RULE_PACK.rules.filter((r) => r.unit === 'hours');
// Terms from 2010 to 2040 (their ends stay inside the covered range); births from 1990 to 2027.
const trigger = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2010-01-01', n));
const birth = fc.integer({ min: 0, max: 365 * 37 - 200 }).map((n) => addDays('1990-01-01', n));

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

const scenario = fc.constantFrom(...dayRules).chain(([version, ruleId]) => (ruleId === 'age_of_majority' ? birth : trigger).chain((t) =>
  fc.record({
    ruleId: fc.constant(ruleId),
    pack: fc.constant(version).map(packOf),
    trigger: fc.constant(t),
    calendar: fc.constantFrom(packOf(version).rules.find((r) => r.id === ruleId)!.calendar, 'lfpa-art28' as const, 'lft-art74' as const),
    office: fc.constantFrom(undefined, 'CDMX'),
    overlays: fc.tuple(...[0, 1, 2, 3].map((i) => overlayNear(t, i))).chain((all) => fc.subarray(all)),
    occurrence: fc.integer({ min: 1, max: 8 }),
  }),
));

const run = (s: DeadlineInput & { occurrence: number }, overlays = s.overlays): DeadlineComputation => {
  const input = { ...s, overlays };
  return s.ruleId === 'weekly_signature' ? recurringOccurrence(input, s.occurrence) : computeDeadline(input);
};

describe('deadline properties', () => {
  it('every reading ends on a business day of its own calendar, and due ≤ dueLatest', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        const rule = s.pack.rules.find((x) => x.id === s.ruleId)!;
        const cals = buildReadingCalendars(r.calendar, { overlays: s.overlays, agency: rule.agency, office: s.office, ruleId: rule.id, tfjaJulyVacation: s.pack.tfjaJulyVacation });
        for (const reading of r.readings) {
          const cal = cals.find((c) => c.id === reading.id)!.cal;
          // A birthday is a fact: mx-2026.2 never rolls it, so it may fall on any day.
          if (rule.roll) expect(cal.isBusinessDay(reading.due)).toBe(true);
          expect(reading.due > r.triggerDate).toBe(true);
          if (rule.unit === 'business_days') expect(cal.businessDaysBetween(r.triggerDate, reading.due)).toBe(rule.length);
        }
        // due: the earliest governing reading; dueLatest: the union, never earlier.
        const governing = r.readings.filter((x) => x.role === 'governing').map((x) => x.due).sort();
        expect(r.due).toBe(governing[0]);
        expect(r.due <= r.dueLatest).toBe(true);
        for (const g of governing) expect(g <= r.dueLatest).toBe(true);
        expect(r.reason === undefined).toBe(r.due === r.dueLatest);
        expect(r.latestDays.every((d) => d.date <= r.dueLatest)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adding a closure never makes a date earlier (due, dueLatest and every reading)', () => {
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
          expect(r.due).toBe(r.dueLatest);
          expect(Date.parse(r.dueInstant) - ms).toBe(rule.length * 3_600_000);
          expect(Date.parse(r.due)).toBe(Date.parse(r.dueInstant));
        },
      ),
      { numRuns: 100 },
    );
  });
});
