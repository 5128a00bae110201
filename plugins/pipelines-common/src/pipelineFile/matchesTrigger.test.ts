import { matchesTrigger } from './matchesTrigger';
import type { PipelineFile, PipelineTriggers } from './types';

function withTriggers(on: PipelineTriggers): PipelineFile {
  return { name: 'x', on, env: {}, jobs: {} };
}

const push = (ref: string) => ({ type: 'push' as const, ref });
const pullRequest = (baseBranch: string) => ({
  type: 'pull_request' as const,
  baseBranch,
});

describe('matchesTrigger', () => {
  const pipeline = withTriggers({
    push: { branches: ['main', 'release/**', 'feature/*-fix'], tags: ['v*'] },
    pullRequest: { branches: ['main', 'release/?'] },
  });

  it.each([
    ['refs/heads/main', true],
    ['refs/heads/mainline', false],
    ['refs/heads/release/1.2', true],
    ['refs/heads/release/1.2/hotfix', true],
    ['refs/heads/release', false],
    ['refs/heads/feature/login-fix', true],
    ['refs/heads/feature/a/b-fix', false],
    ['refs/heads/other', false],
    ['refs/tags/v1.2.0', true],
    ['refs/tags/v1/beta', false],
    ['refs/tags/1.2.0', false],
    ['refs/tags/main', false],
    ['main', true],
    ['refs/pull/12/merge', false],
  ])('matches a push of %s: %s', (ref, expected) => {
    expect(matchesTrigger(pipeline, push(ref))).toBe(expected);
  });

  it.each([
    ['main', true],
    ['refs/heads/main', true],
    ['release/1', true],
    ['release/12', false],
    ['develop', false],
  ])('matches a pull request into %s: %s', (base, expected) => {
    expect(matchesTrigger(pipeline, pullRequest(base))).toBe(expected);
  });

  it('matches every push and pull request when there are no filters', () => {
    const open = withTriggers({ push: {}, pullRequest: {} });

    expect(matchesTrigger(open, push('refs/heads/anything'))).toBe(true);
    expect(matchesTrigger(open, push('refs/tags/v0'))).toBe(true);
    expect(matchesTrigger(open, pullRequest('any/branch'))).toBe(true);
  });

  it('matches only pushes of the filtered kind when one filter is given', () => {
    const tagsOnly = withTriggers({ push: { tags: ['**'] } });

    expect(matchesTrigger(tagsOnly, push('refs/tags/v1'))).toBe(true);
    expect(matchesTrigger(tagsOnly, push('refs/heads/main'))).toBe(false);
  });

  it('matches nothing without the trigger', () => {
    const manualOnly = withTriggers({ manual: { inputs: [] } });

    expect(matchesTrigger(manualOnly, push('refs/heads/main'))).toBe(false);
    expect(matchesTrigger(manualOnly, pullRequest('main'))).toBe(false);
  });

  it('treats regular expression characters in globs literally', () => {
    const dots = withTriggers({ push: { branches: ['v1.2', '(a|b)+'] } });

    expect(matchesTrigger(dots, push('refs/heads/v1.2'))).toBe(true);
    expect(matchesTrigger(dots, push('refs/heads/v1x2'))).toBe(false);
    expect(matchesTrigger(dots, push('refs/heads/(a|b)+'))).toBe(true);
    expect(matchesTrigger(dots, push('refs/heads/aa'))).toBe(false);
  });

  it('matches globs with many stars in linear time', () => {
    const stars = withTriggers({ push: { branches: [`${'*a'.repeat(50)}b`] } });
    const start = Date.now();

    expect(matchesTrigger(stars, push(`refs/heads/${'a'.repeat(250)}`))).toBe(
      false,
    );
    expect(Date.now() - start).toBeLessThan(100);
  });
});
