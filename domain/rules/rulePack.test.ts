import { DomainInputError } from '../errors';
import pack from './mx-2026.1.json';
import { getRule, parseRulePack, RULE_PACK } from './rulePack';

describe('rule pack mx-2026.1', () => {
  it('validates and carries its version', () => {
    expect(RULE_PACK.version).toBe('mx-2026.1');
  });

  it('has every rule of DESIGN.md §3 with its length, unit and citation', () => {
    const table = RULE_PACK.rules.map((r) => [r.id, r.length, r.unit, r.citation.text, r.kind]);
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
    expect(RULE_PACK.rules.filter((r) => r.configurable).map((r) => r.id)).toEqual(['bid_issued']);
  });

  it('gives every rule an agency, a calendar and the events that satisfy it', () => {
    for (const r of RULE_PACK.rules) {
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
