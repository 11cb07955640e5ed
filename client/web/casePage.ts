/**
 * One case: every deadline with how it was computed (trigger, rule, calendar, citation, the days it
 * skipped and why, the DOF closures it counted with) — what a lawyer checks by hand — then the forms
 * to record an event, acknowledge, escalate and reassign, and the timeline.
 */
import { idempotencyField } from './idempotencyField';
import { BREACH_FOLLOW_UPS, CASE_EVENT_TYPES, CLOSE_REASONS, DECISION_OUTCOMES, DETENTION_EXITS, PLACEMENT_KINDS, REMOVAL_GROUNDS, WORKDAYS, type Phase } from '../../domain/case/events';
import { actorLabel, catalogue, ruleText, type Lang, eventLabel, otherLabel, phaseLabel, skippedCount, statusLabel, words, type Words } from '../../domain/messages/catalogue';
import { calendarName, citationText, termInLang, disagreementText, explanationText, reasonText, unitName, weekdayName } from '../../domain/messages/computationText';
import type { Piece } from '../../domain/messages/timelineDetailText';
import { timelineContext, timelineRowText } from '../../app/timelineRowText';
import { can } from '../../app/access';
import type { AuthUser } from '../../app/auth';
import type { CaseView, DeadlineView, TimelineEntryView } from '../../app/schemas';
import { caseTimeline, deadlineStates, type TimelineRow } from '../../app/caseTimeline';
import { acknowledgementList } from './acknowledgements';
import { childRecordCard, recordUpdateFields } from './childRecord';
import { attr, html, raw, type Html } from './html';
import { EVENT_FORM_SCRIPT } from './inlineScripts';
import { constanciaHref } from './constanciaRoutes';
import { countdownScript, remainingBadge } from './dangerList';
import { breachEvidence } from './breachEvidence';
import { page } from './layout';
import { eventChoices } from '../../domain/case/eventChoices';
import type { DateWarning } from '../../domain/case/dateWarnings';
import type { CaseEvent } from '../../domain/case/events';
import { internalEvents } from '../../domain/case/transitions';
import { closingInWords, dayInWords, fmtWhen, stateTrailText, todayInMexico } from '../../domain/messages/dateWords';
import { getRule, getRulePack } from '../../domain/rules/rulePack';
import { nationalityName } from '../../domain/lists/nationalities';
import { isLive } from '../../domain/case/upcoming';

export interface CasePageInput {
  user: AuthUser;
  lang: Lang;
  view: CaseView;
  timeline: TimelineEntryView[];
  people: { id: string; name: string; role: string }[];
  /** Who may take the case over as its caseworker (app/people/caseworkerCandidates.ts). */
  candidates?: { id: string; name: string }[];
  /** The listed places a placement names (admin list; a family home need not be listed). */
  places?: string[];
  /** Everyone's name by id, for the timeline (people who acted on the case need not be assignable now). */
  names?: Map<string, string>;
  flash?: string | null;
  error?: { message: string; field: string | null } | null;
  /** The submitted form, to fill it again after an error. */
  form?: Record<string, string>;
  /** Unusual dates in the submitted event: shown with a button to record it anyway. */
  warnings?: DateWarning[];
}

const FORM_TYPES = CASE_EVENT_TYPES.filter((t) => t !== 'assignment_changed');

