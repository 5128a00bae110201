/** One row of the summary table and of `bench/results.json`. */
export interface BenchFigure {
  /** Benchmark name, as selected on the command line. */
  bench: string;
  /** What is compared, e.g. `append throughput`. */
  metric: string;
  unit: string;
  ours: number;
  baseline: number;
  /** ours / baseline. */
  ratio: number;
  /** The target in words, e.g. `ratio >= 0.5`. */
  target: string;
  pass: boolean;
  /** What was run and anything else worth keeping. */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchFigure[]>;
}
