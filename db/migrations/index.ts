import type { Migration } from 'kysely';
import * as m0001 from './0001_notifications';
import * as m0002 from './0002_directory_overlays';
import * as m0003 from './0003_read_model';
import * as m0004 from './0004_access_audit';
import * as m0005 from './0005_user_admin';
import * as m0006 from './0006_calendar_feed';
import * as m0007 from './0007_calendar_feed_token';
import * as m0008 from './0008_deadline_explanation';
import * as m0009 from './0009_deadline_acknowledgements';
import * as m0010 from './0010_idempotency_keys';
import * as m0011 from './0011_overlay_corrections';
import * as m0012 from './0012_web_sessions';
import * as m0013 from './0013_case_list_danger_order';
import * as m0014 from './0014_actionable_emails';
import * as m0015 from './0015_case_file_number';
import * as m0016 from './0016_case_engine_incidents';
import * as m0017 from './0017_notifications_unsent_index';
import * as m0018 from './0018_lists_offices';
import * as m0019 from './0019_ranking_deadline_actor';
import * as m0020 from './0020_facts_record';
import * as m0021 from './0021_timeline_detail';
import * as m0022 from './0022_packupdate_deadline_pack';
import * as m0023 from './0023_pages_list_order';
import * as m0024 from './0024_admin_nationalities';
import * as m0025 from './0025_import_flow';
import * as m0026 from './0026_step_outbox';

/** Listed in code, not read from disk, so migrations run the same under tsx, jest and a bundle. */
export const migrations: Record<string, Migration> = {
  '0001_notifications': m0001,
  '0002_directory_overlays': m0002,
  '0003_read_model': m0003,
  '0004_access_audit': m0004,
  '0005_user_admin': m0005,
  '0006_calendar_feed': m0006,
  '0007_calendar_feed_token': m0007,
  '0008_deadline_explanation': m0008,
  '0009_deadline_acknowledgements': m0009,
  '0010_idempotency_keys': m0010,
  '0011_overlay_corrections': m0011,
  '0012_web_sessions': m0012,
  '0013_case_list_danger_order': m0013,
  '0014_actionable_emails': m0014,
  '0015_case_file_number': m0015,
  '0016_case_engine_incidents': m0016,
  '0017_notifications_unsent_index': m0017,
  '0018_lists_offices': m0018,
  '0019_ranking_deadline_actor': m0019,
  '0020_facts_record': m0020,
  '0021_timeline_detail': m0021,
  '0022_packupdate_deadline_pack': m0022,
  '0023_pages_list_order': m0023,
  '0024_admin_nationalities': m0024,
  '0025_import_flow': m0025,
  '0026_step_outbox': m0026,
};
