/**
 * `plazo case open | event | show` and `plazo deadlines`: the API from the command line. Bodies are
 * checked with the API's schemas first and the API checks them again, so messages are the same.
 */
import type { Command } from 'commander';
import { CorrectionBodySchema, EventBodySchema, OpenCaseBodySchema, VoidBodySchema, type CaseView, type DeadlineListItem, type DeadlineView, type TimelineEntryView } from '../../app/schemas';
import { ApiClient, checkBody, type ApiOptions } from './apiClient';
import { printJson, table, type CliIo } from './io';
import { catalogue, eventLabel, statusLabel, type Lang } from '../../domain/messages/catalogue';
import { piecesText } from '../../domain/messages/timelineDetailText';
import { caseTimeline } from '../../app/caseTimeline';
import { timelineContext, timelineRowText } from '../../app/timelineRowText';
import { fmtWhen, todayInMexico } from '../../domain/messages/dateWords';
import { cliLang, ruleTitle } from './localFormat';

const apiOptions = (cmd: Command) =>
  cmd
    .option('--api <url>', 'API address (default: PLAZO_API_URL or http://localhost:3000)')
    .option('--token <token>', 'your API token (default: PLAZO_TOKEN)')
    .option('--json', 'print the API answer as JSON')
    .option('--lang <es|en>', 'language of titles and dates (default: PLAZO_LANG or es)');

type Common = ApiOptions & { json?: boolean; lang?: string };

export function deadlineTable(deadlines: (DeadlineView & { childName?: string })[], withCase: boolean, lang: Lang): string {
  if (deadlines.length === 0) return '(no deadlines)';
  return table([
    [...(withCase ? ['case'] : []), 'deadline', 'status', 'due', 'left', 'citation'],
    ...deadlines.map((d) => [
      ...(withCase ? [d.caseId] : []),
      ruleTitle(d.ruleId, d.title, lang),
      statusLabel(d.status, lang) + (d.late ? ` (${catalogue(lang).page.lateShort})` : ''),
      d.unit === 'hours' ? fmtWhen(d.dueInstant, lang, 'cli') : fmtWhen(d.due, lang, 'cli') + (d.dueLatest !== d.due ? ` (${catalogue(lang).cli.latest} ${fmtWhen(d.dueLatest, lang, 'cli')})` : ''),
      d.remaining?.text ?? '',
      d.citation,
    ]),
  ]);
}

/** People read the case; the Temporal UI is an operator's tool (admins), so its link is not printed here. */
function caseText(c: CaseView, lang: Lang): string {
  return [
    `case:        ${c.id} · ${c.child.name}${c.detained ? ' · DETAINED' : ''}`,
    `phase:       ${c.phase}${c.closedAt ? ` (closed ${fmtWhen(c.closedAt, lang, 'cli')}: ${c.closeReason})` : ''}`,
    `assignments: caseworker ${c.assignments.caseworker} · supervisor ${c.assignments.supervisor} · lawyer ${c.assignments.lawyer}`,
    ...recordLines(c, lang),
    '',
    deadlineTable(c.deadlines, false, lang),
  ].join('\n');
}

/** The child's record and placements, in the reader's language (only what was recorded). */
function recordLines(c: CaseView, lang: Lang): string[] {
  const r = catalogue(lang).record;
  const k = c.child;
  const parts = [
    k.sex && `${r.sex}: ${r.sexes[k.sex] ?? k.sex}`,
    k.languages.length > 0 && `${r.languages}: ${k.languages.join(', ')}${k.interpreterNeeded ? ` (${r.interpreterNeeded})` : ''}`,
    k.accompaniment && `${r.accompaniment}: ${r.accompaniments[k.accompaniment] ?? k.accompaniment}`,
    k.familyTracing && `${r.familyTracing}: ${r.familyTracingStates[k.familyTracing] ?? k.familyTracing}`,
    k.ageDisputed && r.ageDisputedFlag,
    k.identification && `${r.identifiedAt}: ${k.identification.place} · ${r.identifiedBy}: ${r.identifiers[k.identification.by] ?? k.identification.by}`,
  ].filter((x): x is string => typeof x === 'string');
  const placements = c.placements.map((p) => `  ${p.place} · ${p.kind ? (r.placementKinds[p.kind] ?? p.kind) : '—'} · ${r.since} ${fmtWhen(p.from, lang, 'cli')} ${r.until} ${p.until ? fmtWhen(p.until, lang, 'cli') : r.now}`);
  return [...(parts.length ? [`record:      ${parts.join(' · ')}`] : []), ...(placements.length ? [`${r.placements.toLowerCase()}:`, ...placements] : [])];
}

