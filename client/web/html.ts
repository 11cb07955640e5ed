/**
 * A tagged template that escapes every interpolated value unless it is already Html. Small on
 * purpose: the pages are plain server-rendered HTML, and escaping by default is the one rule that
 * keeps a child's name or a note from becoming markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Trusted markup (constants written in this code base only). */
export const raw = (s: string) => new Html(s);

function part(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** `selected` / `checked` attributes. */
export const attr = (on: boolean, name: string) => (on ? raw(` ${name}`) : '');
