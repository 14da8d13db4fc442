// Development OpenID provider for mytokend: the `oidc-provider` package (a certified OP implementation) on
// loopback, with one confidential client. Everything not configured here is oidc-provider's own behaviour;
// all state is in memory. See README.md for the environment variables.
import { appendFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.OP_PORT || 9400);
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (env.OP_REDIRECT_URI || 'http://127.0.0.1:8000/redirect')
  .split(',').map((s) => s.trim()).filter(Boolean);
const atTtl = Number(env.OP_AT_TTL || 3600);
const rtTtl = Number(env.OP_RT_TTL || 30 * 24 * 3600);
const rotateRt = env.OP_ROTATE_RT === '1';
const autoLogin = env.OP_AUTO_LOGIN === '1';
const tokenLog = env.OP_TOKEN_LOG || '';

const SCOPES = ['openid', 'offline_access', 'profile', 'email', 'storage.read', 'compute.create'];
const USERS = {
  alice: { email: 'alice@example.org', email_verified: true, name: 'Alice Example', preferred_username: 'alice' },
  // groups: selects bob's enforced restrictions in tests/e2e/test_provider_policy.sh (alice has none).
  bob: { email: 'bob@example.org', email_verified: true, name: 'Bob Example', preferred_username: 'bob', groups: ['students'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'mytoken-test',
    client_secret: 'mytoken-test-secret',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: redirectUris,
    token_endpoint_auth_method: 'client_secret_basic', // client_secret_post is accepted as well
  }],
  scopes: SCOPES,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'groups'] },
  conformIdTokenClaims: false, // scope claims also go into the ID token, not only to userinfo
  cookies: { keys: ['mytoken-dev-op-cookie-key'] },
  // No `jwks`: oidc-provider generates a fresh development signing key per start (and says so once).
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...USERS[id] }) }),
  rotateRefreshToken: () => rotateRt,
  pkce: { required: () => false }, // S256 is checked whenever a code_challenge was sent
  ttl: {
    AccessToken: atTtl,
    AuthorizationCode: 120,
    Grant: rtTtl,
    IdToken: 3600,
    Interaction: 600,
    RefreshToken: rtTtl,
    Session: 3600,
  },
  features: {
    devInteractions: { enabled: !autoLogin },
    introspection: { enabled: true, allowedPolicy: async () => true },
    revocation: { enabled: true },
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // No `resource` in a token request: the opaque userinfo access token (no aud). A single resource named
      // in the authorization request counts as that one resource where oidc-provider needs exactly one.
      defaultResource: async (_ctx, _client, oneOf) => (oneOf?.length === 1 ? oneOf[0] : oneOf),
      useGrantedResource: async () => false,
      // `resource=<absolute URI>`: a JWT access token (at+jwt, RS256) with aud = that URI.
      getResourceServerInfo: async (_ctx, resource) => ({
        scope: SCOPES.join(' '),
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: atTtl,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});

// OIDC Core: offline_access (and so a refresh token) only with prompt=consent. mytokend sends that itself;
// for hand-made authorization URLs the prompt is added here, so `scope=... offline_access` always yields an RT.
provider.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/auth' && typeof ctx.query.scope === 'string') {
    const prompts = String(ctx.query.prompt || '').split(' ').filter(Boolean);
    if (ctx.query.scope.split(' ').includes('offline_access') && !prompts.includes('consent')
        && !prompts.includes('none')) {
      ctx.query = { ...ctx.query, prompt: [...prompts, 'consent'].join(' ') };
    }
  }
  return next();
});

// OP_TOKEN_LOG (tests only): every access, refresh and ID token of a /token response, one per line, appended
// before the response is sent, so a test can search mytokend's database and logs for them.
if (tokenLog) {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      const issued = ['access_token', 'refresh_token', 'id_token'].map((k) => ctx.body[k]).filter(Boolean);
      if (issued.length) appendFileSync(tokenLog, `${issued.join('\n')}\n`, { mode: 0o600 });
    }
  });
}

// OP_AUTO_LOGIN=1: no forms; the interaction URL logs in (login_hint, else OP_AUTO_LOGIN_USER, else alice)
// and consents to everything asked, answering with redirects only, so curl with a cookie jar suffices.
if (autoLogin) {
  provider.use(async (ctx, next) => {
    if (ctx.method !== 'GET' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
    let result;
    if (prompt.name === 'login') {
      result = { login: { accountId: params.login_hint || env.OP_AUTO_LOGIN_USER || 'alice' } };
    } else if (prompt.name === 'consent') {
      const grant = grantId ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missingResourceScopes || {})) {
        grant.addResourceScope(resource, scopes.join(' '));
      }
      result = { consent: { grantId: await grant.save() } };
    } else {
      ctx.throw(501, `prompt ${prompt.name} not handled`);
    }
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: prompt.name !== 'login',
    }));
    return undefined;
  });
}

provider.listen(port, '127.0.0.1', () => {
  console.log(`dev OP listening at ${issuer} (rotate_rt=${rotateRt} auto_login=${autoLogin} `
    + `at_ttl=${atTtl} token_log=${tokenLog || 'off'})`);
});
