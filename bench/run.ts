/* eslint-disable no-console */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { dispatchBenchmark } from './dispatch';
import { loggedProblems } from './lib/benchLogger';
import type { BenchFigure, Benchmark } from './lib/types';
import { logsBenchmark } from './logs';
import { runsListBenchmark } from './runsList';
import { throughputBenchmark } from './throughput';
import { webhookBenchmark } from './webhook';

const BENCHMARKS: Benchmark[] = [
  logsBenchmark,
  runsListBenchmark,
  dispatchBenchmark,
  webhookBenchmark,
  throughputBenchmark,
];

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100
    ? String(Math.round(value))
    : String(Math.round(value * 100) / 100);
}

function printTable(figures: BenchFigure[]) {
  const rows = [
    [
      'bench',
      'metric',
      'ours',
      'baseline',
      'unit',
      'ratio',
      'target',
      'result',
    ],
    ...figures.map(f => [
      f.bench,
      f.metric,
      formatNumber(f.ours),
      formatNumber(f.baseline),
      f.unit,
      formatNumber(f.ratio),
      f.target,
      f.pass ? 'pass' : 'FAIL',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
    if (i === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter(n => !BENCHMARKS.some(b => b.name === n));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map(
        b => b.name,
      ).join(', ')}`,
    );
    process.exit(2);
  }
  const selected = wanted.length
    ? BENCHMARKS.filter(b => wanted.includes(b.name))
    : BENCHMARKS;

  const figures: BenchFigure[] = [];
  const failures: Array<{ bench: string; error: string }> = [];
  const started = Date.now();
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    const benchStart = Date.now();
    try {
      const result = await benchmark.run();
      for (const figure of result) {
        console.log(JSON.stringify(figure, null, 2));
      }
      figures.push(...result);
    } catch (error) {
      const message = (error as Error)?.stack ?? String(error);
      console.error(`${benchmark.name} failed: ${message}`);
      failures.push({ bench: benchmark.name, error: String(error) });
    }
    console.log(
      `(${benchmark.name} took ${Math.round(
        (Date.now() - benchStart) / 1000,
      )} s)`,
    );
  }

  console.log('\nSummary (ratio = ours / baseline)');
  printTable(figures);
  for (const failure of failures) {
    console.log(`${failure.bench}: did not run to the end: ${failure.error}`);
  }
  if (loggedProblems.length > 0) {
    console.log(
      `\nWarnings logged by the code under test (first ${loggedProblems.length}):`,
    );
    for (const problem of loggedProblems.slice(0, 10))
      console.log(`  ${problem}`);
  }

  const resultsPath = resolve(__dirname, 'results.json');
  writeFileSync(
    resultsPath,
    `${JSON.stringify(
      {
        startedAt: new Date(started).toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        machine: { cpus: cpus().length, node: process.version },
        figures,
        failures,
        warnings: loggedProblems,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWrote ${resultsPath}`);
  const allPassed = failures.length === 0 && figures.every(f => f.pass);
  process.exit(allPassed ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
