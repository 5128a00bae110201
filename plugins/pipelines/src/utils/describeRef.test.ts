import { describeRef } from './describeRef';

describe('describeRef', () => {
  it('reads branches, tags and other refs', () => {
    expect(describeRef('main')).toEqual({ kind: 'Branch', name: 'main' });
    expect(describeRef('refs/heads/feature/x')).toEqual({
      kind: 'Branch',
      name: 'feature/x',
    });
    expect(describeRef('refs/tags/v1.2')).toEqual({
      kind: 'Tag',
      name: 'v1.2',
    });
    expect(describeRef('refs/pull/7/head')).toEqual({
      kind: 'Ref',
      name: 'refs/pull/7/head',
    });
  });
});
