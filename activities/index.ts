import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database';
import { createDeadlineActivities } from './deadlines';
import { createDeliveryActivities } from './deliveries';
import { createDigestActivities } from './digest';
import { createImportSummaryActivities } from './importSummary';
import { createClosuresCheckActivities } from './closuresCheck';
import { createEngineReconcilerActivities } from './engineReconciler';
import { createNotificationActivities } from './notifications';
import { createPackUpdateActivities } from './packUpdate';
import { createReadModelActivities } from './readModel';
import { createRetentionActivities } from './retention';
import { createStepDispatchActivities } from './stepDispatch';

export interface ActivityDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  /** Base of the links in messages (the API's public address). */
  publicUrl: string;
  /** Cases opened from now on send their steps through the dispatcher across cases (PLAZO_STEP_DISPATCHER; off when unset). */
  stepDispatcher?: boolean;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  // The dispatcher's way of sending is the deliveries' own, not an activity of its own.
  const { sendStepsAcrossCases, ...deliveries } = createDeliveryActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl });
  return {
    ...createNotificationActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom }),
    ...createDeadlineActivities({ db: deps.db }),
    ...createReadModelActivities({ db: deps.db }),
    ...deliveries,
    ...createStepDispatchActivities({ db: deps.db, dispatcher: deps.stepDispatcher ?? false, sendStepsAcrossCases }),
    ...createDigestActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl }),
    ...createEngineReconcilerActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl }),
    ...createRetentionActivities({ db: deps.db }),
    ...createImportSummaryActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl }),
    ...createClosuresCheckActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl }),
    ...createPackUpdateActivities(),
  };
}
export type Activities = ReturnType<typeof createActivities>;
