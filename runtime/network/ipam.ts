/**
 * Address management, as Docker's default IPAM does it for bridge networks: a network gets the
 * subnets its creator asked for, or the first free /24 of the engine's pool (10.89.0.0/16); its
 * gateway is the subnet's first host unless given; a container gets the address it asked for
 * (`IPAMConfig.IPv4Address`), else the lowest free one in the range. Subnets of two networks never
 * overlap, so routing inside the engine's namespace stays unambiguous.
 *
 * Pure: what is taken comes in as values; the service records what is handed out.
 */
import type { IPAMConfig } from '../api/engine-types.js';
import {
  cidrContains,
  cidrLast,
  cidrsOverlap,
  cidrText,
  formatIpv4,
  hasHostBits,
  parseCidr,
  parseIpv4,
  type Cidr,
} from './ipv4.js';
import { forbidden, invalidNetworkRequest, networkConflict } from './network-errors.js';
import type { IpamSubnet } from './network-record.js';

/** The predefined `bridge` network's subnet (podman's default; Docker's 172.17/16 is often a VPN's). */
export const DEFAULT_BRIDGE_SUBNET = '10.88.0.0/16';

/** Where networks without a subnet of their own get one: /24s of 10.89.0.0/16. */
export const DEFAULT_POOL: { readonly range: Cidr; readonly prefix: number } = {
  range: { base: parseIpv4('10.89.0.0') ?? 0, prefix: 16 },
  prefix: 24,
};

/**
 * The subnets of a new network. `taken` are the subnets of every existing network (and of the
 * engine's own links, such as slirp4netns' 10.0.2.0/24).
 */
export function planSubnets(
  requested: readonly IPAMConfig[] | null | undefined,
  taken: readonly Cidr[],
  pool = DEFAULT_POOL,
): IpamSubnet[] {
  const configs = requested ?? [];
  if (configs.length === 0) {
    const subnet = firstFreeSubnet(taken, pool);
    if (!subnet) {
      throw forbidden(
        'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network',
      );
    }
    return [{ Subnet: cidrText(subnet), Gateway: formatIpv4(subnet.base + 1) }];
  }
  const planned: Cidr[] = [];
  return configs.map((config) => {
    const subnet = parseSubnet(config.Subnet);
    if ([...taken, ...planned].some((other) => cidrsOverlap(other, subnet))) {
      throw forbidden('Pool overlaps with other one on this address space');
    }
    planned.push(subnet);
    const gateway = config.Gateway ? parseIpv4(config.Gateway) : subnet.base + 1;
    if (gateway === undefined || !cidrContains(subnet, gateway)) {
      throw invalidNetworkRequest(`no matching subnet for gateway ${config.Gateway ?? ''}`);
    }
    const result: IpamSubnet = { Subnet: cidrText(subnet), Gateway: formatIpv4(gateway) };
    if (config.IPRange) {
      const range = parseCidr(config.IPRange);
      if (!range || !cidrContains(subnet, range.base) || !cidrContains(subnet, cidrLast(range))) {
        throw invalidNetworkRequest(`no matching subnet for range ${config.IPRange}`);
      }
      result.IPRange = cidrText(range);
    }
    return result;
  });
}

function parseSubnet(text: string | undefined): Cidr {
  if (!text) throw invalidNetworkRequest('invalid IPAM config: a subnet is required');
  const subnet = parseCidr(text);
  if (!subnet) throw invalidNetworkRequest(`invalid subnet ${text}: not an IPv4 CIDR`);
  if (hasHostBits(subnet)) {
    const base = subnet.base - (subnet.base % 2 ** (32 - subnet.prefix));
    throw invalidNetworkRequest(`invalid subnet ${text}: it should be ${formatIpv4(base)}/${subnet.prefix}`);
  }
  if (subnet.prefix > 30) throw invalidNetworkRequest(`invalid subnet ${text}: too small for containers`);
  return subnet;
}

function firstFreeSubnet(taken: readonly Cidr[], pool: typeof DEFAULT_POOL): Cidr | undefined {
  const step = 2 ** (32 - pool.prefix);
  for (let base = pool.range.base; base + step - 1 <= cidrLast(pool.range); base += step) {
    const candidate = { base, prefix: pool.prefix };
    if (!taken.some((other) => cidrsOverlap(other, candidate))) return candidate;
  }
  return undefined;
}

/**
 * An address for a container on `subnet`: the requested one when it is inside and free, else the
 * lowest free host address of the range (never the network, broadcast or gateway address).
 */
export function allocateAddress(subnet: IpamSubnet, used: ReadonlySet<string>, requested?: string): string {
  const cidr = parseCidr(subnet.Subnet);
  if (!cidr) throw new Error(`corrupt network record: subnet ${subnet.Subnet}`);
  if (requested) {
    const address = parseIpv4(requested);
    if (address === undefined || !cidrContains(cidr, address)) {
      throw invalidNetworkRequest(
        `Invalid address ${requested}: It does not belong to any of this network's subnets`,
      );
    }
    if (used.has(requested) || requested === subnet.Gateway) {
      throw networkConflict(`Address already in use: ${requested}`);
    }
    return requested;
  }
  const range = subnet.IPRange ? (parseCidr(subnet.IPRange) ?? cidr) : cidr;
  for (let address = range.base; address <= cidrLast(range); address++) {
    if (address === cidr.base || address === cidrLast(cidr)) continue;
    const text = formatIpv4(address);
    if (text !== subnet.Gateway && !used.has(text)) return text;
  }
  throw forbidden(`no available IPv4 addresses on this network's address pools: ${subnet.Subnet}`);
}
