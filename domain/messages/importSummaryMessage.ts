/**
 * The one summary an import sends each person (issue 27 item 2): their imported cases, and on each what
 * is still open and when it is due. Reminders due before the cases were in Plazo were not sent; this
 * message stands for all of them, instead of one summary per case.
 */
import type { DueClose } from '../case/state';
import { dueInWords } from './dateWords';
import { emailWords, type Lang } from './catalogue';
import { titleWithCitation } from './computationText';
import { MESSAGE_BODY_MAX } from './messageBounds';

export interface ImportSummaryInput {
  lang: Lang;
  zone?: string;
  name: string;
  publicUrl: string;
  /** The person's imported cases, each with its live deadlines (earliest due first). */
  cases: { caseId: string; fileNumber: string | null; childName: string; deadlines: { ruleId: string; title: string; citation: string; due: string; dueInstant: string; unit: string; filing?: DueClose | null; missed: boolean }[] }[];
}


type SummaryCase = ImportSummaryInput['cases'][number];

export function renderImportSummary(m: ImportSummaryInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const subject = w.importSummarySubject(m.cases.length);
  const head = [w.hello(m.name), '', w.importSummaryLead];
  const blocks = m.cases.map((c) => caseBlock(c, m));
  // Characters of lines joined by '\n' (one more than the join: a bound, not the exact length).
  const size = (ls: string[]) => ls.reduce((n, l) => n + l.length + 1, 0);
  // The ledger refuses a longer body: a person holding hundreds of an import's cases would get no summary at all.
  if (size(head) + blocks.reduce((n, b) => n + size(b), 0) <= MESSAGE_BODY_MAX) return { subject, body: [...head, ...blocks.flat()].join('\n') };
  // Too many to list: the most pressing first (missed, then the earliest due), as many as fit, and where to see the rest.
  const more = (n: number) => ['', w.importSummaryMore(n, `${m.publicUrl}/agenda`)];
  const order = m.cases.map((c, i) => ({ block: blocks[i]!, at: pressing(c), i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const kept: string[] = [...head];
  // Room left once the closing line is in: measured with every case left out, its longest count.
  let room = MESSAGE_BODY_MAX - size(more(m.cases.length)) - size(head);
  let listed = 0;
  for (const { block } of order) {
    if (size(block) > room) break;
    kept.push(...block);
    room -= size(block);
    listed++;
  }
  return { subject, body: [...kept, ...more(m.cases.length - listed)].join('\n') };
}

/** One case's lines: its number, child and live deadlines, and its link. */
function caseBlock(c: SummaryCase, m: ImportSummaryInput): string[] {
  const w = emailWords(m.lang);
  const lines = ['', `${w.case} ${c.caseId}${c.fileNumber ? ` (${c.fileNumber})` : ''} · ${c.childName}`];
  if (c.deadlines.length === 0) lines.push(`  ${w.importSummaryNothingOpen}`);
  for (const d of c.deadlines) lines.push(`  ${d.missed ? `${w.overdue} · ` : ''}${titleWithCitation(d, m.lang)}: ${w.byWhen} ${dueInWords(d, m.lang, m.zone)}`);
  lines.push(`  ${w.openCase}: ${m.publicUrl}/cases/${encodeURIComponent(c.caseId)}`);
  return lines;
}

/** How pressing a case is: a missed deadline first, then its earliest due instant; nothing open last. */
function pressing(c: SummaryCase): number {
  if (c.deadlines.some((d) => d.missed)) return -Infinity;
  const dues = c.deadlines.map((d) => Date.parse(d.dueInstant)).filter((t) => Number.isFinite(t));
  return dues.length ? Math.min(...dues) : Infinity;
}
