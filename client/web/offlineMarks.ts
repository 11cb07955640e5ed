/**
 * The marks between the server and the offline app's worker (client/web/pwa/serviceWorker.js), and the
 * addresses of the app's files: what a device may keep is the server's decision, told per answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../app/auth';

/** On an answer the signed-in person's device may keep: their id. */
export const OFFLINE_HEADER = 'x-plazo-offline';
/** On an answer that says nobody is signed in on this device (the login page, a refused sync): clear it. */
export const SIGNED_OUT_HEADER = 'x-plazo-signed-out';
/** Sent by the worker: answer in JSON (a form's outcome) and 401 rather than the login page. */
export const SYNC_HEADER = 'x-plazo-sync';

export const OFFLINE_SCRIPT_PATH = '/assets/offline.js';
export const MANIFEST_PATH = '/manifest.webmanifest';
/** The address a device keeps the agenda under: the next 14 days of the cases the person is named on. */
export const DEVICE_AGENDA = '/agenda?view=fortnight&mine=1';

export const isSync = (req: FastifyRequest) => req.headers[SYNC_HEADER] === '1';

/** Marks a page the signed-in person's device may keep for reading offline. */
export const keepOnDevice = (reply: FastifyReply, user: AuthUser) => reply.header(OFFLINE_HEADER, user.id);
