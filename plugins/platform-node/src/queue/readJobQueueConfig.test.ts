import { ConfigReader } from '@backstage/config';
import { readJobQueueConfig } from './readJobQueueConfig';

function read(queue: object) {
  return readJobQueueConfig(new ConfigReader({ golive: { queue } }));
}

describe('readJobQueueConfig', () => {
  it('applies the defaults', () => {
    expect(readJobQueueConfig(new ConfigReader({}))).toEqual({
      prefix: 'golive',
      lockDurationMs: 30000,
      shutdownTimeoutMs: 20000,
    });
  });

  it('reads the configured values', () => {
    expect(
      read({
        prefix: 'golive:eu',
        lockDurationMs: 1000,
        shutdownTimeoutMs: 500,
      }),
    ).toEqual({
      prefix: 'golive:eu',
      lockDurationMs: 1000,
      shutdownTimeoutMs: 500,
    });
  });

  it('rejects invalid values naming their key', () => {
    expect(() => read({ prefix: 'golive eu' })).toThrow(
      "Invalid config at 'golive.queue.prefix'",
    );
    expect(() => read({ shutdownTimeoutMs: -1 })).toThrow(
      "Invalid config at 'golive.queue.shutdownTimeoutMs'",
    );
    expect(() => read({ lockDurationMs: 2.5 })).toThrow(
      "Invalid config at 'golive.queue.lockDurationMs'",
    );
  });
});
