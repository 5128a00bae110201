import { HostAllowList } from './HostAllowList';

describe('HostAllowList', () => {
  const list = HostAllowList.create([
    'jira.acme.com',
    'jenkins.acme.com:8443',
    '*.ci.acme.com',
    '*.probe.acme.com:9000',
    '10.0.0.5:8080',
    '[fd00::1]',
    'Upper.Example.COM',
  ]);
  const match = (url: string) => list.match(new URL(url));

  it('matches an exact host on any port', () => {
    expect(match('https://jira.acme.com/rest')).toBe('explicit');
    expect(match('http://jira.acme.com:8080/')).toBe('explicit');
    expect(match('https://JIRA.acme.com./')).toBe('explicit');
    expect(match('https://upper.example.com/')).toBe('explicit');
  });

  it('matches host:port on that port only, counting default ports', () => {
    expect(match('https://jenkins.acme.com:8443/')).toBe('explicit');
    expect(match('https://jenkins.acme.com/')).toBeUndefined();
    expect(
      HostAllowList.create(['a.com:443']).match(new URL('https://a.com')),
    ).toBe('explicit');
    expect(
      HostAllowList.create(['a.com:443']).match(new URL('http://a.com')),
    ).toBeUndefined();
  });

  it('matches subdomains of a wildcard at any depth, but not the domain itself', () => {
    expect(match('https://build.ci.acme.com/')).toBe('wildcard');
    expect(match('https://a.b.ci.acme.com/')).toBe('wildcard');
    expect(match('https://ci.acme.com/')).toBeUndefined();
    expect(match('https://evilci.acme.com/')).toBeUndefined();
    expect(match('https://ci.acme.com.evil.io/')).toBeUndefined();
    expect(match('http://x.probe.acme.com:9000/')).toBe('wildcard');
    expect(match('http://x.probe.acme.com:9001/')).toBeUndefined();
  });

  it('matches IP addresses exactly, whatever their encoding in the URL', () => {
    expect(match('http://10.0.0.5:8080/')).toBe('explicit');
    expect(match('http://167772165:8080/')).toBe('explicit');
    expect(match('http://0xa.0.0.5:8080/')).toBe('explicit');
    expect(match('http://10.0.0.5:8081/')).toBeUndefined();
    expect(match('http://[fd00:0::1]/')).toBe('explicit');
    expect(match('http://[fd00::2]/')).toBeUndefined();
  });

  it.each([
    ['*', 'use "host", "host:port" or "*.domain"'],
    ['', 'use "host"'],
    ['https://jira.acme.com', 'use "host"'],
    ['jira.acme.com/path', 'use "host"'],
    ['user@jira.acme.com', 'use "host"'],
    ['a.*.acme.com', 'use "host"'],
    ['::1', 'use "host"'],
    ['jira.acme.com:70000', 'the port must be between 1 and 65535'],
    ['*.10.0.0.1', 'a wildcard cannot cover IP addresses'],
    ['*.0.1', 'a wildcard cannot cover IP addresses'],
    ['*.[::1]', 'a wildcard cannot cover IP addresses'],
  ])('refuses the entry %j', (entry, problem) => {
    expect(() => HostAllowList.create(['ok.com', entry])).toThrow(
      `Invalid entry ${JSON.stringify(
        entry,
      )} in golive.http.allowedHosts: ${problem}`,
    );
  });
});
