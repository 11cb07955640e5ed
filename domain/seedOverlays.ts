/**
 * Overlays shipped with Plazo. Each carries where its facts come from; `verified: false` means the
 * acuerdo has not yet been read in the DOF itself. We seed only what a source supports: leaving an
 * uncertain overlay out can only make a deadline earlier, never later, which is the safe direction.
 */
import { z } from 'zod';
import { OverlaySchema, type Overlay, type OverlayInput } from './overlays';

const SEED: OverlayInput[] = [
  {
    id: 'comar-covid-2020',
    kind: 'suspension',
    start: '2020-03-24',
    end: '2020-04-17',
    scope: { agency: 'COMAR', exceptRules: ['asylum_filing_window'] },
    citation: {
      dof: '2020-03-24',
      title:
        'Acuerdo de la Secretaría de Gobernación que suspende plazos y términos legales, incluidos los de la ' +
        'Coordinación General de la COMAR, del 24 de marzo al 17 de abril de 2020 (COVID-19)',
      note:
        'Period and scope as summarised by ECIJA (24-04-2020) and COMAR\'s bulletin of 24-03-2020: COMAR terms ' +
        'suspended "salvo aquellos relacionados con la presentación de la solicitud de refugio", so the filing ' +
        'window keeps running. DOF date taken as the first day of the suspension; title paraphrased. COMAR later ' +
        'extended the suspension to 30-05-2020 (communiqué of 23-04-2020, EFE) and then indefinitely from ' +
        '01-06-2020 (La Jornada, 27-05-2020); those extensions are not seeded because we found neither their DOF ' +
        'acuerdos nor the date the suspension ended. Add them as overlays once read in the DOF.',
      verified: false,
    },
    description: 'COVID-19 suspension of COMAR time limits (first period)',
  },
  {
    id: 'comar-closure-2024-05',
    kind: 'closure',
    start: '2024-05-29',
    end: '2024-05-31',
    scope: { agency: 'COMAR' },
    citation: {
      dof: '2024-05-29',
      title:
        'Acuerdo de la Secretaría de Gobernación por el que se consideran inhábiles para la COMAR los días 29, 30 y ' +
        '31 de mayo de 2024',
      url: 'https://jornada.com.mx/noticia/2024/05/29/politica/preocupa-a-onu-dh-y-acnur-suspension-de-actividades-de-comar-2778',
      note:
        'La Jornada (29-05-2024) reports the DOF acuerdo: those days are inhábiles for COMAR and "no se computarán ' +
        'plazos y términos" of its procedures; in force Wednesday 29-05-2024. Title paraphrased. The press linked ' +
        "the closure to the halted move of COMAR's Mexico City office.",
      verified: false,
    },
    description: 'COMAR closed: its terms did not run on these days',
  },
  ...tfja2026(),
];

/**
 * The TFJA's non-business days of 2026 (acuerdo of the Pleno General de la Sala Superior, DOF
 * 12-01-2026), as listed by Praxworld (13-01-2026); not yet read in the DOF itself.
 */
function tfja2026(): OverlayInput[] {
  const ranges: [string, string, string][] = [
    ['2026-02-02', '2026-02-02', 'Constitution Day (Monday)'],
    ['2026-03-16', '2026-03-16', "Benito Juárez's birthday (Monday)"],
    ['2026-04-01', '2026-04-03', 'Holy Week'],
    ['2026-05-01', '2026-05-01', 'Labour Day'],
    ['2026-05-04', '2026-05-05', '4 and 5 May'],
    ['2026-07-13', '2026-07-31', 'first vacation period (from 15 Jul) and 13–14 Jul'],
    ['2026-08-28', '2026-08-28', 'TFJA employees day'],
    ['2026-09-14', '2026-09-16', '14–16 Sep'],
    ['2026-10-12', '2026-10-12', '12 Oct'],
    ['2026-11-02', '2026-11-02', '2 Nov'],
    ['2026-11-16', '2026-11-16', 'Revolution Day (Monday)'],
    ['2026-12-14', '2026-12-31', 'second vacation period (from 15 Dec) and 14 Dec'],
  ];
  return ranges.map(([start, end, what]) => ({
    id: `tfja-2026-${start.slice(5)}`,
    kind: 'closure' as const,
    start,
    end,
    scope: { agency: 'TFJA' as const },
    annual: true,
    citation: {
      dof: '2026-01-12',
      title: 'Acuerdo del Pleno General de la Sala Superior del TFJA: días inhábiles de 2026',
      url: 'https://praxworld.com.mx/2026/01/13/calendario-oficial-de-dias-inhabiles-del-tribunal-federal-de-justicia-administrativa',
      note: 'Days as summarised by Praxworld (13-01-2026) from the DOF of 12-01-2026; the acuerdo itself was not read.',
      verified: false,
    },
    description: `TFJA closed: ${what}`,
  }));
}

export const SEED_OVERLAYS: Overlay[] = z.array(OverlaySchema).parse(SEED);
