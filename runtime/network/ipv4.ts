/**
 * IPv4 addresses and subnets as numbers, so the address manager can count, compare and test
 * containment without string games. Pure. IPv6 is deliberately absent: networks are IPv4 only
 * for now (`EnableIPv6` is refused by the network service).
 */

/** An address as an unsigned 32-bit number. */
export type Ipv4 = number;

export interface Cidr {
  /** The network address (host bits zero). */
  readonly base: Ipv4;
  readonly prefix: number;
}

export function parseIpv4(text: string): Ipv4 | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

export function formatIpv4(address: Ipv4): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** `a.b.c.d/n` with the host bits zero; anything else is undefined (the caller says why). */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const base = parseIpv4(match[1] ?? '');
  const prefix = Number(match[2]);
  if (base === undefined || prefix > 32) return undefined;
  return { base, prefix };
}

/** True when `cidr.base` has host bits set (`10.1.2.3/24`), which Docker refuses as a subnet. */
export function hasHostBits(cidr: Cidr): boolean {
  return cidr.base % cidrSize(cidr) !== 0;
}

export function cidrText(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** The last address of the subnet (its broadcast address). */
export function cidrLast(cidr: Cidr): Ipv4 {
  return cidr.base + cidrSize(cidr) - 1;
}

export function cidrContains(cidr: Cidr, address: Ipv4): boolean {
  return address >= cidr.base && address <= cidrLast(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base <= cidrLast(b) && b.base <= cidrLast(a);
}

/** `in-addr.arpa` name of an address, for PTR questions: 10.89.0.2 → 2.0.89.10.in-addr.arpa. */
export function reverseName(address: Ipv4): string {
  return `${formatIpv4(address).split('.').reverse().join('.')}.in-addr.arpa`;
}
