/**
 * How a run's ref reads on the page: `refs/heads/main` and `main` as the
 * branch `main`, `refs/tags/v1.2` as the tag `v1.2`, other full refs (such
 * as `refs/pull/7/head`) as they are.
 */
export function describeRef(ref: string): {
  kind: 'Branch' | 'Tag' | 'Ref';
  name: string;
} {
  if (ref.startsWith('refs/heads/')) {
    return { kind: 'Branch', name: ref.slice('refs/heads/'.length) };
  }
  if (ref.startsWith('refs/tags/')) {
    return { kind: 'Tag', name: ref.slice('refs/tags/'.length) };
  }
  if (ref.startsWith('refs/')) return { kind: 'Ref', name: ref };
  return { kind: 'Branch', name: ref };
}
