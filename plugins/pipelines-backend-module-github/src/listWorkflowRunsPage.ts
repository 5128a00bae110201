import { InputError } from '@backstage/errors';

/** Runs per GitHub request; also the most a caller gets per page. */
const PER_PAGE = 100;
/** GitHub requests one call may make while it skips runs of other workflows. */
const MAX_REQUESTS = 10;

/**
 * Collects up to `limit` kept items from GitHub's page-numbered lists,
 * newest first. The cursor `<page>.<skip>` says which GitHub page to read
 * next and how many kept items of it were already returned, so pages stay
 * full when runs of unselected workflows are filtered out.
 */
export async function listWorkflowRunsPage<T>(options: {
  limit: number;
  cursor?: string;
  fetchPage(page: number, perPage: number): Promise<T[]>;
  keep(item: T): boolean;
}): Promise<{ items: T[]; nextCursor?: string }> {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new InputError(`Limit '${options.limit}' is not a positive integer`);
  }
  const limit = Math.min(options.limit, PER_PAGE);
  let { page, skip } = parseCursor(options.cursor);
  const items: T[] = [];

  for (let request = 0; request < MAX_REQUESTS; request++) {
    const fetched = await options.fetchPage(page, PER_PAGE);
    const kept = fetched.filter(options.keep);
    const lastPage = fetched.length < PER_PAGE;

    for (let i = skip; i < kept.length; i++) {
      items.push(kept[i]);
      if (items.length === limit) {
        const restOfPage = i + 1 < kept.length;
        if (restOfPage) {
          return { items, nextCursor: `${page}.${i + 1}` };
        }
        return lastPage ? { items } : { items, nextCursor: `${page + 1}.0` };
      }
    }
    if (lastPage) {
      return { items };
    }
    page += 1;
    skip = 0;
  }
  return { items, nextCursor: `${page}.0` };
}

function parseCursor(cursor: string | undefined): {
  page: number;
  skip: number;
} {
  if (cursor === undefined) {
    return { page: 1, skip: 0 };
  }
  const match = /^(\d{1,6})\.(\d{1,3})$/.exec(cursor);
  if (!match || Number(match[1]) < 1) {
    throw new InputError(
      `Cursor '${cursor}' is not a GitHub Actions page cursor`,
    );
  }
  return { page: Number(match[1]), skip: Number(match[2]) };
}
