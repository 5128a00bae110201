import type { ServerResponse } from 'node:http';
import type {
  FakeGithub,
  FakeRepository,
  RecordedRequest,
} from './startFakeGithub';

export const DOCS = 'https://docs.github.com/rest';

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function notFound(res: ServerResponse) {
  json(res, 404, { message: 'Not Found', documentation_url: DOCS });
}

/** One authenticated call under `/repos/<slug>`. */
export interface RepositoryCall {
  fake: FakeGithub;
  slug: string;
  repo: FakeRepository;
  /** The path after `/repos/<owner>/<repo>`. */
  rest: string;
  req: RecordedRequest;
  res: ServerResponse;
}

/** The `page` and `per_page` slice of a list, as GitHub pages it. */
export function paged<T>(req: RecordedRequest, items: T[]): T[] {
  const page = Number(req.query.get('page') ?? 1);
  const perPage = Number(req.query.get('per_page') ?? 30);
  return items.slice((page - 1) * perPage, page * perPage);
}
