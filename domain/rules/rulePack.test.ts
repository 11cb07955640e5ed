import { DomainInputError } from '../errors';
import pack from './mx-2026.1.json';
import { summarizeRules } from '../caseDeadline';
import { ruleText } from '../messages/catalogue';
import { getRule, getRulePack, parseRulePack, resolveRulePack, RULE_PACK, RULE_PACKS } from './rulePack';
import v3 from './mx-2027.1.json';

// mx-2026.1 stays loadable: open cases and the recorded histories keep the pack they were opened under.
const V1 = getRulePack('mx-2026.1');

describe('rule pack mx-2026.1', () => {
  it('validates and carries its version', () => {
    expect(V1.version).toBe('mx-2026.1');
  });

  it('has every rule of DESIGN.md §3 with its length, unit and citation', () => {
    const table = V1.rules.map((r) => [r.id, r.length, r.unit, r.citation.text, r.kind]);
    expect(table).toEqual([
      ['asylum_filing_window', 30, 'business_days', 'LRPCAP art. 18', 'law'],
      ['ratify_representative_filing', 3, 'business_days', 'LRPCAP art. 11', 'law'],
      ['comar_decision', 45, 'business_days', 'LRPCAP art. 24', 'law'],
      ['comar_decision_extended', 90, 'business_days', 'LRPCAP art. 24', 'law'],
      ['sre_opinion', 15, 'business_days', 'LRPCAP art. 24', 'law'],
      ['recurso_revision', 15, 'business_days', 'LRPCAP art. 25', 'law'],
      ['weekly_signature', 7, 'recurring_days', 'RLRPC art. 24', 'law'],
      ['child_detention_notice', 0, 'hours', 'LM arts. 99, 112', 'law'],
      ['detention_36h', 36, 'hours', 'CPEUM art. 21; LM art. 68', 'law'],
      ['urgent_measures_court', 24, 'hours', 'LGDNNA art. 122', 'law'],
      ['age_of_majority', 18, 'years', 'LGDNNA art. 5', 'law'],
      ['bid_issued', 30, 'calendar_days', 'LM art. 112; LGDNNA art. 123', 'program_target'],
    ]);
  });

  it('marks only the program target as configurable', () => {
    expect(V1.rules.filter((r) => r.configurable).map((r) => r.id)).toEqual(['bid_issued']);
  });

  it('gives every rule an agency, a calendar and the events that satisfy it', () => {
    for (const r of V1.rules) {
      expect(r.agency).toBeTruthy();
      expect(r.calendar).toBe('lfpa-art28');
      expect(r.satisfiedBy.length).toBeGreaterThan(0);
      expect(r.citation.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(getRule('comar_decision_extended').countFrom?.event).toBe('asylum_claim_filed');
  });

  it('throws a DomainInputError naming the rule for an unknown id', () => {
    expect(() => getRule('nope')).toThrow(DomainInputError);
    expect(() => getRule('nope')).toThrow(expect.objectContaining({ field: 'rule' }));
  });

  it('rejects a broken pack, naming the field', () => {
    const broken = structuredClone(pack) as { rules: { unit: string; kind: string; configurable?: boolean }[] };
    broken.rules[0]!.unit = 'fortnights';
    expect(() => parseRulePack(broken)).toThrow(expect.objectContaining({ field: 'rulePack.rules[0].unit' }));
    const configurableLaw = structuredClone(pack) as typeof broken;
    configurableLaw.rules[2]!.configurable = true;
    expect(() => parseRulePack(configurableLaw)).toThrow(
      new DomainInputError('rulePack.rules[2].configurable', 'a legal term cannot be configurable'),
    );
  });
});

// mx-2026.2 stays loadable, unchanged: the cases opened under it keep it.
const V2 = getRulePack('mx-2026.2');

describe('rule pack mx-2026.2 (issue 12)', () => {
  it('stays loadable, and an unknown version is refused naming the field', () => {
    expect(V2.version).toBe('mx-2026.2');
    expect(() => getRulePack('mx-1999.1')).toThrow(expect.objectContaining({ field: 'rulePack' }));
  });

  it('has the terms of DESIGN.md §3, sre_opinion dropped (no source found), the missing terms added', () => {
    const table = V2.rules.map((r) => [r.id, r.length, r.unit, r.calendar, r.citation.text, r.kind]);
    expect(table).toEqual([
      ['asylum_filing_window', 30, 'business_days', 'lfpa-art28', 'LRPCAP art. 18', 'law'],
      ['ratify_representative_filing', 3, 'business_days', 'lfpa-art28', 'LRPCAP art. 11', 'law'],
      ['comar_decision', 45, 'business_days', 'lfpa-art28', 'LRPCAP art. 24', 'law'],
      ['comar_decision_extended', 90, 'business_days', 'lfpa-art28', 'LRPCAP art. 24', 'law'],
      ['recurso_revision', 15, 'business_days', 'lfpa-art28', 'LRPCAP art. 25', 'law'],
      ['weekly_signature', 7, 'recurring_days', 'lfpa-art28', 'RLRPC art. 24', 'law'],
      ['child_detention_notice', 0, 'hours', 'lfpa-art28', 'LM arts. 99, 112', 'law'],
      ['detention_36h', 36, 'hours', 'lfpa-art28', 'CPEUM art. 21; LM art. 68; SCJN AR 388/2022', 'law'],
      ['urgent_measures_court', 24, 'hours', 'lfpa-art28', 'LGDNNA art. 122', 'law'],
      ['age_of_majority', 18, 'years', 'lfpa-art28', 'LGDNNA art. 5', 'law'],
      ['bid_issued', 30, 'calendar_days', 'lfpa-art28', 'LM art. 112; LGDNNA art. 123', 'program_target'],
      ['amparo_term', 15, 'business_days', 'amparo-art19', 'Ley de Amparo arts. 17, 18, 19', 'law'],
      ['amparo_now', 0, 'hours', 'amparo-art19', 'Ley de Amparo art. 17 fr. IV', 'law'],
      ['nulidad_term', 30, 'business_days', 'tfja', 'LFPCA art. 13', 'law'],
      ['tvrh_for_child', 0, 'hours', 'lfpa-art28', 'LM art. 112', 'law'],
      ['migration_procedure_answer', 20, 'business_days', 'lfpa-art28', 'LM art. 128', 'law'],
      ['comar_notice_to_inm', 72, 'hours', 'lfpa-art28', 'RLRPC', 'law'],
      ['urgent_measures_prosecutor', 3, 'hours', 'lfpa-art28', 'LGDNNA art. 122', 'law'],
      ['interview_target', 30, 'calendar_days', 'lfpa-art28', 'LRPCAP art. 23 (no term)', 'program_target'],
    ]);
  });

  it('records for every rule whether it was verified, and against what', () => {
    for (const r of V2.rules) {
      expect(r.verification).toEqual(expect.objectContaining({ verified: expect.any(Boolean), source: expect.any(String) }));
      // An unverified rule must say what a lawyer still has to check.
      if (!r.verification!.verified) expect(r.verification!.pending).toBeTruthy();
    }
  });

  it("needs ALL of: the Procuraduría notified AND the child out of INM's hands, to close the detention notice", () => {
    expect(getRule('child_detention_notice', V2).satisfiedWhen).toEqual({
      allOf: [['procuraduria_notified'], ['child_channelled_to_dif', 'detention_ended']],
    });
    const bad = structuredClone(V2) as { rules: { satisfiedWhen?: { allOf: string[][] } }[] };
    bad.rules[6]!.satisfiedWhen = { allOf: [['not_a_satisfier']] };
    expect(() => parseRulePack(bad)).toThrow(expect.objectContaining({ field: 'rulePack.rules[6].satisfiedWhen' }));
  });
});

describe('rule titles', () => {
  it('a pack may leave titles out: people read them from the catalogue, runs record the rule id', () => {
    const untitled = parseRulePack({ ...structuredClone(RULE_PACK), version: 'mx-2099.1', rules: RULE_PACK.rules.map(({ title: _title, ...r }) => r) });
    expect(untitled.rules.map((r) => r.title)).toEqual(RULE_PACK.rules.map(() => undefined));
    expect(summarizeRules(untitled).map((r) => r.title)).toEqual(RULE_PACK.rules.map((r) => r.id));
    expect(ruleText('detention_36h', 'es').title).toBe('Límite de 36 horas de detención');
  });

  it('the packs in force keep the titles their runs recorded, which old states show only for a rule the catalogue does not know', () => {
    expect(summarizeRules(getRulePack('mx-2026.1')).find((r) => r.id === 'detention_36h')?.title).toBe('36-hour limit on administrative detention');
    expect(ruleText('detention_36h', 'en', '36-hour limit on administrative detention').title).toBe('36-hour detention limit');
    expect(ruleText('a_rule_of_the_past', 'es', 'A title a run recorded')).toEqual({ title: 'A title a run recorded', action: '' });
  });
});

const V3 = getRulePack('mx-2027.1');

describe('rule pack mx-2027.1 (issue 24): mx-2026.2 plus a changelog per rule', () => {
  it('extends mx-2026.2 and takes effect for new cases from 7 Dec 2026', () => {
    expect(V3).toMatchObject({ version: 'mx-2027.1', extends: 'mx-2026.2', effectiveFrom: '2026-12-07', tfjaJulyVacation: 'earliest-plausible' });
    // mx-2027.2 (issue 23) extends it, and mx-2027.3 (authority duties' cadence) is now the pack in force.
    expect(RULE_PACKS.map((p) => p.version)).toEqual(['mx-2026.1', 'mx-2026.2', 'mx-2027.1', 'mx-2027.2', 'mx-2027.3']);
  });

  it("keeps mx-2026.2's rules in order, adds sre_opinion last, and logs each change with its reason and citation", () => {
    expect(V3.rules.map((r) => r.id)).toEqual([...V2.rules.map((r) => r.id), 'sre_opinion']);
    expect(V3.changelog.map((c) => [c.ruleId, c.change, c.citation])).toEqual([
      ['weekly_signature', 'update', 'LFPA art. 29 ¶2'],
      ['asylum_filing_window', 'update', 'LFPA arts. 28, 30'],
      ['ratify_representative_filing', 'update', 'LFPA arts. 28, 30'],
      ['recurso_revision', 'update', 'LFPA arts. 28, 30'],
      ['comar_decision', 'update', 'LFPA arts. 28, 30; LRPCAP art. 24'],
      ['comar_decision_extended', 'update', 'LFPA arts. 28, 30'],
      ['migration_procedure_answer', 'update', 'LFPA arts. 28, 30'],
      ['amparo_term', 'update', 'Ley de Amparo art. 21'],
      ['age_of_majority', 'update', 'LGDNNA art. 5; LFPA art. 29 ¶1'],
      ['comar_notice_to_inm', 'update', 'SCJN refugee protocol (no article found)'],
      ['sre_opinion', 'add', 'LRPCAP art. 24'],
    ]);
    for (const c of V3.changelog) expect(c.reason.length).toBeGreaterThan(20);
    // A rule the changelog does not name is mx-2026.2's, field for field (plus its actor).
    const changed = new Set(V3.changelog.map((c) => c.ruleId));
    for (const r of V2.rules.filter((x) => !changed.has(x.id))) {
      const { actor, ...rest } = getRule(r.id, V3);
      expect(actor).toBeDefined();
      expect(rest).toEqual(r);
    }
  });

  it('names the actor of every rule: the NGO for its own acts, the authority for its duties', () => {
    for (const r of V3.rules) expect(r.actor).toBeDefined();
    expect(getRule('asylum_filing_window', V3).actor).toBe('ngo');
    expect(getRule('comar_notice_to_inm', V3).actor).toBe('comar');
    expect(getRule('sre_opinion', V3)).toMatchObject({ actor: 'sre', length: 15, unit: 'business_days', agency: 'SRE', citation: { text: 'LRPCAP art. 24' } });
    // Older packs carry no actor.
    expect(V2.rules.every((r) => r.actor === undefined)).toBe(true);
  });

  it('refuses a changelog that does not fit its base, naming the field', () => {
    const bad = (edit: (d: typeof v3) => void) => {
      const d = structuredClone(v3);
      edit(d);
      return () => resolveRulePack(d, RULE_PACKS.slice(0, 2));
    };
    expect(bad((d) => (d.extends = 'mx-2025.9'))).toThrow(expect.objectContaining({ field: 'rulePack.extends' }));
    expect(bad((d) => (d.changes[0]!.ruleId = 'no_such_rule'))).toThrow(expect.objectContaining({ field: 'rulePack.changes.0' }));
    expect(bad((d) => (d.changes[10]!.ruleId = 'comar_decision'))).toThrow(expect.objectContaining({ field: 'rulePack.changes.10' }));
    expect(bad((d) => ((d.changes[1] as { set?: unknown }).set = { length: -1 }))).toThrow(expect.objectContaining({ field: 'rulePack.rules[0].length' }));
    // comar_notice_to_inm (index 16) is counted in hours: it has no filing hours.
    expect(bad((d) => d.changes.push({ ruleId: 'comar_notice_to_inm', change: 'update', reason: 'x', citation: 'y', set: { filing: 'office-hours' } } as never))).toThrow(
      expect.objectContaining({ field: 'rulePack.rules[16].filing' }),
    );
    expect(bad((d) => ((d.actors as Record<string, string>).nobody = 'ngo'))).toThrow(expect.objectContaining({ field: 'rulePack.actors.nobody' }));
    expect(bad((d) => ((d.actors as Record<string, string>).sre_opinion = 'the_pope'))).toThrow(expect.objectContaining({ field: 'rulePack.actors.sre_opinion' }));
  });
});

describe('rule pack mx-2027.2 (issue 23): the meaning of detention events, and who is told by rule and role', () => {
  const V4 = getRulePack('mx-2027.2');
  it('is mx-2027.1 with a changelog per changed rule, for new cases from 7 Dec 2026 (until mx-2027.3)', () => {
    expect(RULE_PACK.extends).toBe(V4.version);
    expect(V4).toMatchObject({ extends: 'mx-2027.1', effectiveFrom: '2026-12-07' });
    expect(V4.rules.map((r) => r.id)).toEqual(V3.rules.map((r) => r.id));
    for (const c of V4.changelog) expect(c.reason.length).toBeGreaterThan(20);
    // A rule the changelog does not name is mx-2027.1's, plus who is told at each step; no date moves.
    const changed = new Set(V4.changelog.map((c) => c.ruleId));
    for (const r of V3.rules.filter((x) => !changed.has(x.id))) {
      const { recipients, ...rest } = getRule(r.id, V4);
      expect(recipients).toBeDefined();
      expect(rest).toEqual(r);
    }
  });

  it('gives the lawyer every step of the court terms, and keeps the actor of every rule', () => {
    for (const id of ['amparo_term', 'nulidad_term', 'recurso_revision']) {
      const r = getRule(id, V4).recipients!;
      for (const series of ['reminder', 'due', 'overdue'] as const) expect(r[series]).toContain('lawyer');
      expect(r.reminder).toContain('caseworker');
    }
    expect(getRule('amparo_now', V4).recipients).toEqual({ alarm: ['caseworker', 'supervisor', 'lawyer'] });
    for (const r of V4.rules) expect(r.actor).toBe(getRule(r.id, V3).actor);
  });

  it('refuses a breach event that also meets the rule, and recipients for a rule it does not have', () => {
    const bad = (set: Record<string, unknown>) => () =>
      resolveRulePack({ version: 'mx-2099.1', extends: 'mx-2027.2', effectiveFrom: '2099-01-01', description: 'x', changes: [{ ruleId: 'bid_issued', change: 'update', reason: 'x', citation: 'y', set }] }, RULE_PACKS);
    expect(bad({ breach: { by: ['bid_issued'], escalateTo: ['lawyer'] } })).toThrow(expect.objectContaining({ field: 'rulePack.rules[10].breach' }));
    expect(bad({ recipients: { due: ['judge'] } })).toThrow(expect.objectContaining({ field: 'rulePack.rules[10].recipients.due[0]' }));
    expect(() =>
      resolveRulePack({ version: 'mx-2099.1', extends: 'mx-2027.2', effectiveFrom: '2099-01-01', description: 'x', recipients: { nobody: { due: ['lawyer'] } }, changes: [{ ruleId: 'bid_issued', change: 'remove', reason: 'x', citation: 'y' }] }, RULE_PACKS),
    ).toThrow(expect.objectContaining({ field: 'rulePack.recipients.nobody' }));
  });
});

describe("rule pack mx-2027.3: an authority's duty told as the authority's, and each law's latest reform", () => {
  const V4 = getRulePack('mx-2027.2');
  const V5 = getRulePack('mx-2027.3');
  const AUTHORITY = ['comar_decision', 'comar_decision_extended', 'sre_opinion', 'comar_notice_to_inm', 'urgent_measures_court', 'migration_procedure_answer', 'bid_issued', 'interview_target'];

  it('is the pack in force, extending mx-2027.2 with a reason and citation for each authority rule it changes', () => {
    expect(RULE_PACK).toBe(V5);
    expect(V5).toMatchObject({ extends: 'mx-2027.2', effectiveFrom: '2026-12-07' });
    // …and urgent_measures_prosecutor, verified in the text, its ladder unchanged.
    expect(V5.changelog.map((c) => c.ruleId).sort()).toEqual([...AUTHORITY, 'urgent_measures_prosecutor'].sort());
    expect(getRule('urgent_measures_prosecutor', V5).verification).toMatchObject({ verified: true });
    for (const id of AUTHORITY) {
      expect(getRule(id, V5).actor).not.toBe('ngo');
      expect(getRule(id, V5).cadence).toMatchObject({ reminders: false });
      expect(getRule(id, V5).recipients!.due).toEqual(['caseworker', 'lawyer']);
    }
    // The NGO's own terms, the detention and the Ministerio Público's 3 hours keep mx-2027.2's ladders.
    for (const r of V4.rules.filter((x) => !AUTHORITY.includes(x.id))) {
      expect({ ...getRule(r.id, V5), citation: undefined, verification: undefined }).toEqual({ ...r, citation: undefined, verification: undefined });
    }
  });

  it("sets each cited law's last reform as read in the consolidated texts, and nothing else of the citation", () => {
    const reform = (id: string) => getRule(id, V5).citation.lastReform;
    expect([reform('child_detention_notice'), reform('amparo_now'), reform('comar_decision'), reform('urgent_measures_court'), reform('nulidad_term')]).toEqual([
      '2026-01-15', // LM
      '2025-10-16', // Ley de Amparo
      '2022-02-18', // LRPCAP
      '2026-01-15', // LGDNNA
      '2025-11-14', // LFPCA
    ]);
    expect(reform('weekly_signature')).toBe(getRule('weekly_signature', V4).citation.lastReform); // RLRPC: not in the texts read
    expect({ ...getRule('amparo_now', V5).citation, lastReform: null }).toEqual({ ...getRule('amparo_now', V4).citation, lastReform: null });
    // The older packs keep what they said.
    expect(getRule('amparo_now', V4).citation.lastReform).toBe('2021-06-07');
  });

  it('refuses a last reform for a law no rule cites, naming the field', () => {
    expect(() =>
      resolveRulePack({ version: 'mx-2099.1', extends: 'mx-2027.3', effectiveFrom: '2099-01-01', description: 'x', lastReforms: { LXYZ: { date: '2099-01-01', source: 's' } }, changes: [{ ruleId: 'bid_issued', change: 'remove', reason: 'x', citation: 'y' }] }, RULE_PACKS),
    ).toThrow(expect.objectContaining({ field: 'rulePack.lastReforms.LXYZ' }));
    expect(() =>
      resolveRulePack({ version: 'mx-2099.1', extends: 'mx-2027.3', effectiveFrom: '2099-01-01', description: 'x', changes: [{ ruleId: 'bid_issued', change: 'update', reason: 'x', citation: 'y', set: { cadence: { reminders: true, overdueDaily: 3 } } }] }, RULE_PACKS),
    ).toThrow(expect.objectContaining({ field: 'rulePack.rules[10].cadence.reminders' }));
  });
});
