import dns from 'node:dns';
import net from 'node:net';

/**
 * Where a person's webhook may be delivered (product.md section 10, SSRF): never a private,
 * loopback, link-local (cloud metadata at 169.254.169.254), shared, multicast or reserved address,
 * checked on the addresses the name resolves to at delivery time, and the connection made to the
 * address checked (no second lookup an attacker's DNS could answer differently). Loopback only when
 * the operator allows it (ntfy or Home Assistant beside CashView).
 */
const blocked = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(address, prefix, 'ipv6');
}
const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export type AddressVerdict = 'public' | 'loopback' | 'private';

export function classifyAddress(address: string): AddressVerdict {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  if (mapped) return classifyAddress(mapped);
  if (loopback.check(address, family)) return 'loopback';
  return blocked.check(address, family) ? 'private' : 'public';
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export class AddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefused';
  }
}

/** The address to connect to for this URL, or why it is refused. Every address the name has must pass, not just the first. */
export async function checkedAddress(url: URL, options: { allowLoopback: boolean; resolve?: Resolver }): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIPv6(host) ? 6 : 4 }] : await (options.resolve ?? systemResolver)(host).catch(() => []);
  if (addresses.length === 0) throw new AddressRefused(`${url.hostname} does not resolve to any address`);
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict === 'private') throw new AddressRefused(`${url.hostname} points at a private or reserved address (${address})`);
    if (verdict === 'loopback' && !options.allowLoopback) throw new AddressRefused(`${url.hostname} points at this machine (${address}); loopback webhooks need ALERT_WEBHOOKS_ALLOW_LOOPBACK=true`);
  }
  if (url.protocol === 'http:' && addresses.some(({ address }) => classifyAddress(address) !== 'loopback')) throw new AddressRefused('a webhook must use https (http only to this machine)');
  return addresses[0]!;
}
