/**
 * `plazo closures load`: bad input exits 2 with the field named, before anything is sent (no API runs
 * here, and none is needed: a refusal never reaches it, so nothing can be stored).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/plazo');
const dir = mkdtempSync(join(tmpdir(), 'plazo-closures-'));

function plazo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // No API at this address: a command that got past validation would fail with exit 1, not 2.
    const env = { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: 'http://127.0.0.1:9', PLAZO_TOKEN: 'plz_test' };
    execFile(BIN, args, { cwd: dir, env }, (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const good = ['--authority', 'TFJA', '--year', '2027', '--citation', 'DOF 15-12-2026', '--published', '2026-12-15', '--dates', '2027-02-01,2027-07-12..2027-07-30'];
const withFlag = (flag: string, value: string) => {
  const i = good.indexOf(flag);
  return [...good.slice(0, i + 1), value, ...good.slice(i + 2)];
};

describe('plazo closures load: bad input', () => {
  it.each([
    [withFlag('--authority', 'SAT'), /^error: authority: must be one of COMAR, INM, PFPNNA, SRE, JUDICIARY, TFJA\n$/],
    [withFlag('--year', '20x7'), /^error: year: must be a year, e\.g\. 2027\n$/],
    [withFlag('--year', '2046'), /^error: year: must be 2045 or earlier/],
    [withFlag('--published', '2026-02-30'), /^error: published: must be a date that exists, written YYYY-MM-DD\n$/],
    [withFlag('--published', '2028-01-05'), /^error: published: 2028-01-05 is after the year 2027 the acuerdo is for\n$/],
    [withFlag('--citation', ''), /^error: citation: is required/],
    [withFlag('--dates', '2027-02-01,2026-12-31'), /^error: dates\[1\]\.start: 2026-12-31 is not in 2027, the acuerdo's year\n$/],
    [withFlag('--dates', '2027-07-30..2027-07-12'), /^error: dates\[0\]\.end: must not be before start\n$/],
    [withFlag('--dates', '2027-13-01'), /^error: dates\[0\]\.start: must be a date that exists/],
    [withFlag('--dates', ','), /^error: dates: must list at least one non-business day\n$/],
    [good.filter((_, i) => i !== 6 && i !== 7), /^error: published: /],
  ])('%j exits 2 naming the field', async (args, stderr) => {
    const r = await plazo('closures', 'load', ...args);
    expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('reads a file, names a bad field in it, and lets flags override it', async () => {
    const path = join(dir, 'tfja-2027.json');
    writeFileSync(path, JSON.stringify({ authority: 'TFJA', year: 2027, citation: 'DOF 15-12-2026', published: '2026-12-15', dates: [{ start: '2027-02-01' }, { start: '2027-07-12', end: '2027-06-30' }] }));
    const bad = await plazo('closures', 'load', path);
    expect(bad).toMatchObject({ code: 2, stderr: "error: dates[1].end: must not be before start\n" });
    const missing = await plazo('closures', 'load', join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 2, stderr: "error: file: cannot read file '" + join(dir, 'nope.json') + "' (ENOENT)\n" });
    // Flags win: with good days the body passes validation and the command goes on to the (absent) API: exit 1.
    const overridden = await plazo('closures', 'load', path, '--dates', '2027-02-01');
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toMatch(/^error: internal: cannot reach the Plazo API at http:\/\/127\.0\.0\.1:9/);
  });
});
