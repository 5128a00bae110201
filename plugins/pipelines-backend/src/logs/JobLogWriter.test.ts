import { TestDatabases } from '@backstage/backend-test-utils';
import type { LogLine } from '@golive/plugin-pipelines-common';
import {
  countLineInserts,
  migrateLogTables,
} from './__testUtils__/migrateLogTables';
import { DatabaseLogStore } from './DatabaseLogStore';
import { InProcessLogBroadcaster } from './InProcessLogBroadcaster';
import { JobLogWriter } from './JobLogWriter';
import { LogEvent } from './types';

jest.setTimeout(60000);

const MiB = 1024 * 1024;

describe('JobLogWriter', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateLogTables(knex);
    const store = DatabaseLogStore.create({ knex });
    const broadcaster = InProcessLogBroadcaster.create();
    const published: LogEvent[] = [];
    await broadcaster.subscribe('job-1', event => published.push(event));
    const createWriter = (
      options: Partial<Parameters<typeof JobLogWriter.create>[0]> = {},
    ) =>
      JobLogWriter.create({
        jobId: 'job-1',
        store,
        broadcaster,
        secrets: [],
        startSeq: 0,
        maxBytes: 100 * MiB,
        ...options,
      });
    const publishedLines = () =>
      published.flatMap(e => (e.type === 'lines' ? e.lines : []));
    return { knex, store, published, publishedLines, createWriter };
  }

  it.each(databases.eachSupportedId())(
    'stores 10,000 lines with few inserts and numbers them without gaps, %p',
    async databaseId => {
      const { knex, store, publishedLines, createWriter } = await setup(
        databaseId,
      );
      const inserts = countLineInserts(knex);
      const writer = createWriter();

      for (let i = 1; i <= 10000; i += 1) {
        writer.write(0, i % 3 ? 'stdout' : 'stderr', `line ${i}\n`);
      }
      await writer.close();

      const stored = await store.read('job-1', { limit: 10000 });
      expect(stored.map(l => l.seq)).toEqual(
        Array.from({ length: 10000 }, (_, i) => i + 1),
      );
      expect(stored.map(l => l.text)).toEqual(
        Array.from({ length: 10000 }, (_, i) => `line ${i + 1}`),
      );
      expect(stored[2]).toMatchObject({ stepIndex: 0, stream: 'stderr' });
      expect(new Date(stored[0].time).toISOString()).toBe(stored[0].time);
      expect(inserts.inserts).toBeLessThanOrEqual(20);
      expect(publishedLines().map(l => l.seq)).toEqual(stored.map(l => l.seq));
    },
  );

  it.each(databases.eachSupportedId())(
    'masks a secret split across chunks before storing and publishing it, %p',
    async databaseId => {
      const { store, publishedLines, createWriter } = await setup(databaseId);
      const secret = 'ghp_SuperSecretToken42';
      const writer = createWriter({ secrets: [secret] });

      writer.write(1, 'stdout', 'using ghp_Sup');
      await new Promise(resolve => setTimeout(resolve, 250));
      writer.write(1, 'stdout', 'erSecretTo');
      writer.write(1, 'stderr', 'err: ghp_SuperSecretToken42!\n');
      writer.write(1, 'stdout', 'ken42 now\n');
      await writer.close();

      const stored = await store.read('job-1');
      expect(stored.map(l => [l.stream, l.text])).toEqual([
        ['stderr', 'err: ***!'],
        ['stdout', 'using *** now'],
      ]);
      const everything = JSON.stringify([stored, publishedLines()]);
      expect(everything).not.toContain('ghp_Sup');
      expect(everything).not.toContain('Token42');
      expect(publishedLines()).toEqual(stored);
    },
  );

  it.each(databases.eachSupportedId())(
    'holds unfinished lines until a newline or flush, %p',
    async databaseId => {
      const { store, createWriter } = await setup(databaseId);
      const writer = createWriter({ flushIntervalMs: 20 });

      writer.write(0, 'stdout', 'complete\nparti');
      await new Promise(resolve => setTimeout(resolve, 200));
      expect((await store.read('job-1')).map(l => l.text)).toEqual([
        'complete',
      ]);

      writer.write(0, 'stdout', 'al');
      writer.write(undefined, 'system', 'Step 1 finished');
      await writer.flush();
      const lines = await store.read('job-1');
      expect(lines.map(l => l.text)).toEqual([
        'complete',
        'partial',
        'Step 1 finished',
      ]);
      expect(lines[2].stepIndex).toBeUndefined();
      await writer.close();
    },
  );

  it.each(databases.eachSupportedId())(
    'continues the numbering of earlier attempts, %p',
    async databaseId => {
      const { store, createWriter } = await setup(databaseId);
      const first = createWriter();
      first.write(0, 'stdout', 'a\nb\n');
      await first.close();

      const second = createWriter({ startSeq: await store.lastSeq('job-1') });
      second.write(0, 'stdout', 'c\n');
      await second.close();
      // A stale start is corrected from the store.
      const third = createWriter({ startSeq: 0 });
      third.write(0, 'stdout', 'd\n');
      await third.close();

      expect((await store.read('job-1')).map(l => [l.seq, l.text])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'renumbers when another writer of the job took the numbers, %p',
    async databaseId => {
      const { store, createWriter } = await setup(databaseId);
      const stale = createWriter();
      const current = createWriter();

      stale.write(0, 'stdout', 'from the stale attempt\n');
      current.write(0, 'stdout', 'from the current attempt\n');
      await Promise.all([stale.close(), current.close()]);

      const lines = await store.read('job-1');
      expect(lines.map(l => l.seq)).toEqual([1, 2]);
      expect(lines.map(l => l.text).sort()).toEqual([
        'from the current attempt',
        'from the stale attempt',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'cuts the log at its limit with a visible marker, %p',
    async databaseId => {
      const { store, createWriter } = await setup(databaseId);
      const writer = createWriter({ maxBytes: MiB });
      const kib = 'k'.repeat(1024);

      for (let i = 0; i < 1100; i += 1) {
        writer.write(0, 'stdout', `${kib}\n`);
      }
      await writer.flush();
      writer.write(0, 'stdout', 'after the cut\n');
      await writer.close();

      const lines = await store.read('job-1', { limit: 10000 });
      expect(lines).toHaveLength(1025);
      expect(lines[1024]).toMatchObject({
        seq: 1025,
        stream: 'system',
        text: "Log truncated: this job's log reached its limit of 1 MiB",
      });
      expect(await store.isTruncated('job-1')).toBe(true);
      expect(await store.byteCount('job-1')).toBeLessThan(MiB + 100);

      const retry = createWriter({ maxBytes: MiB, startSeq: 1025 });
      retry.write(0, 'stdout', 'attempt 2\n');
      await retry.close();
      expect(await store.lastSeq('job-1')).toBe(1025);
    },
  );

  it.each(databases.eachSupportedId())(
    'publishes the end after the last line and ignores later output, %p',
    async databaseId => {
      const { store, published, createWriter } = await setup(databaseId);
      const writer = createWriter();

      writer.write(2, 'stdout', 'last words');
      await writer.close();
      writer.write(2, 'stdout', 'too late\n');
      await writer.close();
      await writer.flush();

      expect(published.map(e => e.type)).toEqual(['lines', 'end']);
      expect((await store.read('job-1')).map((l: LogLine) => l.text)).toEqual([
        'last words',
      ]);
    },
  );
});
