import { ReadableStream } from 'node:stream/web';

/**
 * A byte stream that yields the given text chunks, then closes, or fails
 * with `failWith` as a dropped connection would.
 */
export function streamOf(
  chunks: string[],
  failWith?: Error,
): globalThis.ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...chunks];
  // One chunk per read, so a failure comes after the reader has seen every
  // chunk, as with a connection that drops mid-stream.
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        controller.enqueue(encoder.encode(chunk));
      } else if (failWith) {
        controller.error(failWith);
      } else {
        controller.close();
      }
    },
  });
  return stream as unknown as globalThis.ReadableStream<Uint8Array>;
}

/** An SSE `line` event as the backend sends it. */
export function lineEvent(seq: number, text = `line ${seq}`): string {
  const line = { seq, stream: 'stdout', time: '2024-01-01T00:00:00Z', text };
  return `id: ${seq}\nevent: line\ndata: ${JSON.stringify(line)}\n\n`;
}

/** A successful streaming answer. */
export function streamResponse(
  body: globalThis.ReadableStream<Uint8Array>,
): Response {
  return { ok: true, status: 200, body } as unknown as Response;
}
