import { autoMap, editMapping, IMPORT_COLUMNS, mapRow, missingColumns, normalizeHeader } from './columns';
import { eventFieldColumn, isoDate, listCode, rowCommand } from './rowCommand';
import { reportLines, summarize, type ImportRowResult } from './report';

describe('column mapping', () => {
  test('the template maps to every column, in its order', () => {
    const headers = IMPORT_COLUMNS.map((c) => c.header);
    const mapping = autoMap(headers);
    expect(Object.keys(mapping)).toEqual(IMPORT_COLUMNS.map((c) => c.key));
    IMPORT_COLUMNS.forEach((c, i) => expect(mapping[c.key]).toBe(i));
  });

  test('headers made elsewhere are recognised without accents, case or punctuation; unknown ones are left out', () => {
    expect(normalizeHeader('  Fecha de Ingreso a MÉXICO ')).toBe('fecha de ingreso a mexico');
    const mapping = autoMap(['Folio', 'NOMBRE COMPLETO', 'Observaciones', 'trabajadora social', 'Supervisora', 'Abogada', 'País']);
    expect(mapping).toEqual({ fileNumber: 0, childName: 1, caseworker: 3, supervisor: 4, lawyer: 5, nationality: 6 });
    expect(missingColumns(mapping)).toEqual([]);
    expect(missingColumns(autoMap(['Nombre'])).map((c) => c.key)).toEqual(['fileNumber', 'caseworker', 'supervisor', 'lawyer']);
  });

  test('a person edits the mapping: a header for a key, or empty to leave a column out; an unknown header names the key', () => {
    const headers = ['Exp.', 'Nombre', 'Ingreso (fecha)'];
    expect(editMapping(headers, { fileNumber: 'exp', entryDate: 'Ingreso (fecha)' })).toEqual({ mapping: { fileNumber: 0, childName: 1, entryDate: 2 } });
    expect(editMapping(headers, { childName: '' })).toEqual({ mapping: {} });
    expect(editMapping(headers, { office: 'Oficina' })).toEqual({ error: { key: 'office', message: "no column 'Oficina' in the sheet (its columns: Exp., Nombre, Ingreso (fecha))" } });
  });

  test('a row through the mapping: trimmed cells, empty ones left out', () => {
    expect(mapRow(['  E-1 ', '', 'Ana'], { fileNumber: 0, birthDate: 1, childName: 2 })).toEqual({ fileNumber: 'E-1', childName: 'Ana' });
  });
});

describe('row → the API commands', () => {
  const people = new Map([['ana@ong.org', 'cw-ana']]);

  test('intake fields as POST /api/cases takes them; people by email or id; Mexican dates rewritten', () => {
    const cmd = rowCommand(
      { fileNumber: 'E-1', childName: 'María', birthDate: '14/03/2012', nationality: 'Honduras', entryDate: '2026-08-20', caseworker: 'ANA@ong.org', supervisor: 'sup-beto', lawyer: 'law-carla' },
      people,
    );
    expect(cmd.intake).toEqual({
      fileNumber: 'E-1',
      child: { name: 'María', birthDate: '2012-03-14', nationality: 'Honduras' },
      entryDate: '2026-08-20',
      assignments: { caseworker: 'cw-ana', supervisor: 'sup-beto', lawyer: 'law-carla' },
    });
    expect(cmd.events).toEqual([]);
    expect(cmd.problems).toEqual([]);
  });

  test('past events in the order they happened, with their details from Spanish labels', () => {
    const cmd = rowCommand({ decisionNotified: '2026-10-01', decisionOutcome: 'Negado', asylumClaimFiled: '02/07/2026', procuraduriaNotified: '2026-07-02', caseClosed: '2026-11-01', closeReason: 'reunificación familiar' }, people);
    expect(cmd.events.map((e) => e.body)).toEqual([
      { type: 'procuraduria_notified', occurredAt: '2026-07-02' },
      { type: 'asylum_claim_filed', occurredAt: '2026-07-02' },
      { type: 'decision_notified', occurredAt: '2026-10-01', outcome: 'denied' },
      { type: 'case_closed', occurredAt: '2026-11-01', reason: 'reunified' },
    ]);
    expect(eventFieldColumn(cmd.events[2]!, 'outcome')).toBe('decisionOutcome');
    expect(eventFieldColumn(cmd.events[2]!, 'occurredAt')).toBe('decisionNotified');
  });

  test('a detail without its date is a problem naming the detail column; unknown labels go to the validators as typed', () => {
    expect(rowCommand({ decisionOutcome: 'negado' }, people).problems).toEqual([{ column: 'decisionOutcome', field: 'outcome', message: 'is given without the date of its event (decisionNotified)' }]);
    expect(listCode('quizá', ['denied'])).toBe('quizá');
    expect(listCode('DENIED', ['denied'])).toBe('denied');
    expect(isoDate('31/02/2026')).toBe('2026-02-31'); // the validators refuse it, naming the field
    expect(isoDate('2026-2-3')).toBe('2026-2-3');
  });
});

