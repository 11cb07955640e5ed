import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { idempotencyKeysOf } from '../activities/idempotencyHeader';

export interface CaughtMail {
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
  headers: Record<string, string>;
  /** The Plazo ledger keys the email carries (X-Plazo-Idempotency-Key; several for steps due together). */
  keys: string[];
  raw: string;
}

export interface MailCatcherOptions {
  smtpPort?: number;
  webPort?: number;
  dir?: string;
  host?: string;
  /**
   * Fault injection for tests: before answering the final "." of a message, wait this long (ms) and
   * call `onHold`. Like a real server, a message whose client hung up before the answer is not kept.
   */
  hold?: (count: number) => number;
  onHold?: () => void;
  /**
   * Fault injection for tests: while this returns true the server is "down" the way a real relay is
   * during maintenance: it greets every connection with 421 and closes it, and answers 421 to a message
   * begun on a connection opened before, keeping nothing.
   */
  down?: () => boolean;
}

export interface MailCatcher {
  smtpPort: number;
  webPort: number | undefined;
  /**
   * One entry per Plazo message (ledger key): an email that carries the steps of a case due together to
   * one person shows once per step, each with its own key in `headers` and `keys`. Other mail as it came.
   */
  messages: CaughtMail[];
  /** The emails as they arrived. */
  emails: CaughtMail[];
  /** Connections refused while `down` said so (each one a delivery attempt). */
  refused(): number;
  /** Resolves once `count` messages (optionally matching) arrived; rejects after `timeoutMs`. */
  waitFor(count: number, opts?: { timeoutMs?: number; match?: (m: CaughtMail) => boolean }): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message: in memory (tests read them), as .eml files
 * in `dir`, and on a small web page at `webPort` (the demo's mail catcher).
 */
export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const emails: CaughtMail[] = [];
  const closed = new Set<string>();
  const waiters = new Set<() => void>();
  let refused = 0;
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (!opts.down?.()) return callback();
      refused++;
      callback(Object.assign(new Error('service not available, try again later'), { responseCode: 421 }));
    },
    // A connection kept open from before the outage (a pooled client's) is refused at its next message too.
    onMailFrom(_address, _session, callback) {
      if (!opts.down?.()) return callback();
      refused++;
      callback(Object.assign(new Error('service not available, try again later'), { responseCode: 421 }));
    },
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const holdMs = opts.hold?.(messages.length) ?? 0;
        if (holdMs > 0) {
          opts.onHold?.();
          await new Promise((r) => setTimeout(r, holdMs));
          if (closed.has(session.id)) return; // the client is gone: the transaction never completed
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        const headers: Record<string, string> = {};
        for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
        const mail: CaughtMail = {
          receivedAt: new Date(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          messageId: parsed.messageId,
          headers,
          keys: idempotencyKeysOf(headers['x-plazo-idempotency-key']),
          raw,
        };
        emails.push(mail);
        if (mail.keys.length <= 1) messages.push(mail);
        else for (const key of mail.keys) messages.push({ ...mail, headers: { ...headers, 'x-plazo-idempotency-key': key }, keys: [key] });
        if (opts.dir) writeFileSync(join(opts.dir, `${mail.receivedAt.getTime()}-${emails.length}.eml`), raw);
        for (const w of waiters) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort ?? 0, host, () => resolve());
  });
  // A client that vanishes mid-session (a SIGKILLed worker's pooled connections) surfaces here as ECONNRESET:
  // the client's failure, not the catcher's. Unhandled, it would stop the catcher and everything in its process.
  smtp.on('error', () => undefined);
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: Server | undefined;
  if (opts.webPort !== undefined) {
    web = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderInbox(emails));
    });
    await new Promise<void>((resolve) => web!.listen(opts.webPort, host, () => resolve()));
  }

  return {
    smtpPort,
    webPort: web ? (web.address() as AddressInfo).port : undefined,
    messages,
    emails,
    refused: () => refused,
    waitFor(count, { timeoutMs = 30_000, match = () => true } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = messages.filter(match);
          if (hits.length >= count) {
            cleanup();
            resolve(hits);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`mail catcher: expected ${count} message(s), got ${messages.filter(match).length} after ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web!.close(() => resolve()));
    },
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderInbox(messages: CaughtMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p><b>To:</b> ${escapeHtml(m.to.join(', '))} · <b>At:</b> ${m.receivedAt.toISOString()}</p><pre>${escapeHtml(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Plazo mail catcher</title>
<style>body{font:15px system-ui;max-width:60rem;margin:auto;padding:1rem}article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style>
<h1>Plazo mail catcher (${messages.length})</h1>${rows || '<p>No messages yet.</p>'}`;
}
