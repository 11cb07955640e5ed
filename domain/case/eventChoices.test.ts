import { buildCalendar } from '../calendar/businessCalendar';
import { eventDateWarnings } from './dateWarnings';
import { eventChoices } from './eventChoices';
import { CASE_EVENT_TYPES } from './events';

describe('which events the form offers first', () => {
  test('the events that meet a live deadline come first, then the phase; every type stays on offer', () => {
    const c = eventChoices({ phase: 'intake', detained: false, meetsLiveDeadline: ['asylum_claim_filed'] }, CASE_EVENT_TYPES);
    expect(c.likely[0]).toBe('asylum_claim_filed');
    expect(c.likely).toContain('detention_started');
    expect(c.likely).not.toContain('weekly_signature_recorded');
    expect([...c.likely, ...c.other].sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(new Set([...c.likely, ...c.other]).size).toBe(CASE_EVENT_TYPES.length);
  });

  test('a detained child: ending the detention and channelling to DIF come first; a second detention is "other"', () => {
    const c = eventChoices({ phase: 'asylum', detained: true, meetsLiveDeadline: [] }, CASE_EVENT_TYPES);
    expect(c.likely.slice(0, 3)).toEqual(['detention_ended', 'procuraduria_notified', 'child_channelled_to_dif']);
    expect(c.other).toContain('detention_started');
    expect(c.likely).toContain('weekly_signature_recorded');
  });

  test('only types the form may record are offered', () => {
    const formTypes = CASE_EVENT_TYPES.filter((t) => t !== 'assignment_changed');
    const c = eventChoices({ phase: 'placement', detained: false, meetsLiveDeadline: ['not_an_event'] }, formTypes);
    expect([...c.likely, ...c.other]).not.toContain('assignment_changed');
    expect(c.likely).not.toContain('not_an_event');
  });
});

describe('unusual dates warn, never refuse', () => {
  // LFPA art. 28: Saturdays, Sundays and 20 Nov are not business days. 2026: 29 Nov is a Sunday,
  // 20 Nov a Friday (a holiday), 30 Nov a Monday (a business day).
  const lfpa = buildCalendar('lfpa-art28');
  const today = '2026-11-30';
  test('a weekly signature on a Sunday or a holiday', () => {
    expect(eventDateWarnings({ type: 'weekly_signature_recorded', day: '2026-11-29' }, lfpa, today)).toEqual([{ code: 'signature_non_business_day', day: '2026-11-29', weekend: true }]);
    expect(eventDateWarnings({ type: 'weekly_signature_recorded', day: '2026-11-20' }, lfpa, today)).toEqual([{ code: 'signature_non_business_day', day: '2026-11-20', weekend: false }]);
    expect(eventDateWarnings({ type: 'weekly_signature_recorded', day: '2026-11-30' }, lfpa, today)).toEqual([]);
    // Other facts happen on any day: a detention on a Sunday is not unusual.
    expect(eventDateWarnings({ type: 'detention_started', day: '2026-11-29' }, lfpa, today)).toEqual([]);
  });

  test('a date more than a year back', () => {
    // 2025-11-28 is 367 days before 2026-11-30; 2025-11-30 is 365 days before it.
    expect(eventDateWarnings({ type: 'entered_mexico', day: '2025-11-28' }, lfpa, today)).toEqual([{ code: 'far_back', day: '2025-11-28' }]);
    expect(eventDateWarnings({ type: 'entered_mexico', day: '2025-11-30' }, lfpa, today)).toEqual([]);
  });
});
