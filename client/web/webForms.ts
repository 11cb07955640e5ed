/** HTML form fields → the API's request bodies, so the forms are validated by the same schemas. */
import { DateTime } from 'luxon';
import { MX_ZONE } from '../../domain';
import { CaseEventSchema, InstantSchema } from '../../domain/case/events';
import { ApiError } from '../../app/errors';

export type Form = Record<string, string>;

const shapeOf = (type: string) => CaseEventSchema.options.find((o) => o.shape.type.value === type)?.shape as Record<string, unknown> | undefined;

/** The correction form: the day (and, for events that need one, the time) it really happened. */
export function occurredAtFromForm(f: Form, wasInstant: boolean): string {
  const date = (f.date ?? '').trim();
  const time = (f.time ?? '').trim();
  if (!date) throw new ApiError(400, 'invalid_request', 'is required', 'occurredAt');
  if (wasInstant && !time) throw new ApiError(400, 'invalid_request', 'this event needs the time it happened', 'occurredAt');
  return time ? instant(date, time, 'occurredAt') : date;
}

function instant(date: string, time: string, field: string): string {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: MX_ZONE });
  if (!dt.isValid) throw new ApiError(400, 'invalid_request', `'${date} ${time}' is not a date and time`, field);
  return dt.toISO({ suppressMilliseconds: true })!;
}

/** The event form: type, date (+ time for events that need an instant), and the fields of that type only. */
export function eventFromForm(f: Form): Record<string, unknown> {
  const type = f.type ?? '';
  const shape = shapeOf(type);
  if (!shape) return { type };
  const date = (f.date ?? '').trim();
  const time = (f.time ?? '').trim();
  if (!date) throw new ApiError(400, 'invalid_request', 'is required', 'occurredAt');
  if (shape.occurredAt === InstantSchema && !time) throw new ApiError(400, 'invalid_request', 'this event needs the time it happened', 'occurredAt');
  const body: Record<string, unknown> = { type, occurredAt: time ? instant(date, time, 'occurredAt') : date };
  if (f.note?.trim()) body.note = f.note.trim();
  for (const key of ['place', 'placement', 'kind', 'outcome', 'reason', 'role', 'userId', 'ground', 'followUp']) {
    if (key in shape && f[key] !== undefined) body[key] = f[key];
  }
  if ('signatureWeekday' in shape && f.signatureWeekday) body.signatureWeekday = f.signatureWeekday;
  if (type === 'child_record_updated') Object.assign(body, recordUpdateFromForm(f));
  // How a detention ended, if not by channelling to DIF (empty: not said).
  if ('exit' in shape && f.exit) body.exit = f.exit;
  // A number the schema checks (1–45); anything else stays as typed so the error names the field.
  if ('days' in shape && f.days?.trim()) body.days = /^\d+$/.test(f.days.trim()) ? Number(f.days.trim()) : f.days;
  if ('byRepresentative' in shape) body.byRepresentative = f.byRepresentative === 'true';
  if ('interviewAt' in shape) {
    if (!f.interviewDate || !f.interviewTime) throw new ApiError(400, 'invalid_request', 'give the date and the time of the interview', 'interviewAt');
    body.interviewAt = instant(f.interviewDate, f.interviewTime, 'interviewAt');
  }
  return body;
}

/** The overlay form → an overlay as POST /api/overlays takes it. */
export function overlayFromForm(f: Form): Record<string, unknown> {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  return {
    id: f.id?.trim() ?? '',
    kind: f.kind,
    start: f.start,
    end: f.end,
    scope: { agency: f.agency, ...(opt(f.office) ? { office: opt(f.office) } : {}) },
    citation: { dof: f.dof, title: f.title?.trim() ?? '', ...(opt(f.url) ? { url: opt(f.url) } : {}) },
    ...(opt(f.description) ? { description: opt(f.description) } : {}),
  };
}

/** application/x-www-form-urlencoded → a flat record (the last value of a repeated name wins). */
export function parseForm(body: string): Form {
  return Object.fromEntries(new URLSearchParams(body));
}

const given = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);
/** Leaves out the keys of empty inputs, so "not given" reads as absent, exactly like a JSON body without them. */
const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The open-case form → a body as POST /api/cases takes it (fields named as the API names them). */
export function caseFromForm(f: Form): Record<string, unknown> {
  return present({
    caseId: given(f.caseId),
    child: present({
      name: f['child.name'] ?? '',
      birthDate: given(f['child.birthDate']),
      nationality: given(f['child.nationality']),
      ...childRecordFromForm(f),
    }),
    entryDate: given(f.entryDate),
    office: given(f.office),
    fileNumber: given(f.fileNumber),
    organization: given(f.organization),
    assignments: { caseworker: f['assignments.caseworker'] ?? '', supervisor: f['assignments.supervisor'] ?? '', lawyer: f['assignments.lawyer'] ?? '' },
    openedAt: given(f.openedAt),
    duplicateConfirmed: f.duplicateConfirmed === 'true' ? true : undefined,
  });
}

/** A record update: only the inputs given; yes/no selects left on "—" change nothing. */
function recordUpdateFromForm(f: Form): Record<string, unknown> {
  const yesNo = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined);
  const languages = (f.languages ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
  return present({
    familyTracing: given(f.familyTracing),
    accompaniment: given(f.accompaniment),
    languages: languages.length ? languages : undefined,
    interpreterNeeded: yesNo(f.interpreterNeeded),
    ageDisputed: yesNo(f.ageDisputed),
  });
}

/** The child record's inputs (sex, languages, interpreter, accompaniment, tracing, disputed age, identification). */
function childRecordFromForm(f: Form): Record<string, unknown> {
  const languages = (f['child.languages'] ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
  const place = given(f['child.identification.place']);
  const by = given(f['child.identification.by']);
  return present({
    sex: given(f['child.sex']),
    languages: languages.length ? languages : undefined,
    interpreterNeeded: f['child.interpreterNeeded'] === 'true' ? true : undefined,
    accompaniment: given(f['child.accompaniment']),
    familyTracing: given(f['child.familyTracing']),
    ageDisputed: f['child.ageDisputed'] === 'true' ? true : undefined,
    // Both or neither: one alone is sent so the error names the other.
    identification: place || by ? { place: place ?? '', by: by ?? '' } : undefined,
  });
}

/** The add-a-person form → a body as POST /api/users takes it. */
export function newUserFromForm(f: Form): Record<string, unknown> {
  return present({ id: given(f.id), name: f.name ?? '', email: f.email ?? '', role: f.role, language: given(f.language), team: given(f.team) });
}

/**
 * A person's row on the admin page → a body as PATCH /api/users/:id takes it. The team is sent only
 * when it changed (`teamWas`), so saving a role does not rewrite the memberships of someone in two teams.
 */
export function userChangeFromForm(f: Form): Record<string, unknown> {
  const team = f.team === undefined || f.team === f.teamWas ? undefined : f.team === '' ? null : f.team;
  return present({
    role: given(f.role),
    language: given(f.language),
    active: f.active === 'true' ? true : f.active === 'false' ? false : undefined,
    team,
  });
}
