/**
 * The CLI's HTTP client for the Plazo API (`--api` / PLAZO_API_URL, `--token` / PLAZO_TOKEN). A 4xx
 * answer becomes a DomainInputError naming the API's field, so the CLI prints the API's own message
 * (`error: occurredAt: is in the future`) and exits 2; anything else exits 1.
 */
import type { z } from 'zod';
import { DomainInputError } from '../../domain';
import { firstIssue } from '../../app/errors';

export interface ApiOptions {
  api?: string;
  token?: string;
}

export class ApiClient {
  readonly base: string;
  private readonly token: string;

  constructor(opts: ApiOptions, env: NodeJS.ProcessEnv = process.env) {
    this.base = (opts.api ?? env.PLAZO_API_URL ?? 'http://localhost:3000').replace(/\/$/, '');
    const token = opts.token ?? env.PLAZO_TOKEN;
    if (!token) throw new DomainInputError('token', 'is required (--token <token> or PLAZO_TOKEN; `make demo` prints one per person)');
    this.token = token;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return (await this.exchange<T>(method, path, body)).json;
  }

  /** Every page of a list the API answers as an array with a `Link: <…>; rel="next"` header (/api/deadlines). */
  async allPages<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    for (let next: string | null = path; next; ) {
      const page: { json: T[]; link: string | null } = await this.exchange<T[]>('GET', next);
      out.push(...page.json);
      next = /<([^>]+)>;\s*rel="next"/.exec(page.link ?? '')?.[1] ?? null;
    }
    return out;
  }

  private async exchange<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ json: T; link: string | null }> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw new Error(`cannot reach the Plazo API at ${this.base}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok) return { json: json as T, link: res.headers.get('link') };
    const e = (json as { error?: { code?: string; message?: string; field?: string | null } } | undefined)?.error;
    const message = e?.message ?? `HTTP ${res.status}`;
    if (res.status >= 400 && res.status < 500) throw new DomainInputError(e?.field ?? (res.status === 401 ? 'token' : e?.code ?? 'request'), message);
    throw new Error(`the API answered ${res.status}: ${message}`);
  }
}

/** Checks a request body with the API's own schema before sending it: same field, same message. */
export function checkBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const { field, message } = firstIssue(r.error);
  throw new DomainInputError(field, message);
}
