import { ProviderStatus } from '@golive/plugin-pipelines-common';
import { useEffect, useState } from 'react';

type Known = Pick<ProviderStatus, 'provider' | 'providerTitle'>;

/**
 * The external CI providers seen in any page of a runs list, for the
 * provider filter. A filtered page may name fewer providers than are
 * installed, and the filter must not lose the options it was set from.
 */
export function useKnownProviders(providers?: ProviderStatus[]): Known[] {
  const [known, setKnown] = useState<Known[]>([]);
  const key = (providers ?? [])
    .map(p => `${p.provider}\u0000${p.providerTitle}`)
    .join('\u0001');

  useEffect(() => {
    if (!key) {
      return;
    }
    const seen = key.split('\u0001').map(entry => {
      const [provider, providerTitle] = entry.split('\u0000');
      return { provider, providerTitle };
    });
    setKnown(current => {
      const missing = seen.filter(
        s => !current.some(c => c.provider === s.provider),
      );
      return missing.length > 0 ? [...current, ...missing] : current;
    });
  }, [key]);

  return known;
}
