/**
 * Emails in words. Dates worked out by hand: 30 Nov 2026 is a Monday (29 Nov 2026 is a Sunday); 14:36 at
 * UTC-6 (Mexico City, no DST since 2022) is 20:36 UTC, which is 12:36 in Tijuana (PST, UTC-8, in November).
 */
import { closingTime, dayInWords, dueInWords, instantInWords } from './dateWords';
import { renderReassignmentMessage } from './reassignmentMessage';
import { renderStepMessage } from './stepMessage';

describe('dates in words, in the reader\'s language and zone', () => {
  test('an instant', () => {
    expect(instantInWords('2026-11-30T14:36:57-06:00', 'es')).toBe('lunes 30 de noviembre de 2026, 14:36 (hora de la Ciudad de México)');
    expect(instantInWords('2026-11-30T14:36:57-06:00', 'en')).toBe('Monday, November 30, 2026, 2:36 PM (Mexico City time)');
    expect(instantInWords('2026-11-30T20:36:57Z', 'es', 'America/Tijuana')).toBe('lunes 30 de noviembre de 2026, 12:36 (hora de Tijuana)');
  });

  test('a day of the law, and by when a deadline is due', () => {
    expect(dayInWords('2026-12-01', 'es')).toBe('martes 1 de diciembre de 2026');
    expect(dueInWords({ due: '2026-12-01', dueInstant: '2026-12-01T23:59:59-06:00', unit: 'business_days' }, 'es', 'America/Tijuana')).toBe(
      'martes 1 de diciembre de 2026 (hasta las 23:59, hora de la Ciudad de México)',
    );
    // 36 hours from Monday 30 Nov 2026 14:36 is Wednesday 2 Dec 2026 02:36.
    expect(dueInWords({ due: '2026-12-02', dueInstant: '2026-12-02T02:36:00-06:00', unit: 'hours' }, 'en')).toBe('Wednesday, December 2, 2026, 2:36 AM (Mexico City time)');
  });

  test('a term filed in office hours closes at the hour its due instant says, not at midnight (LFPA arts. 28, 30)', () => {
    // mx-2027.1: a COMAR filing's last day ends at 18:00 Mexico City; the email and the constancia say so.
    const comar = { due: '2027-01-20', dueInstant: '2027-01-20T18:00:00-06:00', unit: 'business_days' };
    expect(dueInWords(comar, 'es')).toBe('miércoles 20 de enero de 2027 (hasta las 18:00, hora de la Ciudad de México)');
    expect(dueInWords(comar, 'en')).toBe('Wednesday, January 20, 2027 (until 6:00 PM, Mexico City time)');
    expect(closingTime(comar, 'es', true)).toBe('18:00:00');
    // A term without an instant (an old state) ends with its day.
    expect(closingTime({ due: '2027-01-20' }, 'es', true)).toBe('23:59:59');
    expect(closingTime({ due: '2021-07-15', dueInstant: '2021-07-15T23:59:59.999-05:00' }, 'es')).toBe('23:59');
  });
});

test('a step email says what to do and by when, names people, and carries the one-click link', () => {
  const { subject, body } = renderStepMessage({
    lang: 'es',
    caseId: 'C-1',
    link: 'https://plazo.example/cases/C-1',
    kind: 'reminder',
    deadline: { ruleId: 'comar_decision', title: 'COMAR decision', citation: 'LRPCAP art. 24', due: '2026-12-01', dueLatest: '2026-12-01', dueInstant: '2026-12-01T23:59:59-06:00', unit: 'business_days', kind: 'law', explanation: 'Term: 45 business days from 2026-09-28T00:00:00-06:00' },
    remaining: 'faltan 2 días hábiles',
    recipient: { name: 'Ana' },
    people: { caseworker: 'Ana', supervisor: 'Beto', lawyer: 'Carla' },
    ack: { link: 'https://plazo.example/ack/plzack_x', expiresAt: '2026-12-07T09:00:00-06:00' },
  });
  expect(subject).toContain('Caso C-1');
  expect(body.split('\n')[0]).toBe('Hola, Ana:');
  expect(body).toContain('A más tardar: martes 1 de diciembre de 2026 (hasta las 23:59, hora de la Ciudad de México)');
  expect(body).toMatch(/\nQué hacer: .+/);
  expect(body).toContain('Tiempo restante: faltan 2 días hábiles');
  expect(body).toContain('trabajo social: Ana · supervisión: Beto · abogacía: Carla');
  expect(body).toContain('Ver el caso: https://plazo.example/cases/C-1');
  expect(body).toContain('https://plazo.example/ack/plzack_x\nEl enlace sirve solo para esto y vence el lunes 7 de diciembre de 2026, 09:00 (hora de la Ciudad de México).');
  expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});

test('a manual escalation without a deadline lists what is at stake', () => {
  const { body } = renderStepMessage({
    lang: 'en',
    caseId: 'C-2',
    link: 'https://plazo.example/cases/C-2',
    kind: 'escalation',
    reason: 'no answer from the family',
    by: 'Beto',
    recipient: { name: 'Dora' },
    liveDeadlines: [{ ruleId: 'detention_36h', title: 'Detention limit', citation: 'CPEUM art. 21', due: '2026-12-02', dueInstant: '2026-12-02T02:36:00-06:00', unit: 'hours', missed: false }],
  });
  expect(body).toContain('Your attention was asked for this case as a whole');
  expect(body).toContain('What to do: Review the case');
  expect(body).toContain('Reason: no answer from the family');
  expect(body).toContain('Escalated by: Beto');
  expect(body).toContain('CPEUM art. 21): Wednesday, December 2, 2026, 2:36 AM (Mexico City time)');
  expect(body).not.toContain("I'm on it");
});

test('a reassignment email to the new holder and to the previous one', () => {
  const base = { lang: 'es' as const, caseId: 'C-3', link: 'https://plazo.example/cases/C-3', recipientName: 'Luis', newHolderName: 'Luis', byName: 'Beto', reason: 'vacaciones', liveDeadlines: [] };
  expect(renderReassignmentMessage({ ...base, side: 'to' }).body).toContain('Beto le asignó el caso C-3.\nMotivo: vacaciones');
  expect(renderReassignmentMessage({ ...base, side: 'from', recipientName: 'Ana' }).body).toContain('Hola, Ana:\n\nBeto asignó el caso C-3 a Luis; usted ya no lo lleva.');
});
