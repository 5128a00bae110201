import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` whenever a signal arrives on the channel, so views follow
 * status changes without polling.
 */
export function useSignalRefresh(channel: string, refresh: () => void): void {
  const { lastSignal } = useSignal(channel);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    if (lastSignal) {
      refreshRef.current();
    }
  }, [lastSignal]);
}
