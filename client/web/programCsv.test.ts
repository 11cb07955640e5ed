/** The exports' cells as a spreadsheet would read them, in `,`- and in `;`-separated locales. */
import { stringify } from 'csv-stringify/sync';
import { toCsv } from './programCsv';

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

test('a cell a spreadsheet would run as a formula starts with an apostrophe', () => {
  const [, row] = lines(toCsv([{ a: '=1+1', b: '+SUM(A1)', c: '-2', d: '@x', e: 'plain' }]));
  expect(row).toBe("'=1+1,'+SUM(A1),'-2,'@x,plain");
});

test('a cell holding a ; is quoted, so a ;-separated locale cannot split a formula out of it', () => {
  const evil = 'Ana;=HYPERLINK("http://evil.example","x")';
  const [header, row] = lines(toCsv([{ name: evil, office: 'CDMX;Sur', n: '3' }]));
  expect(header).toBe('name,office,n');
  expect(row).toBe('"Ana;=HYPERLINK(""http://evil.example"",""x"")","CDMX;Sur",3');
  // Read with ';' as the separator (quotes honoured), no cell begins with a formula character.
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of row!) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ';' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  expect(cells).toHaveLength(1);
  for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
});

test('the exports are written as csv-stringify writes them (quoting, escaping, CRLF, BOM), hostile cells included', () => {
  const pieces = ['', 'a', ' ', 'x,y', 'x;y', 'say "hi"', '"', 'crlf\r\nx', '=1+1', '+1', '-1', '@x', '\tx', 'ñandú · 36 h', "'", ',', ';', 'a""b'];
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < 300; i++) rows.push({ a: pieces[i % pieces.length]!, b: pieces[(i * 7 + 3) % pieces.length]! + pieces[(i * 11) % pieces.length]!, c: String(i) });
  // The reference: csv-stringify with the options the exports used, cells made formula-safe first as before.
  const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const expected = stringify(rows.map((r) => ['a', 'b', 'c'].map((k) => safe(r[k]!))), { header: true, columns: ['a', 'b', 'c'], record_delimiter: 'windows', bom: true, quoted_match: /;/ });
  expect(toCsv(rows, ['a', 'b', 'c'])).toBe(expected);
  expect(toCsv([], ['a', 'b'])).toBe(stringify([], { header: true, columns: ['a', 'b'], record_delimiter: 'windows', bom: true, quoted_match: /;/ }));
});

test('a cell with a lone line break is quoted (csv-stringify with CRLF records left it bare: the row split in two)', () => {
  const [, row, next] = lines(toCsv([{ name: 'Ana\nMaría', note: 'a\rb', n: '1' }]));
  expect(row).toBe('"Ana\nMaría","a\rb",1');
  expect(next).toBe('');
});
