// The text of a PDF, page by page (form feed between pages), read by Mozilla's pdf.js: an independent
// parser, run as its own ES-module process because pdfjs-dist ships only ES modules. Usage:
//   node test/extractPdfText.mjs file.pdf
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), standardFontDataUrl: fonts, verbosity: 0 }).promise;
let out = '';
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  out += content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('') + '\f';
}
process.stdout.write(out);
