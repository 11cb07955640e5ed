/**
 * The spreadsheet a program moves its caseload in with (issue 27 item 2): one row per case, its past
 * events as date columns. Each column has a key, the Spanish header the template writes, the headers
 * it is recognised by when a sheet was made elsewhere, and the example row's value. Plain data, no I/O.
 */
import { z } from 'zod';

export const IMPORT_COLUMN_KEYS = [
  'fileNumber', 'childName', 'birthDate', 'nationality', 'entryDate', 'office', 'openedAt', 'caseworker', 'supervisor', 'lawyer',
  'procuraduriaNotified', 'bidIssued', 'asylumClaimFiled', 'comarExtensionNotified', 'decisionNotified', 'decisionOutcome',
  'recursoRevisionFiled', 'caseClosed', 'closeReason',
] as const;
export const ImportColumnKeySchema = z.enum(IMPORT_COLUMN_KEYS);
export type ImportColumnKey = z.output<typeof ImportColumnKeySchema>;

export interface ImportColumn {
  key: ImportColumnKey;
  header: string;
  /** Other headers people give the same column (compared without accents, case or punctuation). */
  aliases: string[];
  required: boolean;
  example: string;
  /** What the template's note says to write. */
  hint: string;
}

const col = (key: ImportColumnKey, header: string, example: string, hint: string, aliases: string[] = [], required = false): ImportColumn => ({ key, header, aliases, required, example, hint });

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  col('fileNumber', 'Expediente', 'EXP-2026-0001', 'El número de expediente del programa: identifica el caso en cada importación.', ['numero de expediente', 'no expediente', 'folio', 'file number'], true),
  col('childName', 'Nombre', 'María López', 'Nombre completo de la niña, niño o adolescente.', ['nombre completo', 'nombre del nna', 'nna', 'child name', 'name'], true),
  col('birthDate', 'Fecha de nacimiento', '2012-03-14', 'AAAA-MM-DD o DD/MM/AAAA.', ['nacimiento', 'fecha nacimiento', 'birth date']),
  col('nationality', 'Nacionalidad', 'Honduras', 'País (nombre o código ISO de 2 letras).', ['pais', 'pais de origen', 'nationality']),
  col('entryDate', 'Fecha de ingreso a México', '2026-08-20', 'AAAA-MM-DD o DD/MM/AAAA.', ['fecha de ingreso', 'ingreso', 'ingreso a mexico', 'entry date']),
  col('office', 'Oficina', 'COMAR CDMX', 'Una oficina de la lista de oficinas.', ['oficina comar', 'office']),
  col('openedAt', 'Fecha de apertura', '2026-08-22', 'Cuándo abrió el caso el programa; vacío: hoy.', ['apertura', 'fecha apertura', 'opened at']),
  col('caseworker', 'Trabajador(a) social', 'ana@ong.org', 'Correo o identificador de una persona de Plazo con esa función.', ['trabajador social', 'trabajadora social', 'caseworker'], true),
  col('supervisor', 'Supervisor(a)', 'beto@ong.org', 'Correo o identificador de una persona de Plazo con esa función.', ['supervisor', 'supervisora'], true),
  col('lawyer', 'Abogado(a)', 'carla@ong.org', 'Correo o identificador de una persona de Plazo con esa función.', ['abogado', 'abogada', 'lawyer'], true),
  col('procuraduriaNotified', 'Aviso a la Procuraduría', '2026-08-21', 'Fecha del aviso, si lo hubo.', ['aviso procuraduria', 'aviso a la pfpnna']),
  col('bidIssued', 'Determinación del interés superior', '', 'Fecha en que se emitió, si se emitió.', ['interes superior', 'determinacion interes superior', 'bid']),
  col('asylumClaimFiled', 'Solicitud de refugio presentada', '2026-09-01', 'Fecha de la solicitud ante la COMAR, si se presentó.', ['solicitud de refugio', 'solicitud comar', 'fecha solicitud refugio']),
  col('comarExtensionNotified', 'Ampliación de la COMAR notificada', '', 'Fecha del oficio de ampliación, si lo hubo.', ['ampliacion comar', 'ampliacion']),
  col('decisionNotified', 'Resolución notificada', '', 'Fecha en que se notificó la resolución de la COMAR.', ['resolucion', 'fecha resolucion']),
  col('decisionOutcome', 'Resultado de la resolución', '', 'reconocido, protección complementaria, negado o abandono.', ['resultado', 'sentido de la resolucion']),
  col('recursoRevisionFiled', 'Recurso de revisión interpuesto', '', 'Fecha del recurso, si se interpuso.', ['recurso de revision', 'recurso']),
  col('caseClosed', 'Fecha de cierre', '', 'Fecha en que se cerró el caso, si está cerrado.', ['cierre', 'caso cerrado']),
  col('closeReason', 'Motivo de cierre', '', 'reunificación familiar, reconocido e integrado, transferido, …', ['motivo', 'motivo del cierre']),
];

/** 'Fecha de Ingreso a México ' → 'fecha de ingreso a mexico': what two headers must share to be one column. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Which column of the sheet (by its index) each key reads from; a key left out is not in the sheet. */
export const ColumnMappingSchema = z.partialRecord(ImportColumnKeySchema, z.number().int().min(0).max(200));
export type ColumnMapping = z.output<typeof ColumnMappingSchema>;

/** Maps the sheet's headers to the columns by header or alias; the first header that matches wins. */
export function autoMap(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const normalized = headers.map(normalizeHeader);
  for (const c of IMPORT_COLUMNS) {
    const names = new Set([c.header, ...c.aliases].map(normalizeHeader));
    const i = normalized.findIndex((h, idx) => names.has(h) && !Object.values(mapping).includes(idx));
    if (i >= 0) mapping[c.key] = i;
  }
  return mapping;
}

/**
 * A mapping edited by a person: the automatic one, with `edits` naming a key's header ('' leaves the
 * column out). An unknown header is an error naming the key.
 */
export function editMapping(headers: readonly string[], edits: Partial<Record<ImportColumnKey, string>>): { mapping: ColumnMapping } | { error: { key: ImportColumnKey; message: string } } {
  const mapping = autoMap(headers);
  const normalized = headers.map(normalizeHeader);
  for (const [key, header] of Object.entries(edits) as [ImportColumnKey, string][]) {
    if (header.trim() === '') {
      delete mapping[key];
      continue;
    }
    const i = normalized.indexOf(normalizeHeader(header));
    if (i < 0) return { error: { key, message: `no column '${header}' in the sheet (its columns: ${headers.join(', ')})` } };
    mapping[key] = i;
  }
  return { mapping };
}

/** The keys a mapping must have: the required columns it lacks. */
export const missingColumns = (mapping: ColumnMapping): ImportColumn[] => IMPORT_COLUMNS.filter((c) => c.required && mapping[c.key] === undefined);

/** A data row read through the mapping: each key's cell, trimmed, empty cells left out. */
export type MappedRow = Partial<Record<ImportColumnKey, string>>;

export function mapRow(cells: readonly string[], mapping: ColumnMapping): MappedRow {
  const row: MappedRow = {};
  for (const [key, i] of Object.entries(mapping) as [ImportColumnKey, number][]) {
    const v = (cells[i] ?? '').trim();
    if (v !== '') row[key] = v;
  }
  return row;
}

export const columnOf = (key: ImportColumnKey): ImportColumn => IMPORT_COLUMNS.find((c) => c.key === key)!;
