import { evaluateCondition } from '@golive/plugin-pipelines-common';
import type { JobRecord, RunRecord } from '../database/types';
import { conditionContext } from './runConditions';

const run = {
  ref: 'main',
  sha: 'abc123',
  trigger: 'manual',
  actor: 'user:default/ana',
  inputs: { deploy: true },
  env: { APP: 'shop' },
} as unknown as RunRecord;

const job = (key: string, status: string, matrix?: object) =>
  ({
    key,
    status,
    matrix,
    definition: { env: { STAGE: 'ci' } },
  } as unknown as JobRecord);

describe('conditionContext', () => {
  it('gives needed jobs the result words of the expression language', () => {
    const context = conditionContext(run, job('deploy', 'pending'), [
      job('build', 'succeeded'),
      job('test', 'succeeded', { node: 20 }),
      job('test', 'failed', { node: 22 }),
    ]);

    expect(context.needs).toEqual({
      build: { result: 'success' },
      test: { result: 'failure' },
    });
    expect(evaluateCondition("needs.build.result == 'success'", context)).toBe(
      false,
    );
    expect(
      evaluateCondition("always() && needs.build.result == 'success'", context),
    ).toBe(true);
  });

  it('reads the branch, event, actor, inputs, env and matrix', () => {
    const context = conditionContext(
      run,
      job('deploy', 'pending', { os: 'linux' }),
      [job('build', 'succeeded')],
    );

    expect(
      evaluateCondition(
        "git.branch == 'main' && git.event == 'manual' && inputs.deploy && env.APP == 'shop' && env.STAGE == 'ci' && startsWith(git.actor, 'user:')",
        context,
      ),
    ).toBe(true);
    expect(context.git.tag).toBeUndefined();
    expect(
      conditionContext(
        { ...run, ref: 'refs/tags/v1.0' },
        job('x', 'pending'),
        [],
      ).git,
    ).toMatchObject({ tag: 'v1.0', branch: undefined });
  });
});
