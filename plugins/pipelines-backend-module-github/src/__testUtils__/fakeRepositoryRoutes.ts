import { repository } from './githubPayloads';
import { DOCS, RepositoryCall, json, notFound } from './fakeGithubHttp';

/**
 * The repository, contents, commits and statuses paths. Answers and
 * returns true when the call is one of them.
 */
export function fakeRepositoryRoutes(call: RepositoryCall): boolean {
  const { fake, slug, repo, rest, req, res } = call;
  const accept = String(req.headers.accept ?? '');
  const base = fake.baseUrl;
  let p: RegExpExecArray | null;

  if (req.method === 'GET' && rest === '') {
    json(res, 200, repository(base, slug, repo.defaultBranch));
    return true;
  }

  p = /^\/contents\/(.+)$/.exec(rest);
  if (req.method === 'GET' && p) {
    const path = decodeURIComponent(p[1]);
    const ref = req.query.get('ref') ?? repo.defaultBranch;
    const sha = repo.refs[ref] ?? ref;
    const tree = repo.files[sha];
    if (!tree) {
      json(res, 404, {
        message: `No commit found for the ref ${ref}`,
        documentation_url: DOCS,
      });
      return true;
    }
    const content = tree[path];
    if (content === undefined) {
      const children = Object.keys(tree).filter(f => f.startsWith(`${path}/`));
      if (children.length) {
        json(
          res,
          200,
          children.map(f => ({
            type: 'file',
            name: f.split('/').pop(),
            path: f,
          })),
        );
        return true;
      }
      notFound(res);
      return true;
    }
    if (accept.includes('raw')) {
      res.writeHead(200, {
        'content-type': 'application/vnd.github.raw',
        'content-length': Buffer.byteLength(content),
      });
      res.end(content);
      return true;
    }
    json(res, 200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(content),
      name: path.split('/').pop(),
      path,
      content: Buffer.from(content).toString('base64'),
    });
    return true;
  }

  p = /^\/commits\/(.+)$/.exec(rest);
  if (req.method === 'GET' && p) {
    // a sha, a name, or heads/<branch> and tags/<tag> as documented
    const ref = decodeURIComponent(p[1]);
    const kind = /^(?:refs\/)?(heads|tags)\/(.+)$/.exec(ref);
    const isTag = (name: string) => repo.tags?.includes(name) ?? false;
    let sha: string | undefined;
    if (kind) {
      const [, folder, name] = kind;
      sha = (folder === 'tags') === isTag(name) ? repo.refs[name] : undefined;
    } else {
      sha = repo.refs[ref] ?? (repo.files[ref] ? ref : undefined);
    }
    if (!sha) {
      json(res, 422, {
        message: `No commit found for SHA: ${ref}`,
        documentation_url: DOCS,
      });
      return true;
    }
    if (accept.includes('sha')) {
      res.writeHead(200, { 'content-type': 'application/vnd.github.sha' });
      res.end(sha);
      return true;
    }
    json(res, 200, {
      sha,
      html_url: `https://github.com/${slug}/commit/${sha}`,
    });
    return true;
  }

  p = /^\/statuses\/([0-9a-f]{40})$/.exec(rest);
  if (req.method === 'POST' && p) {
    const body = req.body ?? {};
    const errors = [];
    if (!['pending', 'success', 'failure', 'error'].includes(body.state)) {
      errors.push({ resource: 'Status', code: 'invalid', field: 'state' });
    }
    if (typeof body.description === 'string' && body.description.length > 140) {
      errors.push({
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: 'description is too long (maximum is 140 characters)',
      });
    }
    if (errors.length) {
      json(res, 422, {
        message: 'Validation Failed',
        errors,
        documentation_url: DOCS,
      });
      return true;
    }
    if (!Object.values(repo.refs).includes(p[1]) && !repo.files[p[1]]) {
      json(res, 422, {
        message: `No commit found for SHA: ${p[1]}`,
        documentation_url: DOCS,
      });
      return true;
    }
    fake.statuses.push({ slug, sha: p[1], body });
    json(res, 201, {
      url: `${base}/repos/${slug}/statuses/${p[1]}`,
      id: fake.statuses.length,
      state: body.state,
      description: body.description ?? null,
      target_url: body.target_url ?? null,
      context: body.context ?? 'default',
      created_at: '2026-12-01T09:25:00Z',
      updated_at: '2026-12-01T09:25:00Z',
    });
    return true;
  }

  return false;
}
