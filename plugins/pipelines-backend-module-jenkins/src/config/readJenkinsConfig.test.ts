import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readJenkinsConfig } from './readJenkinsConfig';

const read = (jenkins: JsonObject) =>
  readJenkinsConfig(new ConfigReader({ jenkins }));

describe('readJenkinsConfig', () => {
  it('reads named instances and drops trailing slashes of base URLs', () => {
    expect(
      read({
        instances: [
          {
            name: 'main',
            baseUrl: 'https://ci.acme.com/jenkins/',
            username: 'bot',
            apiKey: 'k1',
          },
          {
            name: 'legacy',
            baseUrl: 'http://10.0.0.5:8080',
            username: 'bot2',
            apiKey: 'k2',
            crumbIssuer: false,
          },
        ],
      }),
    ).toEqual([
      {
        name: 'main',
        baseUrl: 'https://ci.acme.com/jenkins',
        username: 'bot',
        apiKey: 'k1',
        crumbIssuer: true,
      },
      {
        name: 'legacy',
        baseUrl: 'http://10.0.0.5:8080',
        username: 'bot2',
        apiKey: 'k2',
        crumbIssuer: false,
      },
    ]);
  });

  it('reads the single-instance form as the instance "default"', () => {
    expect(
      read({ baseUrl: 'https://ci.acme.com', username: 'u', apiKey: 'k' }),
    ).toEqual([
      {
        name: 'default',
        baseUrl: 'https://ci.acme.com',
        username: 'u',
        apiKey: 'k',
        crumbIssuer: true,
      },
    ]);
  });

  it('returns no instance without jenkins config', () => {
    expect(readJenkinsConfig(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { instances: [{ name: 'a', baseUrl: 'https://x', username: 'u' }] },
      'Jenkins instance "a" needs jenkins.instances[0].username and jenkins.instances[0].apiKey',
    ],
    [
      { baseUrl: 'ftp://x', username: 'u', apiKey: 'k' },
      'Invalid jenkins.baseUrl "ftp://x": use http: or https:',
    ],
    [
      { baseUrl: 'ci.acme.com', username: 'u', apiKey: 'k' },
      'Invalid jenkins.baseUrl "ci.acme.com": not an absolute URL',
    ],
    [
      { baseUrl: 'https://u:p@ci.acme.com', username: 'u', apiKey: 'k' },
      'no query, fragment or credentials',
    ],
    [
      {
        instances: [
          { name: 'a', baseUrl: 'https://x', username: 'u', apiKey: 'k' },
          { name: 'a', baseUrl: 'https://y', username: 'u', apiKey: 'k' },
        ],
      },
      'Duplicate Jenkins instance name "a" in jenkins.instances[1]',
    ],
    [
      {
        instances: [
          { name: 'a:b', baseUrl: 'https://x', username: 'u', apiKey: 'k' },
        ],
      },
      'Invalid jenkins.instances[0].name "a:b"',
    ],
    [
      {
        baseUrl: 'https://x',
        username: 'u',
        apiKey: 'k',
        instances: [
          { name: 'default', baseUrl: 'https://y', username: 'u', apiKey: 'k' },
        ],
      },
      'Jenkins instance "default" is configured twice',
    ],
    [
      { username: 'u', apiKey: 'k' },
      'jenkins.username and jenkins.apiKey need jenkins.baseUrl',
    ],
  ])('rejects invalid config %#', (jenkins, message) => {
    expect(() => read(jenkins)).toThrow(message);
  });
});