export function casePage(p: CasePageInput): Html {
  const { view: c, lang, user } = p;
  const w = words(lang);
  const closed = c.closedAt !== null;
  const nameOf = (id: string) => p.names?.get(id) ?? p.people.find((x) => x.id === id)?.name ?? id;
  return page(
    { title: `${w.case} ${c.id}`, lang, user, path: `/cases/${encodeURIComponent(c.id)}`, flash: p.flash, error: p.error },
    html`<h1>${w.case} ${c.id} · ${c.child.name}${c.detained ? html`<span class="badge">${w.detained}</span>` : ''}</h1>
<div class="card"><strong>${w.phase}:</strong> ${phaseLabel(c.phase, lang)}${closed ? html` (${otherLabel(c.closeReason ?? '', lang)})` : ''} ·
<strong>${w.opened}:</strong> ${fmtWhen(c.openedAt, lang, 'page', p.user.timeZone)} ·${c.fileNumber ? html` <strong>${w.fileNumberShort}:</strong> <span id="file-number">${c.fileNumber}</span> ·` : ''} ${c.child.nationality ? nationalityName(c.child.nationality, lang) : ''} ${c.child.birthDate ? html`· ${c.child.birthDate}` : ''}<br>
<strong>${w.assignments}:</strong> ${w.caseworker} ${nameOf(c.assignments.caseworker)} · ${w.supervisor} ${nameOf(c.assignments.supervisor)} · ${w.lawyer} ${nameOf(c.assignments.lawyer)}<br>
<span class="muted">${w.rulePack} ${c.rulePack}${c.office ? html` · ${c.office}` : ''}</span>${can(user, 'use_codec') ? html` · <a id="temporal-link" href="${c.links.temporal}">${w.temporal} ↗</a>` : ''}</div>
${childRecordCard(c, lang)}
${c.engineStopped ? html`<p id="engine-stopped" class="error" role="alert">${w.engineStopped(fmtWhen(c.engineStopped.since, lang, 'page', p.user.timeZone))}</p>` : ''}
<h2 id="deadlines">${w.deadlines}</h2>
<p class="no-print"><a id="constancia-case" href="${constanciaHref(c.id)}">${w.constanciaCase}</a></p>
<table id="deadline-table"><thead><tr><th>${w.rule}</th><th>${w.status}</th><th>${w.due}</th><th>${w.left}</th><th>${w.nextStep}</th><th></th></tr></thead>
<tbody>${c.deadlines.map((d) => deadlineRows(d, p, w))}</tbody></table>
${countdownScript(c.deadlines.some((d) => d.unit === 'hours' && d.remaining))}
${breachEvidence(c.deadlines, lang)}
${!closed && can(user, 'record_event') ? eventForm(p, w) : ''}
<div class="grid">${!closed && can(user, 'escalate') ? escalateForm(p, w) : ''}${!closed && can(user, 'reassign') ? reassignForm(p, w) : ''}</div>
<h2 id="timeline">${w.timeline}</h2>
<table id="timeline-table"><thead><tr><th>#</th><th>${w.happened}</th><th>${w.recordedAt}</th><th>${w.by}</th><th>${w.what}</th></tr></thead>
<tbody>${caseTimeline(p.timeline, c.deadlines).map((r) => timelineRow(r, p, w, nameOf))}</tbody></table>`,
  );
}

/** One timeline row: when it happened, when it was recorded, and the deadline it is about by name and due date. */
function timelineRow(r: TimelineRow, p: CasePageInput, w: Words, nameOf: (id: string) => string): Html {
  const { entry: t } = r;
  const { lang, user } = p;
  const closed = p.view.closedAt !== null;
  const about = r.deadline
    ? html` <span class="about" data-about="${r.deadline.deadlineId}">· ${ruleText(r.deadline.ruleId, lang, r.deadline.title).title}, ${w.deadlineDue} ${r.deadline.unit === 'hours' ? fmtWhen(r.deadline.dueInstant, lang, 'page', p.user.timeZone) : fmtWhen(r.deadline.due, lang)}</span>`
    : '';
  const text = timelineRowText(r, lang, timelineContext(lang, nameOf));
  const when = text.voided ? html`<del>${piecesHtml(text.when, lang)}</del>` : piecesHtml(text.when, lang);
  const mark = text.mark ? html` <span class="${text.voided ? 'voided-mark' : 'corrected-mark'}">${text.mark}</span>` : '';
  return html`<tr data-seq="${t.seq}" data-type="${t.type}"${text.mark ? html` data-corrected-by="${r.correction!.seq}"` : ''}><td>${t.seq}</td><td class="happened">${when}</td><td class="muted${r.recordedApart ? ' recorded-apart' : ''}">${fmtWhen(t.recordedAt, lang)}</td><td>${t.by === 'system' ? 'Plazo' : nameOf(t.by)}</td><td><strong>${eventLabel(t.type, lang)}</strong>${about} <span class="muted">${piecesHtml(text.what, lang)}</span>${mark}${!closed && correctable(t.type) && can(user, t.type === 'assignment_changed' ? 'reassign' : 'record_event') ? correctionForms(p.view.id, t.seq, `${t.seq} · ${eventLabel(t.type, lang)}`, w) : ''}</td></tr>`;
}

