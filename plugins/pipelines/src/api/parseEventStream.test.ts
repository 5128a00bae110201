import { ReadableStream } from 'node:stream/web';
import { streamOf } from '../testUtils/streams';
import { parseEventStream, ServerSentEvent } from './parseEventStream';

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseEventStream(streamOf(chunks))) {
    events.push(event);
  }
  return events;
}

describe('parseEventStream', () => {
  it('reads id, event and data of events split across chunks mid-line', async () => {
    const events = await collect([
      'id: 1\nev',
      'ent: line\ndata: {"seq":1,"te',
      'xt":"hello"}\n',
      '\nid: 2\nevent: line\ndata: {"seq":2}\n\n',
      'event: end\ndata: {}\n\n',
    ]);

    expect(events).toEqual([
      { id: '1', event: 'line', data: '{"seq":1,"text":"hello"}' },
      { id: '2', event: 'line', data: '{"seq":2}' },
      { id: '2', event: 'end', data: '{}' },
    ]);
  });

  it('joins multi-line data and skips comments', async () => {
    const events = await collect([': keep-alive\n\ndata: a\ndata: b\n\n']);

    expect(events).toEqual([{ id: undefined, event: 'message', data: 'a\nb' }]);
  });

  it('accepts CRLF line breaks split between chunks', async () => {
    const events = await collect(['event: line\r', '\ndata: x\r\n\r\n']);

    expect(events).toEqual([{ id: undefined, event: 'line', data: 'x' }]);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = new TextEncoder().encode('data: grüße ✓\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9));
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of parseEventStream(
      stream as unknown as globalThis.ReadableStream<Uint8Array>,
    )) {
      events.push(event);
    }

    expect(events.map(e => e.data)).toEqual(['grüße ✓']);
  });

  it('drops an event whose stream ends before its blank line', async () => {
    const events = await collect(['data: done\n\n', 'data: cut off']);

    expect(events.map(e => e.data)).toEqual(['done']);
  });
});
