/** The covered range (coverage.ts) is enforced the same way by every edge that reads dates. */
import { CaseEventSchema, CaseIntakeSchema } from './case/events';
import { EVENT_TYPE_NAMES, eventShapeError, intakeRangeError } from './case/eventTypes';
import { birthDateOutOfRange, COVERAGE, termDateOutOfRange } from './coverage';
import { parseOrThrow } from './validation';

describe('the covered range', () => {
  it('is births from 1990 and terms from 2007 to 2045', () => {
    expect(COVERAGE).toEqual({ firstBirthDate: '1990-01-01', firstTermDate: '2007-01-01', lastTermDate: '2045-12-31' });
    expect(termDateOutOfRange('2045-12-31')).toBeNull();
    expect(termDateOutOfRange('2046-01-01T00:30:00Z')).toBe("2046-01-01 is outside the dates Plazo's calendars cover (2007-01-01 to 2045-12-31)");
    expect(birthDateOutOfRange('1990-01-01')).toBeNull();
    expect(birthDateOutOfRange('2027-12-31')).toBeNull(); // 18 on 2045-12-31
    expect(birthDateOutOfRange('2028-01-01')).toBe("the 18th birthday (2046-01-01) is after 2045-12-31, the last day Plazo's calendars cover");
  });

  it("is refused by the workflow's plain checks, naming the field", () => {
    expect(eventShapeError({ type: 'bid_issued', occurredAt: '2099-01-01', recordedBy: 'cw' })).toBe(
      "occurredAt: 2099-01-01 is outside the dates Plazo's calendars cover (2007-01-01 to 2045-12-31)",
    );
    expect(eventShapeError({ type: 'bid_issued', occurredAt: '2030-01-01', recordedBy: 'cw' })).toBeNull();
    expect(intakeRangeError({ openedAt: '2030-01-01', child: { birthDate: '1985-02-01' } })).toMatch(/^child\.birthDate: 1985-02-01 is outside/);
    expect(intakeRangeError({ openedAt: '2030-01-01', entryDate: '2006-12-31' })).toMatch(/^entryDate: 2006-12-31 is outside/);
    expect(intakeRangeError({ openedAt: '2030-01-01', entryDate: '2029-12-01', child: { birthDate: '2015-01-01' } })).toBeNull();
  });

  it('is refused by the schemas the API and the CLI use, naming the field', () => {
    const intake = {
      caseId: 'C-1',
      child: { name: 'N. N.', birthDate: '1989-12-31' },
      assignments: { caseworker: 'a', supervisor: 'b', lawyer: 'c' },
      openedAt: '2030-01-01',
      recordedBy: 'a',
    };
    expect(() => parseOrThrow(CaseIntakeSchema, intake, '')).toThrow(expect.objectContaining({ field: 'child.birthDate' }));
    expect(() => parseOrThrow(CaseEventSchema, { type: 'detention_started', occurredAt: '2050-01-01T10:00:00Z', recordedBy: 'a', place: 'EM' }, '')).toThrow(
      expect.objectContaining({ field: 'occurredAt', message: expect.stringContaining('2045-12-31') }),
    );
  });

  it('lists the same event types as the schema (the plain list the workflow validator uses)', () => {
    expect(CaseEventSchema.options.map((o) => o.shape.type.value)).toEqual(EVENT_TYPE_NAMES);
  });
});
