/** The email of one ladder step or escalation, in the recipient's language. No child's name: case id only. */
import { ruleText, type Language } from './ruleTexts';
import { countText, disagreementText, explanationText } from './computationText';

export interface StepMessageInput {
  lang: Language;
  caseId: string;
  link: string;
  kind: 'reminder' | 'alarm' | 'due' | 'overdue' | 'director' | 'escalation' | 'delivery_failed' | 'summary';
  deadline?: {
    ruleId: string;
    title: string;
    citation: string;
    due: string;
    dueLatest: string;
    reason?: string;
    /** Term, governing calendar, skipped days, closures used, difference to dueLatest (issue 12). */
    explanation?: string;
    kind: 'law' | 'program_target';
  };
  /** "faltan 3 días hábiles" / "3 business days left", computed by the caller. */
  remaining?: string;
  reason?: string;
  by?: string;
  /** kind 'summary': the open deadlines whose earlier notices were not sent (due before the case was in Plazo). */
  summary?: { ruleId: string; title: string; citation: string; due: string; missed: boolean }[];
}

const HEAD: Record<StepMessageInput['kind'], Record<Language, string>> = {
  reminder: { es: 'Recordatorio', en: 'Reminder' },
  alarm: { es: 'ALERTA', en: 'ALERT' },
  due: { es: 'Vence hoy', en: 'Due today' },
  overdue: { es: 'VENCIDO', en: 'OVERDUE' },
  director: { es: 'ESCALAMIENTO: plazo vencido', en: 'ESCALATION: deadline missed' },
  escalation: { es: 'ESCALAMIENTO', en: 'ESCALATION' },
  delivery_failed: { es: 'No se pudo entregar un aviso', en: 'A notice could not be delivered' },
  summary: { es: 'Resumen: caso registrado ya en curso', en: 'Summary: case entered while under way' },
};

export function renderStepMessage(m: StepMessageInput): { subject: string; body: string } {
  const es = m.lang === 'es';
  const lines: string[] = [];
  let subject = `[Plazo] ${HEAD[m.kind][m.lang]} · ${es ? 'Caso' : 'Case'} ${m.caseId}`;
  if (m.deadline) {
    const t = ruleText(m.deadline.ruleId, m.lang, m.deadline.title);
    subject += ` · ${t.title}`;
    lines.push(`${t.title} (${m.deadline.citation}${m.deadline.kind === 'program_target' ? (es ? ', meta del programa' : ', program target') : ''})`);
    lines.push(`${es ? 'Vence' : 'Due'}: ${m.deadline.due}${m.deadline.dueLatest !== m.deadline.due ? ` (${es ? 'fecha más tardía posible' : 'latest plausible date'}: ${m.deadline.dueLatest})` : ''}`);
    // The explanation says everything the reason did and more; deadlines computed before it keep the reason.
    if (m.deadline.explanation) lines.push(`${es ? 'Cómo se calculó' : 'How it was computed'}: ${explanationText(m.deadline.explanation, m.lang)}`);
    else if (m.deadline.reason) lines.push(disagreementText(m.deadline.reason, m.lang));
    if (m.remaining) lines.push(m.remaining);
    if (t.action) lines.push('', `${es ? 'Qué hacer' : 'What to do'}: ${t.action}`);
  }
  if (m.summary) {
    lines.push(es ? 'Avisos cuyo momento pasó antes de que el caso estuviera en Plazo no se enviaron. Sigue abierto:' : 'Notices whose moment passed before the case was in Plazo were not sent. Still open:');
    for (const d of m.summary) {
      const t = ruleText(d.ruleId, m.lang, d.title);
      lines.push(`- ${t.title} (${d.citation}): ${es ? 'vence' : 'due'} ${d.due}${d.missed ? (es ? ' — VENCIDO' : ' — OVERDUE') : ''}`);
    }
  }
  if (m.reason) lines.push('', `${es ? 'Motivo' : 'Reason'}: ${m.reason}`);
  if (m.by) lines.push(`${es ? 'Escalado por' : 'Escalated by'}: ${m.by}`);
  lines.push('', `${es ? 'Ver el caso' : 'Open the case'}: ${m.link}`);
  if (m.kind !== 'delivery_failed' && m.kind !== 'summary') {
    lines.push('', es ? 'Responda "Me encargo" en la página del caso para detener las repeticiones de este aviso.' : 'Answer "I\'m on it" on the case page to stop the repeats of this notice.');
  }
  return { subject, body: lines.join('\n') };
}

/** "faltan 3 días hábiles" / "vence hoy" / "venció hace 1 día hábil": the count's plural form from countText. */
export function remainingText(lang: Language, value: number, unit: 'business_days' | 'hours' | 'days' = 'business_days'): string {
  const es = lang === 'es';
  const n = Math.abs(value);
  const count = countText(n, unit, lang);
  if (value === 0) return unit === 'hours' ? (es ? 'vence en menos de una hora' : 'due within the hour') : es ? 'vence hoy' : 'due today';
  if (value > 0) return es ? `${new Intl.PluralRules('es').select(n) === 'one' ? 'falta' : 'faltan'} ${count}` : `${count} left`;
  return es ? `venció hace ${count}` : `overdue by ${count}`;
}
