import { Worker } from 'node:worker_threads';

/** Latencies of one open-loop load, from a worker thread. */
export interface LoadReport {
  /**
   * Per request: response end minus its scheduled send time, ms; for a
   * request still open when the load gives up, the time waited until then.
   */
  latencies: number[];
  /** Requests that failed or answered other than 200. */
  errors: number;
  firstError?: string;
  /** Requests that had not answered when the load stopped waiting. */
  unfinished: number;
}

// Plain JavaScript for a worker thread: requests leave on a fixed schedule
// whether or not earlier ones have answered, and latency counts from the
// scheduled time, so a slow server cannot slow the load down and hide its
// own queueing.
const LOAD_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, rate, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const total = Math.round(rate * seconds);
const interval = 1000 / rate;
const latencies = [];
let errors = 0;
let firstError;
let answered = 0;
const pending = new Set();
const start = performance.now();

function done() {
  answered += 1;
  if (answered === total) report();
}
function report() {
  clearTimeout(guard);
  // Requests still open count with the time they have waited so far: a
  // lower bound, so that a server that falls behind cannot look fast.
  const now = performance.now();
  for (const scheduled of pending) latencies.push(now - scheduled);
  parentPort.postMessage({ latencies, errors, firstError, unfinished: total - answered });
  agent.destroy();
}
const guard = setTimeout(report, seconds * 1000 + 30000);

function send(i) {
  const scheduled = start + i * interval;
  pending.add(scheduled);
  const req = http.get(url, { agent, headers }, res => {
    res.resume();
    res.on('end', () => {
      pending.delete(scheduled);
      if (res.statusCode === 200) {
        latencies.push(performance.now() - scheduled);
      } else {
        errors += 1;
        firstError = firstError || 'status ' + res.statusCode;
      }
      done();
    });
  });
  req.on('error', error => {
    pending.delete(scheduled);
    errors += 1;
    firstError = firstError || String(error);
    done();
  });
}

let next = 0;
function tick() {
  const now = performance.now();
  while (next < total && start + next * interval <= now) {
    send(next);
    next += 1;
  }
  if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
}
tick();
`;

/** Sends GET requests to `url` at `rate` per second for `seconds`. */
export function runOpenLoopLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<LoadReport> {
  const worker = new Worker(LOAD_SOURCE, {
    eval: true,
    workerData: { headers: {}, ...options },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', report => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
