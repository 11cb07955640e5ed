/**
 * What a lawyer reads next to a date: the term itself ("45 días hábiles, LRPCAP art. 24"), the governing
 * calendar, the days skipped and why, the declared closures used, and how far and why `dueLatest` may
 * fall later. One function, used by the CLI, the API, the case page and the emails (via the stored
 * computation), so they never say it differently.
 */
import type { Rule } from './rules/rulePackSchema';
import { isWeekend } from './time/localDate';

/** The subset of a computation the explanation needs (kept structural to avoid an import cycle). */
export interface Explainable {
  term: string;
  trigger: string;
  due: string;
  dueLatest: string;
  unit: string;
  kind: 'law' | 'program_target';
  governingCalendar: string;
  skipped: { date: string; reason: string }[];
  overlaysApplied: string[];
  latestDays: { date: string; reason: string }[];
  warnings: string[];
  notes: string[];
}

const UNIT_ES: Record<string, (n: number) => string> = {
  business_days: (n) => `${n} días hábiles`,
  calendar_days: (n) => `${n} días naturales`,
  hours: (n) => (n === 0 ? 'inmediato' : `${n} horas`),
  years: (n) => `${n} años`,
  recurring_days: (n) => `cada ${n} días`,
};

export function termText(rule: Pick<Rule, 'unit' | 'termText' | 'kind' | 'citation'>, length: number): string {
  const what = rule.termText ?? UNIT_ES[rule.unit]!(length);
  const target = rule.kind === 'program_target' ? ' (meta del programa: la ley no fija plazo)' : '';
  return `${what}, ${rule.citation.text}${target}`;
}

export function explainDeadline(c: Explainable): string {
  const parts = [`Term: ${c.term}.`];
  if (c.unit === 'hours') {
    parts.push(`Counted on the clock from ${c.trigger}: every day counts and closures do not stop it; due ${c.due}.`);
  } else {
    parts.push(`Governing calendar: ${c.governingCalendar}. Counted from ${c.trigger}; due ${c.due}.`);
    const weekends = c.skipped.filter((s) => isWeekend(s.date) && !s.reason.includes(';') && !s.reason.startsWith('occurrence'));
    const others = c.skipped.filter((s) => !weekends.includes(s));
    const listed = others.map((s) => `${s.date} (${s.reason})`).join(', ');
    if (c.skipped.length) {
      parts.push(`Skipped: ${listed}${listed && weekends.length ? ' and ' : ''}${weekends.length ? `${weekends.length} weekend days` : ''}.`);
    } else {
      parts.push('No day skipped.');
    }
  }
  parts.push(c.overlaysApplied.length ? `Declared closures used: ${c.overlaysApplied.join(', ')}.` : 'No declared closure fell in the count.');
  if (c.dueLatest !== c.due) {
    const why = c.latestDays.map((d) => `${d.date} (${d.reason})`).join(', ');
    parts.push(`Latest plausible date ${c.dueLatest}${why ? `, if these days are closed too: ${why}` : ''}.`);
  } else if (c.unit !== 'hours') {
    parts.push('No other calendar moves it: dueLatest is the same day.');
  }
  for (const w of c.warnings) parts.push(`Warning: ${w}`);
  for (const n of c.notes) parts.push(n);
  return parts.join(' ');
}
