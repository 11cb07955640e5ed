import { SEED_OVERLAYS } from '../seedOverlays';
import type { Overlay } from '../overlays';
import { computeCaseDeadline } from '../caseDeadline';
import { RULE_PACKS } from '../rules/rulePack';
import { assertFitsList, matchFreeText, normalizeListText, parseListEntries, requireListEntry } from './adminList';
import { findOffice, officeContext, OfficeSchema, SEED_OFFICES, withListedOffices } from './offices';
import { matchNationality, nationalityName, parseNationalities, requireNationality, SEED_NATIONALITIES } from './nationalities';
import { requirePlace, SEED_PLACES } from './places';

describe('admin lists', () => {
  it('match ignoring case, accents, punctuation and spacing, by id, name or alias', () => {
    expect(normalizeListText('  Cd. de  MÉXICO ')).toBe('cd de mexico');
    for (const text of ['cdmx', 'CDMX', 'comar cdmx', 'Ciudad de Mexico', 'comar-cdmx']) expect(findOffice(text, SEED_OFFICES)?.name).toBe('COMAR CDMX');
    expect(findOffice('Tijuána', SEED_OFFICES)?.zone).toBe('America/Tijuana');
    expect(findOffice('Oficina en Marte', SEED_OFFICES)).toBeUndefined();
  });

  it('report each distinct free text with what it matched, unmatched ones without', () => {
    expect(matchFreeText(['cdmx', 'CDMX', 'cdmx', 'la oficina de allá'], SEED_OFFICES)).toEqual([
      { text: 'cdmx', matched: 'COMAR CDMX' },
      { text: 'CDMX', matched: 'COMAR CDMX' },
      { text: 'la oficina de allá' },
    ]);
  });

  it('refuse an unknown or retired entry naming the field, and an alias naming two entries', () => {
    expect(() => requireListEntry('Marte', SEED_OFFICES, 'office', 'office')).toThrow(expect.objectContaining({ field: 'office', message: expect.stringContaining("unknown office 'Marte'") }));
    const retired = SEED_OFFICES.map((o) => (o.id === 'comar-palenque' ? { ...o, active: false } : o));
    expect(() => requireListEntry('Palenque', retired, 'office', 'office')).toThrow(expect.objectContaining({ field: 'office', message: expect.stringContaining('no longer in use') }));
    expect(() => parseListEntries(OfficeSchema, [...SEED_OFFICES, { id: 'otra', name: 'Otra', agency: 'INM', aliases: ['C.D.M.X'] }], 'offices')).toThrow(
      expect.objectContaining({ field: `offices[${SEED_OFFICES.length}]` }),
    );
    expect(() => parseListEntries(OfficeSchema, [{ id: 'x', name: 'X office', agency: 'INM', zone: 'Mars/Olympus' }], 'offices')).toThrow(expect.objectContaining({ field: 'offices[0].zone' }));
    expect(requirePlace('dif cdmx', SEED_PLACES).name).toBe('Casa hogar del DIF CDMX');
    expect(() => requirePlace('Hotel', SEED_PLACES, 'placement')).toThrow(expect.objectContaining({ field: 'placement' }));
  });

  it('read nationalities as ISO 3166 codes in Spanish or English, named back in either language', () => {
    expect(['Honduras', 'honduras', 'HN', 'HND'].map((t) => matchNationality(t))).toEqual(['HN', 'HN', 'HN', 'HN']);
    expect(matchNationality('Haití')).toBe('HT');
    expect(matchNationality('Haiti')).toBe('HT');
    expect(matchNationality('El Salvador')).toBe('SV');
    expect(nationalityName('HT', 'es')).toBe('Haití');
    expect(nationalityName('texto viejo', 'es')).toBe('texto viejo');
    expect(() => requireNationality('Atlantis')).toThrow(expect.objectContaining({ field: 'child.nationality' }));
  });

  it('read a demonym through the admin list of nationalities; a word naming another country is refused', () => {
    expect(['hondureño', 'Hondureña', 'guatemalteca', 'GUATEMALTECO', 'salvadoreña', 'nicaragüense', 'Haitian'].map((t) => matchNationality(t, SEED_NATIONALITIES))).toEqual(['HN', 'HN', 'GT', 'GT', 'SV', 'NI', 'HT']);
    expect(matchNationality('hondureña')).toBeUndefined(); // ISO names alone do not know demonyms
    expect(requireNationality('guatemalteca', 'child.nationality', SEED_NATIONALITIES)).toBe('GT');
    // A retired entry adds nothing; an entry's name is its country's, whatever was sent.
    const retired = SEED_NATIONALITIES.map((n) => (n.id === 'hn' ? { ...n, active: false } : n));
    expect(matchNationality('hondureña', retired)).toBeUndefined();
    expect(parseNationalities([{ id: 'bz', name: 'Otro', aliases: ['beliceña'] }])[0]).toEqual({ id: 'bz', name: 'Belice', aliases: ['beliceña'], active: true });
    expect(() => parseNationalities([{ id: 'sv', aliases: ['Honduras'] }])).toThrow(expect.objectContaining({ field: 'nationalities[0].aliases[0]', message: "'Honduras' already names Honduras" }));
    expect(() => parseNationalities([{ id: 'xx', aliases: [] }])).toThrow(expect.objectContaining({ field: 'nationalities[0].id' }));
  });

  it('an entry that takes another entry\'s id, name or alias is refused naming the entry\'s field', () => {
    const others = SEED_OFFICES.filter((o) => o.id !== 'comar-tijuana');
    expect(() => assertFitsList({ ...SEED_OFFICES.find((o) => o.id === 'comar-tijuana')!, aliases: ['Tijuana', 'C.D.M.X.'] }, others, 'entry')).toThrow(
      expect.objectContaining({ field: 'entry.aliases[1]', message: "'cdmx' already names 'COMAR CDMX'" }),
    );
    expect(() => assertFitsList({ id: 'otra', name: 'comar tapachula', aliases: [], active: true }, others, 'entry')).toThrow(expect.objectContaining({ field: 'entry.name' }));
    expect(() => assertFitsList(SEED_OFFICES.find((o) => o.id === 'comar-tijuana')!, others, 'entry')).not.toThrow();
  });
});

