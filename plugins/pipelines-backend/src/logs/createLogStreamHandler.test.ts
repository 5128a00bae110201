import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { LogLine } from '@golive/plugin-pipelines-common';
import express from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { migrateLogTables } from './__testUtils__/migrateLogTables';
import { openEventStream } from './__testUtils__/sseClient';
import { createTestRedisService } from './__testUtils__/testRedis';
import { createLogStreamHandler } from './createLogStreamHandler';
import { DatabaseLogStore } from './DatabaseLogStore';
import { InProcessLogBroadcaster } from './InProcessLogBroadcaster';
import { JobLogWriter } from './JobLogWriter';
import { RedisLogBroadcaster } from './RedisLogBroadcaster';
import { LogBroadcaster } from './types';
import { waitUntil } from '../__testUtils__/waitUntil';

jest.setTimeout(60000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A broadcaster wrapper that counts subscriptions and can lose messages. */
function instrument(inner: LogBroadcaster) {
  const stats = { subscribers: 0, dropNext: 0 };
  const broadcaster: LogBroadcaster = {
    async publish(jobId, lines) {
      if (stats.dropNext > 0) {
        stats.dropNext -= 1;
        return;
      }
      await inner.publish(jobId, lines);
    },
    publishEnd: jobId => inner.publishEnd(jobId),
    async subscribe(jobId, listener) {
      const unsubscribe = await inner.subscribe(jobId, listener);
      stats.subscribers += 1;
      return async () => {
        stats.subscribers -= 1;
        await unsubscribe();
      };
    },
  };
  return { broadcaster, stats };
}

describe('createLogStreamHandler', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const servers: Server[] = [];
  const closers: Array<() => Promise<void>> = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
    await Promise.all(closers.splice(0).map(close => close()));
  });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    kind: 'in-process' | 'redis' = 'in-process',
  ) {
    const knex = await databases.init(databaseId);
    await migrateLogTables(knex);
    const store = DatabaseLogStore.create({ knex });
    let inner: LogBroadcaster = InProcessLogBroadcaster.create();
    if (kind === 'redis') {
      const redis = await createTestRedisService();
      const redisBroadcaster = RedisLogBroadcaster.create({
        redis,
        logger: mockServices.logger.mock(),
        channelPrefix: `golive-test:${randomUUID()}:`,
      });
      closers.push(() => redisBroadcaster.close());
      inner = redisBroadcaster;
    }
    const { broadcaster, stats } = instrument(inner);
    const job = { finished: false };
    const handler = createLogStreamHandler({
      store,
      broadcaster,
      isJobFinished: async () => job.finished,
      heartbeatIntervalMs: 100,
    });

    const app = express();
    app.get('/jobs/:jobId/stream', (req, res, next) => {
      handler(req, res, req.params.jobId).catch(next);
    });
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/jobs/job-1/stream`;

    const createWriter = (startSeq = 0) =>
      JobLogWriter.create({
        jobId: 'job-1',
        store,
        broadcaster,
        secrets: [],
        startSeq,
        maxBytes: 100 * 1024 * 1024,
        flushIntervalMs: 20,
      });
    return { store, stats, job, url, createWriter };
  }

  const cases = databases
    .eachSupportedId()
    .flatMap(([id]) => [[id, 'in-process'] as const, [id, 'redis'] as const]);

  it.each(cases)(
    'resumes after a reconnect with no line lost or repeated, %p with %p',
    async (databaseId, kind) => {
      const { job, url, createWriter } = await setup(databaseId, kind);
      const total = 3000;
      const writer = createWriter();
      let written = 0;
      let reconnected = false;
      const producing = (async () => {
        for (written = 1; written <= total; written += 1) {
          writer.write(0, 'stdout', `line ${written}\n`);
          if (written % 20 === 0) await sleep(5);
          // Half of the log comes after the reconnect, whatever the pace.
          while (written === total / 2 && !reconnected) await sleep(5);
        }
        await writer.close();
        job.finished = true;
      })();

      const first = openEventStream(url);
      await waitUntil(() => first.ids().length >= 300);
      first.close();
      await first.done;
      const firstIds = first.ids();
      const lastId = firstIds[firstIds.length - 1];
      // Lines keep coming while the viewer is away.
      await waitUntil(() => written > lastId + 100);

      const second = openEventStream(url, { 'Last-Event-ID': String(lastId) });
      await waitUntil(() => second.ids().length > 0);
      reconnected = true;
      await second.done;
      await producing;

      expect(firstIds.length).toBeLessThan(total / 2);
      expect(first.state.contentType).toMatch(/^text\/event-stream/);
      const all = [...firstIds, ...second.ids()];
      expect(all).toEqual(range(1, total));
      expect(second.events[second.events.length - 1].event).toBe('end');
      for (const event of [...first.events, ...second.events]) {
        if (event.event !== 'line') continue;
        const line: LogLine = JSON.parse(event.data);
        expect(line.seq).toBe(Number(event.id));
        expect(line.text).toBe(`line ${line.seq}`);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'replays a finished log from ?after= and ends, %p',
    async databaseId => {
      const { job, url, createWriter } = await setup(databaseId);
      const writer = createWriter();
      writer.write(0, 'stdout', 'a\nb\nc\nd\n');
      await writer.close();
      job.finished = true;

      const stream = openEventStream(`${url}?after=2`);
      await stream.done;

      expect(stream.ids()).toEqual([3, 4]);
      expect(stream.events.map(e => e.event)).toEqual(['line', 'line', 'end']);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a malformed Last-Event-ID, %p',
    async databaseId => {
      const { url } = await setup(databaseId);
      const stream = openEventStream(url, { 'Last-Event-ID': 'abc' });
      await stream.done;
      expect(stream.state.status).toBe(400);
    },
  );

  it.each(databases.eachSupportedId())(
    'stays open across the end of an attempt until the job finishes, %p',
    async databaseId => {
      const { job, url, createWriter } = await setup(databaseId);
      const stream = openEventStream(url);
      const first = createWriter();
      first.write(0, 'stdout', 'attempt 1\n');
      await first.close();
      await sleep(400);
      expect(stream.state.ended).toBe(false);

      const second = createWriter(1);
      second.write(0, 'stdout', 'attempt 2\n');
      await second.close();
      job.finished = true;
      await stream.done;

      expect(stream.ids()).toEqual([1, 2]);
      expect(stream.events.filter(e => e.event === 'end')).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends heartbeats and notices a finished job without an end event, %p',
    async databaseId => {
      const { job, url } = await setup(databaseId);
      const stream = openEventStream(url);
      await waitUntil(() => stream.state.comments >= 2);
      job.finished = true;
      await stream.done;
      expect(stream.events.map(e => e.event)).toEqual(['end']);
    },
  );

  it.each(databases.eachSupportedId())(
    'fills a hole left by a lost live message from the store, %p',
    async databaseId => {
      const { stats, job, url, createWriter } = await setup(databaseId);
      const stream = openEventStream(url);
      await waitUntil(() => stats.subscribers === 1);
      const writer = createWriter();

      writer.write(0, 'stdout', 'one\n');
      await writer.flush();
      stats.dropNext = 1;
      writer.write(0, 'stdout', 'two\nthree\n');
      await writer.flush();
      writer.write(0, 'stdout', 'four\n');
      await writer.close();
      await waitUntil(() => stream.ids().length === 4);
      job.finished = true;
      await stream.done;

      expect(stream.ids()).toEqual([1, 2, 3, 4]);
    },
  );

  it.each(databases.eachSupportedId())(
    'unsubscribes when the client goes away, %p',
    async databaseId => {
      const { stats, url } = await setup(databaseId);
      const stream = openEventStream(url);
      await waitUntil(() => stats.subscribers === 1);
      stream.close();
      await waitUntil(() => stats.subscribers === 0);
      expect(stats.subscribers).toBe(0);
    },
  );
});
