import { BlockList, isIP } from 'node:net';

/** Address ranges a request may not reach when private networks are refused, with what each is called. */
const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
  ['10.0.0.0', 8, 'ipv4', 'a private network address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address (this computer)'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private network address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private network address'],
  ['198.18.0.0', 15, 'ipv4', 'a reserved address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address (this computer)'],
  ['::', 96, 'ipv6', 'a reserved address'],
  ['64:ff9b:1::', 48, 'ipv6', 'a private network address'],
  ['fc00::', 7, 'ipv6', 'a private network address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a reserved address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

/** Strips the brackets of an IPv6 URL host (`[::1]` -> `::1`). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * What a private, loopback, link-local, CGNAT, ULA or reserved address is called ("a private network address"),
 * or null for a public address. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) count as their IPv4 address.
 */
export function privateAddressKind(address: string): string | null {
  const ip = bareHost(address).replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [net, prefix, netType, label] of RANGES) {
    const list = new BlockList();
    list.addSubnet(net, prefix, netType);
    if (list.check(ip, type)) return label;
  }
  return null;
}
