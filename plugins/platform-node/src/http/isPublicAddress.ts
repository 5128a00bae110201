import { isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges that are not on the public internet: [first octets, bits]. */
const NON_PUBLIC_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function ipv4ToNumber(address: string): number {
  return address
    .split('.')
    .reduce((value, octet) => value * 256 + Number(octet), 0);
}

function isPublicIPv4(value: number): boolean {
  return NON_PUBLIC_IPV4.every(([base, bits]) => {
    const size = 2 ** (32 - bits);
    return Math.floor(value / size) !== Math.floor(ipv4ToNumber(base) / size);
  });
}

/** Expands an IPv6 address into its eight 16-bit groups. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const value = ipv4ToNumber(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(
      value & 0xffff
    ).toString(16)}`;
  }

  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros =
    tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array(zeros).fill('0'), ...tailGroups].map(group =>
    parseInt(group, 16),
  );
}

function isPublicIPv6(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const embeddedV4 = (high: number, low: number) => high * 65536 + low;

  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0xffff || (g5 === 0 && (g6 !== 0 || g7 > 1))) {
      return isPublicIPv4(embeddedV4(g6, g7));
    }
    return false; // unspecified (::), loopback (::1), and the rest of ::/80
  }
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits
  if (
    g0 === 0x64 &&
    g1 === 0xff9b &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0
  ) {
    return isPublicIPv4(embeddedV4(g6, g7));
  }
  // 6to4 (2002::/16) carries an IPv4 address in bits 16-47
  if (g0 === 0x2002) {
    return isPublicIPv4(embeddedV4(g1, g2));
  }
  // Teredo (2001::/32) hides an IPv4 client, documentation is 2001:db8::/32
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) {
    return false;
  }
  // Only global unicast (2000::/3) is public: this leaves out unique-local
  // fc00::/7, link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8
  return (g0 & 0xe000) === 0x2000;
}

/**
 * Tells whether an IP address is on the public internet.
 *
 * @remarks
 *
 * Returns `false` for private, loopback, link-local, unique-local,
 * unspecified, multicast, reserved and documentation ranges of IPv4 and
 * IPv6, and for IPv6 addresses that embed such an IPv4 address (mapped,
 * compatible, NAT64, 6to4). Accepts IPv6 in brackets and with a zone id.
 * Anything that is not an IP address gives `false`.
 *
 * @public
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) {
    return isPublicIPv4(ipv4ToNumber(bare));
  }
  if (isIPv6(bare)) {
    return isPublicIPv6(ipv6Groups(bare.toLowerCase()));
  }
  return false;
}
