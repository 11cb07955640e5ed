/**
 * Every failure the API answers is JSON `{ "error": { "code", "message", "field" } }`. ApiError carries
 * the status; zod failures and the case workflow's rejections ('field: reason') are mapped to it here,
 * so the API, the web forms and the CLI say the same thing about the same input.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { z } from 'zod';
import { fieldPath } from '../domain/validation';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    /** The zod issue behind a 400, so a page can say it in the reader's language. */
    readonly issue?: IssueDetail,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

/** What a page needs of a zod issue to say it again in words. */
export interface IssueDetail {
  code: string;
  missing?: boolean;
  minimum?: number;
  maximum?: number;
  origin?: string;
}

export const notFound = (what: string) => new ApiError(404, 'not_found', what);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

/** The first problem zod found, as (field, message): unknown keys name the key itself. */
export function firstIssue(error: z.ZodError, prefix = ''): { field: string; message: string; issue: IssueDetail } {
  const issue = error.issues[0]!;
  const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);
  const raw = issue as unknown as Record<string, unknown>;
  const detail: IssueDetail = {
    code: issue.code,
    missing: issue.code === 'invalid_type' && /received undefined/.test(issue.message),
    minimum: num(raw.minimum),
    maximum: num(raw.maximum),
    origin: typeof raw.origin === 'string' ? raw.origin : undefined,
  };
  return { ...firstMessage(issue, prefix), issue: detail };
}

function firstMessage(issue: z.core.$ZodIssue, prefix: string): { field: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return { field: fieldPath(prefix, [...issue.path, key]), message: key === 'recordedBy' ? 'is set by the server from your token; leave it out' : 'is not a known field' };
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return { field: fieldPath(prefix, issue.path), message: `must be one of: ${options.join(', ')}` };
  }
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return { field: fieldPath(prefix, issue.path), message: missing ? 'is required' : issue.message };
}

/** Parses request input or throws a 400 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const { field, message, issue } = firstIssue(result.error, prefix);
  throw new ApiError(400, 'invalid_request', message, field, issue);
}

/** 'field: reason' (the workflow's convention) → { field, message }. */
export function splitReason(reason: string): { field: string | null; message: string } {
  const m = /^([A-Za-z][\w.[\]#-]*): ([\s\S]+)$/.exec(reason);
  return m ? { field: m[1]!, message: m[2]! } : { field: null, message: reason };
}

/** What the case workflow answered, as an ApiError: a rejected event is 422, a missing case 404. */
export function fromTemporal(err: unknown, caseId: string): ApiError {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as Error | undefined;
    const { field, message } = splitReason(cause?.message ?? err.message);
    return new ApiError(422, 'invalid_event', message, field);
  }
  if (err instanceof WorkflowNotFoundError) return notFound(`no case '${caseId}'`);
  if (err instanceof ApiError) return err;
  throw err;
}
