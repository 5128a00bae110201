import { KeyObject, verify as verifySignature } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DOCS, json, notFound } from './fakeGithubHttp';
import type { RecordedRequest } from './startFakeGithub';

/**
 * A GitHub App: its JWTs (RS256, `iss` = app id) are checked against the
 * public key, and its installation on `acme` hands out `installationToken`.
 */
export interface FakeGithubApp {
  appId: number;
  publicKey: KeyObject;
  installationId: number;
  installationToken: string;
}

/** `/app/installations` and its access tokens, for a GitHub App's JWT. */
export function fakeAppRoutes(
  app: FakeGithubApp | undefined,
  auth: string,
  req: RecordedRequest,
  res: ServerResponse,
) {
  if (!app || !isAppJwt(app, auth.replace(/^(bearer|token) /i, ''))) {
    json(res, 401, {
      message: 'A JSON web token could not be decoded',
      documentation_url: DOCS,
    });
    return;
  }
  const account = { login: 'acme', id: 1001, type: 'Organization' };
  if (req.method === 'GET' && req.path === '/app/installations') {
    json(res, 200, [
      {
        id: app.installationId,
        account,
        app_id: app.appId,
        target_type: 'Organization',
        repository_selection: 'all',
        permissions: { actions: 'write', contents: 'read', statuses: 'write' },
        events: ['push', 'pull_request'],
        suspended_by: null,
        suspended_at: null,
      },
    ]);
    return;
  }
  if (
    req.method === 'POST' &&
    req.path === `/app/installations/${app.installationId}/access_tokens`
  ) {
    json(res, 201, {
      token: app.installationToken,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: { actions: 'write', contents: 'read', statuses: 'write' },
      repository_selection: 'all',
    });
    return;
  }
  notFound(res);
}

function isAppJwt(app: FakeGithubApp, jwt: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) {
    return false;
  }
  const valid = verifySignature(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    app.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return (
    valid && Number(claims.iss) === app.appId && claims.exp * 1000 > Date.now()
  );
}
