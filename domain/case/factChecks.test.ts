import { ageOn, eventFactError, intakeFactError } from './factChecks';
import type { CaseState } from './state';

const facts = (over: Partial<CaseState['facts']> = {}): CaseState['facts'] => ({ eventDates: {}, detained: false, absent: false, signatureCount: 0, ...over });
const caseOf = (birthDate: string | undefined, entryDate?: string, eventDates: Record<string, string> = {}) => ({
  child: { name: 'N. N.', ...(birthDate ? { birthDate } : {}) },
  facts: facts({ entryDate, eventDates }),
});

test('whole years of age, a birthday counting on its day', () => {
  expect(ageOn('2008-12-06', '2026-12-05')).toBe(17);
  expect(ageOn('2008-12-06', '2026-12-06')).toBe(18);
  expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
});

test('an intake: an entry before the birth, an opening before the birth, an adult without a disputed age are refused naming the field', () => {
  expect(intakeFactError({ child: { birthDate: '2012-05-01' }, entryDate: '2011-04-12', openedAt: '2026-12-06' })).toBe(
    "entryDate: 2011-04-12 is before the child's birth date (2012-05-01)",
  );
  expect(intakeFactError({ child: { birthDate: '2012-05-01' }, openedAt: '2012-04-30T12:00:00-06:00' })).toMatch(/^openedAt: 2012-04-30 is before/);
  // A 25-year-old "child".
  expect(intakeFactError({ child: { birthDate: '2001-03-10' }, openedAt: '2026-12-06' })).toMatch(/^child\.birthDate: born 2001-03-10, the person is 25 at intake; .*child\.ageDisputed/);
  // 18 on the day of intake: no longer a child.
  expect(intakeFactError({ child: { birthDate: '2008-12-06' }, openedAt: '2026-12-06T10:00:00-06:00' })).toMatch(/the person is 18 at intake/);
});

test('an intake that can be true: a 17-year-old, an adult whose age is disputed (kept and flagged), no birth date', () => {
  expect(intakeFactError({ child: { birthDate: '2008-12-07' }, entryDate: '2026-11-01', openedAt: '2026-12-06' })).toBeNull();
  expect(intakeFactError({ child: { birthDate: '2001-03-10', ageDisputed: true }, openedAt: '2026-12-06' })).toBeNull();
  expect(intakeFactError({ child: {}, entryDate: '2026-11-01', openedAt: '2026-12-06' })).toBeNull();
});

test('a claim before the entry (04/12 read as 12 April) is refused; one the day of the entry is not', () => {
  const s = caseOf('2012-05-01', '2026-12-04');
  expect(eventFactError(s, { type: 'asylum_claim_filed', occurredAt: '2026-04-12' })).toBe(
    "occurredAt: 2026-04-12 is before the child entered Mexico (2026-12-04); asylum claim filed happens in Mexico",
  );
  expect(eventFactError(s, { type: 'asylum_claim_filed', occurredAt: '2026-12-04' })).toBeNull();
  // An instant late on the 3rd in Mexico City is still the 3rd (it is the 4th in UTC).
  expect(eventFactError(s, { type: 'detention_started', occurredAt: '2026-12-04T03:00:00Z' })).toMatch(/^occurredAt: 2026-12-03 is before the child entered Mexico/);
});

test("nothing before the birth; the organization's own bookkeeping may predate the entry", () => {
  const s = caseOf('2012-05-01', '2026-12-04');
  expect(eventFactError(s, { type: 'case_closed', occurredAt: '2012-04-01' })).toBe("occurredAt: 2012-04-01 is before the child's birth date (2012-05-01)");
  expect(eventFactError(s, { type: 'assignment_changed', occurredAt: '2026-12-01' })).toBeNull();
  // Without an entry date, only the birth bounds the facts.
  expect(eventFactError(caseOf('2012-05-01'), { type: 'asylum_claim_filed', occurredAt: '2026-04-12' })).toBeNull();
});

test('an entry recorded after something that already happened in Mexico is refused', () => {
  const s = caseOf('2012-05-01', undefined, { detention_started: '2026-11-20T10:00:00-06:00', assignment_changed: '2026-11-01' });
  expect(eventFactError(s, { type: 'entered_mexico', occurredAt: '2026-11-25' })).toBe('occurredAt: 2026-11-25 is after detention started (2026-11-20), which happened in Mexico');
  expect(eventFactError(s, { type: 'entered_mexico', occurredAt: '2026-11-20' })).toBeNull();
  expect(eventFactError(s, { type: 'entered_mexico', occurredAt: '2026-11-10' })).toBeNull();
});
