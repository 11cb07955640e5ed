/**
 * The child's record in words, as the case page and the constancia both show it: what a best-interests
 * determination needs (sex, languages and interpreter, accompanied or separated, family tracing, disputed
 * age, where and by whom identified) and where the child has lived, each placement with its kind and
 * dates. In the reader's language; '—' where nothing is recorded.
 */
import { catalogue, type Lang } from '../domain/messages/catalogue';
import { fmtWhen } from '../domain/messages/dateWords';
import type { CaseView } from './schemas';

export interface RecordRow {
  /** Stable id (the page's data-record attribute). */
  id: string;
  label: string;
  value: string;
}

/** A date as the page writes dates; an instant with its time. */
const when = (s: string, lang: Lang) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : fmtWhen(s, lang));

export function childRecordRows(c: CaseView, lang: Lang): RecordRow[] {
  const r = catalogue(lang).record;
  const k = c.child;
  const yesNo = (b: boolean | null) => (b === null ? '—' : b ? r.yes : r.no);
  const named = (names: Record<string, string>, v: string | null) => (v === null ? '—' : (names[v] ?? v));
  return [
    { id: 'sex', label: r.sex, value: named(r.sexes, k.sex) },
    { id: 'languages', label: r.languages, value: k.languages.length ? k.languages.join(', ') : '—' },
    { id: 'interpreter', label: r.interpreterNeeded, value: yesNo(k.interpreterNeeded) },
    { id: 'accompaniment', label: r.accompaniment, value: named(r.accompaniments, k.accompaniment) },
    { id: 'family-tracing', label: r.familyTracing, value: named(r.familyTracingStates, k.familyTracing) },
    { id: 'age-disputed', label: r.ageDisputed, value: yesNo(k.ageDisputed) },
    { id: 'identified-at', label: r.identifiedAt, value: k.identification?.place ?? '—' },
    { id: 'identified-by', label: r.identifiedBy, value: k.identification ? named(r.identifiers, k.identification.by) : '—' },
  ];
}

/** Each placement, newest first: the place and the rest ("DIF shelter · from 2030-03-05 to now"). */
export function placementRows(c: CaseView, lang: Lang): { place: string; rest: string }[] {
  const r = catalogue(lang).record;
  return [...c.placements].reverse().map((p) => ({
    place: p.place,
    rest: `${p.kind ? (r.placementKinds[p.kind] ?? p.kind) : '—'} · ${r.since} ${when(p.from, lang)} ${r.until} ${p.until ? when(p.until, lang) : r.now}`,
  }));
}
