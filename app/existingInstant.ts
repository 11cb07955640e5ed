/** An instant that exists as written: 2026-02-30 or 25:61 match a cursor's pattern but would fail in Postgres (a 500). */
export function existingInstant(s: string): boolean {
  if (s === 'infinity') return true;
  const t = Date.parse(s);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === s.slice(0, 19);
}
