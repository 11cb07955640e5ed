/** What a preview or an import is asked with: the file, the mapping a person edited, and which rows. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ImportColumnKeySchema } from '../../domain/import/columns';
import { MAX_IMPORT_BYTES } from './readSheet';

/** base64 of MAX_IMPORT_BYTES, with its padding. */
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
/** A request's body limit: base64 of the largest file, and the JSON around it. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export const ImportRequestSchema = z.strictObject({
  file: z.strictObject({
    /** The file's name: .xlsx or .csv says how it is read. */
    name: z.string().trim().min(1, { message: 'is required' }).max(200),
    contentBase64: z
      .string()
      .min(1, { message: 'is required' })
      .max(MAX_BASE64, { message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB: split it into several files` })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be the file in base64' }),
  }),
  /** Where automatic mapping guessed wrong: a column's key → the sheet's header to read it from ('' leaves it out). */
  mapping: z.partialRecord(ImportColumnKeySchema, z.string().max(200)).optional(),
  /** The sheet rows to take (the header is row 1): a client sends a large sheet in parts to show progress and resume. */
  fromRow: z.number().int().min(2).optional(),
  toRow: z.number().int().min(2).optional(),
});
export type ImportRequest = z.output<typeof ImportRequestSchema>;

/**
 * The import's id: the sheet and how it is read (not the rows taken), so the parts of one import, a
 * resumed run and a second import of the same sheet are one import, whose summary goes out once.
 */
export const importRunOf = (req: ImportRequest): string =>
  createHash('sha256').update(JSON.stringify([req.file.contentBase64, Object.entries(req.mapping ?? {}).sort()])).digest('hex').slice(0, 24);
