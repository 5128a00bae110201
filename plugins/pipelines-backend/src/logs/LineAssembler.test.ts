import { LineAssembler, MAX_LINE_BYTES } from './LineAssembler';

describe('LineAssembler', () => {
  it('completes lines at newlines and keeps the unfinished one', () => {
    const assembler = new LineAssembler([]);

    expect(assembler.write('hel')).toEqual([]);
    expect(assembler.write('lo\nwor')).toEqual(['hello']);
    expect(assembler.write('ld\r\n\n')).toEqual(['world', '']);
    expect(assembler.write('tail')).toEqual([]);
    expect(assembler.end()).toEqual(['tail']);
    expect(assembler.end()).toEqual([]);
  });

  it('masks a secret split across chunks, in plain and base64 form', () => {
    const secret = 'hunter2-very-secret';
    const assembler = new LineAssembler([secret]);
    const encoded = Buffer.from(secret).toString('base64');

    const output = [
      ...assembler.write('token=hunt'),
      ...assembler.write('er2-very-'),
      ...assembler.write('secret ok\nb64='),
      ...assembler.write(`${encoded.slice(0, 5)}`),
      ...assembler.write(`${encoded.slice(5)}\n`),
    ];

    expect(output).toEqual(['token=*** ok', 'b64=***']);
  });

  it('masks each line of a multi-line secret', () => {
    const assembler = new LineAssembler([
      '-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----',
    ]);
    expect(
      assembler.write('-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----\n'),
    ).toEqual(['***', '***', '***']);
  });

  it('drops NUL characters before masking and keeps ANSI escapes', () => {
    const assembler = new LineAssembler(['s3cr3t-value']);
    expect(
      assembler.write('\u001b[32mok\u001b[0m s3c\u0000r3t-value\u0000\n'),
    ).toEqual(['\u001b[32mok\u001b[0m ***']);
  });

  it('cuts a line over 64 KiB with a note and drops the rest of it', () => {
    const assembler = new LineAssembler([]);
    const lines = [
      ...assembler.write('a'.repeat(100 * 1024)),
      ...assembler.write(`${'b'.repeat(200 * 1024)}\nnext\n`),
    ];

    expect(lines).toHaveLength(2);
    expect(Buffer.byteLength(lines[0])).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(lines[0]).toMatch(/^a+ \[line cut at 64 KiB\]$/);
    expect(lines[1]).toBe('next');
  });

  it('cuts long multi-byte lines on character boundaries', () => {
    const assembler = new LineAssembler([]);
    const [line] = assembler.write(`${'ü'.repeat(40000)}\n`);

    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(line).not.toContain('\ufffd');
    expect(line.endsWith(' [line cut at 64 KiB]')).toBe(true);
  });

  it.each([
    ['completed', 100],
    ['still unfinished', MAX_LINE_BYTES * 2],
  ])('masks a secret at the cut of an overlong line %s', (_, trailing) => {
    const secret = 'edge-secret-value';
    const assembler = new LineAssembler([secret]);
    const lines = [
      ...assembler.write('x'.repeat(MAX_LINE_BYTES - 25) + secret.slice(0, 8)),
      ...assembler.write(`${secret.slice(8)}${'y'.repeat(trailing)}\n`),
    ];

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('x***y');
    expect(lines[0]).not.toContain('edge-sec');
    expect(lines[0].endsWith(' [line cut at 64 KiB]')).toBe(true);
  });
});
