/** The real OpenID Connect provider (oidc-provider, dev/oidcProvider.mjs) the sign-in and log tests sign in against. */
import { resolve } from 'node:path';
import { startProcess, type Service } from '../dev/processes';

export interface OidcClient {
  id: string;
  secret: string;
}

/** Starts the provider on `port` for one client whose callback is `redirectUri`; resolves once it listens. */
export async function startOidcProvider(port: number, client: OidcClient, redirectUri: string): Promise<Service> {
  const idp = startProcess(process.execPath, [resolve(__dirname, '../dev/oidcProvider.mjs')], {
    OIDC_PROVIDER_PORT: String(port),
    OIDC_CLIENT_ID: client.id,
    OIDC_CLIENT_SECRET: client.secret,
    OIDC_REDIRECT_URI: redirectUri,
  }, 'oidc-provider');
  await idp.waitForOutput(/oidc provider listening/, 30_000);
  return idp;
}
