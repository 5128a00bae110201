import { checkCondition } from './checkCondition';

describe('checkCondition', () => {
  it('returns undefined for a valid expression', () => {
    expect(
      checkCondition(
        "${{ always() && (needs.deploy-staging.result == 'success' || !inputs.dry-run) }}",
      ),
    ).toBeUndefined();
    expect(
      checkCondition('contains(env.TAGS, "smoke") != false'),
    ).toBeUndefined();
  });

  it('returns the problem and its position for an invalid one', () => {
    expect(checkCondition("git.ref == 'a' &&")).toBe(
      'Expected a value but found end of expression at position 18',
    );
    expect(checkCondition('matrix.os ==== 1')).toBe(
      'Expected a value but found "==" at position 13',
    );
    expect(checkCondition('process.exit(1)')).toBe(
      'Unknown name "process" at position 1',
    );
  });

  it('counts positions from the start of a ${{ }} wrapper', () => {
    expect(checkCondition('${{ git.nope }}')).toBe(
      'Unknown property "git.nope" at position 5',
    );
  });
});
