/** What every page route needs: cookies, the page language, the posted form, and an HTML answer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../domain/messages/catalogue';
import type { Form } from './webForms';
import { parseCookies } from '../../app/people/cookies';

export { parseCookies };
export const LANG_COOKIE = 'plazo_lang';


/** ?lang= (remembered in a cookie), else the cookie, else the user's language, else Spanish. */
export function langOf(req: FastifyRequest, reply: FastifyReply): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'es' || q === 'en') {
    reply.header('set-cookie', `${LANG_COOKIE}=${q}; Path=/; SameSite=Strict; Max-Age=31536000`);
    return q;
  }
  const c = parseCookies(req.headers.cookie)[LANG_COOKIE];
  if (c === 'es' || c === 'en') return c;
  return req.user?.language ?? 'es';
}

export const sendHtml = (reply: FastifyReply, body: { toString(): string }, status = 200) =>
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body.toString());

export const formOf = (req: FastifyRequest): Form => (req.body && typeof req.body === 'object' ? (req.body as Form) : {});
