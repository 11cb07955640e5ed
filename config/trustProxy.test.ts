/** PLAZO_TRUST_PROXY: parsed or refused naming the variable, and what Fastify then takes as the client's address. */
import Fastify from 'fastify';
import { ConfigError, loadEnv } from './env';
import { fastifyTrustProxy, type TrustProxy } from './trustProxy';

const parse = (value: string | undefined) => loadEnv({ PLAZO_TRUST_PROXY: value }).PLAZO_TRUST_PROXY;

test('unset, empty, false and 0 believe no proxy; a hop count, addresses, CIDRs and names are kept', () => {
  for (const v of [undefined, '', 'false', '0']) expect(parse(v)).toBe(false);
  expect(parse('1')).toBe(1);
  expect(parse(' 10.0.0.0/8, 172.16.0.0/12,loopback ')).toEqual(['10.0.0.0/8', '172.16.0.0/12', 'loopback']);
  expect(parse('192.0.2.7,2001:db8::/32,fd00::1')).toEqual(['192.0.2.7', '2001:db8::/32', 'fd00::1']);
});

test('anything else stops startup naming the variable', () => {
  for (const v of ['true', 'proxy.example.org', '10.0.0.0/33', '300.1.1.1', '11', 'loopback,', '10.0.0.0/8/1']) {
    expect(() => parse(v)).toThrow(ConfigError);
    expect(() => parse(v)).toThrow(/^environment variable PLAZO_TRUST_PROXY: /);
  }
  expect(() => parse('true')).toThrow(/name the proxy/);
});

/** A real Fastify on 127.0.0.1, asked over HTTP: the address and scheme it takes as the client's. */
async function clientAddress(trust: TrustProxy, forwardedFor?: string) {
  const app = Fastify({ trustProxy: fastifyTrustProxy(trust) });
  app.get('/', async (req) => ({ ip: req.ip, protocol: req.protocol }));
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const res = await fetch(base, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' } : {} });
    return (await res.json()) as { ip: string; protocol: string };
  } finally {
    await app.close();
  }
}

test('Fastify believes X-Forwarded-For only from the named proxy, and only the hops it is told', async () => {
  // None trusted: the socket's peer, whatever the headers say.
  expect(await clientAddress(false, '203.0.113.5')).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  // A peer outside the named network is a client: its headers are not believed.
  expect(await clientAddress(['10.0.0.0/8'], '203.0.113.5')).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  // The proxy named: the address it appended (the rightmost), not one the client wrote before it.
  expect(await clientAddress(['loopback'], '6.6.6.6, 203.0.113.5')).toEqual({ ip: '203.0.113.5', protocol: 'https' });
  expect(await clientAddress(['127.0.0.1'], '6.6.6.6, 203.0.113.5')).toEqual({ ip: '203.0.113.5', protocol: 'https' });
  // One hop: the nearest proxy, whoever it is; two: that proxy's own proxy too.
  expect(await clientAddress(1, '6.6.6.6, 203.0.113.5')).toEqual({ ip: '203.0.113.5', protocol: 'https' });
  expect(await clientAddress(2, '6.6.6.6, 203.0.113.5')).toEqual({ ip: '6.6.6.6', protocol: 'https' });
  // Without the header, the peer itself.
  expect(await clientAddress(1)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
});
