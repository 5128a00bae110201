import { LogLine } from '@golive/plugin-pipelines-common';
import { lineEvent, streamOf, streamResponse } from '../testUtils/streams';
import { followLogStream } from './followLogStream';

function follow(responses: Array<() => Response | Promise<Response>>) {
  const seen: LogLine[] = [];
  const connectedAfter: number[] = [];
  const done = followLogStream({
    connect: async lastSeq => {
      connectedAfter.push(lastSeq);
      const next = responses.shift();
      if (!next) {
        throw new Error('no more connections expected');
      }
      return next();
    },
    onLine: line => seen.push(line),
    retryDelayMs: () => 0,
    maxRetries: 2,
  });
  return { done, seen, connectedAfter };
}

describe('followLogStream', () => {
  it('resumes after a dropped connection without showing a line twice', async () => {
    const { done, seen, connectedAfter } = follow([
      // The connection drops in the middle of the fourth event.
      () =>
        streamResponse(
          streamOf(
            [lineEvent(1), lineEvent(2), lineEvent(3), 'id: 4\nevent: li'],
            new Error('socket hang up'),
          ),
        ),
      // The server replays from a little earlier than asked.
      () =>
        streamResponse(
          streamOf([
            lineEvent(3),
            lineEvent(4),
            lineEvent(5),
            'event: end\ndata: {}\n\n',
          ]),
        ),
    ]);

    await done;

    expect(seen.map(line => line.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(connectedAfter).toEqual([0, 3]);
  });

  it('reconnects when the server closes the stream before the job ends', async () => {
    const { done, seen, connectedAfter } = follow([
      () => streamResponse(streamOf([lineEvent(1)])),
      () => streamResponse(streamOf([lineEvent(2), 'event: end\ndata:\n\n'])),
    ]);

    await done;

    expect(seen.map(line => line.seq)).toEqual([1, 2]);
    expect(connectedAfter).toEqual([0, 1]);
  });

  it('starts after the given sequence number', async () => {
    const seen: number[] = [];
    await followLogStream({
      after: 7,
      connect: async () =>
        streamResponse(
          streamOf([lineEvent(7), lineEvent(8), 'event: end\ndata:\n\n']),
        ),
      onLine: line => seen.push(line.seq),
    });

    expect(seen).toEqual([8]);
  });

  it('gives up after repeated failures', async () => {
    const failing = () => {
      throw new Error('connection refused');
    };
    const { done } = follow([failing, failing, failing]);

    await expect(done).rejects.toThrow('connection refused');
  });

  it('stops quietly when aborted', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    await followLogStream({
      signal: abort.signal,
      connect: async () => {
        abort.abort();
        throw new Error('aborted');
      },
      onLine: line => seen.push(line.seq),
    });

    expect(seen).toEqual([]);
  });
});
