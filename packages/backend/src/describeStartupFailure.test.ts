import { createServer } from 'node:net';
import { describeStartupFailure } from './describeStartupFailure';

describe('describeStartupFailure', () => {
  it('names the port that is already in use', async () => {
    const holder = createServer();
    await new Promise<void>(resolve => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;

    const second = createServer();
    const error = await new Promise<Error>(resolve => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    holder.close();

    const wrapped = new Error('Backend startup failed', { cause: error });
    const text = describeStartupFailure(wrapped);
    expect(text).toContain(`Port ${port} is already in use on 127.0.0.1`);
    expect(text).toContain('backend.listen.port');
  });

  it('joins the messages of nested causes without stack traces', () => {
    const root = new Error('Redis at 127.0.0.1:6390 is unreachable');
    const error = new Error("Plugin 'golive' startup failed", { cause: root });

    expect(describeStartupFailure(error)).toBe(
      "GoLive could not start: Plugin 'golive' startup failed; caused by: " +
        'Redis at 127.0.0.1:6390 is unreachable',
    );
  });

  it('does not repeat a cause that a wrapper already quotes', () => {
    const root = new Error('golive.redis.url is not a valid URL');
    const error = new Error(
      `Plugin startup failed; caused by Error: ${root.message}`,
      { cause: root },
    );

    expect(describeStartupFailure(error)).toBe(
      `GoLive could not start: ${error.message}`,
    );
  });
});
