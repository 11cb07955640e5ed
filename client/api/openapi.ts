/** The OpenAPI 3.1 document of the API, served at /api/openapi.json. Schemas come from the same zod definitions that validate. */
import { DEADLINES_PAGE_LIMIT } from '../../app/deadlineCursor';
import { PHASES } from '../../domain/case/events';
import { z } from 'zod';
import { LocalDateSchema } from '../../domain/validation';
import { ClosureYearSchema } from '../../domain/closures/closureYear';
import { ADMIN_LIST_NAMES } from '../../domain/lists/lists';
import {
  CASES_PAGE_LIMIT,
  AcknowledgeBodySchema,
  WithdrawAckBodySchema,
  CorrectionBodySchema,
  OverlayCorrectionBodySchema,
  VoidBodySchema,
  CalendarLinkSchema,
  CaseSummarySchema,
  CaseViewSchema,
  DeadlineListItemSchema,
  ErrorSchema,
  EscalationBodySchema,
  EventBodySchema,
  OpenCaseBodySchema,
  OpenedCaseSchema,
  OverlayAddedSchema,
  OverlayBodySchema,
  OverlayViewSchema,
  TimelineEntryViewSchema,
  WITHIN_PATTERN,
  MAX_SEQ,
} from '../../app/schemas';
import { ImportRequestSchema, IMPORT_BODY_LIMIT } from '../../app/import/importRequest';
import { ImportAnswerSchema } from '../../app/import/importAnswer';
import { ImportRunStartedSchema, ImportRunViewSchema } from '../../app/import/importRuns';
import { CaseDryRunSchema, PackDecisionBodySchema, PackUpdateBodySchema, PackUpdateProgressSchema, PackUpdateStartedSchema } from '../../app/rulePacks/packSchemas';
import { CalendarFeedRevokedSchema, EmailSchema, IssuedTokenSchema, NewTokenBodySchema, NewUserBodySchema, TeamViewSchema, TokenViewSchema, UpdateUserBodySchema, UserViewSchema } from '../../app/userSchemas';

/** A date that exists, YYYY-MM-DD: zod's own ISO-date pattern (leap years included), what LocalDateSchema's refine checks. */
const LOCAL_DATE = { format: 'date', pattern: (z.toJSONSchema(z.iso.date()) as { pattern: string }).pattern };

function schema(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    // A refine has no JSON Schema: say what LocalDateSchema accepts, so the document is as strict as the server.
    override: (ctx) => {
      if (ctx.zodSchema === LocalDateSchema) Object.assign(ctx.jsonSchema, LOCAL_DATE);
      // Trimmed and lower-cased, then checked as an email (the trim is why there is no pattern here).
      if (ctx.zodSchema === EmailSchema && io === 'input') ctx.jsonSchema.format = 'email';
    },
  }) as Record<string, unknown>;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const jsonArray = (name: string) => ({ content: { 'application/json': { schema: { type: 'array', items: ref(name) } } } });
const error = (description: string) => ({ description, ...json('Error') });
/** A retried write with the same key runs once and answers the first result (app/idempotency.ts). */
const deadlineIdParam = { name: 'id', in: 'path', required: true, description: "'<caseId>:<deadlineId>' with '#' as '.', e.g. C-1:weekly_signature.3", schema: { type: 'string' } };
const packVersion = { name: 'version', in: 'path', required: true, description: "a rule pack, e.g. mx-2026.2", schema: { type: 'string' } };
const seqParam = { name: 'seq', in: 'path', required: true, description: "the event's number on the timeline", schema: { type: 'integer', minimum: 1, maximum: MAX_SEQ } };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'any 1–200 visible ASCII characters; the same key again answers the first result', schema: { type: 'string', maxLength: 200 } };
const errors = {
  '400': error('malformed JSON, unknown field, wrong type, missing field: `field` names it'),
  '401': error('missing or invalid bearer token'),
  '403': error("the caller's role does not allow this"),
  '404': error('unknown id, or a case the caller may not see'),
  '413': error('body larger than 64 KiB'),
  '415': error('body is not application/json'),
  '405': error('the path has no such method (the Allow header lists those it has)'),
  '429': error('too many failed sign-ins from this address (Retry-After says when to try again)'),
};
const importFormat = { name: 'format', in: 'query', required: false, description: 'csv: the report to download (Spanish), instead of JSON', schema: { type: 'string', enum: ['json', 'csv'] } };
const importAnswerContent = { content: { 'application/json': { schema: ref('ImportAnswer') }, 'text/csv': { schema: { type: 'string' } } } };
const importErrors = {
  '409': error('likely_duplicate: a row is likely a case the caller cannot see (same file number)'),
  '422': error('the file is not a readable .xlsx or .csv, is empty, or a mapping names a header the sheet lacks: `field` names it'),
};
const listName = { name: 'list', in: 'path', required: true, schema: { type: 'string', enum: ADMIN_LIST_NAMES } };
const userId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[\\w.@-]{1,100}$' } };
const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } };

