import { act, render, screen } from '@testing-library/react';
import { Duration } from './Duration';

describe('Duration', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-12-04T10:00:05Z'));
  });

  afterEach(() => jest.useRealTimers());

  it('counts up every second while the item runs', () => {
    render(<Duration item={{ startedAt: '2026-12-04T10:00:00Z' }} />);
    expect(screen.getByText('5s')).toBeInTheDocument();

    act(() => {
      jest.advanceTimersByTime(2000);
    });
    expect(screen.getByText('7s')).toBeInTheDocument();
  });

  it('shows the recorded duration of a finished item and stays still', () => {
    render(
      <Duration
        item={{
          startedAt: '2026-12-04T09:00:00Z',
          finishedAt: '2026-12-04T09:01:10Z',
        }}
      />,
    );
    expect(screen.getByText('1m 10s')).toBeInTheDocument();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops its clock once the item finished', () => {
    const { rerender } = render(
      <Duration item={{ startedAt: '2026-12-04T10:00:00Z' }} />,
    );
    expect(jest.getTimerCount()).toBe(1);
    rerender(
      <Duration
        item={{ startedAt: '2026-12-04T10:00:00Z', durationMs: 3000 }}
      />,
    );
    expect(screen.getByText('3s')).toBeInTheDocument();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shares one timer between every running duration', () => {
    render(
      <>
        <span>
          <Duration item={{ startedAt: '2026-12-04T10:00:00Z' }} />
        </span>
        <span>
          <Duration item={{ startedAt: '2026-12-04T09:59:00Z' }} />
        </span>
      </>,
    );
    expect(jest.getTimerCount()).toBe(1);
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByText('6s')).toBeInTheDocument();
    expect(screen.getByText('1m 6s')).toBeInTheDocument();
  });
});
