/** Single sign-on settings from the environment: off when unset, complete or refused naming the variable. */
import { ConfigError, loadEnv, oidcSettings } from './env';

const base = { PUBLIC_URL: 'https://plazo.example.org/' };

test('no OIDC_ISSUER: no single sign-on', () => {
  expect(oidcSettings(loadEnv(base))).toBeNull();
});

test('an issuer with its client: the callback defaults to PUBLIC_URL/auth/oidc/callback', () => {
  const env = loadEnv({ ...base, OIDC_ISSUER: 'https://sso.example.org/realms/ong', OIDC_CLIENT_ID: 'plazo', OIDC_CLIENT_SECRET: 's3cret', OIDC_NAME: 'Keycloak' });
  expect(oidcSettings(env)).toEqual({
    issuer: 'https://sso.example.org/realms/ong',
    clientId: 'plazo',
    clientSecret: 's3cret',
    redirectUri: 'https://plazo.example.org/auth/oidc/callback',
    name: 'Keycloak',
  });
});

test('an issuer without a client id or secret stops startup naming the variable', () => {
  expect(() => oidcSettings(loadEnv({ ...base, OIDC_ISSUER: 'https://sso.example.org', OIDC_CLIENT_SECRET: 'x' }))).toThrow(new ConfigError('environment variable OIDC_CLIENT_ID is not set: OIDC_ISSUER needs the client id registered with the provider'));
  expect(() => oidcSettings(loadEnv({ ...base, OIDC_ISSUER: 'https://sso.example.org', OIDC_CLIENT_ID: 'plazo' }))).toThrow(/OIDC_CLIENT_SECRET is not set/);
  expect(() => loadEnv({ ...base, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
});
