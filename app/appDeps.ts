/** What every operation runs with: the read model, Temporal, the links it writes, and how long it waits. */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Links } from './caseViews';

export interface AppDeps {
  db: Db;
  temporal: Client;
  /** The task queue case workflows run on. */
  taskQueue: string;
  links: Links;
  logger: Logger;
  /** How long a write waits for the read model to show it (read-your-writes), default 3 s. */
  projectionTimeoutMs?: number;
  /** How long opening a case waits for it to be open and visible before answering 503, default 30 s. */
  openTimeoutMs?: number;
}
