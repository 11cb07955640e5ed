/**
 * Its own file, free of imports: config/env.ts reads it, and every CLI command loads env without nodemailer.
 *
 * The worker's kept-open connections to the relay (SMTP_MAX_CONNECTIONS). At 09:00 each email holds one for its
 * dialogue (several round trips); with 4, the rush waited on them while a core stood idle (1,000 cases: p99
 * 55 s with 4, 42 s with 16; docs/performance.md, 7 Dec 2026 12:00). A relay that allows fewer lowers it.
 */
export const SMTP_CONNECTIONS_DEFAULT = 16;
