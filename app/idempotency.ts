/**
 * `Idempotency-Key` (a header on the API, a hidden field in the web forms): the first answer to a key is
 * kept per caller, so the same write sent again — a double click, a client retrying after a timeout, 20
 * copies at once — runs once and every copy gets the first answer (a refusal included). The same key for
 * a different request is refused. A first attempt that failed on our side (5xx) leaves the key free.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { AuthUser } from './auth';
import { ApiError, type ErrorBody } from './errors';

const KEY = /^[\x21-\x7e]{1,200}$/;
/** A first attempt still unanswered after this long died with its process: a retry takes over. */
const STALE_MS = 60_000;
/** How long a copy waits for the first attempt's answer. */
const WAIT_MS = 30_000;

export interface WriteOptions {
  idempotencyKey?: string;
}

export function checkIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) throw new ApiError(400, 'invalid_request', 'must be 1–200 visible ASCII characters', 'Idempotency-Key');
  return key;
}

/** A Temporal Update id for the write: the server answers a repeated Update with its first result. */
export const updateIdFor = (user: AuthUser, key: string | undefined) => (key ? `${user.id}/${key}` : undefined);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Claims the key for this request; false when another attempt holds or answered it. */
async function claim(db: Db, user: AuthUser, key: string, hash: string): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ user_id: user.id, key, request_hash: hash, status: null, response: null })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return !!inserted;
}

/** Runs `run` once per caller and key; every copy of the request gets the first answer. */
export async function once<T>(db: Db, user: AuthUser, rawKey: string | undefined, request: unknown, run: () => Promise<T>): Promise<T> {
  const key = checkIdempotencyKey(rawKey);
  if (!key) return run();
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const until = Date.now() + WAIT_MS;
  for (;;) {
    if (await claim(db, user, key, hash)) break;
    const row = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', user.id).where('key', '=', key).executeTakeFirst();
    if (!row) continue; // the first attempt failed on our side and let the key go
    if (row.request_hash !== hash) throw new ApiError(422, 'invalid_request', 'was already used for a different request', 'Idempotency-Key');
    if (row.status !== null) {
      if (row.status >= 400) {
        const { error } = row.response as ErrorBody;
        throw new ApiError(row.status, error.code, error.message, error.field);
      }
      return row.response as T;
    }
    if (Date.now() - row.created_at.getTime() > STALE_MS) {
      const taken = await db
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', user.id)
        .where('key', '=', key)
        .where('status', 'is', null)
        .where('created_at', '<', new Date(Date.now() - STALE_MS))
        .executeTakeFirst();
      if (taken.numDeletedRows > 0n) continue;
    }
    if (Date.now() > until) throw new ApiError(409, 'conflict', 'the first request with this key is still running; try again shortly', 'Idempotency-Key');
    await sleep(100);
  }

  const answer = (status: number, response: unknown) =>
    db.updateTable('idempotency_keys').set({ status, response: JSON.stringify(response) }).where('user_id', '=', user.id).where('key', '=', key).execute();
  try {
    const result = await run();
    await answer(200, result);
    return result;
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) await answer(err.status, err.body());
    else await db.deleteFrom('idempotency_keys').where('user_id', '=', user.id).where('key', '=', key).execute();
    throw err;
  }
}
