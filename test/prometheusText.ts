/**
 * A reader of Prometheus' text exposition format (what Prometheus parses on each scrape), enough for the
 * tests to check names, types and values: `# TYPE name type` lines and `name{label="v",…} value` samples.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Exposition {
  /** Metric family name → its declared type (counter, gauge, histogram…). */
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    LABEL.lastIndex = 0;
    let l: RegExpExecArray | null;
    while (LABEL.lastIndex < body.length && (l = LABEL.exec(body))) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (LABEL.lastIndex < body.length) throw new Error(`bad labels in: ${line}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { types, samples };
}

/** The sum of a metric's samples whose labels include `labels` (0 when there are none). */
export function valueOf(e: Exposition, name: string, labels: Record<string, string> = {}): number {
  return e.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

export async function scrape(url: string): Promise<{ text: string; exposition: Exposition; contentType: string }> {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text}`);
  return { text, exposition: parseExposition(text), contentType: res.headers.get('content-type') ?? '' };
}

/** Scrapes until `ok` holds (a counter moves once its write is committed, pollers start a moment after the worker). */
export async function scrapeUntil(url: string, ok: (e: Exposition) => boolean, timeoutMs = 15_000): Promise<{ text: string; exposition: Exposition }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await scrape(url);
    if (ok(got.exposition) || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
}