/** A value a correction replaced, struck through and named as the old one ("antes:") for screen readers and print. */
function piecesHtml(pieces: Piece[], lang: Lang): Html {
  return html`${pieces.map((p) => (typeof p === 'string' ? p : html`<span class="was">(${catalogue(lang).timelineEntry.before}: <del>${p.was}</del>)</span>`))}`;
}

/** "missed on 5 Oct, then suspended on 7 Oct": shown when a deadline went through more than one state. */
function stateTrail(d: DeadlineView, p: CasePageInput): Html {
  const states = deadlineStates(p.timeline, d.deadlineId);
  if (states.length < 2) return html``;
  return html`<div class="muted state-trail">${stateTrailText(states, p.lang)}</div>`;
}

const correctable = (type: string) => (CASE_EVENT_TYPES as string[]).includes(type);

/** Correct the date of a recorded event, or void it; each with a reason (the timeline and the audit log keep it). */
/** `which` names the event in the buttons' accessible names: every row has the same two forms. */
function correctionForms(caseId: string, seq: number, which: string, w: Words): Html {
  const action = `/cases/${encodeURIComponent(caseId)}/events/${seq}`;
  return html`<details class="correction" data-seq="${seq}"><summary class="muted">${w.correctOrVoid}</summary>
<form method="post" action="${action}/correct">${idempotencyField()}<input type="date" name="date" required> <input type="time" name="time"> <input name="reason" placeholder="${w.reason}" aria-label="${w.reason}: ${w.correct} · ${which}" required minlength="3"> <button class="small" type="submit" aria-label="${w.correct}: ${which}">${w.correct}</button></form>
<form method="post" action="${action}/void">${idempotencyField()}<input name="reason" placeholder="${w.reason}" aria-label="${w.reason}: ${w.voidEvent} · ${which}" required minlength="3"> <button class="small" type="submit" aria-label="${w.voidEvent}: ${which}">${w.voidEvent}</button></form></details>`;
}

