/**
 * The frame of every page: a few KB of inline CSS, the navigation a role may use, the language switch.
 * The first Tab stop is a skip link to the content (it shows when focused); text in the content may break
 * anywhere (overflow-wrap:anywhere), so a long unbroken name wraps instead of widening cards and tables.
 */
import type { AuthUser } from '../../app/auth';
import { can } from '../../app/access';
import { catalogue, type Lang, roleLabel, words, signInWords } from '../../domain/messages/catalogue';
import { PAGE_SCRIPT_PATH } from './assets';
import { MANIFEST_PATH, OFFLINE_SCRIPT_PATH } from './offlineMarks';
import { html, raw, type Html } from './html';
import { fieldLabel } from '../../app/errorText';
import { deliveryNotices } from './deliveryNotices';

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
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}.filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}.filters select,.filters input{font:inherit;font-weight:400;padding:.25rem;border:1px solid #b9c0cc;border-radius:4px;max-width:16rem}.filters button.primary{margin-top:0}
.agenda-nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}.agenda-day h2{border-bottom:2px solid #1f3a5f;padding-bottom:.2rem}table.agenda td:first-child,table.agenda td:nth-child(2) a{white-space:nowrap}.print-only{display:none}
@media (max-width:640px){table.agenda thead{display:none}table.agenda tr{display:block;border-bottom:1px solid #e3e6ea;padding:.3rem 0}table.agenda td{display:block;border:0;padding:.1rem .5rem}main{padding:.6rem}}
@media print{@page{margin:14mm 12mm}body{background:#fff;color:#000;font-size:10.5pt}header,.no-print,form,button,#temporal-link,h2:has(+form){display:none!important}.print-only{display:block}
main{max-width:none;padding:0}a{color:#000;text-decoration:none}.card{border:1px solid #999}table{font-size:9.5pt}th{background:#eee!important}tr,h2,h3{break-inside:avoid}h2,h3{break-after:avoid}
.u,tr[class^=row-] td:first-child{-webkit-print-color-adjust:exact;print-color-adjust:exact}.u{border:1px solid #555}details>summary{list-style:none;font-weight:600;color:#000}details::details-content{display:block;content-visibility:visible}tr.how ul ul{columns:3;column-gap:1.2rem;font-size:8.5pt}tr.how ul ul li{break-inside:avoid}}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.6rem;margin:.6rem 0 1rem}.tile{background:#fff;border:1px solid #e3e6ea;border-left:5px solid #1f3a5f;border-radius:6px;padding:.6rem .8rem}.tile strong{display:block;font-size:1.8rem;line-height:1.1}.tile span{color:#56607a;font-size:.88rem}.tile-bad{border-left-color:#b3261e}
.dash-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:0 1.2rem}.dash-block{min-width:0}img.chart{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #e3e6ea;border-radius:6px}.scroll-x{overflow-x:auto;max-width:100%}.figures{display:flex;flex-wrap:wrap;gap:.2rem 1rem}.figures strong{font-size:1.1rem}
.copy-row{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}.copy-field{flex:1 1 18rem;min-width:0;font:.85rem ui-monospace,monospace;padding:.3rem;border:1px solid #b9c0cc;border-radius:4px;background:#f6f7f9}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}main{overflow-wrap:anywhere}
.skip-link{position:absolute;left:.5rem;top:-3rem;z-index:10;background:#fff;color:#1f3a5f;padding:.4rem .8rem;border:2px solid #1f3a5f;border-radius:4px;font-weight:600}.skip-link:focus{top:.5rem}main:focus{outline:none}
header a{display:inline-block;padding:.3rem .15rem}button,select,input:not([type=hidden]),textarea{min-height:24px}button.small{min-height:28px;padding:.2rem .6rem}input[type=checkbox],input[type=radio]{width:24px;height:24px;margin:0}
.filters label.check{flex-direction:row;align-items:center;gap:.4rem;font-weight:400}.filters input[type=search]{min-width:12rem}
#unemailed-alarms h2,#status-alerts h2{margin-top:0}#delivery-banner a{color:#8c1d18;font-weight:600}
ul.dl{list-style:none;margin:0;padding:0}ul.dl li{margin:.1rem 0 .35rem;padding-left:.45rem;border-left:4px solid #c4c9d2}ul.dl .dl-title{font-weight:600;margin-right:.3rem}ul.dl .dl-when{color:#56607a;font-size:.88rem;margin-right:.2rem}
ul.dl li.dl-overdue,ul.dl li.dl-alarm{border-left-color:#b3261e}ul.dl li.dl-urgent{border-left-color:#f29900}ul.dl li.dl-soon{border-left-color:#fbbc04}ul.dl li.dl-ok{border-left-color:#34a853}
#offline-queue .u{white-space:normal}#offline-queue li{margin:.2rem 0 .5rem}.countdown{font-variant-numeric:tabular-nums;font-weight:700;color:#b3261e;margin-left:.3rem}.pager{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;margin:.8rem 0}.pager a{display:inline-block;padding:.3rem 0}
td.actions form{margin:0 0 .3rem}.inline-escalate input{width:9rem;max-width:100%;padding:.2rem;border:1px solid #b9c0cc;border-radius:4px;font:inherit}
.u-breach{background:#f1ebfa;color:#4a2c7a;border:1px solid #7b5ea7;white-space:normal}.u-waiting{background:#eef1f5;color:#3c4454}tr.row-breach td:first-child{border-left:5px solid #7b5ea7}tr.row-waiting td:first-child{border-left:5px solid #c4c9d2}
ul.dl li.dl-breach{border-left-color:#7b5ea7}ul.dl li.dl-waiting{border-left-color:#c4c9d2}.breach-card{border-left:5px solid #7b5ea7}.breach-card h3{font-size:1rem;margin:0 0 .3rem}.breach-card ul{margin:.2rem 0 .1rem;padding-left:1.1rem}
@media (max-width:640px){main{padding:.6rem}header{gap:.2rem .7rem;padding:.4rem .6rem}header .who{margin-left:0;width:100%}
main table,main thead,main tbody,main tr,main th,main td{display:block;width:auto}main thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
main table{background:none}main tr{background:#fff;border:1px solid #e3e6ea;border-radius:6px;margin:.5rem 0;padding:.25rem 0}main td{border:0;padding:.2rem .7rem}
main tr[class^=row-] td:first-child{border-left:0}main tr.row-overdue,main tr.row-alarm{border-left:6px solid #b3261e}main tr.row-urgent{border-left:6px solid #f29900}main tr.row-soon{border-left:6px solid #fbbc04}main tr.row-ok{border-left:6px solid #34a853}main tr.row-done{border-left:6px solid #c4c9d2}main tr.row-breach{border-left:6px solid #7b5ea7}main tr.row-waiting{border-left:6px solid #c4c9d2}
table.cards td[data-label]::before{content:attr(data-label);display:block;font-size:.72rem;text-transform:uppercase;letter-spacing:.03em;color:#56607a}
main table.cards tr{display:flex;flex-wrap:wrap;align-items:flex-start}main table.cards td{flex:0 1 auto;min-width:0}main table.cards td.wide{flex-basis:100%}
.filters label{flex:1 1 9rem}.filters label:first-child,.filters label.check{flex-basis:100%}.filters select,.filters input:not([type=checkbox]){max-width:none;width:100%}.filters input[type=search]{min-width:0}}
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
    nav.push(['/cases', w.myCases], ['/agenda', w.agenda]);
    if (role === 'supervisor' || role === 'director' || role === 'admin') nav.push(['/inbox', w.inbox], ['/dashboard', w.dashboard]);
    if (role === 'caseworker' || role === 'supervisor' || role === 'admin') nav.push(['/cases/new', w.openCase]);
    if (role === 'admin') nav.push(['/admin/overlays', w.overlays], ['/admin/closures', catalogue(opts.lang).closures.title], ['/admin/lists', catalogue(opts.lang).lists.title], ['/admin/users', w.users], ['/admin/status', catalogue(opts.lang).status.nav]);
    if (role === 'lawyer' || role === 'admin') nav.push(['/rule-packs', w.rulePacks]);
    if (can(opts.user, 'import_cases')) nav.push(['/import', catalogue(opts.lang).importPage.nav]);
    nav.push(['/preferences', w.preferences]);
  }
  // '//evil.example/x' (or '/\\evil…') would be a link to another site: the switch stays on this one.
  const here = `/${opts.path.replace(/^[/\\]+/, '')}`;
  const sep = here.includes('?') ? '&' : '?';
  return html`<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · Plazo</title><style>${raw(CSS)}</style><script src="${PAGE_SCRIPT_PATH}" defer></script>${offlineHead(opts)}</head>
<body><a class="skip-link" href="#main">${w.skipToContent}</a><header><a href="/">Plazo</a>${nav.map(([href, label]) => html`<a href="${href}"${isHere(opts.path, href) ? raw(' class="here"') : ''}>${label}</a>`)}
<span class="who">${opts.user ? html`${opts.user.name} · ${roleLabel(opts.user.role, w)} · <a id="my-sessions" href="/sessions">${signInWords(opts.lang).sessions}</a> · ` : ''}<a href="${here}${sep}lang=${other}" hreflang="${other}">${other === 'es' ? 'Español' : 'English'}</a></span>
${opts.user ? html`<form method="post" action="/logout"><button type="submit">${w.logout}</button></form>` : ''}</header>
<main id="main" tabindex="-1">${deliveryNotices(opts.user, opts.lang)}${opts.flash ? html`<p id="flash" class="flash" role="status">${opts.flash}</p>` : ''}${
    opts.error ? html`<p class="error" role="alert" data-field="${opts.error.field ?? ''}">${w.error}: ${opts.error.field && opts.lang === 'en' ? html`<strong>${fieldLabel(opts.error.field, opts.lang)}</strong>: ` : ''}${opts.error.message}</p>` : ''
  }${body}</main></body></html>`;
}

/**
 * The offline app (offlineRoutes.ts): the manifest and icons on every page; for a signed-in person the
 * pages' script, when the page was drawn (its "actualizado hace …" once kept on the device), and the
 * script's words from the catalogue as data (a JSON block is not run, so the CSP needs no hash for it).
 */
function offlineHead(opts: PageOptions): Html {
  const installable = html`<link rel="manifest" href="${MANIFEST_PATH}"><meta name="theme-color" content="#1f3a5f"><link rel="icon" href="/assets/icon.svg" type="image/svg+xml"><link rel="apple-touch-icon" href="/assets/icon-192.png">`;
  if (!opts.user) return installable;
  const wordsJson = JSON.stringify(catalogue(opts.lang).offline).replace(/</g, '\\u003c');
  return html`${installable}<meta name="plazo-rendered-at" content="${new Date().toISOString()}"><script type="application/json" id="plazo-offline-words">${raw(wordsJson)}</script><script src="${OFFLINE_SCRIPT_PATH}" defer></script>`;
}

/** '/cases/new' is its own entry, not a page under 'My cases'. */
const isHere = (full: string, href: string) => {
  const path = full.split('?')[0]!;
  return path === href || (path.startsWith(`${href}/`) && path !== '/cases/new');
};

export function urgencyBadge(urgency: string, text: string): Html {
  return html`<span class="u u-${urgency}">${text}</span>`;
}
