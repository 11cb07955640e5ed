/**
 * The Temporal codec-server protocol (POST /codec/decode and /codec/encode, `{payloads:[…]}` with
 * base64 bytes), so the Temporal Web UI can show decrypted payloads. Admins only: a decoded payload
 * holds a child's name and history. CORS is open to the configured UI origin alone.
 * The UI sends no workflow id (only X-Namespace), so decode checks each payload against the workflow id it
 * is sealed for (codec/aesGcmCodec.ts), and encode seals for no workflow: readable, but no case's worker
 * accepts it, so the UI cannot write to a case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { assertCan } from '../../app/access';
import { bearerToken, userForApiToken } from '../../app/auth';
import { webUser } from '../../app/people/sessions';
import { ApiError, parseInput } from '../../app/errors';
import type { RouteContext } from './routeContext';

const Base64 = z.string().max(4 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const JsonPayload = z.object({
  metadata: z.record(z.string(), Base64).optional(),
  data: Base64.optional(),
});
// The Go CLI (temporal workflow … --codec-endpoint) sends {} for an empty list: protobuf JSON omits empty fields.
const CodecBody = z.object({ payloads: z.array(JsonPayload).max(1000).default([]) });
type JsonPayload = z.infer<typeof JsonPayload>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export function registerCodecRoutes(app: FastifyInstance, ctx: RouteContext & { codec: PayloadCodec }): void {
  const uiOrigin = new URL(ctx.links.temporalUiUrl).origin;
  const cors = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.headers.origin !== uiOrigin) return;
    reply.header('access-control-allow-origin', uiOrigin);
    reply.header('vary', 'Origin');
    reply.header('access-control-allow-credentials', 'true');
  };
  // On every /codec response, the 401s and 403s too: the UI must be able to read why it was refused.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/codec/')) cors(req, reply);
    return payload;
  });

  app.options('/codec/:op', { config: { auth: 'none' } }, async (req, reply) => {
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace');
    reply.header('access-control-max-age', '600');
    return reply.code(204).send();
  });

  /** An admin, by a bearer token or the Plazo session cookie the UI sends when its codec setting includes credentials. */
  async function operator(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const token = bearerToken(req.headers.authorization);
    req.user = (token ? await userForApiToken(ctx.db, token) : await webUser(ctx.db, req, ctx.links.publicUrl)) ?? undefined;
    if (!req.user) {
      await ctx.authFailures.failed(req);
      reply.header('www-authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <admin token> or sign in to Plazo');
    }
    assertCan(req.user, 'use_codec');
  }

  // Whether this caller may operate the Temporal UI: asked by the demo's UI front (dev/temporalUiFront.ts) before it serves the UI.
  app.get('/codec/access', { config: { auth: 'none' } }, async (req, reply) => {
    await operator(req, reply);
    return reply.code(204).send();
  });

  for (const op of ['decode', 'encode'] as const) {
    app.post(`/codec/${op}`, { config: { action: `codec.${op}`, auth: 'none' } }, async (req, reply) => {
      await operator(req, reply);
      const body = parseInput(CodecBody, req.body);
      const payloads = body.payloads.map(fromJson);
      let result: Payload[];
      try {
        result = op === 'decode' ? await ctx.codec.decode(payloads) : await ctx.codec.encode(payloads);
      } catch (err) {
        // A foreign key id, a tampered or truncated payload: the caller's input, not our failure.
        throw new ApiError(400, 'invalid_request', `payloads: cannot ${op}: ${(err as Error).message}`, 'payloads');
      }
      req.audit = { detail: { payloads: payloads.length, namespace: req.headers['x-namespace'] ?? null } };
      return { payloads: result.map(toJson) };
    });
  }
}
