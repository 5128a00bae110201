import { parsePipelineFile } from '@golive/plugin-pipelines-common';
import {
  IN_PLACE_BYTES,
  parsePipelineOffThread,
} from './parsePipelineOffThread';

jest.setTimeout(60_000);

/** A valid pipeline whose env holds `keys` tiny entries: slow YAML. */
const tinyKeys = (keys: number) =>
  [
    'name: big',
    'env:',
    ...Array.from({ length: keys }, (_, i) => `  K${i}: '1'`),
    'jobs:',
    '  build:',
    '    steps:',
    '      - run: echo built',
    '',
  ].join('\n');

describe('parsePipelineOffThread', () => {
  it('answers as parsePipelineFile, for small and large files', async () => {
    const small = tinyKeys(10);
    expect(await parsePipelineOffThread(small)).toEqual(
      parsePipelineFile(small),
    );

    const large = tinyKeys(20_000);
    expect(Buffer.byteLength(large)).toBeGreaterThan(IN_PLACE_BYTES);
    const parsed = await parsePipelineOffThread(large);
    expect(parsed.problems).toEqual([]);
    expect(Object.keys(parsed.pipeline!.env ?? {})).toHaveLength(20_000);

    const broken = `${large}  oops: [\n`;
    expect(await parsePipelineOffThread(broken)).toEqual(
      parsePipelineFile(broken),
    );
  });

  it('keeps the event loop turning while a 1 MiB file is read', async () => {
    const content = tinyKeys(70_000);
    expect(Buffer.byteLength(content)).toBeLessThan(1024 * 1024);
    // warm the worker, so that the measure is of the parse alone
    await parsePipelineOffThread(tinyKeys(5_000));

    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const startedAt = performance.now();
    const parsed = await parsePipelineOffThread(content);
    const took = performance.now() - startedAt;
    // one more tick, to see the gap of a loop that was held until now
    await new Promise(resolve => setTimeout(resolve, 20));
    clearInterval(ticker);

    expect(parsed.problems).toEqual([]);
    // in place this blocks for over a second on this machine
    expect(longestGap).toBeLessThan(Math.max(150, took / 4));
  });

  it('answers many files at once, each with its own result', async () => {
    const files = [3_000, 6_000, 9_000].map(n => tinyKeys(n));
    const results = await Promise.all(files.map(parsePipelineOffThread));
    expect(results.map(r => Object.keys(r.pipeline!.env ?? {}).length)).toEqual(
      [3_000, 6_000, 9_000],
    );
  });
});
