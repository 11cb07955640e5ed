import type { Db } from '../db/database';
import type { Transporter } from 'nodemailer';
import { createNotificationActivities } from './notifications';

export interface ActivityDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createNotificationActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom }),
  };
}
export type Activities = ReturnType<typeof createActivities>;
