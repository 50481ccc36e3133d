/**
 * Where an outgoing webhook may go. Designers type any http(s) URL into a
 * notify step, so without a check the worker would POST into our own network
 * (localhost, private ranges, the cloud metadata service at 169.254.169.254).
 * A destination is refused when ANY address its host resolves to is internal;
 * the request then connects to the very addresses that were checked (a
 * `lookup` pinned to them), so a second DNS answer cannot swap in another one
 * (DNS rebinding). Hosts in LEDGERFLOW_WEBHOOK_ALLOW_HOSTS skip the check
 * (local receivers during development and tests) but are pinned all the same.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Resolves a host name to every address (node's `dns.lookup(host, { all: true })` by default). */
export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveHost = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

function blockList(subnets: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return list;
}

/** Internal ranges by the name a refusal gives them (IPv4-mapped IPv6 addresses match the IPv4 rules). */
const INTERNAL: [label: string, list: BlockList][] = [
  [
    'loopback',
    blockList([
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ]),
  ],
  [
    'private',
    blockList([
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ]),
  ],
  [
    'link-local',
    blockList([
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ]),
  ],
  [
    'unspecified',
    blockList([
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ]),
  ],
  [
    'multicast or broadcast',
    blockList([
      ['224.0.0.0', 4, 'ipv4'],
      ['255.255.255.255', 32, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ]),
  ],
  ['carrier-grade NAT', blockList([['100.64.0.0', 10, 'ipv4']])],
];

/** Which internal range an address falls in, or undefined for a public address. */
export function internalRange(address: string): string | undefined {
  const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return INTERNAL.find(([, list]) => list.check(address, type))?.[0];
}

/** LEDGERFLOW_WEBHOOK_ALLOW_HOSTS: comma-separated host names or addresses, matched without case. */
export function webhookAllowHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.LEDGERFLOW_WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => normalHost(h.trim()))
    .filter((h) => h !== '');
}

/** `URL.hostname` keeps IPv6 brackets; the allowlist and DNS want the bare address. */
const normalHost = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export type Destination =
  | { ok: true; lookup: LookupFunction }
  | { ok: false; reason: string; retryable: boolean };

/**
 * Resolves `url`'s host once and either refuses it (with a reason for the run's
 * effects) or returns a `lookup` for `http.request` that only ever answers the
 * checked addresses.
 */
export async function checkDestination(
  url: URL,
  allowHosts: readonly string[],
  resolve: ResolveHost = resolveWithDns,
): Promise<Destination> {
  const host = normalHost(url.hostname);
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    // A name that does not resolve (yet) is a network failure like any other: retried.
    const code = (err as { code?: string }).code;
    return { ok: false, retryable: true, reason: `Could not resolve ${host}: ${code ?? String(err)}` };
  }
  if (addresses.length === 0) return { ok: false, retryable: true, reason: `${host} has no addresses` };
  if (!allowHosts.includes(host)) {
    for (const { address } of addresses) {
      const range = internalRange(address);
      if (range) {
        const via = address === host ? '' : ` (it resolves to ${address})`;
        return {
          ok: false,
          retryable: false,
          reason:
            `Refused to send to ${host}${via}: a ${range} address inside our own network. ` +
            'Webhooks only go to public addresses; for a local receiver add the host to LEDGERFLOW_WEBHOOK_ALLOW_HOSTS.',
        };
      }
    }
  }
  const pinned = addresses.map((a) => ({ address: a.address, family: a.family }));
  const lookup = ((_hostname, options, callback) => {
    if (options.all) callback(null, pinned);
    else callback(null, pinned[0]!.address, pinned[0]!.family);
  }) as LookupFunction;
  return { ok: true, lookup };
}