function deadlineRows(d: DeadlineView, p: CasePageInput, w: Words): Html {
  const { lang } = p;
  const t = ruleText(d.ruleId, lang, d.title);
  const live = isLive(d);
  const zone = p.user.timeZone;
  const dueText = d.unit === 'hours' ? fmtWhen(d.dueInstant, lang, 'page', zone) : fmtWhen(d.due, lang);
  // Which hour the last day closes, in which zone and why (the office's hours; 24:00 for an amparo).
  const closes = d.unit !== 'hours' && d.filing ? html`<div class="muted" data-closes="${d.filing.zone}">${closingInWords(d, lang)}</div>` : '';
  const latest = d.dueLatest !== d.due ? html`<div class="muted">${w.dueLatest}: ${fmtWhen(d.dueLatest, lang)}</div>` : '';
  return html`<tr class="row-${d.urgency}" data-deadline="${d.deadlineId}">
<td><strong>${t.title}</strong>${d.ngoActs ? '' : html`<div class="muted">${catalogue(lang).duty.whose(actorLabel(d.actor, lang))}</div>`}<div class="term">${w.term}: <strong>${d.term ? termInLang(d.term, lang) : unitName(d.unit, lang)}</strong></div><div class="muted">${d.kind === 'program_target' ? w.programTarget : w.law} · ${citationText(d.citation, lang)}</div></td>
<td>${statusLabel(d.status, lang)}${d.late ? ` (${w.late})` : ''}${stateTrail(d, p)}</td>
<td>${dueText}${closes}${latest}${packPending(d, p, w)}</td>
<td>${remainingBadge(d, lang)}</td>
<td>${d.nextStep ? html`${otherLabel(d.nextStep.series, lang)}<div class="muted">${fmtWhen(d.nextStep.at, lang, 'page', zone)}</div>` : ''}${acknowledgementList(d, p.user, lang, { nameOf: (id) => p.names?.get(id) ?? p.people.find((x) => x.id === id)?.name ?? id })}</td>
<td>${live && d.nextStep && can(p.user, 'acknowledge') && p.view.closedAt === null
      ? html`<form method="post" action="/cases/${encodeURIComponent(d.caseId)}/acknowledge">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><button class="small" type="submit" aria-label="${w.acknowledge}: ${t.title}">${w.acknowledge}</button></form>`
      : ''}</td></tr>
<tr class="row-${d.urgency} how"><td colspan="6"><details${attr(live, 'open')}><summary>${w.howComputed}</summary>
<ul class="tight"><li>${w.trigger}: <strong>${fmtWhen(d.trigger, lang)}</strong> (${d.trigger})</li>
<li>${w.rule}: ${t.title} · ${unitName(d.unit, lang)} · ${w.calendar}: ${calendarName(d.calendar, lang)} · ${w.citation}: ${citationText(d.citation, lang)}</li>
<li>${w.due}: ${d.due}${d.dueLatest !== d.due ? html` · ${w.dueLatest} ${d.dueLatest}` : ''}${d.explanation ? html`<div class="explanation">${explanationText(d.explanation, lang)}</div>` : d.reason ? html`<div class="muted">${disagreementText(d.reason, lang)}</div>` : ''}</li>
${d.overlaysApplied.length ? html`<li>${w.overlaysApplied}: ${d.overlaysApplied.map((o, i) => html`${i ? '; ' : ''}${o.citation}`)}</li>` : ''}
<li>${skippedCount(d.skipped.length, lang)}${d.skipped.length ? html`: <details><summary>…</summary><ul class="tight">${d.skipped.map((s) => html`<li>${fmtWhen(s.date, lang)} — ${reasonText(s.reason, lang)}</li>`)}</ul></details>` : ''}</li>
${t.action ? html`<li class="muted">${t.action}</li>` : ''}
<li class="no-print"><a class="constancia" href="${constanciaHref(d.caseId, d.deadlineId)}">${w.constanciaOne}</a></li></ul></details></td></tr>`;
}

/**
 * A newer rule pack's change that waits (a later date, or no longer counted): what it would do and why, and
 * for the case's lawyer or an admin, accept or refuse with a reason (timeline and audit log keep who and why).
 */
function packPending(d: DeadlineView, p: CasePageInput, w: Words): Html {
  const x = d.pendingPack;
  if (!x) return html``;
  const c = catalogue(p.lang).constancia;
  const what = c.pendingPack(x.rulePack, x.action === 'delete' ? c.pendingPackDrop : c.pendingPackLater(fmtWhen(x.due ?? '', p.lang)));
  const mayDecide = (p.user.role === 'lawyer' || p.user.role === 'admin') && p.view.closedAt === null;
  const action = `/cases/${encodeURIComponent(d.caseId)}/rule-pack`;
  const hidden = html`${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}">`;
  return html`<div class="pending-pack card" data-pending-pack="${x.rulePack}"><strong>${w.packPending}</strong> (${d.rulePack ?? p.view.rulePack}): ${what}<div class="muted">${x.reason}</div>${
    mayDecide
      ? html`<form method="post" action="${action}">${hidden}<input type="hidden" name="decision" value="accept"><button class="small" type="submit">${w.packAccept}</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="decision" value="refuse"><input name="reason" placeholder="${w.reason}" aria-label="${w.reason}: ${w.packRefuse}" required minlength="3"> <button class="small" type="submit">${w.packRefuse}</button></form>`
      : ''
  }</div>`;
}

