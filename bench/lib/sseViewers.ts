import { Worker } from 'node:worker_threads';

/** What the viewers saw, from their own event loop. */
export interface ViewerReport {
  /** Receive time minus the line's `time`, in ms, over all viewers. */
  lags: number[];
  /** Lines received per viewer. */
  linesPerViewer: number[];
  /** Lines received twice or out of order, over all viewers. */
  disorder: number;
  /** Viewers that saw `event: end`. */
  ended: number;
  errors: string[];
}

// Plain JavaScript run in a worker thread, so that the receive times do not
// wait on the event loop of the server and the writer.
const VIEWER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, viewers, headers } = workerData;
const report = { lags: [], linesPerViewer: [], disorder: 0, ended: 0, errors: [] };
let connected = 0;
let done = 0;

function finish() {
  done += 1;
  if (done === viewers) parentPort.postMessage({ type: 'report', report });
}

for (let v = 0; v < viewers; v += 1) {
  let buffer = '';
  let lines = 0;
  let lastSeq = 0;
  const req = http.get(url, { headers }, res => {
    if (res.statusCode !== 200) {
      report.errors.push('status ' + res.statusCode);
      res.resume();
      report.linesPerViewer[v] = 0;
      finish();
      return;
    }
    connected += 1;
    if (connected === viewers) parentPort.postMessage({ type: 'connected' });
    res.setEncoding('utf8');
    res.on('data', chunk => {
      const now = Date.now();
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\\n\\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (event.startsWith('id:')) {
          const data = event.slice(event.indexOf('data: ') + 6);
          const line = JSON.parse(data);
          if (line.seq <= lastSeq) report.disorder += 1;
          lastSeq = line.seq;
          lines += 1;
          report.lags.push(now - Date.parse(line.time));
        } else if (event.startsWith('event: end')) {
          report.ended += 1;
        }
      }
    });
    res.on('end', () => {
      report.linesPerViewer[v] = lines;
      finish();
    });
    res.on('error', error => {
      report.errors.push(String(error));
    });
  });
  req.on('error', error => {
    report.errors.push(String(error));
    report.linesPerViewer[v] = lines;
    finish();
  });
}
`;

/**
 * Opens `viewers` server-sent event streams on `url` in a worker thread.
 * `connected` resolves once every stream has its response headers; `report`
 * once every stream has ended.
 */
export function startSseViewers(options: {
  url: string;
  viewers: number;
  headers?: Record<string, string>;
}): { connected: Promise<void>; report: Promise<ViewerReport> } {
  const worker = new Worker(VIEWER_SOURCE, {
    eval: true,
    workerData: {
      url: options.url,
      viewers: options.viewers,
      headers: options.headers ?? {},
    },
  });
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>(resolve => {
    onConnected = resolve;
  });
  const report = new Promise<ViewerReport>((resolve, reject) => {
    worker.on('message', message => {
      if (message.type === 'connected') {
        onConnected();
      } else if (message.type === 'report') {
        resolve(message.report);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
  });
  return { connected, report };
}
