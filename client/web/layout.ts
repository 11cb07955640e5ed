/** The frame of every page: a few KB of inline CSS, the navigation a role may use, the language switch. */
import type { AuthUser } from '../api/auth';
import type { Lang } from '../api/remaining';
import { html, raw, type Html } from './html';
import { words } from './i18n';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}header a.here{text-decoration:underline}header .who{margin-left:auto;font-size:.9rem;opacity:.9}
header form{display:inline}header button{background:none;border:1px solid #fff8;color:#fff;border-radius:4px;padding:.1rem .5rem;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.3rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.4rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#56607a;background:#eef1f5}
.u{display:inline-block;padding:.05rem .45rem;border-radius:3px;font-weight:600;font-size:.85rem;white-space:nowrap}
.u-overdue{background:#b3261e;color:#fff}.u-alarm{background:#d93025;color:#fff}.u-urgent{background:#f29900;color:#1d2330}
.u-soon{background:#fde293;color:#1d2330}.u-ok{background:#ceead6;color:#0d652d}.u-done{background:#e3e6ea;color:#56607a}
tr.row-overdue td:first-child,tr.row-alarm td:first-child{border-left:5px solid #b3261e}tr.row-urgent td:first-child{border-left:5px solid #f29900}
tr.row-soon td:first-child{border-left:5px solid #fbbc04}tr.row-ok td:first-child{border-left:5px solid #34a853}tr.row-done td:first-child{border-left:5px solid #c4c9d2}
.badge{background:#b3261e;color:#fff;border-radius:3px;padding:0 .35rem;font-size:.75rem;font-weight:700;margin-left:.3rem}
.muted{color:#56607a;font-size:.88rem}.card{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
form.stack label{display:block;margin:.45rem 0 .1rem;font-weight:600;font-size:.9rem}form.stack input,form.stack select,form.stack textarea{width:100%;max-width:28rem;padding:.35rem;border:1px solid #b9c0cc;border-radius:4px;font:inherit}
button.primary{background:#1f3a5f;color:#fff;border:0;border-radius:4px;padding:.45rem 1rem;margin-top:.6rem;font:inherit;cursor:pointer}
button.small{font-size:.8rem;padding:.15rem .5rem;border:1px solid #1f3a5f;background:#fff;color:#1f3a5f;border-radius:4px;cursor:pointer}
.flash{background:#e6f4ea;border:1px solid #34a853;padding:.5rem .8rem;border-radius:4px}.error{background:#fce8e6;border:1px solid #b3261e;padding:.5rem .8rem;border-radius:4px}
details summary{cursor:pointer;color:#1f3a5f}#cases td:first-child,#inbox-deadlines td:first-child{white-space:nowrap}form.stack label>input,form.stack label>select,form.stack label>textarea{display:block}ul.tight{margin:.2rem 0;padding-left:1.1rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem}
label .field-error{display:block;color:#b3261e;font-weight:600;font-size:.85rem;margin-top:.15rem}input[aria-invalid=true],select[aria-invalid=true]{border-color:#b3261e!important;background:#fff6f5}
code{background:#eef1f5;padding:0 .2rem;border-radius:3px;word-break:break-all}a{color:#1a5fb4}
`;

export interface PageOptions {
  title: string;
  lang: Lang;
  user?: AuthUser;
  /** Path of this page, for the language switch and the navigation highlight. */
  path: string;
  flash?: string | null;
  error?: { message: string; field: string | null } | null;
}

export function page(opts: PageOptions, body: Html): Html {
  const w = words(opts.lang);
  const other: Lang = opts.lang === 'es' ? 'en' : 'es';
  const role = opts.user?.role;
  const nav: [string, string][] = [];
  if (opts.user) {
    nav.push(['/cases', w.myCases]);
    if (role === 'supervisor' || role === 'director' || role === 'admin') nav.push(['/inbox', w.inbox]);
    if (role === 'caseworker' || role === 'supervisor' || role === 'admin') nav.push(['/cases/new', w.openCase]);
    if (role === 'admin') nav.push(['/admin/overlays', w.overlays], ['/admin/users', w.users]);
  }
  // '//evil.example/x' (or '/\\evil…') would be a link to another site: the switch stays on this one.
  const here = `/${opts.path.replace(/^[/\\]+/, '')}`;
  const sep = here.includes('?') ? '&' : '?';
  return html`<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · Plazo</title><style>${raw(CSS)}</style></head>
<body><header><a href="/">Plazo</a>${nav.map(([href, label]) => html`<a href="${href}"${isHere(opts.path, href) ? raw(' class="here"') : ''}>${label}</a>`)}
<span class="who">${opts.user ? html`${opts.user.name} · ${opts.user.role} · ` : ''}<a href="${here}${sep}lang=${other}" hreflang="${other}">${other === 'es' ? 'Español' : 'English'}</a></span>
${opts.user ? html`<form method="post" action="/logout"><button type="submit">${w.logout}</button></form>` : ''}</header>
<main>${opts.flash ? html`<p class="flash" role="status">${opts.flash}</p>` : ''}${
    opts.error ? html`<p class="error" role="alert" data-field="${opts.error.field ?? ''}">${w.error}: ${opts.error.field ? html`<strong>${opts.error.field}</strong>: ` : ''}${opts.error.message}</p>` : ''
  }${body}</main></body></html>`;
}

/** '/cases/new' is its own entry, not a page under 'My cases'. */
const isHere = (path: string, href: string) => path === href || (path.startsWith(`${href}/`) && path !== '/cases/new');

export function urgencyBadge(urgency: string, text: string): Html {
  return html`<span class="u u-${urgency}">${text}</span>`;
}
