import { DomainInputError } from './errors';
import { OverlaySchema, parseOverlayFile, parseOverlays, type OverlayInput } from './overlays';
import { SEED_OVERLAYS } from './seedOverlays';

const valid: OverlayInput = {
  id: 'comar-tapachula-2026-03',
  kind: 'closure',
  start: '2026-03-10',
  end: '2026-03-12',
  scope: { agency: 'COMAR', office: 'Tapachula' },
  citation: { dof: '2026-03-09', title: 'Acuerdo por el que se suspenden labores' },
};

describe('overlay files', () => {
  it('accepts a valid file and defaults citation.verified to false', () => {
    const [o] = parseOverlayFile({ overlays: [valid] });
    expect(o).toEqual({ ...valid, citation: { ...valid.citation, verified: false } });
  });

  it('accepts a bare array too', () => {
    expect(parseOverlayFile([valid])).toHaveLength(1);
  });

  it.each([
    [{ ...valid, end: '2026-03-09' }, 'overlays[0].end', 'must not be before start'],
    [{ ...valid, start: '2026-02-30' }, 'overlays[0].start', 'must be a date that exists, written YYYY-MM-DD'],
    [{ ...valid, kind: 'holiday' }, 'overlays[0].kind', undefined],
    [{ ...valid, scope: { agency: 'SAT' } }, 'overlays[0].scope.agency', undefined],
    [{ ...valid, citation: { title: 'x' } }, 'overlays[0].citation.dof', undefined],
    [{ ...valid, id: 'Has Spaces' }, 'overlays[0].id', undefined],
  ])('rejects %j naming %s', (overlay, field, message) => {
    let error: unknown;
    try {
      parseOverlayFile({ overlays: [overlay] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainInputError);
    expect((error as DomainInputError).field).toBe(field);
    if (message) expect((error as DomainInputError).message).toBe(message);
  });

  it('rejects duplicate ids and a missing list', () => {
    expect(() => parseOverlayFile({ overlays: [valid, valid] })).toThrow(new DomainInputError('overlays', 'overlay ids must be unique'));
    expect(() => parseOverlayFile({})).toThrow(expect.objectContaining({ field: 'overlays' }));
  });

  it('validates a plain list (as stored in the database) with the same schema', () => {
    expect(() => parseOverlays([{ ...valid, end: '2026-01-01' }])).toThrow(expect.objectContaining({ field: 'overlays[0].end' }));
  });
});

describe('seed overlays', () => {
  it('ship the two overlays DESIGN.md names, valid and cited', () => {
    expect(SEED_OVERLAYS.slice(0, 2).map((o) => [o.id, o.kind, o.start, o.end, o.scope.agency])).toEqual([
      ['comar-covid-2020', 'suspension', '2020-03-24', '2020-04-17', 'COMAR'],
      ['comar-closure-2024-05', 'closure', '2024-05-29', '2024-05-31', 'COMAR'],
    ]);
    // Then the TFJA's 2026 acuerdo (issue 12): 12 closures, all marked as that year's calendar, none verified in the DOF.
    const tfja = SEED_OVERLAYS.slice(2);
    expect(tfja).toHaveLength(12);
    expect(tfja.every((o) => o.scope.agency === 'TFJA' && o.annual === true && o.citation.verified === false)).toBe(true);
    expect(tfja.map((o) => o.start)).toContain('2026-07-13');
    for (const o of SEED_OVERLAYS) {
      expect(OverlaySchema.safeParse(o).success).toBe(true);
      expect(o.citation.note).toBeTruthy(); // each says where its facts come from
    }
  });

  it('keep the filing of new claims running during the COVID suspension, as the acuerdo did', () => {
    expect(SEED_OVERLAYS[0]!.scope.exceptRules).toEqual(['asylum_filing_window']);
  });
});