function field(label: string, input: Html, forTypes?: string[]): Html {
  return html`<div${forTypes ? html` data-for="${forTypes.join(' ')}"` : ''}><label>${label}${input}</label></div>`;
}

/** The events of this case's live deadlines, most urgent first, as the form's event types. */
function meetsLiveDeadline(c: CaseView): string[] {
  const live = c.deadlines.filter(isLive).sort((a, b) => a.dueInstant.localeCompare(b.dueInstant));
  const out: string[] = [];
  for (const d of live) {
    let satisfiedBy: string[] = [];
    try {
      satisfiedBy = getRule(d.ruleId, getRulePack(c.rulePack)).satisfiedBy;
    } catch {
      continue; // a rule of another pack version: no suggestion
    }
    // A form type stands for rule-pack events (a denial is also a negative decision): any of them meets it.
    for (const t of FORM_TYPES) if (internalEvents({ type: t, byRepresentative: true, outcome: 'denied' } as unknown as CaseEvent).some((e) => satisfiedBy.includes(e))) out.push(t);
  }
  return out;
}

/** An unusual date in words (also the offline app's answer when such an event was typed without signal). */
export function warningText(x: DateWarning, lang: Lang, w: Words = words(lang)): string {
  const day = dayInWords(x.day, lang);
  return x.code === 'far_back' ? w.dateFarBack(day) : w.signatureNonBusinessDay(day, x.weekend ? w.nonBusinessWeekend : w.nonBusinessHoliday);
}

function eventForm(p: CasePageInput, w: Words): Html {
  const f = p.form ?? {};
  const v = (k: string, d = '') => f[k] ?? d;
  const lang = p.lang;
  const { likely, other } = eventChoices({ phase: p.view.phase as Phase, detained: p.view.detained, meetsLiveDeadline: meetsLiveDeadline(p.view) }, FORM_TYPES);
  const option = (t: string) => html`<option value="${t}"${attr(v('type') === t, 'selected')}>${eventLabel(t, lang)}</option>`;
  const warnings = p.warnings ?? [];
  // The fragment scrolls a phone to the warning when the page comes back with one (no script needed).
  return html`<h2>${w.recordEvent}</h2>
<form id="event-form" class="stack card" method="post" action="/cases/${encodeURIComponent(p.view.id)}/events#event-warning">${idempotencyField()}
${warnings.length ? html`<div id="event-warning" class="error" role="alert"><strong>${w.unusualDate}</strong>${warnings.map((x) => html`<p>${warningText(x, lang, w)}</p>`)}
<input type="hidden" name="confirmUnusual" value="${v('date')}"><button class="primary" type="submit" autofocus>${w.confirmAnyway}</button> <span class="muted">${w.changeIt}: ${w.date}</span></div>` : ''}
${field(w.eventType, html`<select id="ev-type" name="type" required><option value="">${w.chooseEvent}</option><optgroup label="${w.likelyEvents}">${likely.map(option)}</optgroup>${other.length ? html`<optgroup label="${w.otherEvents}">${other.map(option)}</optgroup>` : ''}</select>`)}
${field(w.date, html`<input name="date" type="date" required value="${v('date', todayInMexico(new Date()))}">`)}
${field(`${w.time} — ${w.timeHint}`, html`<input name="time" type="time" value="${v('time')}">`)}
${field(w.place, html`<input name="place" value="${v('place')}">`, ['detention_started'])}
${field(catalogue(lang).record.placementKind, html`<select name="kind">${PLACEMENT_KINDS.map((k) => html`<option value="${k}"${attr(v('kind') === k, 'selected')}>${catalogue(lang).record.placementKinds[k]}</option>`)}</select>`, ['placement_changed'])}
${field(w.placement, html`<input name="placement" list="listed-places" autocomplete="off" value="${v('placement')}"><datalist id="listed-places">${(p.places ?? []).map((name) => html`<option value="${name}">`)}</datalist>`, ['placement_changed'])}
${field(w.outcome, html`<select name="outcome">${DECISION_OUTCOMES.map((o) => html`<option value="${o}"${attr(v('outcome') === o, 'selected')}>${otherLabel(o, lang)}</option>`)}</select>`, ['decision_notified'])}
${field(w.closeReason, html`<select name="reason">${CLOSE_REASONS.map((o) => html`<option value="${o}"${attr(v('reason') === o, 'selected')}>${otherLabel(o, lang)}</option>`)}</select>`, ['case_closed'])}
${field(w.interviewAt, html`<input name="interviewDate" type="date" value="${v('interviewDate')}"> <input name="interviewTime" type="time" value="${v('interviewTime')}">`, ['interview_scheduled'])}
${field(w.byRepresentative, html` <input name="byRepresentative" type="checkbox" value="true"${attr(v('byRepresentative') === 'true', 'checked')} style="width:auto">`, ['asylum_claim_filed'])}
${field(w.signatureWeekday, html`<select name="signatureWeekday"><option value=""></option>${WORKDAYS.map((d) => html`<option value="${d}"${attr(v('signatureWeekday') === d, 'selected')}>${weekdayName(d, lang)}</option>`)}</select>`, ['asylum_claim_filed'])}
${field(w.extensionDays, html`<input name="days" type="number" min="1" max="45" value="${v('days')}">`, ['comar_extension_notified'])}
${field(w.ground, html`<select name="ground">${REMOVAL_GROUNDS.map((g) => html`<option value="${g}"${attr(v('ground') === g, 'selected')}>${otherLabel(g, lang)}</option>`)}</select>`, ['removal_or_incommunicado'])}
${recordUpdateFields(v, lang, field)}
${field(w.detentionExit, html`<select name="exit"><option value=""></option>${DETENTION_EXITS.map((g) => html`<option value="${g}"${attr(v('exit') === g, 'selected')}>${otherLabel(g, lang)}</option>`)}</select>`, ['detention_ended', 'child_returned_to_origin'])}
${field(w.breachFollowUp, html`<select name="followUp">${BREACH_FOLLOW_UPS.map((g) => html`<option value="${g}"${attr(v('followUp') === g, 'selected')}>${otherLabel(g, lang)}</option>`)}</select>`, ['breach_followed_up'])}
${field(w.note, html`<textarea name="note" rows="2" maxlength="2000">${v('note')}</textarea>`)}
<button class="primary" type="submit">${w.record}</button></form>
<script>${raw(EVENT_FORM_SCRIPT)}</script>`;
}

