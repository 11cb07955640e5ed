/**
 * Admin: the people of the organization with their role, team, state and tokens; forms to add a person,
 * change a role, team or language, deactivate or reactivate, issue a token (shown on this page once)
 * and revoke one. Every form goes through the same commands as /api/users.
 */
import type { AuthUser } from '../../app/auth';
import { type Lang, roleLabel, words, type Words, signInWords } from '../../domain/messages/catalogue';
import type { SessionView } from '../../app/people/sessions';
import { USER_ROLES, type IssuedToken, type TeamView, type UserView } from '../../app/userSchemas';
import { fieldError, invalidAttr, type FormError } from './fieldError';
import { fmtWhen } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { page } from './layout';
import { sessionItem } from './sessionsPage';

export interface UsersPageInput {
  user: AuthUser;
  lang: Lang;
  users: UserView[];
  /** Each person's open web sessions (devices), which an admin can end. */
  sessions?: Map<string, SessionView[]>;
  teams: TeamView[];
  flash?: string | null;
  error?: FormError | null;
  /** Which form the error belongs to: 'add', or the id of the person whose row was submitted. */
  errorFor?: string | null;
  form?: Record<string, string>;
  /** A token just issued: shown in this answer only. */
  issued?: { token: IssuedToken; userName: string } | null;
}

export function usersPage(p: UsersPageInput): Html {
  const w = words(p.lang);
  const addError = p.errorFor === 'add' ? p.error : null;
  return page(
    { title: w.users, lang: p.lang, user: p.user, path: '/admin/users', flash: p.flash, error: p.error },
    html`<h1>${w.users}</h1>
${p.issued ? issuedCard(p.issued, w) : ''}
${addForm(p, w, addError)}
<h2>${w.users}</h2>
<table id="users"><thead><tr><th>${w.name}</th><th>${w.role} · ${w.team} · ${w.language}</th><th>${w.openCases}</th><th>${w.tokens}</th></tr></thead>
<tbody>${p.users.map((u) => userRow(u, p, w))}</tbody></table>`,
  );
}

function issuedCard(issued: { token: IssuedToken; userName: string }, w: Words): Html {
  return html`<div class="card flash" id="issued-token"><p><strong>${w.tokenShownFor} ${issued.userName}</strong> (${issued.token.tokenInfo.label})</p>
<p><code id="new-token">${issued.token.token}</code></p><p class="muted">${w.tokenOnce}</p></div>`;
}

function roleOptions(selected: string, w: Words): Html[] {
  return USER_ROLES.map((r) => html`<option value="${r}"${attr(selected === r, 'selected')}>${roleLabel(r, w)}</option>`);
}

function teamOptions(teams: TeamView[], selected: string, w: Words): Html {
  return html`<option value="">${w.noTeam}</option>${teams.map((t) => html`<option value="${t.id}"${attr(selected === t.id, 'selected')}>${t.name}</option>`)}`;
}

function langOptions(selected: string): Html {
  return html`<option value="es"${attr(selected === 'es', 'selected')}>Español</option><option value="en"${attr(selected === 'en', 'selected')}>English</option>`;
}

function addForm(p: UsersPageInput, w: Words, e: FormError | null | undefined): Html {
  const f = p.errorFor === 'add' ? (p.form ?? {}) : {};
  const v = (k: string, d = '') => f[k] ?? d;
  const labelled = (name: string, label: string, control: Html) => html`<label>${label}${control}${fieldError(e, name)}</label>`;
  return html`<form id="add-user-form" class="stack card" method="post" action="/admin/users" novalidate><h2>${w.addUser}</h2><div class="grid"><div>
${labelled('name', w.name, html`<input name="name" required maxlength="200" value="${v('name')}"${invalidAttr(e, 'name')}>`)}
${labelled('email', w.email, html`<input name="email" type="email" required value="${v('email')}"${invalidAttr(e, 'email')}>`)}
${labelled('role', w.role, html`<select name="role"${invalidAttr(e, 'role')}>${roleOptions(v('role', 'caseworker'), w)}</select>`)}
</div><div>
${labelled('team', w.team, html`<select name="team"${invalidAttr(e, 'team')}>${teamOptions(p.teams, v('team'), w)}</select>`)}
${labelled('language', w.language, html`<select name="language"${invalidAttr(e, 'language')}>${langOptions(v('language', 'es'))}</select>`)}
${labelled('id', w.userIdOptional, html`<input name="id" pattern="[a-z0-9][a-z0-9._-]{1,63}" value="${v('id')}"${invalidAttr(e, 'id')}>`)}
</div></div><button class="primary" type="submit">${w.add}</button></form>`;
}

