import { InputError } from '@backstage/errors';
import { parseArtifactName, parseArtifactPrefix } from './parseArtifactName';

describe('parseArtifactName', () => {
  it('splits an id-addressed name into segments', () => {
    expect(parseArtifactName('runs/r1/jobs/j1/report.xml')).toEqual([
      'runs',
      'r1',
      'jobs',
      'j1',
      'report.xml',
    ]);
  });

  it('accepts dot files and names with dots inside', () => {
    expect(parseArtifactName('runs/r1/.coverage/a..b')).toEqual([
      'runs',
      'r1',
      '.coverage',
      'a..b',
    ]);
  });

  it.each([
    ['', 'must not be empty'],
    ['runs/../../etc/passwd', 'has a ".." segment'],
    ['..', 'has a ".." segment'],
    ['runs/./report.xml', 'has a "." segment'],
    ['/etc/passwd', 'is an absolute path'],
    ['runs\\r1\\report.xml', 'contains a backslash'],
    ['runs/r1\0.xml', 'contains a NUL byte'],
    ['runs//report.xml', 'has an empty segment'],
    ['runs/r1/', 'has an empty segment'],
    ['.golive-staging/x.partial', 'reserved folder'],
  ])('refuses %j because it %s', (name, problem) => {
    expect(() => parseArtifactName(name)).toThrow(InputError);
    expect(() => parseArtifactName(name)).toThrow(problem);
  });

  it('quotes the name with escapes in the message', () => {
    expect(() => parseArtifactName('a\0b')).toThrow('"a\\u0000b"');
  });
});

describe('parseArtifactPrefix', () => {
  it('lists the whole store for the empty prefix', () => {
    expect(parseArtifactPrefix('')).toEqual({ folder: [], partial: '' });
  });

  it('splits a folder prefix and a partial name', () => {
    expect(parseArtifactPrefix('runs/r1/')).toEqual({
      folder: ['runs', 'r1'],
      partial: '',
    });
    expect(parseArtifactPrefix('runs/r')).toEqual({
      folder: ['runs'],
      partial: 'r',
    });
  });

  it.each([
    ['../', 'has a ".." segment'],
    ['runs/..', 'has a ".." segment'],
    ['/runs/', 'is an absolute path'],
    ['runs//', 'has an empty segment'],
    ['runs\\', 'contains a backslash'],
  ])('refuses %j because it %s', (prefix, problem) => {
    expect(() => parseArtifactPrefix(prefix)).toThrow(problem);
  });
});
