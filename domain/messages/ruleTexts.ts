/** What each deadline means and what to do, in both languages of the recipients. */
export type Language = 'es' | 'en';

interface RuleText {
  title: string;
  action: string;
}

export const RULE_TEXTS: Record<string, Record<Language, RuleText>> = {
  asylum_filing_window: {
    es: { title: 'Plazo para solicitar el reconocimiento de la condición de refugiado', action: 'Presentar la solicitud ante la COMAR; después del plazo hace falta justificar la demora.' },
    en: { title: 'Refugee claim filing window', action: 'File the claim with COMAR; a later filing needs a justification.' },
  },
  ratify_representative_filing: {
    es: { title: 'Ratificación de la solicitud presentada por representante', action: 'La niña, niño o adolescente debe ratificar la solicitud o se tendrá por no presentada.' },
    en: { title: 'Ratification of a claim filed by a representative', action: 'The child must ratify the claim or it is void.' },
  },
  comar_decision: {
    es: { title: 'Resolución de la COMAR', action: 'La COMAR debe resolver por escrito: dar seguimiento y pedir la resolución.' },
    en: { title: 'COMAR decision', action: 'COMAR must issue a written decision: follow up and ask for it.' },
  },
  comar_decision_extended: {
    es: { title: 'Resolución de la COMAR (plazo ampliado)', action: 'Vence el plazo ampliado: exigir la resolución.' },
    en: { title: 'COMAR decision (extended term)', action: 'The extended term ends: demand the decision.' },
  },
  sre_opinion: {
    es: { title: 'Opinión de la SRE', action: 'Sin respuesta en plazo se entiende que no hay opinión.' },
    en: { title: 'Foreign Affairs (SRE) opinion', action: 'Silence counts as no opinion.' },
  },
  recurso_revision: {
    es: { title: 'Recurso de revisión', action: 'Último día para interponer el recurso contra la resolución negativa.' },
    en: { title: 'Appeal (recurso de revisión)', action: 'Last day to appeal the negative decision.' },
  },
  weekly_signature: {
    es: { title: 'Firma semanal', action: 'Acompañar a la niña, niño o adolescente a firmar: no hacerlo puede tenerse por abandono.' },
    en: { title: 'Weekly signature', action: 'Take the child to sign: missing it can count as abandonment.' },
  },
  child_detention_notice: {
    es: { title: 'Niña, niño o adolescente a disposición del INM', action: 'El INM debe avisar a la Procuraduría y canalizar al DIF de inmediato: ninguna niña o niño puede estar en una estación migratoria.' },
    en: { title: "Child placed at INM's disposal", action: 'INM must notify the Procuraduría and channel the child to DIF at once: no child may be held in a migration station.' },
  },
  detention_36h: {
    es: { title: 'Límite de 36 horas de detención', action: 'Exigir la liberación antes del límite constitucional.' },
    en: { title: '36-hour detention limit', action: 'Demand release before the constitutional limit.' },
  },
  urgent_measures_court: {
    es: { title: 'Revisión judicial de medidas urgentes', action: 'Un juez debe confirmar, modificar o cancelar las medidas.' },
    en: { title: 'Court review of urgent measures', action: 'A judge must confirm, change or cancel the measures.' },
  },
  age_of_majority: {
    es: { title: 'Mayoría de edad', action: 'Terminan las protecciones de la niñez: preparar la transición con tiempo.' },
    en: { title: 'Eighteenth birthday', action: 'Protections for children end: plan the hand-over early.' },
  },
  bid_issued: {
    es: { title: 'Determinación del interés superior y plan de restitución', action: 'Meta del programa: emitir la determinación y el plan.' },
    en: { title: 'Best-interest determination and restitution plan', action: 'Program target: issue the BID and the plan.' },
  },
};

export function ruleText(ruleId: string, lang: Language, fallbackTitle: string): RuleText {
  return RULE_TEXTS[ruleId]?.[lang] ?? { title: fallbackTitle, action: '' };
}
