/**
 * Mexico City is read on its IANA zone (domain/time/instant.ts): a fixed UTC−6 is right only since Oct
 * 2022, so code that adds or subtracts six hours, or glues '-06:00' to a computed date, is wrong for
 * older events. Only the frozen reading that runs recorded before the zone replay with may hold one.
 * Literal instants written with their offset (a 2026 example in a message or a test) are data, not a
 * reading, and are left alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const DIRS = ['activities', 'bench', 'client', 'codec', 'config', 'db', 'dev', 'domain', 'scripts', 'test', 'worker', 'workflows'];
const ALLOWED = new Set(['domain/case/legacyOffset.ts']);

const FIXED_OFFSET: [RegExp, string][] = [
  [/\b6\s*\*\s*3_?600(?:_?000)?\b|\b3_?600(?:_?000)?\s*\*\s*6\b|\b21_?600_?000\b/, 'six hours added or taken away'],
  [/\}(?:T[\d:]*)?(?:\$\{[^}]*\})?[\d:.]*[-−]0?6:?00\b/, "'-06:00' glued to a computed date or time"],
  [/['"`][^'"`]*\bT00:00:00[-−]06:00['"`]/, 'a day read as starting at 00:00 UTC−6'],
  [/setZone\(\s*['"]UTC-6['"]|FixedOffsetZone\.instance\(\s*-?360\s*\)|utcOffset\(\s*-?360\s*\)/i, 'a fixed zone of UTC−6'],
];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(?:ts|mjs|js)$/.test(name)) yield path;
  }
}

test('no code reads Mexico City at a fixed UTC−6', () => {
  const found: string[] = [];
  for (const dir of DIRS) {
    for (const path of sources(join(ROOT, dir))) {
      const file = relative(ROOT, path);
      if (ALLOWED.has(file) || file === relative(ROOT, __filename)) continue;
      readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(?:\/\/|\*|\/\*)/.test(line)) return; // a comment may say what the offset is
        for (const [re, what] of FIXED_OFFSET) if (re.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
  }
  expect(found).toEqual([]);
});

test('the check finds the fixed offsets it is about', () => {
  const bad = [
    "const today = () => new Date(Date.now() - 6 * 3600_000).toISOString().slice(0, 10);",
    'const offset = 6 * 3_600_000;',
    "return Date.parse(`${when}T00:00:00-06:00`);",
    "const mx = (date: string, time = '09:00') => new Date(`${date}T${time}:00-06:00`).toISOString();",
  ];
  for (const line of bad) expect([line, FIXED_OFFSET.some(([re]) => re.test(line))]).toEqual([line, true]);
  for (const line of ["dueInstant: '2026-12-01T23:59:59-06:00',", 'const H = 3_600_000;', 'expect(due).toBe(at + 36 * 3600_000);']) {
    expect([line, FIXED_OFFSET.some(([re]) => re.test(line))]).toEqual([line, false]);
  }
});
