/**
 * The program's numbers: GET /dashboard (page) and its CSV exports for the web session, and the same
 * figures for API clients: GET /api/program, /api/program/deadlines.csv, /api/program/compliance.csv.
 * /api/program answers the figures; `?measures=1` adds every measured item (the compliance CSV's rows).
 * `?names=1` adds children's names to the deadlines export, only for roles allowed to export them, and
 * only with a `reason` (at least 3 characters), kept in the audit row: a list of children's names never
 * leaves on one unguarded click.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertCan } from '../../app/access';
import { ApiError, parseInput } from '../../app/errors';
import { Readable } from 'node:stream';
import { COMPLIANCE_COLUMNS, complianceRows, csvStream, toCsv } from './programCsv';
import { deadlineExportColumns, deadlineExportRecords } from '../../app/program/deadlineExportRecords';
import { currentProgramFigures, programFiguresChanged } from '../../app/program/currentProgramFigures';
import { userOf, type RouteContext } from '../api/routeContext';
import { dashboardPage } from './dashboardPage';
import { langOf, sendHtml } from './webReply';
import { LANGS } from '../../domain/messages/catalogue';
import { CaseListQuerySchema } from '../../app/caseListSchema';

/** `measures=1`: every measured item besides the figures (MBs for the registry; the compliance CSV has them too). */
const ProgramQuerySchema = z.strictObject({ measures: z.enum(['0', '1']).optional() });
const ExportQuerySchema = z.strictObject({ names: z.enum(['0', '1']).optional(), reason: z.string().trim().min(3).max(500).optional(), lang: z.enum(LANGS).optional() });
/** The deadlines export follows the case list's filters (a narrower file is also a quicker one: issue 28). */
const DeadlinesExportQuerySchema = ExportQuerySchema.extend(CaseListQuerySchema.pick({ q: true, phase: true, office: true, caseworker: true }).shape);

export function registerDashboardRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // A write that succeeded may change the figures: the next dashboard counts afresh (currentProgramFigures.ts).
  app.addHook('onSend', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) programFiguresChanged(ctx.db);
  });
  const deadlinesCsv = async (req: FastifyRequest, reply: FastifyReply) => {
    const user = userOf(req);
    assertCan(user, 'view_program');
    const { names, reason, q, phase, office, caseworker } = parseInput(DeadlinesExportQuerySchema, req.query ?? {});
    if (names === '1') {
      assertCan(user, 'export_child_names');
      if (!reason) throw new ApiError(400, 'invalid_request', 'say why (at least 3 characters)', 'reason');
    }
    req.audit = { detail: { export: 'deadlines', names: names === '1', ...(names === '1' ? { reason } : {}), ...(q || phase || office || caseworker ? { filters: { q, phase, office, caseworker } } : {}) } };
    const withNames = names === '1';
    return csv(reply, 'plazo-deadlines.csv', Readable.from(csvStream(deadlineExportRecords(ctx.db, user, withNames, { q, phase, office, caseworker }), deadlineExportColumns(withNames))));
  };
  const complianceCsv = async (req: FastifyRequest, reply: FastifyReply) => {
    const user = userOf(req);
    assertCan(user, 'view_program');
    parseInput(ExportQuerySchema, req.query ?? {});
    req.audit = { detail: { export: 'compliance' } };
    return csv(reply, 'plazo-compliance.csv', toCsv(complianceRows((await currentProgramFigures(ctx.db, user, ctx.figures)).whole()), COMPLIANCE_COLUMNS));
  };

  app.get('/dashboard', { config: { auth: 'web', action: 'web.dashboard' } }, async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'view_program');
    return sendHtml(reply, dashboardPage(user, langOf(req, reply), (await currentProgramFigures(ctx.db, user, ctx.figures)).summary));
  });
  app.get('/dashboard/deadlines.csv', { config: { auth: 'web', action: 'program.export' } }, deadlinesCsv);
  app.get('/dashboard/compliance.csv', { config: { auth: 'web', action: 'program.export' } }, complianceCsv);

  app.get('/api/program', { config: { auth: 'api', action: 'program.read' } }, async (req) => {
    const user = userOf(req);
    assertCan(user, 'view_program');
    const { measures } = parseInput(ProgramQuerySchema, req.query ?? {});
    const figures = await currentProgramFigures(ctx.db, user, ctx.figures);
    return measures === '1' ? figures.whole() : figures.summary;
  });
  app.get('/api/program/deadlines.csv', { config: { auth: 'api', action: 'program.export' } }, deadlinesCsv);
  app.get('/api/program/compliance.csv', { config: { auth: 'api', action: 'program.export' } }, complianceCsv);
}

const csv = (reply: FastifyReply, file: string, body: string | Readable) =>
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store').send(body);
