import { elapsedMs, formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it('renders seconds, minutes and hours', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(184_000)).toBe('3m 4s');
    expect(formatDuration(3_720_000)).toBe('1h 2m');
  });

  it('renders a dash when there is no duration', () => {
    expect(formatDuration(undefined)).toBe('—');
  });
});

describe('elapsedMs', () => {
  it('counts from the start until now for running work', () => {
    const now = Date.parse('2024-01-01T00:01:00Z');
    expect(elapsedMs({ startedAt: '2024-01-01T00:00:00Z' }, now)).toBe(60_000);
  });

  it('prefers the recorded duration', () => {
    expect(
      elapsedMs({ durationMs: 5, startedAt: '2024-01-01T00:00:00Z' }),
    ).toBe(5);
  });
});
