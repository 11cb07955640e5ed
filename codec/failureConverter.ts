/**
 * The failure converter of every Plazo client, worker and workflow bundle: the SDK's default, with
 * `encodeCommonAttributes`, so a failure's message and stack trace travel as an encoded payload (which
 * the codec then encrypts) and the proto's own `message` reads just "Encoded failure". A failure message
 * may hold a child's data (a rejected event's reason, an activity's error), so it must not reach the
 * Temporal server in clear.
 *
 * This module is loaded INSIDE the workflow bundle (`failureConverterPath`, bundle time) as well as by
 * Node (`loadDataConverter`), so it imports nothing but @temporalio/common: no zod, no Node built-ins.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