export function registerCaseCommands(program: Command, io: CliIo): void {
  const kase = program.command('case').description('open a case, record an event, show a case (through the API)');

  apiOptions(
    kase
      .command('open')
      .description('open a case and start its workflow')
      .requiredOption('--child-name <name>', "the child's name")
      .option('--birth-date <date>', 'YYYY-MM-DD')
      .option('--nationality <country>')
      .option('--entry-date <date>', 'entry into Mexico, YYYY-MM-DD, if known')
      .option('--office <office>')
      .option('--organization <name>')
      .requiredOption('--caseworker <user-id>')
      .requiredOption('--supervisor <user-id>')
      .requiredOption('--lawyer <user-id>')
      .option('--file-number <number>', "your organization's own file number (expediente)")
      .option('--case-id <id>', 'chosen by the server when absent; only an admin may choose one')
      .option('--opened-at <when>', 'date or ISO instant (default: now)')
      .option('--sex <sex>', 'female | male | other | not_recorded')
      .option('--languages <list>', 'languages the child speaks, separated by commas')
      .option('--interpreter-needed', 'the child needs an interpreter')
      .option('--accompaniment <status>', 'unaccompanied | separated | accompanied')
      .option('--family-tracing <status>', 'not_started | in_progress | family_located | not_located | not_applicable')
      .option('--age-disputed', 'the stated age is disputed (a birth date making the person 18 or more is then kept, flagged)')
      .option('--identified-at <place>', 'where the child was identified')
      .option('--identified-by <who>', 'inm | dif | procuraduria | comar | ngo | police | other')
      .option('--duplicate-confirmed', 'it is another child, not the likely duplicate the API warned of'),
  ).action(async (o: Common & Record<string, string | undefined>) => {
    const lang = cliLang(o.lang); // checked before anything is sent
    const record = {
      ...(o.sex ? { sex: o.sex } : {}),
      ...(o.languages ? { languages: o.languages.split(',').map((l) => l.trim()).filter((l) => l !== '') } : {}),
      ...(o.interpreterNeeded ? { interpreterNeeded: true } : {}),
      ...(o.accompaniment ? { accompaniment: o.accompaniment } : {}),
      ...(o.familyTracing ? { familyTracing: o.familyTracing } : {}),
      ...(o.ageDisputed ? { ageDisputed: true } : {}),
      ...(o.identifiedAt || o.identifiedBy ? { identification: { place: o.identifiedAt ?? '', by: o.identifiedBy ?? '' } } : {}),
    };
    const body = checkBody(OpenCaseBodySchema, {
      ...(o.caseId ? { caseId: o.caseId } : {}),
      ...(o.duplicateConfirmed ? { duplicateConfirmed: true } : {}),
      child: { name: o.childName, ...(o.birthDate ? { birthDate: o.birthDate } : {}), ...(o.nationality ? { nationality: o.nationality } : {}), ...record },
      ...(o.entryDate ? { entryDate: o.entryDate } : {}),
      ...(o.office ? { office: o.office } : {}),
      ...(o.fileNumber ? { fileNumber: o.fileNumber } : {}),
      ...(o.organization ? { organization: o.organization } : {}),
      assignments: { caseworker: o.caseworker, supervisor: o.supervisor, lawyer: o.lawyer },
      ...(o.openedAt ? { openedAt: o.openedAt } : {}),
    });
    const opened = await new ApiClient(o).request<{ id: string; workflowId: string; case: CaseView | null }>('POST', '/api/cases', body);
    if (o.json) return printJson(io, opened);
    io.out(`opened ${opened.id} (workflow ${opened.workflowId})`);
    if (opened.case) io.out(caseText(opened.case, lang));
  });

  apiOptions(
    kase
      .command('event')
      .description('record an event on a case (e.g. asylum_claim_filed); prints the new state')
      .argument('<case-id>')
      .argument('<type>', 'event type, e.g. asylum_claim_filed, detention_started, decision_notified')
      .option('--occurred-at <when>', 'when it happened: YYYY-MM-DD or an ISO instant with offset (default: today)')
      .option('--note <text>')
      .option('--place <place>', 'detention_started')
      .option('--placement <placement>', 'placement_changed: the place')
      .option('--kind <kind>', 'placement_changed: dif_shelter | cas | family | ngo_shelter')
      .option('--outcome <outcome>', 'decision_notified: recognized | complementary_protection | denied | abandoned')
      .option('--reason <reason>', 'case_closed')
      .option('--role <role>', 'assignment_changed: caseworker | supervisor | lawyer')
      .option('--user-id <id>', 'assignment_changed')
      .option('--interview-at <instant>', 'interview_scheduled')
      .option('--by-representative', 'asylum_claim_filed by a representative')
      .option('--signature-weekday <day>', 'asylum_claim_filed: the weekday COMAR assigned for signing (Monday … Friday)')
      .option('--days <n>', 'comar_extension_notified: business days the extension grants (1–45; default 45)')
      .option('--ground <ground>', 'removal_or_incommunicado: deportation | assisted_return | incommunicado_detention')
      .option('--exit <how>', 'detention_ended without channelling to DIF: released | returned | deported; child_returned_to_origin: returned | deported')
      .option('--follow-up <what>', 'breach_followed_up: child_located | complaint_filed')
      .option('--family-tracing <status>', 'child_record_updated: not_started | in_progress | family_located | not_located | not_applicable')
      .option('--accompaniment <status>', 'child_record_updated: unaccompanied | separated | accompanied')
      .option('--languages <list>', 'child_record_updated: languages, separated by commas')
      .option('--interpreter-needed <yes|no>', 'child_record_updated')
      .option('--age-disputed <yes|no>', 'child_record_updated'),
  ).action(async (caseId: string, type: string, o: Common & Record<string, string | boolean | undefined>) => {
    const lang = cliLang(o.lang as string | undefined); // checked before anything is sent
    const extras: Record<string, unknown> = {};
    for (const key of ['note', 'place', 'placement', 'kind', 'outcome', 'reason', 'role', 'userId', 'interviewAt', 'signatureWeekday', 'ground', 'exit', 'followUp'] as const) if (o[key] !== undefined) extras[key] = o[key];
    if (o.byRepresentative) extras.byRepresentative = true;
    for (const key of ['familyTracing', 'accompaniment'] as const) if (o[key] !== undefined) extras[key] = o[key];
    if (typeof o.languages === 'string') extras.languages = o.languages.split(',').map((l) => l.trim()).filter((l) => l !== '');
    // yes/no as booleans; anything else stays as typed so the error names the field.
    for (const key of ['interpreterNeeded', 'ageDisputed'] as const) if (o[key] !== undefined) extras[key] = o[key] === 'yes' ? true : o[key] === 'no' ? false : o[key];
    // A number the schema checks (1–45): anything else stays as typed, so the error names the field.
    if (o.days !== undefined) extras.days = /^\d+$/.test(String(o.days)) ? Number(o.days) : o.days;
    const body = checkBody(EventBodySchema, { type, occurredAt: (o.occurredAt as string | undefined) ?? todayInMexico(Date.now()), ...extras });
    const state = await new ApiClient(o).request<CaseView>('POST', `/api/cases/${encodeURIComponent(caseId)}/events`, body);
    if (o.json) return printJson(io, state);
    io.out(`recorded ${type} on ${caseId}`);
    io.out(caseText(state, lang));
  });

  apiOptions(
    kase
      .command('correct')
      .description('correct a recorded event (same type; its date or details), with a reason: its deadlines are recounted')
      .argument('<case-id>')
      .argument('<seq>', "the event's number on the timeline (plazo case show --timeline)")
      .requiredOption('--why <reason>', 'why it is corrected (kept on the timeline and in the audit log)')
      .option('--occurred-at <when>', 'when it really happened: YYYY-MM-DD or an ISO instant with offset')
      .option('--note <text>')
      .option('--place <place>')
      .option('--placement <placement>')
      .option('--kind <kind>', 'placement_changed: dif_shelter | cas | family | ngo_shelter')
      .option('--outcome <outcome>')
      .option('--role <role>')
      .option('--user-id <id>')
      .option('--interview-at <instant>')
      .option('--by-representative'),
  ).action(async (caseId: string, seq: string, o: Common & Record<string, string | boolean | undefined>) => {
    const client = new ApiClient(o);
    const timeline = await client.request<TimelineEntryView[]>('GET', `/api/cases/${encodeURIComponent(caseId)}/timeline`);
    const original = timeline.find((t) => String(t.seq) === seq);
    if (!original) throw new Error(`seq: no entry #${seq} on ${caseId}`);
    const extras: Record<string, unknown> = {};
    for (const key of ['note', 'place', 'placement', 'kind', 'outcome', 'role', 'userId', 'interviewAt'] as const) if (o[key] !== undefined) extras[key] = o[key];
    if (o.byRepresentative) extras.byRepresentative = true;
    const body = checkBody(CorrectionBodySchema, { reason: o.why, event: { type: original.type, occurredAt: (o.occurredAt as string | undefined) ?? original.at, ...extras } });
    const state = await client.request<CaseView>('POST', `/api/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(seq)}/correct`, body);
    if (o.json) return printJson(io, state);
    io.out(`corrected #${seq} (${original.type}) on ${caseId}`);
    io.out(caseText(state, cliLang(o.lang as string | undefined)));
  });

  apiOptions(
    kase
      .command('void')
      .description('void a recorded event, with a reason: what it opened is cancelled, the rest recounted')
      .argument('<case-id>')
      .argument('<seq>', "the event's number on the timeline")
      .requiredOption('--why <reason>', 'why it is voided'),
  ).action(async (caseId: string, seq: string, o: Common & { why: string }) => {
    const body = checkBody(VoidBodySchema, { reason: o.why });
    const state = await new ApiClient(o).request<CaseView>('POST', `/api/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(seq)}/void`, body);
    if (o.json) return printJson(io, state);
    io.out(`voided #${seq} on ${caseId}`);
    io.out(caseText(state, cliLang(o.lang)));
  });

  apiOptions(kase.command('show').description('a case with its deadlines').argument('<case-id>').option('--timeline', 'also print the timeline')).action(
    async (caseId: string, o: Common & { timeline?: boolean }) => {
      const lang = cliLang(o.lang);
      const client = new ApiClient(o);
      const c = await client.request<CaseView>('GET', `/api/cases/${encodeURIComponent(caseId)}`);
      const path = `/api/cases/${encodeURIComponent(caseId)}/timeline`;
      const [timeline, people] = o.timeline ? await Promise.all([client.request<TimelineEntryView[]>('GET', path), client.request<Record<string, string>>('GET', `${path}/people`)]) : [];
      if (o.json) return printJson(io, timeline ? { ...c, timeline } : c);
      io.out(caseText(c, lang));
      if (timeline) {
        io.out('');
        // The rows the page and the constancia show (app/timelineRowText.ts): people by name, in the reader's language, on Mexico City's clock.
        const nameOf = (id: string) => (id === 'system' ? 'Plazo' : (people?.[id] ?? id));
        const words = timelineContext(lang, nameOf, 'cli');
        const rows = caseTimeline(timeline, c.deadlines).map((r) => {
          const text = timelineRowText(r, lang, words);
          const what = `${eventLabel(r.entry.type, lang)}: ${piecesText(text.what, lang)}${text.mark ? ` [${text.mark}]` : ''}`;
          return [String(r.entry.seq), piecesText(text.when, lang), nameOf(r.entry.by), what];
        });
        io.out(table([['#', 'happened', 'by', 'what'], ...rows]));
      }
    },
  );

  apiOptions(program.command('deadlines').description('your upcoming and overdue deadlines').option('--within <n>d', 'how far ahead, e.g. 14d', '14d')).action(
    async (o: Common & { within: string }) => {
      const lang = cliLang(o.lang);
      const list = await new ApiClient(o).allPages<DeadlineListItem>(`/api/deadlines?within=${encodeURIComponent(o.within)}&limit=500`);
      if (o.json) return printJson(io, list);
      io.out(deadlineTable(list, true, lang));
    },
  );
}
