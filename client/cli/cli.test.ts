/** The `plazo` command's contract, checked by spawning the real bin/plazo (as other tools will). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { endOfDayInstant } from '../../domain/time/instant';

const BIN = resolve(__dirname, '../../bin/plazo');
const elsewhere = mkdtempSync(join(tmpdir(), 'plazo-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function plazo(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    // From another directory, to prove the shim does not depend on the working directory.
    execFile(BIN, args, { cwd: elsewhere, env: { ...process.env, PLAZO_DEBUG: '' } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function overlayFile(content: unknown): string {
  const path = join(elsewhere, `overlays-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('plazo deadline', () => {
  it('prints one JSON object with the contract fields', async () => {
    const r = await plazo('deadline', 'asylum_filing_window', '--trigger', '2026-09-11', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      rule: 'asylum_filing_window',
      trigger: '2026-09-11',
      due: '2026-10-26',
      dueLatest: '2026-10-26',
      calendar: 'lfpa-art28',
      rulePack: 'mx-2027.3', // the pack in force since the authority duties' cadence
      citation: 'LRPCAP art. 18',
      term: '30 días hábiles, LRPCAP art. 18',
    });
    expect(out.explanation).toContain('Governing calendar: LFPA art. 28 as written + closures declared for COMAR');
    expect(out.skipped).toContainEqual({ date: '2026-09-16', reason: 'holiday: 16 Sep (Independence Day, LFPA art. 28)' });
    for (const s of out.skipped) expect(Object.keys(s).sort()).toEqual(['date', 'reason']);
  });

  it('keeps older rule packs loadable, takes the extension the notice granted, and refuses dates outside the covered range', async () => {
    // mx-2026.1 rolled a birthday on a holiday (16 Sep 2026 → 17); mx-2026.2 never does.
    const [v1, v2, ext, far] = await Promise.all([
      plazo('deadline', 'age_of_majority', '--trigger', '2008-09-16', '--rule-pack', 'mx-2026.1', '--json'),
      plazo('deadline', 'age_of_majority', '--trigger', '2008-09-16', '--json'),
      // Filed Mon 2026-03-02, 20 days granted: day 65 is Wed 3 Jun (worked in domain/deadlines.v2.test.ts).
      plazo('deadline', 'comar_decision_extended', '--trigger', '2026-03-02', '--extension-days', '20', '--json'),
      plazo('deadline', 'comar_decision', '--trigger', '2046-01-05'),
    ]);
    expect(JSON.parse(v1.stdout).due).toBe('2026-09-17');
    expect(JSON.parse(v2.stdout).due).toBe('2026-09-16');
    expect(JSON.parse(ext.stdout)).toMatchObject({ due: '2026-06-03', length: 65 });
    expect(far).toMatchObject({ code: 2, stdout: '' });
    expect(far.stderr).toContain('error: trigger: 2046-01-05 is outside the dates');
  });

  it('moves a weekly signature on a closed weekday to the next business day (LFPA art. 29 ¶2)', async () => {
    // Signing weekday Thursday, claim registered Thu 9 Sep 2027: the first signature is Thu 16 Sep 2027,
    // Independence Day (LFPA art. 28), so it moves to Fri 17 Sep 2027, not a week later (23 Sep).
    const [now, before] = await Promise.all([
      plazo('deadline', 'weekly_signature', '--trigger', '2027-09-09', '--weekday', 'Thursday'),
      plazo('deadline', 'weekly_signature', '--trigger', '2027-09-09', '--weekday', 'Thursday', '--rule-pack', 'mx-2026.2', '--json'),
    ]);
    expect(now.stdout).toContain('due:      2027-09-17 Friday');
    expect(now.stdout).toContain('2027-09-16 Thu  holiday: 16 Sep (Independence Day, LFPA art. 28)');
    expect(JSON.parse(before.stdout).due).toBe('2027-09-23'); // mx-2026.2 dropped the week: open cases keep it
  });

  it("shows when the due day closes: the office's hours for LFPA filings, 24:00 for an amparo", async () => {
    // Same count as the first test (due Mon 26 Oct 2026); COMAR receives until 18:00 (LFPA art. 30),
    // Mexico City is UTC−6 on that day: 27 Oct 00:00 UTC. dueLatest keeps the end of the day.
    const [asylum, json, amparo] = await Promise.all([
      plazo('deadline', 'asylum_filing_window', '--trigger', '2026-09-11'),
      plazo('deadline', 'asylum_filing_window', '--trigger', '2026-09-11', '--json'),
      plazo('deadline', 'amparo_term', '--trigger', '2026-09-11', '--json'),
    ]);
    expect(asylum.stdout).toContain('due:      2026-10-26 Monday, until 18:00 America/Mexico_City (Central Standard Time): office hours 8:00–18:00');
    expect(JSON.parse(json.stdout)).toMatchObject({ dueInstant: '2026-10-27T00:00:00.000Z', dueLatestInstant: '2026-10-27T05:59:59.999Z' });
    const a = JSON.parse(amparo.stdout);
    expect(a.filing).toMatchObject({ closesAt: '24:00', source: expect.stringContaining('Ley de Amparo art. 21') });
    expect(new Date(a.dueInstant).getTime()).toBe(new Date(endOfDayInstant(a.due)).getTime());
  });

  it("ends an office-hours term at the office's closing hour in its zone (COMAR Tijuana: 18:00 Pacific), an amparo at 24:00", async () => {
    // 30 business days from Mon 1 Mar 2027 end Mon 12 Apr 2027; Tijuana keeps daylight saving (UTC−7 on
    // that day since 14 Mar), so 18:00 there is 01:00 UTC on 13 Apr. dueLatest ends 23:59:59 in Tijuana.
    const [text, json, amparo, unknown] = await Promise.all([
      plazo('deadline', 'asylum_filing_window', '--trigger', '2027-03-01', '--office', 'COMAR Tijuana', '--rule-pack', 'mx-2027.1'),
      plazo('deadline', 'asylum_filing_window', '--trigger', '2027-03-01', '--office', 'tijuana', '--rule-pack', 'mx-2027.1', '--json'),
      plazo('deadline', 'amparo_term', '--trigger', '2027-03-01', '--office', 'COMAR Tijuana', '--rule-pack', 'mx-2027.1'),
      plazo('deadline', 'asylum_filing_window', '--trigger', '2027-03-01', '--office', 'Oficina de Marte'),
    ]);
    expect(text.stdout).toContain('due:      2027-04-12 Monday, until 18:00 America/Tijuana (Pacific Time): the filing hours listed for COMAR Tijuana, LFPA art. 30');
    expect(text.stdout).toContain('dueLatest until 23:59:59 America/Tijuana');
    const j = JSON.parse(json.stdout);
    expect(j).toMatchObject({ due: '2027-04-12', dueInstant: '2027-04-13T01:00:00.000Z', filing: { closesAt: '18:00', zone: 'America/Tijuana' } });
    const tijuana = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Tijuana', dateStyle: 'short', timeStyle: 'medium' });
    expect(tijuana.format(new Date(j.dueLatestInstant))).toBe(`${j.dueLatest} 23:59:59`);
    expect(amparo.stdout).toMatch(/due: {6}\d{4}-\d{2}-\d{2} \w+, until 24:00 America\/Mexico_City \(Central Standard Time\): filings until 24:00 of the last day \(Ley de Amparo art\. 21\)/);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: office: unknown office 'Oficina de Marte'/);
  });

  it('gives an ISO instant for hour rules', async () => {
    const r = await plazo('deadline', 'detention_36h', '--trigger', '2026-01-31T20:00', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-02-02T08:00:00-06:00', dueLatest: '2026-02-02T08:00:00-06:00', skipped: [] });
  });

  it('applies the seed overlays and an overlay file, and prints a readable table without --json', async () => {
    const file = overlayFile({
      overlays: [
        {
          id: 'comar-test-closure',
          kind: 'closure',
          start: '2026-09-28',
          end: '2026-09-30',
          scope: { agency: 'COMAR' },
          citation: { dof: '2026-09-25', title: 'Acuerdo de prueba' },
        },
      ],
    });
    // Same count as above plus three closed days (Mon 28–Wed 30 Sep): Mon Oct 26 → Thu Oct 29.
    const r = await plazo('deadline', 'asylum_filing_window', '--trigger', '2026-09-11', '--overlays', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('due:      2026-10-29 Thursday');
    expect(r.stdout).toContain('overlays: comar-test-closure');
    expect(r.stdout).toContain('2026-09-16 Wed  holiday: 16 Sep (Independence Day, LFPA art. 28)');
  });

  it('answers bad input with exit code 2 and one line naming the field, never a stack trace', async () => {
    const badOverlay = overlayFile({ overlays: [{ id: 'x', kind: 'closure', start: '2026-03-10', end: '2026-03-01', scope: { agency: 'COMAR' }, citation: { dof: '2026-03-01', title: 't' } }] });
    const cases: [string[], RegExp][] = [
      [['deadline', 'no_such_rule', '--trigger', '2026-01-05'], /^error: rule: unknown rule 'no_such_rule'/],
      [['deadline', 'comar_decision', '--trigger', '2026-02-30'], /^error: trigger: 2026-02-30 is not a date that exists$/],
      [['deadline', 'comar_decision', '--trigger', '30/01/2026'], /^error: trigger: expected a date YYYY-MM-DD or an ISO instant/],
      [['deadline', 'comar_decision'], /^error: trigger: is required/],
      [['deadline', 'comar_decision', '--trigger', '2026-03-02', '--calendar', 'julian'], /^error: calendar: /],
      [['deadline', 'comar_decision', '--trigger', '2026-03-02', '--overlays', badOverlay], /^error: overlays\[0\]\.end: must not be before start$/],
      [['deadline', 'comar_decision', '--trigger', '2026-03-02', '--overlays', overlayFile('{ not json')], /^error: overlays: .* is not valid JSON/],
      [['deadline', 'comar_decision', '--trigger', '2026-03-02', '--overlays', join(elsewhere, 'missing.json')], /^error: overlays: cannot read file/],
      [['calendar', '1990'], /^error: year: year 1990 is outside/],
      [['frobnicate'], /^error: frobnicate: unknown command/],
    ];
    const runs = await Promise.all(cases.map(([args]) => plazo(...args)));
    runs.forEach((r, i) => {
      expect({ args: cases[i]![0], code: r.code }).toEqual({ args: cases[i]![0], code: 2 });
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(cases[i]![1]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe('plazo rules and plazo calendar', () => {
  it('lists the rule pack with citations', async () => {
    const [table, json] = await Promise.all([plazo('rules'), plazo('rules', '--json')]);
    expect(table.stdout).toContain('rule pack mx-2027.3');
    // Each rule's actor: the NGO's own act or the authority whose duty it is (issue 23).
    expect(table.stdout).toMatch(/recurso_revision\s+15 business days\s+lfpa-art28\s+COMAR\s+ngo\s+law\s+negative_decision_notified\s+LRPCAP art\. 25/);
    expect(table.stdout).toMatch(/child_detention_notice\s+immediate \(0 h\)\s+lfpa-art28\s+INM\s+inm\s+law\s+child_placed_at_inm_disposal\s+LM arts\. 98, 112 fr\. I/);
    expect(table.stdout).toMatch(/amparo_now\s+.*removal_or_incommunicado, child_placed_at_inm_disposal\s+Ley de Amparo art\. 17 fr\. IV; LM art\. 99/);
    // Who is told at each step, by role: reminder, alarm, due, overdue, director, and a breach's escalation.
    const told = table.stdout.slice(table.stdout.indexOf('who is told at each step, by role'));
    expect(told).toMatch(/\nrule\s+reminder\s+alarm\s+due\s+overdue\s+director\s+breach \(escalated at once\)\n/);
    expect(told).toMatch(/\namparo_term\s+caseworker, lawyer\s+-\s+caseworker, supervisor, lawyer\s+supervisor, lawyer\s+director\s+-\n/);
    // COMAR's duty (mx-2027.3): no reminders; the caseworker and the lawyer on the due day, then daily, never the director.
    expect(told).toMatch(/\ncomar_decision\s+-\s+-\s+caseworker, lawyer\s+caseworker, lawyer \(daily ×10\)\s+-\s+-\n/);
    expect(told).toMatch(/\nsre_opinion\s+-\s+-\s+caseworker, lawyer\s+-\s+-\s+-\n/);
    expect(told).toMatch(/\nchild_detention_notice\s+-\s+caseworker, supervisor, lawyer\s+-\s+-\s+-\s+detention_ended → supervisor, lawyer\n/);
    const pack = JSON.parse(json.stdout);
    expect(pack.version).toBe('mx-2027.3');
    expect(pack.rules).toHaveLength(20); // mx-2026.2's 19 and sre_opinion, restored in mx-2027.1
    expect(pack.rules.find((r: { id: string }) => r.id === 'nulidad_term')).toMatchObject({
      actor: 'ngo',
      recipients: { reminder: ['caseworker', 'lawyer'], due: ['caseworker', 'supervisor', 'lawyer'], overdue: ['supervisor', 'lawyer'] },
    });
    expect(pack.changelog).toContainEqual(expect.objectContaining({ ruleId: 'migration_procedure_answer', change: 'update', citation: 'LM art. 128' }));
    // Each law's latest DOF reform as read in the consolidated text (mx-2027.3).
    expect(pack.rules.find((r: { id: string }) => r.id === 'child_detention_notice').citation).toMatchObject({ law: 'LM', lastReform: '2026-01-15' });
  });

  it('lists the non-business days of a year and why', async () => {
    const [lft, lfpa] = await Promise.all([
      plazo('calendar', '2030', '--calendar', 'lft-art74', '--json'),
      plazo('calendar', '2024', '--agency', 'COMAR'),
    ]);
    const days = JSON.parse(lft.stdout).days as { date: string; reason: string }[];
    expect(days.map((d) => d.date)).toEqual([
      '2030-01-01', '2030-02-04', '2030-03-18', '2030-05-01', '2030-09-16', '2030-10-01', '2030-11-18', '2030-12-25',
    ]);
    expect(lfpa.stdout).toContain('2024-05-30 Thu  closure: COMAR');
    expect(lfpa.stdout).toContain('2024-12-01 Sun  Sunday; holiday: 1 Dec (Transmission of federal executive power, LFPA art. 28)');
  });
});
