import { request } from 'node:http';

/** One server-sent event as the browser's EventSource would see it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Opens an event stream with node's http client and parses it by hand, so
 * the test sees exactly what goes over the wire.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string> = {},
) {
  const events: SseEvent[] = [];
  const state = { comments: 0, status: 0, contentType: '', ended: false };
  let buffer = '';

  const parseBlock = (block: string) => {
    const event: SseEvent = { event: 'message', data: '' };
    let isEvent = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        state.comments += 1;
        continue;
      }
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      isEvent = true;
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data')
        event.data = event.data ? `${event.data}\n${value}` : value;
    }
    if (isEvent) events.push(event);
  };

  const req = request(url, { headers });
  const done = new Promise<void>(resolve => {
    req.on('response', res => {
      state.status = res.statusCode ?? 0;
      state.contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      });
      res.on('end', () => {
        state.ended = true;
        resolve();
      });
      res.on('error', () => resolve());
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
  });
  req.end();

  return {
    events,
    state,
    done,
    /** Sequence numbers of the `line` events received so far. */
    ids: () => events.filter(e => e.event === 'line').map(e => Number(e.id)),
    close: () => req.destroy(),
  };
}
