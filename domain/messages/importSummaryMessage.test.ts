import { NotificationRequestSchema } from '../../activities/notificationRequest';
import { renderImportSummary, type ImportSummaryInput } from './importSummaryMessage';

type Case = ImportSummaryInput['cases'][number];

const deadline = (dueInstant: string, missed = false): Case['deadlines'][number] => ({
  ruleId: 'comar_filing',
  title: 'Solicitud de reconocimiento ante COMAR',
  citation: 'Ley sobre Refugiados, art. 18',
  due: dueInstant.slice(0, 10),
  dueInstant,
  unit: 'business_days',
  missed,
});

/** A person's imported cases, in file-number order, each due a day later than the one before. */
const casesOf = (n: number): Case[] =>
  Array.from({ length: n }, (_, i) => ({
    caseId: `IMP-${String(i).padStart(4, '0')}`,
    fileNumber: `EXP-${i}`,
    childName: `Niña ${i}`,
    deadlines: [deadline(new Date(Date.UTC(2030, 0, 2 + i, 6)).toISOString())],
  }));

const sendable = (m: { subject: string; body: string }) => NotificationRequestSchema.safeParse({ idempotencyKey: 'import-summary/run/ana', recipient: 'ana@ong.test', language: 'es', ...m }).success;

test('a person holding hundreds of an import’s cases still gets the summary: the most pressing that fit, and where the rest are', () => {
  const cases = casesOf(600);
  // The one missed deadline is the last case of the sheet: it must be among those listed.
  cases[599] = { ...cases[599]!, deadlines: [deadline('2029-12-01T06:00:00.000Z', true)] };
  const m = renderImportSummary({ lang: 'es', name: 'Ana', publicUrl: 'http://plazo.test', cases });
  expect(sendable(m)).toBe(true);
  expect(m.subject).toBe('[Plazo] 600 casos suyos importados: lo que sigue abierto');
  const listed = [...m.body.matchAll(/^Caso (IMP-\d{4})/gm)].map((x) => x[1]);
  expect(listed.length).toBeGreaterThan(20);
  expect(listed.length).toBeLessThan(600);
  // Missed first, then by due date: the sheet's first cases follow.
  expect(listed.slice(0, 3)).toEqual(['IMP-0599', 'IMP-0000', 'IMP-0001']);
  expect(m.body).toContain(`Otros ${600 - listed.length} casos suyos importados no caben en este correo; arriba, los más urgentes. Todos, con sus plazos por fecha: http://plazo.test/agenda`);
  const en = renderImportSummary({ lang: 'en', name: 'Ana', publicUrl: 'http://plazo.test', cases });
  expect(sendable(en)).toBe(true);
  const listedEn = [...en.body.matchAll(/^Case (IMP-\d{4})/gm)].length;
  expect(en.body).toContain(`${600 - listedEn} more imported cases of yours do not fit in this email; above, the most pressing.`);
});

test('a summary that fits lists every case in the sheet’s order, with no closing line', () => {
  const cases = casesOf(5).reverse();
  const m = renderImportSummary({ lang: 'es', name: 'Ana', publicUrl: 'http://plazo.test', cases });
  expect(sendable(m)).toBe(true);
  expect([...m.body.matchAll(/^Caso (IMP-\d{4})/gm)].map((x) => x[1])).toEqual(['IMP-0004', 'IMP-0003', 'IMP-0002', 'IMP-0001', 'IMP-0000']);
  expect(m.body).not.toMatch(/no caben|agenda/);
});
