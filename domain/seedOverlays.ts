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
];

export const SEED_OVERLAYS: Overlay[] = z.array(OverlaySchema).parse(SEED);
