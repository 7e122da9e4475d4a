import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import os from 'node:os';

/**
 * Partners choose webhook URLs, so without a check a partner could make our
 * servers call into our own network (SSRF): the database, a metadata service.
 * Unless WEBHOOK_ALLOW_PRIVATE is set (the default outside production),
 * loopback, private, link-local and unique-local addresses are refused, and
 * so are this machine's own interface addresses (a public one too: it reaches
 * our own services), both when the endpoint is saved and again when each
 * delivery resolves the name.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL as WHATWG parses it (what fetch will call), or null when it cannot be parsed, e.g. an IPv6 zone id. */
export function parseWebhookUrl(url: string): URL | null {
  return URL.canParse(url) ? new URL(url) : null;
}

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/** A reason to refuse the URL's host, or null. Resolves names, so it also catches DNS pointing inside. */
export async function privateTargetReason(
  url: string,
  interfaces: Interfaces = os.networkInterfaces(),
): Promise<string | null> {
  const parsed = parseWebhookUrl(url);
  if (!parsed)
    return `${url} is not a URL that can be called (an IPv6 zone id such as %25eth0 is not allowed)`;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
    return `${host} is an internal host name`;
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  // BlockList compares addresses whatever their spelling, IPv4-mapped IPv6 included.
  const own = new BlockList();
  for (const { address } of Object.values(interfaces).flatMap((list) => list ?? [])) {
    const family = isIP(address);
    if (family) own.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
  }
  const mine = addresses.find((a) => own.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6'));
  const bad = addresses.find(isPrivateAddress);
  if (bad) return `${host} resolves to the private address ${bad}`;
  if (mine)
    return mine === host
      ? `${host} is an address of this server`
      : `${host} resolves to ${mine}, an address of this server`;
  return null;
}