function escalateForm(p: CasePageInput, w: Words): Html {
  const live = p.view.deadlines.filter(isLive);
  return html`<form id="escalate-form" class="stack card" method="post" action="/cases/${encodeURIComponent(p.view.id)}/escalations">${idempotencyField()}<h2>${w.escalate}</h2>
${field(w.rule, html`<select name="deadlineId"><option value="">—</option>${live.map((d) => html`<option value="${d.deadlineId}">${ruleText(d.ruleId, p.lang, d.title).title}</option>`)}</select>`)}
${field(w.reason, html`<textarea name="reason" rows="2" required minlength="3" maxlength="2000"></textarea>`)}
<button class="primary" type="submit">${w.escalate}</button></form>`;
}

function reassignForm(p: CasePageInput, w: Words): Html {
  const f = p.form ?? {};
  const chosen = f.userId ?? p.view.assignments.caseworker;
  return html`<form id="reassign-form" class="stack card" method="post" action="/cases/${encodeURIComponent(p.view.id)}/reassign#reassign-form">${idempotencyField()}<h2>${w.reassign}</h2>
<input type="hidden" name="role" value="caseworker">
${field(w.reassignTo, html`<select name="userId" required>${(p.candidates ?? []).map((u) => html`<option value="${u.id}"${attr(u.id === chosen, 'selected')}>${u.name}</option>`)}</select>`)}
${field(w.reassignReason, html`<textarea name="reason" rows="2" required minlength="3" maxlength="2000">${f.reason ?? ''}</textarea>`)}
<button class="primary" type="submit">${w.reassign}</button></form>`;
}
