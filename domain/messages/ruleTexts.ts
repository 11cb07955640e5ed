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
  amparo_term: {
    es: { title: 'Demanda de amparo contra la resolución (15 días)', action: 'Presentar la demanda de amparo ante el juzgado de distrito antes de que venza el plazo.' },
    en: { title: 'Amparo against a decision (15 days)', action: 'File the amparo with the district court before the term ends.' },
  },
  amparo_now: {
    es: { title: 'Amparo contra deportación o incomunicación: presentarlo ya', action: 'Presentar el amparo de inmediato: procede en cualquier tiempo y suspende el acto.' },
    en: { title: 'Amparo against deportation or incommunicado detention: file now', action: 'File the amparo at once: it may be filed at any time and stops the act.' },
  },
  nulidad_term: {
    es: { title: 'Juicio de nulidad contra la resolución (30 días hábiles)', action: 'Presentar la demanda de nulidad ante el TFJA antes de que venza el plazo.' },
    en: { title: 'Juicio de nulidad against a decision (30 business days)', action: 'File the juicio de nulidad with the TFJA before the term ends.' },
  },
  tvrh_for_child: {
    es: { title: 'Tarjeta de visitante por razones humanitarias (TVRH) para la niña, niño o adolescente', action: 'El INM debe expedir la tarjeta: dar seguimiento y exigirla.' },
    en: { title: 'Humanitarian visitor card (TVRH) for the child', action: 'INM must issue the card: follow up and demand it.' },
  },
  migration_procedure_answer: {
    es: { title: 'Respuesta al trámite migratorio (o negativa ficta)', action: 'Sin respuesta en plazo se entiende negado: valorar la impugnación.' },
    en: { title: 'Migration procedure answered (or deemed refused)', action: 'Silence counts as a refusal: consider challenging it.' },
  },
  comar_notice_to_inm: {
    es: { title: 'La COMAR avisa al INM de la solicitud', action: 'Confirmar que la COMAR avisó al INM: protege a la niña, niño o adolescente de una deportación.' },
    en: { title: 'COMAR notifies INM of the claim', action: 'Check that COMAR told INM: it protects the child from removal.' },
  },
  urgent_measures_prosecutor: {
    es: { title: 'El Ministerio Público decreta las medidas urgentes (3 horas)', action: 'Exigir al Ministerio Público que decrete las medidas de protección solicitadas.' },
    en: { title: 'Public prosecutor decrees the urgent measures (3 hours)', action: 'Demand that the prosecutor decree the protection measures requested.' },
  },
  interview_target: {
    es: { title: 'Entrevista en la COMAR realizada (meta del programa)', action: 'Meta del programa: preparar a la niña, niño o adolescente y acompañarlo a la entrevista.' },
    en: { title: 'COMAR interview held (program target)', action: 'Program target: prepare the child and go with them to the interview.' },
  },
};

export function ruleText(ruleId: string, lang: Language, fallbackTitle: string): RuleText {
  return RULE_TEXTS[ruleId]?.[lang] ?? { title: fallbackTitle, action: '' };
}
