/** Order statistics of a sample (nearest rank). */
export interface Summary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  min: number | null;
  mean: number | null;
}

export function summarize(values: number[]): Summary {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))]! : null);
  return {
    count: v.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: v.length ? v[v.length - 1]! : null,
    min: v.length ? v[0]! : null,
    mean: v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : null,
  };
}