describe('report', () => {
  const row = (over: Partial<ImportRowResult>): ImportRowResult => ({ row: 2, fileNumber: 'E-1', status: 'new', caseId: null, errors: [], deadlines: [], alarmsNow: [], notSent: 0, ...over });

  test('one line per error, one per row without errors; counts by status', () => {
    const rows = [
      row({ row: 2, errors: [{ column: 'Fecha de nacimiento', field: 'child.birthDate', message: 'La fecha de nacimiento: esa fecha no existe.' }, { column: 'Oficina', field: 'office', message: 'La oficina: no está en la lista.' }], status: 'error' }),
      row({ row: 3, fileNumber: 'E-2', status: 'opened', caseId: 'C-1', deadlines: [{ ruleId: 'asylum_filing_window', title: 'Plazo', status: 'open', due: '2026-10-26', dueInstant: 'x' }], alarmsNow: [{ deadlineId: 'asylum_filing_window#1', step: 'alarm-0', recipients: ['caseworker'] }], notSent: 3 }),
    ];
    const lines = reportLines(rows);
    expect(lines[0]).toEqual(['Fila', 'Expediente', 'Estado', 'Caso', 'Columna', 'Error', 'Plazos', 'Alarmas al importar', 'Avisos no enviados (antes de Plazo)']);
    expect(lines.slice(1)).toEqual([
      ['2', 'E-1', 'con errores: no se importa', '', 'Fecha de nacimiento', 'La fecha de nacimiento: esa fecha no existe.', '', '', '0'],
      ['2', 'E-1', 'con errores: no se importa', '', 'Oficina', 'La oficina: no está en la lista.', '', '', '0'],
      ['3', 'E-2', 'abierto', 'C-1', '', '', 'Plazo para solicitar el reconocimiento de la condición de refugiado: 2026-10-26 (abierto)', 'Plazo para solicitar el reconocimiento de la condición de refugiado: alerta 1 → Trabajador(a) social', '3'],
    ]);
    expect(summarize(rows)).toEqual({ rows: 2, byStatus: { error: 1, opened: 1 } });
  });

  test("the report in the reader's language: column titles, statuses, deadlines, steps and roles from the catalogue", () => {
    const rows = [row({ row: 3, fileNumber: 'E-2', status: 'opened', caseId: 'C-1', deadlines: [{ ruleId: 'asylum_filing_window', title: 'Plazo', status: 'missed', due: '2026-10-26', dueInstant: 'x' }], alarmsNow: [{ deadlineId: 'asylum_filing_window#1', step: 'alarm-0', recipients: ['caseworker', 'lawyer'] }] })];
    const [header, line] = reportLines(rows, 'en');
    expect(header).toEqual(['Row', 'File number', 'Status', 'Case', 'Column', 'Error', 'Deadlines', 'Alarms on import', 'Reminders not sent (before Plazo)']);
    expect(line!.slice(2, 4)).toEqual(['opened', 'C-1']);
    expect(line![6]).toMatch(/^[A-Z].*: 2026-10-26 \(overdue\)$|^[A-Z].*: 2026-10-26 \(missed\)$/);
    expect(line![6]).not.toContain('asylum_filing_window');
    expect(line![7]).toMatch(/: alarm 1 → Caseworker, Lawyer$/);
  });
});
