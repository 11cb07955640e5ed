/** A PDF's text as an independent parser reads it (test/extractPdfText.mjs, pdf.js), pages separated by \f. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plazo-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(__dirname, 'extractPdfText.mjs'), file], { cwd: resolve(__dirname, '..'), maxBuffer: 16 << 20 });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
