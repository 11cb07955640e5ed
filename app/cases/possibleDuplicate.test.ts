import { possibleDuplicate } from './possibleDuplicate';
import type { TimelineEntryView } from '../schemas';

const entry = (seq: number, type: string, at: string, by: string, detail: TimelineEntryView['detail'] = null): TimelineEntryView => ({ seq, type, at, recordedAt: at, by, summary: '', deadlineId: null, detail });
const placement = { type: 'placement_changed', occurredAt: '2026-11-20' };

test('the same type on the same Mexico City day is a possible duplicate, named by its seq and who recorded it', () => {
  // 2026-11-21T03:00Z is still the 20th in Mexico City (21:00).
  const timeline = [entry(1, 'case_opened', '2026-11-01T16:00:00.000Z', 'system'), entry(4, 'placement_changed', '2026-11-21T03:00:00.000Z', 'cw-ana')];
  expect(possibleDuplicate(timeline, placement)).toEqual({ seq: 4, by: 'cw-ana' });
  expect(possibleDuplicate(timeline, { ...placement, occurredAt: '2026-11-21' })).toBeNull();
  expect(possibleDuplicate(timeline, { ...placement, type: 'child_absent' })).toBeNull();
});

test('a voided event is no longer on the case; a corrected one counts on its corrected day', () => {
  const was = { type: 'placement_changed', occurredAt: '2026-11-20', recordedBy: 'cw-ana', kind: 'shelter', placement: 'Casa Uno' } as never;
  const voided = [entry(4, 'placement_changed', '2026-11-20', 'cw-ana'), entry(5, 'event_voided', '2026-11-20', 'sup-beto', { kind: 'event_voided', eventSeq: 4, was, reason: 'twice' })];
  expect(possibleDuplicate(voided, placement)).toBeNull();
  const moved = [entry(4, 'placement_changed', '2026-11-19', 'cw-ana'), entry(5, 'event_corrected', '2026-11-19', 'sup-beto', { kind: 'event_corrected', eventSeq: 4, was, now: was, reason: 'typo' })];
  expect(possibleDuplicate(moved, placement)).toEqual({ seq: 4, by: 'cw-ana' });
  expect(possibleDuplicate(moved, { ...placement, occurredAt: '2026-11-19' })).toBeNull();
});