export function openApiDocument(publicUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plazo API',
      version: '1.0.0',
      description:
        'The legal deadlines of migrant children\'s cases in Mexico. Every request carries `Authorization: Bearer <token>`. ' +
        'Errors are `{ "error": { "code", "message", "field" } }`. Writes answer once the read model shows them.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        OpenCase: schema(OpenCaseBodySchema, 'input'),
        CaseEvent: schema(EventBodySchema, 'input'),
        Escalation: schema(EscalationBodySchema, 'input'),
        Acknowledge: schema(AcknowledgeBodySchema, 'input'),
        WithdrawAcknowledgement: schema(WithdrawAckBodySchema, 'input'),
        EventCorrection: schema(CorrectionBodySchema, 'input'),
        OverlayCorrection: schema(OverlayCorrectionBodySchema, 'input'),
        Reason: schema(VoidBodySchema, 'input'),
        OverlayInput: schema(OverlayBodySchema, 'input'),
        ClosureYear: schema(ClosureYearSchema, 'input'),
        Case: schema(CaseViewSchema, 'output'),
        CaseSummary: schema(CaseSummarySchema, 'output'),
        OpenedCase: schema(OpenedCaseSchema, 'output'),
        TimelineEntry: schema(TimelineEntryViewSchema, 'output'),
        DeadlineListItem: schema(DeadlineListItemSchema, 'output'),
        Overlay: schema(OverlayViewSchema, 'output'),
        OverlayAdded: schema(OverlayAddedSchema, 'output'),
        PackUpdateInput: schema(PackUpdateBodySchema, 'input'),
        PackDecision: schema(PackDecisionBodySchema, 'input'),
        CaseDryRun: schema(CaseDryRunSchema, 'output'),
        PackUpdateStarted: schema(PackUpdateStartedSchema, 'output'),
        PackUpdateProgress: schema(PackUpdateProgressSchema, 'output'),
        CalendarLink: schema(CalendarLinkSchema, 'output'),
        NewUser: schema(NewUserBodySchema, 'input'),
        UserChange: schema(UpdateUserBodySchema, 'input'),
        NewToken: schema(NewTokenBodySchema, 'input'),
        User: schema(UserViewSchema, 'output'),
        Token: schema(TokenViewSchema, 'output'),
        IssuedToken: schema(IssuedTokenSchema, 'output'),
        Team: schema(TeamViewSchema, 'output'),
        CalendarFeedRevoked: schema(CalendarFeedRevokedSchema, 'output'),
        ImportRequest: schema(ImportRequestSchema, 'input'),
        ImportAnswer: schema(ImportAnswerSchema, 'output'),
        ImportRun: schema(ImportRunViewSchema, 'output'),
        ImportRunStarted: schema(ImportRunStartedSchema, 'output'),
        Error: schema(ErrorSchema, 'output'),
      },
    },
    paths: {
      '/api/health': { get: { summary: 'Postgres and Temporal reachable', security: [], responses: { '200': { description: 'ok' }, '503': { description: 'degraded' }, '405': errors['405'] } } },
      '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' }, '405': errors['405'] } } },
      '/api/cases': {
        get: {
          summary: "The caller's cases, a page at a time, danger first (a detention's hours, then by next deadline); follow `next` as `after` until it is null",
          parameters: [
            { name: 'closed', in: 'query', description: 'true: closed cases too', schema: { type: 'string', enum: ['true', 'false'] } },
            { name: 'limit', in: 'query', description: `cases per page (default ${CASES_PAGE_LIMIT.default})`, schema: { type: 'integer', minimum: 1, maximum: CASES_PAGE_LIMIT.max } },
            { name: 'after', in: 'query', description: 'the `next` of the previous page', schema: { type: 'string', maxLength: 120 } },
          ],
          responses: {
            '200': {
              description: 'one page of cases',
              content: { 'application/json': { schema: { type: 'object', required: ['items', 'next'], properties: { items: { type: 'array', items: ref('CaseSummary') }, next: { type: ['string', 'null'], description: 'the cursor of the next page; null on the last one' } } } } },
            },
            ...errors,
          },
        },
        post: {
          summary: 'Open a case and start its workflow (caseworker, supervisor, admin); answers once the case is open',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json('OpenCase') },
          responses: { '201': { description: 'opened', ...json('OpenedCase') }, '409': error('the case id exists; or likely_duplicate: a case with the same file number, or the same name, birth date and nationality, exists (error.duplicates links it): send duplicateConfirmed: true if it is another child'), '422': error('facts that cannot all be true (an entry before the birth, a person 18 or more without child.ageDisputed), an assignment names no active user of that role, or a date is in the future or cannot be counted from (nothing is opened; the id stays free)'), '503': error('started but not open yet'), ...errors },
        },
      },
      '/api/cases/{id}': { get: { summary: 'A case with its deadlines', parameters: [caseId], responses: { '200': { description: 'the case', ...json('Case') }, ...errors } } },
      '/api/cases/{id}/timeline': { get: { summary: 'What happened, when, who recorded it', parameters: [caseId], responses: { '200': { description: 'timeline', ...jsonArray('TimelineEntry') }, ...errors } } },
      '/api/cases/{id}/timeline/people': {
        get: {
          summary: "The names of the people the case's timeline mentions, by id (who recorded, assigned or corrected)",
          parameters: [caseId],
          responses: { '200': { description: '{ "<user id>": "<name>" }', content: { 'application/json': { schema: { type: 'object', additionalProperties: { type: 'string' } } } } }, ...errors },
        },
      },
      '/api/cases/{id}/events': {
        post: {
          summary: "Record an event (the workflow's Update); recordedBy is the caller",
          parameters: [caseId, idempotencyKey],
          requestBody: { required: true, ...json('CaseEvent') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('the event is invalid for this case: `field` and the reason'), ...errors },
        },
      },
      '/api/cases/{id}/events/{seq}/correct': {
        post: {
          summary: 'Correct a recorded event (same type; its date or details), with a reason: dependent deadlines recounted, ladders rescheduled, the timeline keeps both (roles that may record it)',
          parameters: [caseId, seqParam, idempotencyKey],
          requestBody: { required: true, ...json('EventCorrection') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('not an event in force, another type, or a later event no longer stands'), ...errors },
        },
      },
      '/api/cases/{id}/events/{seq}/void': {
        post: {
          summary: 'Void a recorded event, with a reason: what it opened is cancelled, the rest recounted',
          parameters: [caseId, seqParam, idempotencyKey],
          requestBody: { required: true, ...json('Reason') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('not an event in force'), ...errors },
        },
      },
      '/api/cases/{id}/escalations': {
        post: {
          summary: 'Escalate by hand, with a reason (lawyer, supervisor, director, admin)',
          parameters: [caseId, idempotencyKey],
          requestBody: { required: true, ...json('Escalation') },
          responses: { '201': { description: 'the new state', ...json('Case') }, '422': error('invalid for this case'), ...errors },
        },
      },
      '/api/deadlines': {
        get: {
          summary: "The caller's upcoming and overdue deadlines",
          parameters: [
            { name: 'within', in: 'query', description: '0d to 366d', schema: { type: 'string', pattern: WITHIN_PATTERN.source, default: '14d' } },
            { name: 'limit', in: 'query', description: `deadlines per page (default ${DEADLINES_PAGE_LIMIT.default})`, schema: { type: 'integer', minimum: 1, maximum: DEADLINES_PAGE_LIMIT.max } },
            { name: 'after', in: 'query', description: 'where the previous page stopped (from its Link header)', schema: { type: 'string', maxLength: 250 } },
          ],
          responses: {
            '200': {
              description: 'a page of deadlines by due instant; a `Link: <…>; rel="next"` header when there are more',
              headers: { Link: { description: 'the next page, RFC 8288', schema: { type: 'string' } } },
              ...jsonArray('DeadlineListItem'),
            },
            ...errors,
          },
        },
      },
      '/api/deadlines/{id}/acknowledge': {
        post: {
          summary: '"I\'m on it": stops the repeats of one step series for you (default: the series last sent to you); never another person\'s, a later series or a higher level. Again: no change',
          parameters: [deadlineIdParam, idempotencyKey],
          requestBody: { required: false, ...json('Acknowledge') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('nothing of that series was sent to you (or to the person you answer for)'), ...errors },
        },
      },
      '/api/deadlines/{id}/acknowledgements/withdraw': {
        post: {
          summary: "Withdraw a person's acknowledgement (the case's supervisor, a director): their repeats resume",
          parameters: [deadlineIdParam, idempotencyKey],
          requestBody: { required: true, ...json('WithdrawAcknowledgement') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('no such acknowledgement'), ...errors },
        },
      },
      '/api/overlays/{id}/correct': {
        post: {
          summary: 'Correct an added DOF overlay (same id), with a reason; the cases it touched or touches recompute (admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('OverlayCorrection') },
          responses: { '200': { description: 'corrected', ...json('OverlayAdded') }, '422': error('a seed overlay, withdrawn, another id, or an office not in the list'), ...errors },
        },
      },
      '/api/overlays/{id}/withdraw': {
        post: {
          summary: 'Withdraw an added DOF overlay, with a reason: no longer counted, kept on record; the cases it touched recompute (admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('Reason') },
          responses: { '200': { description: 'withdrawn', ...json('OverlayAdded') }, '422': error('a seed overlay, or already withdrawn'), ...errors },
        },
      },
      '/api/rule-packs/{version}/dry-run': {
        post: {
          summary: 'What a rule pack would change on each open case the caller may move: per deadline add, update or delete, old and new dates, the reason; changes nothing (lawyer, admin)',
          parameters: [packVersion],
          requestBody: { required: false, ...json('PackUpdateInput') },
          responses: { '200': { description: 'the cases it would change', ...jsonArray('CaseDryRun') }, ...errors },
        },
      },
      '/api/rule-packs/{version}/apply': {
        post: {
          summary: 'Move open cases to a rule pack, one by one (a workflow): earlier dates apply and are announced, later ones wait for acceptance (lawyer, admin)',
          parameters: [packVersion],
          requestBody: { required: false, ...json('PackUpdateInput') },
          responses: { '202': { description: 'started (the same cases again: the same run)', ...json('PackUpdateStarted') }, ...errors },
        },
      },
      '/api/rule-pack-updates/{id}': {
        get: {
          summary: 'How far a rule-pack update has got (lawyer, admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'progress', ...json('PackUpdateProgress') }, ...errors },
        },
      },
      '/api/import/template.{format}': {
        get: {
          summary: 'The import template: Spanish headers and an example row (supervisor, admin)',
          parameters: [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['xlsx', 'csv'] } }],
          responses: {
            '200': { description: 'the template', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } } },
            ...errors,
          },
        },
      },
      '/api/import/preview': {
        post: {
          summary: 'Check a spreadsheet of existing cases without storing anything: each row\'s errors by column (in Spanish), its deadlines and the alarms that would go out (supervisor, admin)',
          parameters: [importFormat],
          requestBody: { required: true, ...json('ImportRequest') },
          responses: { '200': { description: 'each row checked', ...importAnswerContent }, ...importErrors, ...errors, '413': error(`body larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MiB, or a sheet too large`) },
        },
      },
      '/api/import': {
        post: {
          summary:
            'Import the good rows of a spreadsheet: each case opened and its past events recorded; idempotent by file number (the same sheet again resumes, or changes nothing). One summary per person of what is still open goes out once the sheet\'s last row is done. With `Prefer: respond-async` it answers 202 at once and runs in the background (supervisor, admin)',
          parameters: [importFormat, { name: 'Prefer', in: 'header', required: false, description: '`respond-async`: answer 202 with the run (Location) instead of waiting', schema: { type: 'string', maxLength: 100 } }],
          requestBody: { required: true, ...json('ImportRequest') },
          responses: {
            '200': { description: 'imported: each row\'s result', ...importAnswerContent },
            '202': { description: 'started in the background: ask GET /api/import/runs/{id}', headers: { Location: { description: 'the run', schema: { type: 'string' } } }, ...json('ImportRunStarted') },
            ...importErrors,
            ...errors,
            '413': error(`body larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MiB, or a sheet too large`),
          },
        },
      },
      '/api/import/runs/{id}': {
        get: {
          summary: 'How far a background import has got: rows done of the total, opened / resumed / failed; once done its answer (`format=csv`: its report). A run the API lost (a restart) is `interrupted`: import the same sheet again to resume (its starter, admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }, importFormat],
          responses: {
            '200': { description: 'the run', content: { 'application/json': { schema: ref('ImportRun') }, 'text/csv': { schema: { type: 'string' } } } },
            '409': error('the report of a run not done'),
            ...errors,
          },
        },
      },
      '/api/deadlines/{id}/rule-pack': {
        post: {
          summary: 'Accept or refuse (with a reason) the rule-pack change waiting on a deadline (lawyer, admin)',
          parameters: [deadlineIdParam, idempotencyKey],
          requestBody: { required: true, ...json('PackDecision') },
          responses: { '200': { description: 'the new state', ...json('Case') }, '422': error('nothing waits on this deadline'), ...errors },
        },
      },
      '/api/overlays': {
        get: { summary: 'DOF closures and suspensions in force', responses: { '200': { description: 'overlays', ...jsonArray('Overlay') }, ...errors } },
        post: {
          summary: 'Add a DOF closure or suspension (admin); every open case it touches recomputes',
          requestBody: { required: true, ...json('OverlayInput') },
          responses: { '201': { description: 'added', ...json('OverlayAdded') }, '409': error('the id exists'), '422': error('scope.office names no office of the list'), ...errors },
        },
      },
      '/api/closures/preview': {
        post: {
          summary: "Preview a year's DOF acuerdo of non-business days: its overlays and each open case's deadline it would move, from and to; nothing stored (admin)",
          requestBody: { required: true, ...json('ClosureYear') },
          responses: { '200': { description: '{ overlays, alreadyLoaded, changes }' }, '409': error('this acuerdo is loaded with other days'), '422': error('office names no office of the list'), ...errors },
        },
      },
      '/api/closures': {
        post: {
          summary: "Load a year's DOF acuerdo of non-business days (admin): stored as annual closures; the open cases it moves recount and their people are emailed. The same acuerdo again answers 200 and changes nothing",
          requestBody: { required: true, ...json('ClosureYear') },
          responses: { '201': { description: '{ overlays, alreadyLoaded: false, changes, casesNotified }' }, '200': { description: 'already loaded: nothing changed' }, '409': error('this acuerdo is loaded with other days'), '422': error('office names no office of the list'), ...errors },
        },
      },
      '/api/lists/{list}': {
        get: { summary: 'Every entry of an admin list, retired ones too (admin)', parameters: [listName], responses: { '200': { description: 'entries, in name order', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } }, ...errors } },
        post: {
          summary: 'Add an entry, or replace the one with the same id; retire it with "active": false (admin). Offices: {id, name, agency, closesAt, zone, aliases}; places: {id, name, kind, locality, aliases}; nationalities: {id (ISO alpha-2, lower case), aliases}',
          parameters: [listName],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': { description: 'the entry as stored', content: { 'application/json': { schema: { type: 'object' } } } }, '422': error('a bad entry, or a name or alias another entry uses: `field` names it (entry.zone, entry.aliases[1]); nothing stored'), ...errors },
        },
      },
      '/api/users': {
        get: { summary: 'Every person with role, teams, open cases and tokens (ids and dates, never the token) (admin)', responses: { '200': { description: 'users', ...jsonArray('User') }, ...errors } },
        post: {
          summary: 'Add a person (admin); id chosen from role and email when absent',
          requestBody: { required: true, ...json('NewUser') },
          responses: { '201': { description: 'added', ...json('User') }, '409': error('the id or the email is taken'), '422': error('no such team'), ...errors },
        },
      },
      '/api/users/{id}': {
        get: { summary: 'One person (admin)', parameters: [userId], responses: { '200': { description: 'the user', ...json('User') }, ...errors } },
        patch: {
          summary: 'Change name, email, role, language or team, or deactivate (admin); deactivating revokes every token the person holds',
          parameters: [userId],
          requestBody: { required: true, ...json('UserChange') },
          responses: {
            '200': { description: 'the user as changed', ...json('User') },
            '409': error('the last active admin, a role change while assigned to open cases, or an email taken'),
            '422': error('no such team'),
            ...errors,
          },
        },
      },
      '/api/users/{id}/tokens': {
        post: {
          summary: 'Issue an API token for an active person (admin); the token is in this answer only',
          parameters: [userId],
          requestBody: { required: false, ...json('NewToken') },
          responses: { '201': { description: 'the token, shown once', ...json('IssuedToken') }, '409': error('the person is inactive'), ...errors },
        },
      },
      '/api/tokens/{id}': {
        delete: {
          summary: 'Revoke a token by its id (admin); it stops working at once',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^tok_[a-z0-9]{8,64}$' } }],
          responses: { '200': { description: 'the token, revoked', ...json('Token') }, ...errors },
        },
      },
      '/api/users/{id}/calendar-link': {
        delete: {
          summary: "End a person's calendar feed (admin); the link stops working at once",
          parameters: [userId],
          responses: { '200': { description: 'revoked is false when the person had no feed', ...json('CalendarFeedRevoked') }, ...errors },
        },
      },
      '/api/teams': { get: { summary: 'Teams a person can be put in (admin)', responses: { '200': { description: 'teams', ...jsonArray('Team') }, ...errors } } },
      '/api/me/calendar-link': {
        get: { summary: 'The personal calendar-feed address in use (https and webcal://)', responses: { '200': { description: 'the feed URL', ...json('CalendarLink') }, ...errors } },
        post: { summary: 'A new personal calendar-feed address (the old one stops working)', responses: { '201': { description: 'the new feed URL', ...json('CalendarLink') }, ...errors } },
      },
      '/api/status': {
        get: {
          summary: 'The system status (admin): workers polling the case queue, backlog, undelivered messages, last send, delivery alerts firing',
          responses: { '200': { description: 'status', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors },
        },
      },
      '/api/program': {
        get: {
          summary: "The program's figures in the caller's scope (supervisor, director, admin): caseload by office, caseworker and phase; COMAR decision times, Procuraduría notice to BID, detention durations. Counted at most 10 s before (`at` says when; a write through the API counts afresh)",
          parameters: [{ name: 'measures', in: 'query', description: 'measures=1 adds every measured item (`comar.measures`, `bid.measures`, `detention.measures`: the compliance CSV\'s rows; megabytes for the registry)', schema: { type: 'string', enum: ['0', '1'] } }],
          responses: { '200': { description: 'figures', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors },
        },
      },
      '/api/program/deadlines.csv': {
        get: {
          summary: "Every deadline in the caller's scope as CSV; children's names only with names=1, for supervisors and admins, and with a reason (kept in the audit log)",
          parameters: [
            { name: 'names', in: 'query', schema: { type: 'string', enum: ['0', '1'] } },
            { name: 'reason', in: 'query', description: 'why the names are needed; required with names=1 (400 naming `reason` without it)', schema: { type: 'string', minLength: 3, maxLength: 500 } },
            // The case list's filters: the export of what the list shows.
            { name: 'q', in: 'query', description: 'case id or child name, any part of it', schema: { type: 'string', maxLength: 100 } },
            { name: 'phase', in: 'query', schema: { type: 'string', enum: [...PHASES] } },
            { name: 'office', in: 'query', schema: { type: 'string', maxLength: 100 } },
            { name: 'caseworker', in: 'query', description: 'a caseworker id', schema: { type: 'string', maxLength: 100 } },
          ],
          responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
        },
      },
      '/api/program/compliance.csv': {
        get: {
          summary: 'Each measured COMAR decision, BID and detention with its term and whether it was exceeded, as CSV',
          responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
        },
      },
      '/calendar/{token}.ics': {
        get: {
          summary: 'Personal iCalendar feed: stable UIDs, UTC instants for hour terms and all-day events for day terms, SEQUENCE grows on every visible change, VALARMs from the reminder ladder, met deadlines kept and marked, STATUS:CANCELLED when extended, suspended or dropped',
          security: [],
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'text/calendar' }, '404': error('unknown feed'), '405': errors['405'], '429': errors['429'] },
        },
      },
    },
  };
}
