// A real OpenID Connect provider for tests and the demo: the `oidc-provider` package (certified, by the
// author of openid-client) with its development login form, which accepts any login and password. The login
// typed is the person's email, verified — except one starting with "unverified." (email_verified: false).
// An ES module run by node itself: `node dev/oidcProvider.mjs`, settings from the environment.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PROVIDER_PORT ?? 4400);
const issuer = `http://127.0.0.1:${port}`;
const redirect = process.env.OIDC_REDIRECT_URI ?? 'http://localhost:3000/auth/oidc/callback';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? 'plazo',
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'plazo-dev-secret',
      redirect_uris: [redirect],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  async findAccount(_ctx, id) {
    const verified = !id.startsWith('unverified.');
    return { accountId: id, claims: async () => ({ sub: id, email: verified ? id : id.slice('unverified.'.length), email_verified: verified }) };
  },
  // Plazo is the organization's own application: no consent screen (the pattern oidc-provider documents).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email');
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  cookies: { keys: ['plazo-dev-oidc-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => process.stdout.write(`oidc provider listening on ${issuer}\n`));
