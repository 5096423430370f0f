// A real OpenID Connect provider (the npm package oidc-provider) for the single sign-on tests.
// Usage: node tests/oidc/provider.mjs PORT REDIRECT_URI
// Its sign-in page is a stand-in for the council's (Entra ID): GET /interaction/<uid>?login=EMAIL
// signs in as that email address, and &mfa=1 says multi-factor authentication was done (amr).
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'ig-casework',
      client_secret: 'test-client-secret',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  cookies: { keys: ['test-only-cookie-key'] },
  // amr in the openid scope, so every ID token says how the person signed in (as Entra ID does).
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
  // First-party client: no consent screen (the council's own staff system).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match || ctx.method !== 'GET') return next();
  const login = ctx.query.login;
  if (!login) {
    ctx.status = 400;
    ctx.body = 'login= is required';
    return undefined;
  }
  await provider.interactionDetails(ctx.req, ctx.res);
  const amr = ctx.query.mfa ? ['pwd', 'mfa'] : ['pwd'];
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: login, amr } },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
  return undefined;
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