describe('an office decides closures and filing hours', () => {
  const pack = RULE_PACKS.find((p) => p.version === 'mx-2027.1')!;
  // A closure an admin loaded for "CDMX", 18–22 Jan 2027 (Mon–Fri), as the demo does.
  const closure: Overlay = {
    id: 'comar-cdmx-2027-01',
    kind: 'closure',
    start: '2027-01-18',
    end: '2027-01-22',
    scope: { agency: 'COMAR', office: 'CDMX' },
    citation: { dof: '2027-01-10', title: 'test acuerdo', verified: false },
  };
  const compute = (text: string | undefined) => {
    const ctx = officeContext(text, SEED_OFFICES);
    const overlays = withListedOffices([...SEED_OVERLAYS, closure], SEED_OFFICES);
    return computeCaseDeadline(pack, overlays, ctx.office, { deadlineId: 'comar_decision', ruleId: 'comar_decision', trigger: '2026-11-16' }, ctx.hours);
  };

  it('"cdmx" gets the closures declared for "CDMX": the term ends a week later than at an office without them', () => {
    const plain = compute('COMAR Tapachula');
    const cdmx = compute('cdmx');
    expect(cdmx.overlaysApplied.map((o) => o.id)).toContain('comar-cdmx-2027-01');
    expect(plain.overlaysApplied.map((o) => o.id)).not.toContain('comar-cdmx-2027-01');
    expect(cdmx.due > plain.due).toBe(true);
    expect(compute('COMAR CDMX').due).toBe(cdmx.due);
  });

  it('an office-hours term closes at 18:00 in the office zone, its latest reading at the end of that day there', () => {
    const req = { deadlineId: 'asylum_filing_window', ruleId: 'asylum_filing_window', trigger: '2027-03-01' };
    const tj = officeContext('COMAR Tijuana', SEED_OFFICES);
    const d = computeCaseDeadline(pack, SEED_OVERLAYS, tj.office, req, tj.hours);
    expect(d.filing).toEqual(expect.objectContaining({ closesAt: '18:00', zone: 'America/Tijuana' }));
    // 18:00 Pacific on the due day, whatever its DST offset: the wall clock there reads 18:00.
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Tijuana', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(d.dueInstant));
    expect(wall).toBe('18:00');
    const latest = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Tijuana', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(d.dueLatestInstant));
    expect(latest).toBe('23:59');
    const amparo = computeCaseDeadline(pack, SEED_OVERLAYS, tj.office, { deadlineId: 'amparo_term', ruleId: 'amparo_term', trigger: '2027-03-01' }, tj.hours);
    expect(amparo.filing?.closesAt).toBe('24:00');
  });
});
