/**
 * Email sign-in links. Asking for one answers the same whether or not the address belongs to someone (the
 * page says "if…", and the mail is sent after the answer, so timing does not tell either). The link holds
 * 32 random bytes; only their SHA-256 is stored. It works once, for 15 minutes, for a person still active:
 * using it is one UPDATE … RETURNING, so two tabs opening the same link cannot both sign in, and a refused
 * link changes nothing.
 */
import type { Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { signInWords } from '../../domain/messages/catalogue';
import { hashToken, newToken } from '../auth';

export const LINK_MINUTES = 15;
/** Links one person may be sent per LINK_MINUTES; past it the answer is the same and no mail goes out. */
export const LINKS_PER_WINDOW = 3;

export interface LinkMail {
  mailer?: Transporter;
  from: string;
  publicUrl: string;
  logger: Logger;
}

/** Sends a link if `email` is an active person's and they are under the limit; never says which. */
export async function requestSignInLink(db: Db, email: string, next: string, mail: LinkMail): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'language'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) return;
  const recent = await db
    .selectFrom('sign_in_links')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', user.id)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${LINK_MINUTES})`)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= LINKS_PER_WINDOW) {
    mail.logger.warn({ userId: user.id }, 'sign-in link limit reached: no mail sent');
    return;
  }
  const secret = newToken('plz');
  // Links a day past their end serve nothing (the audit log keeps who signed in): the table stays small.
  await db.deleteFrom('sign_in_links').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await db
    .insertInto('sign_in_links')
    .values({ token_hash: hashToken(secret), user_id: user.id, next, expires_at: new Date(Date.now() + LINK_MINUTES * 60_000) })
    .execute();
  const link = `${mail.publicUrl.replace(/\/$/, '')}/login/link?token=${secret}`;
  const w = signInWords(user.language);
  if (!mail.mailer) {
    mail.logger.error({ userId: user.id }, 'no SMTP transport: the sign-in link cannot be sent');
    return;
  }
  // Not awaited by the request: the answer must take as long for an unknown address as for a known one.
  void mail.mailer
    .sendMail({
      from: mail.from,
      to: user.email,
      subject: w.mailSubject,
      text: `${w.mailHello} ${user.name}:\n\n${w.mailBody}\n\n${link}\n\n${w.mailExpiry}\n`,
    })
    .catch((err: Error) => mail.logger.error({ err: err.message, userId: user.id }, 'sign-in link mail failed'));
}

/**
 * Uses a link: marks it used and returns its person and next page, or null (unknown, expired, used, or its
 * person inactive), in which case nothing was changed.
 */
export async function consumeSignInLink(db: Db, secret: string): Promise<{ userId: string; next: string } | null> {
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(secret)) return null;
  const row = await db
    .updateTable('sign_in_links')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashToken(secret))
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where((eb) => eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'sign_in_links.user_id').where('users.active', '=', true)))
    .returning(['user_id', 'next'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, next: row.next } : null;
}
