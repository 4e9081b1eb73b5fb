// The OpenID provider of the single sign-on tests: panva's oidc-provider (a certified OpenID
// Connect implementation), configured from one JSON argument and started by
// tests/support/oidc.py, which reads the line `listening <issuer>` and stops the process after.
//
//   node provider.mjs '{"redirect_uris": [...], "post_logout_redirect_uris": [...],
//                       "accounts": {"anna": {"password": "...", "claims": {...}}}}'
//
// Login is a real form (/interaction/<uid>, POST login and password), checked against the
// accounts given; consent is granted at once, as a first-party provider does. Besides the
// client `genogram`, two clients whose ID tokens are wrong on purpose, so the tests can see the
// service refuse them after a real authorization code flow:
//   genogram-skewed       its ID tokens are issued by a clock two hours behind (expired)
//   genogram-misaddressed its ID tokens name another client (`other-app`) as their audience
// Test-only: the cookie keys and the signing key are made anew at every start.

import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2] || '{}');
const accounts = config.accounts || {};

function page(title, body) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><h1>${title}</h1>${body}</body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const client = (clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  redirect_uris: config.redirect_uris || [],
  post_logout_redirect_uris: config.post_logout_redirect_uris || [],
  grant_types: ['authorization_code'],
  response_types: ['code'],
});

const provider = new Provider(issuer, {
  clients: ['genogram', 'genogram-skewed', 'genogram-misaddressed', 'other-app'].map(client),
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // the scopes' claims go into the ID token (the service reads its claim from there)
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    email: ['email', 'email_verified'],
  },
  async findAccount(ctx, sub) {
    if (!accounts[sub]) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub].claims }) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" `
          + 'name="logout" value="yes">Yes, sign me out</button>');
      },
    },
  },
});

// The two misbehaving clients: the ID token is issued as usual, then wrong in one respect.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function issueForTests(options = {}) {
  const clientId = this.client.clientId;
  if (options.use === 'idtoken' && clientId === 'genogram-misaddressed') {
    const own = this.client;
    this.client = await provider.Client.find('other-app');
    try { return await issue.call(this, options); } finally { this.client = own; }
  }
  if (options.use === 'idtoken' && clientId === 'genogram-skewed') {
    const now = Date.now;
    Date.now = () => now() - 2 * 3600 * 1000;
    try { return await issue.call(this, options); } finally { Date.now = now; }
  }
  return issue.call(this, options);
};

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params } = details;
  if (prompt.name === 'login') {
    if (req.method === 'POST') {
      const form = await readForm(req);
      const login = form.get('login') || '';
      if (!accounts[login] || accounts[login].password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page('Wrong login', `<p>wrong login or password</p>`
          + `<a href="/interaction/${uid}">again</a>`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } },
        { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page('Sign in', `<form method="post" action="/interaction/${uid}">`
      + '<input name="login"><input name="password" type="password">'
      + `<button type="submit">Sign in to ${escape(params.client_id)}</button></form>`));
    return;
  }
  // consent: a first-party provider grants what was asked at once
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } },
    { mergeWithLastSubmission: true });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
    return;
  }
  callback(req, res);
});

process.on('SIGTERM', () => { server.close(); process.exit(0); });
console.log(`listening ${issuer}`);
