import { isIP } from 'node:net';

/** How a URL got onto the allow-list. */
export type HostMatch = 'explicit' | 'wildcard';

type Entry =
  | { kind: 'exact'; host: string; port?: number }
  | { kind: 'wildcard'; suffix: string; port?: number };

const ENTRY = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || isIP(host) !== 0;
}

function parseEntry(entry: string, source: string): Entry {
  const invalid = (why: string) =>
    new Error(`Invalid entry ${JSON.stringify(entry)} in ${source}: ${why}`);

  const trimmed = entry.trim();
  const wildcard = trimmed.startsWith('*.');
  const match = (wildcard ? trimmed.slice(2) : trimmed).match(ENTRY);
  if (!match || /[\s/@?#*]/.test(match[1])) {
    throw invalid('use "host", "host:port" or "*.domain"');
  }

  let host: string;
  try {
    // The URL parser gives IP addresses in every encoding one canonical form
    host = normalizeHost(new URL(`http://${match[1]}`).hostname);
  } catch {
    throw invalid('not a valid host name or IP address');
  }
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw invalid('the port must be between 1 and 65535');
  }

  if (!wildcard) {
    return { kind: 'exact', host, port };
  }
  if (isIpLiteral(host)) {
    throw invalid('a wildcard cannot cover IP addresses');
  }
  return { kind: 'wildcard', suffix: host, port };
}

/**
 * The hosts that outbound requests may reach.
 *
 * @remarks
 *
 * Entries are `host` (any port), `host:port`, `*.domain` (any subdomain of
 * `domain`, at any depth, but not `domain` itself) or `*.domain:port`. IP
 * addresses are written as is (`10.0.0.5:8080`, `[fd00::1]`) and are only
 * ever matched by an exact entry.
 */
export class HostAllowList {
  readonly #entries: Entry[];

  /**
   * Parses the entries; an invalid one throws an error naming it and
   * `source`.
   */
  static create(
    entries: readonly string[],
    source: string = 'golive.http.allowedHosts',
  ): HostAllowList {
    return new HostAllowList(entries.map(entry => parseEntry(entry, source)));
  }

  private constructor(entries: Entry[]) {
    this.#entries = entries;
  }

  /**
   * Tells whether the host and port of `url` are allowed: `explicit` when
   * an exact entry lists them, `wildcard` when only a wildcard covers them,
   * `undefined` when they are not allowed.
   */
  match(url: URL): HostMatch | undefined {
    const host = normalizeHost(url.hostname);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));

    let result: HostMatch | undefined;
    for (const entry of this.#entries) {
      if (entry.port !== undefined && entry.port !== port) {
        continue;
      }
      if (entry.kind === 'exact' && entry.host === host) {
        return 'explicit';
      }
      if (
        entry.kind === 'wildcard' &&
        !isIpLiteral(host) &&
        host.endsWith(`.${entry.suffix}`)
      ) {
        result = 'wildcard';
      }
    }
    return result;
  }
}
