/**
 * PLAZO_TRUST_PROXY: which proxies in front of the API are believed when they say who the client is
 * (X-Forwarded-For) and how it connected (X-Forwarded-Proto). Handed to Fastify's `trustProxy` as is.
 * Unset, no header is believed: the address is the socket's. Behind a TLS proxy that would make every
 * person the proxy (one bad client rate-limits everyone; audit rows and sessions show the proxy); so name
 * the proxy: a number of hops (`1`: the nearest proxy only), or a comma-separated list of its addresses
 * or CIDRs (`10.0.0.0/8`, `172.16.0.0/12`) and proxy-addr's names `loopback`, `linklocal`, `uniquelocal`.
 * `true` (believe any header from anyone) is refused: every client could then choose its own address.
 * A hop count believes whoever connects, so with one the API's port must be reachable only through the
 * proxy; naming the proxy's addresses holds even when it is not.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export type TrustProxy = false | number | string[];

const NAMED = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(s: string): boolean {
  const [address = '', bits, ...rest] = s.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

export const TrustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const s = raw?.trim() ?? '';
    if (s === '' || s === 'false') return false;
    if (/^\d+$/.test(s)) {
      const hops = Number(s);
      if (hops <= 10) return hops > 0 ? hops : false;
      ctx.addIssue({ code: 'custom', message: `${s} hops: at most 10 proxies can stand in front of the API` });
      return z.NEVER;
    }
    const list = s.split(',').map((x) => x.trim());
    const bad = list.find((x) => !NAMED.includes(x) && !isAddressOrCidr(x));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          s === 'true'
            ? "'true' would believe any client's X-Forwarded-For: name the proxy (a hop count, its address or CIDR)"
            : `'${bad}' is not a hop count, an IP address, a CIDR (e.g. 10.0.0.0/8) or one of ${NAMED.join(', ')}`,
      });
      return z.NEVER;
    }
    return list;
  });

/**
 * As Fastify takes it. Fastify 5 believes no header for a bare number (it cannot tell a proxy from a
 * client that sends the header itself), so hops are a trust function: the socket's peer and the next
 * `hops - 1` addresses of X-Forwarded-For, counted from the right — proxy-addr's (Express's) meaning.
 */
export function fastifyTrustProxy(tp: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof tp !== 'number') return tp;
  return (_address, hop) => hop < tp;
}
