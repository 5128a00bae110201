import { parsePipelineFile } from '@golive/plugin-pipelines-common';
import { Worker } from 'node:worker_threads';

type Parsed = ReturnType<typeof parsePipelineFile>;

/**
 * Files up to this size are read in place: a few milliseconds, where a
 * trip to the worker would cost more. Past it, a file of tiny keys can
 * take the YAML parser over a second (1.4 s at 1 MiB on the development
 * machine), which must not stop the backend's event loop.
 */
export const IN_PLACE_BYTES = 64 * 1024;

/** A worker that has not answered by then is replaced. */
const TIMEOUT_MS = 20_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
const { parsePipelineFile } = require(workerData.module);
parentPort.on('message', ({ id, content }) => {
  parentPort.postMessage({ id, result: parsePipelineFile(content) });
});
`;

interface Pending {
  resolve: (parsed: Parsed) => void;
  timer: NodeJS.Timeout;
  content: string;
}

/** One worker thread for the pipeline files of this process. */
class ParserThread {
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;

  parse(content: string): Promise<Parsed> {
    const worker = this.#worker ?? this.#start();
    if (!worker) return Promise.resolve(parsePipelineFile(content));
    const id = this.#nextId++;
    return new Promise(resolve => {
      const timer = setTimeout(() => this.#timedOut(worker, id), TIMEOUT_MS);
      this.#pending.set(id, { resolve, timer, content });
      worker.postMessage({ id, content });
    });
  }

  #start(): Worker | undefined {
    let worker: Worker;
    try {
      const module = require.resolve('@golive/plugin-pipelines-common');
      // source checkouts run TypeScript through Backstage's transform
      const transform = module.endsWith('.ts')
        ? require.resolve('@backstage/cli/config/nodeTransform.cjs')
        : undefined;
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, transform },
      });
    } catch {
      return undefined;
    }
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: Parsed }) => {
      const pending = this.#pending.get(id);
      if (!pending) return;
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve(result);
    });
    // a worker that cannot start or dies: what it held is read in place
    const fail = () => this.#stop(worker);
    worker.on('error', fail);
    worker.on('exit', fail);
    this.#worker = worker;
    return worker;
  }

  #timedOut(worker: Worker, id: number) {
    const problem = {
      message: `The pipeline file was not read within ${
        TIMEOUT_MS / 1000
      } seconds`,
    };
    this.#pending.get(id)?.resolve({ problems: [problem] });
    this.#pending.delete(id);
    this.#stop(worker);
  }

  #stop(worker: Worker) {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    void worker.terminate();
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve(parsePipelineFile(pending.content));
    }
  }
}

let thread: ParserThread | undefined;

/**
 * `parsePipelineFile` without holding up the event loop: small files in
 * place, larger ones on a worker thread shared by the process. Answers as
 * `parsePipelineFile` does; should the worker fail, the file is read in
 * place.
 */
export function parsePipelineOffThread(content: string): Promise<Parsed> {
  if (Buffer.byteLength(content, 'utf8') <= IN_PLACE_BYTES) {
    return Promise.resolve(parsePipelineFile(content));
  }
  thread ??= new ParserThread();
  return thread.parse(content);
}
