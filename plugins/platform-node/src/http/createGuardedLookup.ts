import { NotAllowedError } from '@backstage/errors';
import { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { LookupFunction } from 'node:net';
import { isPublicAddress } from './isPublicAddress';

/**
 * Resolves a host name to all of its addresses, like `dns.lookup` with
 * `all: true`.
 *
 * @public
 */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** Resolves with the system resolver, as the rest of Node does. */
export const systemResolver: HostResolver = hostname =>
  lookup(hostname, { all: true });

/**
 * Creates the `lookup` of the sockets of outbound requests. With
 * `publicOnly`, for hosts that only a wildcard allows, every address the
 * name resolves to must be public, or the connection fails with a
 * `NotAllowedError`.
 *
 * @remarks
 *
 * The check runs when the socket connects, on the very addresses it then
 * uses, so a name that resolves to a public address once and to a private
 * one the next time (DNS rebinding) is caught as well.
 */
export function createGuardedLookup(
  resolveHost: HostResolver,
  options: { publicOnly: boolean },
): LookupFunction {
  const check = async (hostname: string, lookupOptions: LookupOptions) => {
    const addresses = await resolveHost(hostname);
    const refused = options.publicOnly
      ? addresses.find(entry => !isPublicAddress(entry.address))
      : undefined;
    if (refused) {
      throw new NotAllowedError(
        `Outbound request to "${hostname}" refused: it resolves to ${refused.address}, which is not a public address; list the host in golive.http.allowedHosts to allow it`,
      );
    }

    const { family } = lookupOptions;
    const wanted =
      (family === 4 || family === 'IPv4' ? 4 : undefined) ??
      (family === 6 || family === 'IPv6' ? 6 : undefined);
    const usable = addresses.filter(
      entry => wanted === undefined || entry.family === wanted,
    );
    if (usable.length === 0) {
      throw Object.assign(new Error(`No address found for "${hostname}"`), {
        code: 'ENOTFOUND',
      });
    }
    return usable;
  };

  return (hostname, lookupOptions, callback) => {
    check(hostname, lookupOptions).then(
      usable =>
        lookupOptions.all
          ? callback(null, usable)
          : callback(null, usable[0].address, usable[0].family),
      error => callback(error, '', 0),
    );
  };
}
