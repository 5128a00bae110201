import { jobPath, parseJobAnnotation } from './parseJobAnnotation';

describe('parseJobAnnotation', () => {
  it('reads several jobs with and without an instance', () => {
    expect(
      parseJobAnnotation(' shop/web , legacy:deploy-prod,main:a/b/c,shop/web'),
    ).toEqual([
      { instance: 'default', jobFullName: 'shop/web' },
      { instance: 'legacy', jobFullName: 'deploy-prod' },
      { instance: 'main', jobFullName: 'a/b/c' },
    ]);
  });

  it.each([
    ['', 'a job name is empty'],
    ['a,,b', 'a job name is empty'],
    [':job', '":job" has an empty instance name'],
    ['main:', 'job "" has an empty folder or name'],
    ['a//b', 'job "a//b" has an empty folder or name'],
    ['a/../b', '".." in job "a/../b" is not a valid Jenkins name'],
    ['main:a:b', '"a:b" in job "a:b" is not a valid Jenkins name'],
    ['shop?x=1', '"shop?x=1" in job "shop?x=1" is not a valid Jenkins name'],
  ])('rejects "%s"', (value, message) => {
    expect(() => parseJobAnnotation(value)).toThrow(
      `Invalid jenkins.io/job-full-name annotation "${value}": ${message}`,
    );
  });
});

describe('jobPath', () => {
  it('puts every folder under /job/ and encodes names', () => {
    expect(jobPath('a/b/c')).toBe('/job/a/job/b/job/c');
    expect(jobPath('my folder/web build')).toBe(
      '/job/my%20folder/job/web%20build',
    );
  });
});
