/**
 * Demo data for `make demo`: the people of a small organization with their API tokens, a team, and
 * cases at every phase recorded through the real API with events dated in the past, so the deadlines
 * are realistic relative to today. Idempotent: a case that exists is left alone; tokens are kept in
 * .data/demo-tokens.json (the database holds only their hashes) and printed on every start.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { PayloadCodec } from '@temporalio/common';
import { apiTokenId, issueApiToken, newToken } from '../app/auth';
import { issueFeedLink } from '../app/calendar/feedLink';
import type { Db } from '../db/database';
import type { UserRole } from '../db/schema';
import type { Lang } from '../domain/messages/catalogue';
import { todayInMexico } from '../domain/time/instant';

export const DEMO_PEOPLE: { id: string; name: string; email: string; role: UserRole; language: Lang }[] = [
  { id: 'cw-ana', name: 'Ana Morales', email: 'ana.morales@plazo.demo', role: 'caseworker', language: 'es' },
  { id: 'cw-luis', name: 'Luis Hernández', email: 'luis.hernandez@plazo.demo', role: 'caseworker', language: 'en' },
  { id: 'sup-beto', name: 'Roberto Salas', email: 'roberto.salas@plazo.demo', role: 'supervisor', language: 'es' },
  { id: 'law-carla', name: 'Carla Ruiz', email: 'carla.ruiz@plazo.demo', role: 'lawyer', language: 'es' },
  { id: 'dir-dora', name: 'Dora Jiménez', email: 'dora.jimenez@plazo.demo', role: 'director', language: 'en' },
  { id: 'adm-eva', name: 'Eva Castillo', email: 'eva.castillo@plazo.demo', role: 'admin', language: 'en' },
];

/** Today minus n days in Mexico City, YYYY-MM-DD. */
const daysAgo = (n: number) => todayInMexico(Date.now() - n * 86_400_000);
const hoursAgo = (n: number) => new Date(Date.now() - n * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const yearsAgo = (years: number, plusDays: number) => {
  const d = new Date(`${todayInMexico(Date.now() + plusDays * 86_400_000)}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

interface DemoCase {
  caseId: string;
  who: 'ana' | 'luis';
  intake: { child: { name: string; birthDate?: string; nationality?: string }; entryDate?: string; office?: string };
  events: Record<string, unknown>[];
}

const team = { ana: { caseworker: 'cw-ana', supervisor: 'sup-beto', lawyer: 'law-carla' }, luis: { caseworker: 'cw-luis', supervisor: 'sup-beto', lawyer: 'law-carla' } };

/** One case per phase, plus a detention, a COMAR extension and an overdue case. */
export function demoCases(): DemoCase[] {
  return [
    { caseId: 'DEMO-01', who: 'ana', intake: { child: { name: 'Josué Ramírez', birthDate: yearsAgo(15, 40), nationality: 'Honduras' }, entryDate: daysAgo(4), office: 'CDMX' }, events: [] },
    {
      caseId: 'DEMO-02', who: 'ana',
      intake: { child: { name: 'Wendy Pérez', birthDate: yearsAgo(13, 100), nationality: 'Guatemala' }, entryDate: daysAgo(9), office: 'CDMX' },
      events: [{ type: 'procuraduria_notified', occurredAt: daysAgo(7), note: 'Aviso a la PFPNNA por correo oficial' }],
    },
    {
      caseId: 'DEMO-03', who: 'luis',
      intake: { child: { name: 'Daniela Cruz', birthDate: yearsAgo(16, 200), nationality: 'El Salvador' }, entryDate: daysAgo(75), office: 'CDMX' },
      events: [
        { type: 'procuraduria_notified', occurredAt: daysAgo(73) },
        { type: 'bid_issued', occurredAt: daysAgo(52), note: 'La PFPNNA recomienda solicitar refugio y alojamiento en el DIF' },
        { type: 'asylum_claim_filed', occurredAt: daysAgo(60), note: 'Solicitud presentada en la COMAR CDMX' },
        { type: 'comar_extension_notified', occurredAt: daysAgo(5), note: 'Oficio de ampliación del plazo (art. 24 LRPCAP)' },
        { type: 'weekly_signature_recorded', occurredAt: daysAgo(2) },
      ],
    },
    {
      caseId: 'DEMO-04', who: 'ana',
      intake: { child: { name: 'Kevin Martínez', birthDate: yearsAgo(16, 20), nationality: 'Honduras' }, entryDate: daysAgo(20), office: 'Tapachula' },
      events: [
        { type: 'asylum_claim_filed', occurredAt: daysAgo(14) },
        { type: 'detention_started', occurredAt: hoursAgo(9), place: 'Estación Migratoria Siglo XXI, Tapachula', note: 'Detenido en un operativo; la madre avisó por teléfono' },
      ],
    },
    {
      caseId: 'DEMO-05', who: 'luis',
      intake: { child: { name: 'Alejandra Gómez', birthDate: yearsAgo(15, 300), nationality: 'Venezuela' }, entryDate: daysAgo(100), office: 'CDMX' },
      events: [
        { type: 'asylum_claim_filed', occurredAt: daysAgo(90) },
        { type: 'decision_notified', occurredAt: daysAgo(6), outcome: 'denied', note: 'Resolución negativa notificada en persona' },
      ],
    },
    {
      caseId: 'DEMO-06', who: 'ana',
      intake: { child: { name: 'Mateo Flores', birthDate: yearsAgo(14, 150), nationality: 'Nicaragua' }, entryDate: daysAgo(150), office: 'CDMX' },
      events: [
        { type: 'asylum_claim_filed', occurredAt: daysAgo(140) },
        { type: 'decision_notified', occurredAt: daysAgo(16), outcome: 'denied' },
        { type: 'recurso_revision_filed', occurredAt: daysAgo(9), note: 'Recurso presentado por la abogada' },
      ],
    },
    {
      caseId: 'DEMO-07', who: 'luis',
      intake: { child: { name: 'Lucía Torres', birthDate: yearsAgo(18, 80), nationality: 'Haití' }, entryDate: daysAgo(200), office: 'CDMX' },
      events: [
        { type: 'asylum_claim_filed', occurredAt: daysAgo(190) },
        { type: 'decision_notified', occurredAt: daysAgo(40), outcome: 'recognized' },
        { type: 'placement_changed', occurredAt: daysAgo(12), kind: 'dif_shelter', placement: 'Casa hogar del DIF CDMX' },
      ],
    },
    {
      caseId: 'DEMO-08', who: 'ana',
      intake: { child: { name: 'Brayan López', birthDate: yearsAgo(14, 10), nationality: 'Honduras' }, entryDate: daysAgo(55), office: 'CDMX' },
      events: [{ type: 'procuraduria_notified', occurredAt: daysAgo(50) }],
    },
    {
      caseId: 'DEMO-09', who: 'ana',
      intake: { child: { name: 'Sofía Reyes', birthDate: yearsAgo(12, 60), nationality: 'Guatemala' }, entryDate: daysAgo(300), office: 'CDMX' },
      events: [
        { type: 'asylum_claim_filed', occurredAt: daysAgo(290) },
        { type: 'decision_notified', occurredAt: daysAgo(100), outcome: 'recognized' },
        { type: 'case_closed', occurredAt: daysAgo(20), reason: 'reunified', note: 'Reunificada con su madre en Monterrey' },
      ],
    },
  ];
}

export interface DemoPerson {
  id: string;
  name: string;
  /** Typed on the login page to get a sign-in link (it arrives in the mail catcher). */
  email: string;
  role: string;
  language: string;
  token: string;
  calendarUrl: string;
}

interface TokenFile {
  [userId: string]: { api: string; calendar: string };
}

/** One API call as a demo person (by id): the demo sends their token, a test its own for the same id. */
export type DemoCall = (personId: string, method: string, path: string, body?: unknown) => Promise<{ status: number; json: { error?: { field: string | null; message: string } } }>;

/**
 * Opens the demo's cases through the API, each event recorded by its caseworker, and the supervisor's
 * escalation of the overdue case; a case that exists is left alone. How many were opened.
 */
export async function openDemoCases(call: DemoCall): Promise<number> {
  let opened = 0;
  for (const c of demoCases()) {
    // Fixed ids keep the demo's links stable, and only an admin chooses a case id.
    const r = await call('adm-eva', 'POST', '/api/cases', { caseId: c.caseId, ...c.intake, assignments: team[c.who] });
    if (r.status === 409) continue; // seeded on an earlier start
    if (r.status !== 201) throw new Error(`demo case ${c.caseId}: ${r.status} ${JSON.stringify(r.json)}`);
    for (const e of c.events) {
      const ev = await call(team[c.who].caseworker, 'POST', `/api/cases/${c.caseId}/events`, e);
      if (ev.status !== 200) throw new Error(`demo case ${c.caseId}, event ${String(e.type)}: ${ev.status} ${ev.json.error?.field}: ${ev.json.error?.message}`);
    }
    opened += 1;
    if (c.caseId === 'DEMO-08') {
      // The supervisor escalates the overdue case by hand, so the inbox shows one.
      const esc = await call('sup-beto', 'POST', '/api/cases/DEMO-08/escalations', {
        deadlineId: 'bid_issued',
        reason: 'La Procuraduría no ha emitido la determinación: pedir cita con la titular esta semana',
      });
      if (esc.status !== 201) throw new Error(`demo escalation: ${esc.status} ${JSON.stringify(esc.json)}`);
    }
  }
  return opened;
}

export async function seedDemo(opts: { db: Db; codec: PayloadCodec; apiUrl: string; publicUrl: string; tokenFile: string; log: (line: string) => void }): Promise<DemoPerson[]> {
  const { db } = opts;
  for (const p of DEMO_PEOPLE) {
    await db.insertInto('users').values(p).onConflict((oc) => oc.column('id').doUpdateSet({ name: p.name, email: p.email, role: p.role, language: p.language })).execute();
  }
  await db.insertInto('teams').values({ id: 'equipo-cdmx', name: 'Equipo CDMX', supervisor_id: 'sup-beto' }).onConflict((oc) => oc.column('id').doNothing()).execute();
  await db
    .insertInto('team_members')
    .values([{ team_id: 'equipo-cdmx', user_id: 'cw-ana' }, { team_id: 'equipo-cdmx', user_id: 'cw-luis' }])
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute();

  const stored: TokenFile = existsSync(opts.tokenFile) ? JSON.parse(readFileSync(opts.tokenFile, 'utf8')) : {};
  for (const p of DEMO_PEOPLE) stored[p.id] ??= { api: newToken(), calendar: newToken('plzcal') };
  writeFileSync(opts.tokenFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
  for (const p of DEMO_PEOPLE) {
    await issueApiToken(db, p.id, 'demo', stored[p.id]!.api);
    // Sealed like a link made on the page, so /cases shows it; it lives as long as the person's demo token.
    await issueFeedLink(db, opts.codec, opts.publicUrl, p.id, (await apiTokenId(db, stored[p.id]!.api))!, stored[p.id]!.calendar);
  }

  const call: DemoCall = async (personId, method, path, body) => {
    const res = await fetch(`${opts.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${stored[personId]!.api}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { error?: { field: string | null; message: string } } };
  };
  const opened = await openDemoCases(call);
  // A DOF closure added by the admin, so the overlays page shows which cases it moved.
  const closure = await call('adm-eva', 'POST', '/api/overlays', {
    id: 'demo-comar-cdmx-cierre',
    kind: 'closure',
    start: daysAgo(-7),
    end: daysAgo(-11),
    scope: { agency: 'COMAR', office: 'CDMX' },
    citation: { dof: daysAgo(1), title: 'DEMO (ficticio): acuerdo por el que se declaran inhábiles cinco días en la oficina de la COMAR en la Ciudad de México' },
    description: 'Demo data: not a real DOF acuerdo',
  });
  if (closure.status !== 201 && closure.status !== 409) throw new Error(`demo overlay: ${closure.status} ${JSON.stringify(closure.json)}`);
  opts.log(opened ? `seeded ${opened} demo cases and a DOF closure through the API` : 'demo cases already there (left as they are)');
  return DEMO_PEOPLE.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    language: p.language,
    token: stored[p.id]!.api,
    calendarUrl: `${opts.publicUrl}/calendar/${stored[p.id]!.calendar}.ics`,
  }));
}

/** One line per person: name, email (to sign in by link), role, language and token side by side. */
export function demoPeopleLines(people: DemoPerson[]): string {
  const width = Math.max(...people.map((p) => p.email.length));
  return people.map((p) => `  ${p.name.padEnd(16)} ${p.email.padEnd(width)}  ${p.role.padEnd(10)} ${p.language}  ${p.token}`).join('\n');
}
