/** One event of a `text/event-stream` body. */
export interface ServerSentEvent {
  /** Value of the last `id:` field seen, as the spec carries it over. */
  id?: string;
  /** Value of `event:`; `message` when absent. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

/**
 * Reads server-sent events from a response body. Works on any byte stream,
 * so the request can go through Backstage's fetchApi (which adds the user's
 * token) instead of EventSource (which cannot send headers).
 */
export async function* parseEventStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let lastId: string | undefined;
  let event = '';
  let data: string[] = [];
  let hasData = false;

  const takeLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const complete = hasData
        ? { id: lastId, event: event || 'message', data: data.join('\n') }
        : undefined;
      event = '';
      data = [];
      hasData = false;
      return complete;
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      data.push(value);
      hasData = true;
    } else if (field === 'event') {
      event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      lastId = value;
    }
    return undefined;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done
        ? decoder.decode()
        : decoder.decode(value, { stream: true });

      // A chunk may end in the middle of a line, or between the \r and \n
      // of one line break: keep the unfinished tail for the next chunk.
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') {
          continue;
        }
        if (char === '\r' && i === buffer.length - 1 && !done) {
          break;
        }
        const complete = takeLine(buffer.slice(start, i));
        if (char === '\r' && buffer[i + 1] === '\n') {
          i++;
        }
        start = i + 1;
        if (complete) {
          yield complete;
        }
      }
      buffer = buffer.slice(start);

      if (done) {
        // An event without its closing blank line is dropped, as the spec says.
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
