import { formatTimeAgo } from './formatTimeAgo';

describe('formatTimeAgo', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('says how long ago in the largest whole unit', () => {
    expect(formatTimeAgo('2024-05-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatTimeAgo('2024-05-01T10:59:00Z', now)).toBe('1 hour ago');
    expect(formatTimeAgo('2024-04-28T12:00:00Z', now)).toBe('3 days ago');
  });

  it('calls the last minute just now, clock skew included', () => {
    expect(formatTimeAgo('2024-05-01T11:59:30Z', now)).toBe('just now');
    expect(formatTimeAgo('2024-05-01T12:00:10Z', now)).toBe('just now');
  });

  it('answers undefined for a missing or unreadable time', () => {
    expect(formatTimeAgo(undefined, now)).toBeUndefined();
    expect(formatTimeAgo('yesterday', now)).toBeUndefined();
  });
});
