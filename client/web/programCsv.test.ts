/** The exports' cells as a spreadsheet would read them, in `,`- and in `;`-separated locales. */
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
