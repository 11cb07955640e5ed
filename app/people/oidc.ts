/**
 * Single sign-on with the organization's OpenID Connect provider, through `openid-client` (the certified
 * relying-party library by the author of `jose`): discovery, authorization code flow with PKCE (S256),
 * state and nonce, ID token and userinfo checks — none of it written here.
 *
 * A person is matched by the email the provider says is VERIFIED to an existing, active Plazo person. No
 * account is created: in Plazo a role decides whose children's files one sees, and being in the
 * organization's directory does not make someone a caseworker — an admin adds people (/admin/users).
 *
 * openid-client is an ES module; it is imported when single sign-on is first used, so processes that do not
 * use it never load it.
 */
import type { Configuration } from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: PUBLIC_URL/auth/oidc/callback unless set. */
  redirectUri: string;
  /** The provider's name on the sign-in button. */
  name: string;
}

/** What the browser keeps (in a short-lived HttpOnly cookie) between leaving for the provider and coming back. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export type OidcOutcome = { ok: true; email: string } | { ok: false; reason: 'unverified' | 'failed'; detail: string };

type OidcLib = typeof import('openid-client');

export function createOidc(settings: OidcSettings) {
  let lib: Promise<OidcLib> | undefined;
  let config: Promise<Configuration> | undefined;
  const load = () => (lib ??= import('openid-client'));
  const issuerUrl = new URL(settings.issuer);
  // Plain http only for a provider on this machine (the tests' and the demo's); anywhere else, https.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuerUrl.hostname);
  const configuration = () =>
    (config ??= load().then((c) =>
      c.discovery(issuerUrl, settings.clientId, settings.clientSecret, undefined, loopback && issuerUrl.protocol === 'http:' ? { execute: [c.allowInsecureRequests] } : undefined),
    )).catch((err: unknown) => {
      config = undefined; // a provider down at first use is asked again next time
      throw err;
    });

  return {
    name: settings.name,
    /** The provider's authorization URL for a new transaction, and the transaction to keep. */
    async start(next: string): Promise<{ url: string; tx: OidcTransaction }> {
      const c = await load();
      const cfg = await configuration();
      const tx: OidcTransaction = { state: c.randomState(), nonce: c.randomNonce(), verifier: c.randomPKCECodeVerifier(), next };
      const url = c.buildAuthorizationUrl(cfg, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email',
        code_challenge: await c.calculatePKCECodeChallenge(tx.verifier),
        code_challenge_method: 'S256',
        state: tx.state,
        nonce: tx.nonce,
      });
      return { url: url.href, tx };
    },
    /** The provider sent the browser back with `query`: checks state, nonce, PKCE and the ID token; the verified email. */
    async finish(query: string, tx: OidcTransaction): Promise<OidcOutcome> {
      const c = await load();
      try {
        const cfg = await configuration();
        const current = new URL(settings.redirectUri);
        current.search = query;
        const tokens = await c.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true });
        const sub = tokens.claims()!.sub;
        // Providers put email in the ID token or only in userinfo (oidc-provider's default): ask userinfo.
        const info = await c.fetchUserInfo(cfg, tokens.access_token, sub);
        if (typeof info.email !== 'string' || info.email_verified !== true) return { ok: false, reason: 'unverified', detail: `sub ${sub}: email not verified` };
        return { ok: true, email: info.email };
      } catch (err) {
        return { ok: false, reason: 'failed', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      }
    },
  };
}
export type Oidc = ReturnType<typeof createOidc>;

