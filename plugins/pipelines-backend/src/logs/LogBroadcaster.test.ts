import { mockServices } from '@backstage/backend-test-utils';
import type { LogLine } from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import { createTestRedisService } from './__testUtils__/testRedis';
import { InProcessLogBroadcaster } from './InProcessLogBroadcaster';
import { RedisLogBroadcaster } from './RedisLogBroadcaster';
import { LogBroadcaster, LogEvent } from './types';
import { waitUntil } from '../__testUtils__/waitUntil';

function lines(from: number, count: number, text = 'x'): LogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    stream: 'stdout' as const,
    time: '2026-12-03T10:00:00.000Z',
    text: `${text} ${from + i}`,
  }));
}

/** Collects events; `seqs()` lists the sequence numbers of line events. */
function recorder() {
  const events: LogEvent[] = [];
  return {
    events,
    listener: (event: LogEvent) => events.push(event),
    seqs: () =>
      events.flatMap(e => (e.type === 'lines' ? e.lines.map(l => l.seq) : [])),
  };
}

type Harness = {
  /** The broadcaster that publishes and the one that subscribes. */
  create(): Promise<{ publisher: LogBroadcaster; viewer: LogBroadcaster }>;
  close(): Promise<void>;
};

function inProcessHarness(): Harness {
  return {
    async create() {
      const broadcaster = InProcessLogBroadcaster.create();
      return { publisher: broadcaster, viewer: broadcaster };
    },
    async close() {},
  };
}

function redisHarness(): Harness {
  const created: RedisLogBroadcaster[] = [];
  const channelPrefix = `golive-test:${randomUUID()}:`;
  return {
    async create() {
      const redis = await createTestRedisService();
      const logger = mockServices.logger.mock();
      // Two instances, as on two backend replicas.
      const publisher = RedisLogBroadcaster.create({
        redis,
        logger,
        channelPrefix,
      });
      const viewer = RedisLogBroadcaster.create({
        redis,
        logger,
        channelPrefix,
      });
      created.push(publisher, viewer);
      return { publisher, viewer };
    },
    async close() {
      await Promise.all(created.splice(0).map(b => b.close()));
    },
  };
}

describe.each([
  ['InProcessLogBroadcaster', inProcessHarness],
  ['RedisLogBroadcaster', redisHarness],
])('%s', (_, createHarness) => {
  const harness = createHarness();
  let publisher: LogBroadcaster;
  let viewer: LogBroadcaster;

  beforeEach(async () => {
    ({ publisher, viewer } = await harness.create());
  });

  afterEach(async () => {
    await harness.close();
  });

  it('delivers lines and the end, in order, to every viewer of the job', async () => {
    const first = recorder();
    const second = recorder();
    const other = recorder();
    await viewer.subscribe('job-1', first.listener);
    await viewer.subscribe('job-1', second.listener);
    await viewer.subscribe('job-2', other.listener);

    await publisher.publish('job-1', lines(1, 3));
    await publisher.publish('job-1', lines(4, 2));
    await publisher.publishEnd('job-1');

    await waitUntil(() => second.events.length === 3);
    for (const { events, seqs } of [first, second]) {
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(events[0]).toEqual({ type: 'lines', lines: lines(1, 3) });
      expect(events[events.length - 1]).toEqual({ type: 'end' });
    }
    expect(other.events).toEqual([]);
  });

  it('stops delivering to a viewer that unsubscribed, and only to it', async () => {
    const leaving = recorder();
    const staying = recorder();
    const unsubscribe = await viewer.subscribe('job-1', leaving.listener);
    await viewer.subscribe('job-1', staying.listener);

    await publisher.publish('job-1', lines(1, 1));
    await waitUntil(() => leaving.events.length === 1);
    await unsubscribe();
    await publisher.publish('job-1', lines(2, 1));
    await publisher.publishEnd('job-1');

    await waitUntil(() => staying.events.length === 3);
    expect(leaving.seqs()).toEqual([1]);
    expect(staying.seqs()).toEqual([1, 2]);
  });

  it('resubscribes after the last viewer left', async () => {
    const early = recorder();
    const late = recorder();
    const unsubscribe = await viewer.subscribe('job-1', early.listener);
    await unsubscribe();
    await viewer.subscribe('job-1', late.listener);

    await publisher.publish('job-1', lines(1, 2));
    await waitUntil(() => late.events.length === 1);
    expect(late.seqs()).toEqual([1, 2]);
    expect(early.events).toEqual([]);
  });

  it('delivers a large batch whole and in order', async () => {
    const viewed = recorder();
    await viewer.subscribe('job-1', viewed.listener);
    const big = lines(1, 3000, 'y'.repeat(1024));

    await publisher.publish('job-1', big);
    await publisher.publishEnd('job-1');

    await waitUntil(() => viewed.events.some(e => e.type === 'end'), 10000);
    expect(viewed.seqs()).toEqual(big.map(l => l.seq));
    const received = viewed.events.flatMap(e =>
      e.type === 'lines' ? e.lines : [],
    );
    expect(received).toEqual(big);
  });

  it('keeps delivering when a listener throws', async () => {
    const viewed = recorder();
    await viewer.subscribe('job-1', () => {
      throw new Error('broken viewer');
    });
    await viewer.subscribe('job-1', viewed.listener);

    await expect(publisher.publish('job-1', lines(1, 1))).resolves.toBe(
      undefined,
    );
    await waitUntil(() => viewed.events.length === 1);
  });
});