function userRow(u: UserView, p: UsersPageInput, w: Words): Html {
  const e = p.errorFor === u.id ? p.error : null;
  const teamNow = u.teams[0] ?? '';
  const action = `/admin/users/${encodeURIComponent(u.id)}`;
  const live = u.tokens.filter((t) => t.revokedAt === null);
  return html`<tr data-user="${u.id}"${u.active ? '' : html` class="muted"`}>
<td><strong>${u.name}</strong>${u.active ? '' : html` <span class="badge">${w.inactive}</span>`}<div class="muted">${u.email}<br><code>${u.id}</code></div>
<form method="post" action="${action}"><input type="hidden" name="active" value="${u.active ? 'false' : 'true'}"><button class="small" type="submit" aria-label="${u.active ? w.deactivate : w.reactivate}: ${u.name}">${u.active ? w.deactivate : w.reactivate}</button></form>${fieldError(e, 'active')}</td>
<td><form class="stack" method="post" action="${action}"><input type="hidden" name="teamWas" value="${teamNow}">
<label>${w.role}<select name="role"${invalidAttr(e, 'role')}>${roleOptions(u.role, w)}</select>${fieldError(e, 'role')}</label>
<label>${w.team}<select name="team"${invalidAttr(e, 'team')}>${teamOptions(p.teams, teamNow, w)}</select>${fieldError(e, 'team')}</label>
${u.teams.length > 1 ? html`<div class="muted">${u.teams.join(', ')}</div>` : ''}
<label>${w.language}<select name="language">${langOptions(u.language)}</select></label>
<button class="small" type="submit" aria-label="${w.save}: ${u.name}">${w.save}</button></form></td>
<td>${u.openCases}</td>
<td><ul class="tight tokens">${u.tokens.map(
    (t) => html`<li data-token="${t.id}">${t.label} · <span class="muted">${fmtWhen(t.createdAt, p.lang)} · ${w.lastUsed}: ${t.lastUsedAt ? fmtWhen(t.lastUsedAt, p.lang) : w.never}</span>
${t.revokedAt ? html` · <strong>${w.revoked}</strong>` : html`<form method="post" action="/admin/tokens/${encodeURIComponent(t.id)}/revoke" style="display:inline"><button class="small" type="submit" aria-label="${w.revoke}: ${u.name} · ${t.label}">${w.revoke}</button></form>`}</li>`,
  )}</ul>
${sessionsOf(u.id, p)}
${u.calendarFeed ? html`<form method="post" action="${action}/calendar-link/revoke"><button class="small" type="submit" aria-label="${w.endFeed}: ${u.name}">${w.endFeed}</button></form>` : ''}
${u.active ? html`<form class="stack" method="post" action="${action}/tokens"><label>${w.tokenLabel}<input name="label" maxlength="100" placeholder="${live.length ? 'laptop' : 'api'}"${invalidAttr(e, 'label')}>${fieldError(e, 'label')}</label><button class="small" type="submit" aria-label="${w.issueToken}: ${u.name}">${w.issueToken}</button></form>` : ''}</td></tr>`;
}

/** A person's open sessions, each with a button that ends it. */
function sessionsOf(userId: string, p: UsersPageInput): Html | '' {
  const list = p.sessions?.get(userId) ?? [];
  if (list.length === 0) return '';
  return html`<details class="sessions"><summary>${signInWords(p.lang).openSessions} (${list.length})</summary><ul style="list-style:none;padding:0">${list.map((v) => sessionItem(v, p.lang, `/admin/sessions/${encodeURIComponent(v.id)}/revoke`))}</ul></details>`;
}
