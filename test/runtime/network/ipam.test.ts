/**
 * Address management as Docker's default IPAM: subnets from the pool or the request, overlaps
 * refused with Docker's words, the lowest free address handed out, requested addresses honoured.
 */
import { describe, expect, it } from 'vitest';
import { allocateAddress, DEFAULT_POOL, planSubnets } from '../../../runtime/network/ipam.js';
import { cidrsOverlap, parseCidr, reverseName, parseIpv4, type Cidr } from '../../../runtime/network/ipv4.js';

const cidr = (text: string): Cidr => parseCidr(text) as Cidr;

describe('planSubnets', () => {
  it.each([
    {
      name: 'empty pool use: the first /24',
      taken: [],
      expected: [{ Subnet: '10.89.0.0/24', Gateway: '10.89.0.1' }],
    },
    {
      name: 'skips taken /24s',
      taken: ['10.89.0.0/24', '10.89.1.0/24'],
      expected: [{ Subnet: '10.89.2.0/24', Gateway: '10.89.2.1' }],
    },
    {
      name: 'skips a /24 inside a larger taken subnet',
      taken: ['10.89.0.0/23'],
      expected: [{ Subnet: '10.89.2.0/24', Gateway: '10.89.2.1' }],
    },
    {
      name: 'reuses a hole',
      taken: ['10.89.0.0/24', '10.89.2.0/24'],
      expected: [{ Subnet: '10.89.1.0/24', Gateway: '10.89.1.1' }],
    },
  ])('$name', ({ taken, expected }) => {
    expect(planSubnets(undefined, taken.map(cidr))).toEqual(expected);
  });

  it('fails when the pool is used up, with Docker message', () => {
    expect(() => planSubnets([], [cidr('10.89.0.0/16')])).toThrow(
      /could not find an available, non-overlapping IPv4 address pool/,
    );
    expect(DEFAULT_POOL.prefix).toBe(24);
  });

  it.each([
    { config: [{ Subnet: '172.30.0.0/16' }], expected: [{ Subnet: '172.30.0.0/16', Gateway: '172.30.0.1' }] },
    {
      config: [{ Subnet: '172.30.0.0/16', Gateway: '172.30.255.254', IPRange: '172.30.5.0/24' }],
      expected: [{ Subnet: '172.30.0.0/16', Gateway: '172.30.255.254', IPRange: '172.30.5.0/24' }],
    },
  ])('takes the user subnet $config', ({ config, expected }) => {
    expect(planSubnets(config, [cidr('10.0.2.0/24')])).toEqual(expected);
  });

  it.each([
    {
      config: [{ Subnet: '10.0.2.0/25' }],
      status: 403,
      message: 'Pool overlaps with other one on this address space',
    },
    { config: [{ Subnet: '10.1.0.0/16' }, { Subnet: '10.1.2.0/24' }], status: 403, message: 'Pool overlaps' },
    { config: [{ Subnet: '10.1.2.3/24' }], status: 400, message: 'it should be 10.1.2.0/24' },
    { config: [{ Subnet: 'fd00::/64' }], status: 400, message: 'not an IPv4 CIDR' },
    {
      config: [{ Subnet: '10.1.0.0/16', Gateway: '10.2.0.1' }],
      status: 400,
      message: 'no matching subnet for gateway',
    },
    {
      config: [{ Subnet: '10.1.0.0/16', IPRange: '10.2.0.0/24' }],
      status: 400,
      message: 'no matching subnet for range',
    },
    { config: [{ Gateway: '10.1.0.1' }], status: 400, message: 'a subnet is required' },
    { config: [{ Subnet: '10.1.0.0/31' }], status: 400, message: 'too small' },
  ])('refuses $config ($status)', ({ config, status, message }) => {
    try {
      planSubnets(config, [cidr('10.0.2.0/24')]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ statusCode: status });
      expect((error as Error).message).toContain(message);
    }
  });
});

describe('allocateAddress', () => {
  const subnet = { Subnet: '10.89.3.0/24', Gateway: '10.89.3.1' };
  it.each([
    { used: [], expected: '10.89.3.2' },
    { used: ['10.89.3.2', '10.89.3.3'], expected: '10.89.3.4' },
    { used: ['10.89.3.3'], expected: '10.89.3.2' },
  ])('lowest free after $used', ({ used, expected }) => {
    expect(allocateAddress(subnet, new Set(used))).toBe(expected);
  });

  it('skips a gateway that is not the first address, and stays inside the range', () => {
    expect(allocateAddress({ Subnet: '10.1.0.0/30', Gateway: '10.1.0.1' }, new Set())).toBe('10.1.0.2');
    expect(allocateAddress({ Subnet: '10.1.0.0/24', Gateway: '10.1.0.2' }, new Set())).toBe('10.1.0.1');
    expect(
      allocateAddress({ Subnet: '10.1.0.0/16', Gateway: '10.1.0.1', IPRange: '10.1.7.0/24' }, new Set()),
    ).toBe('10.1.7.0');
  });

  it('honours a requested address, refuses one outside or in use', () => {
    expect(allocateAddress(subnet, new Set(), '10.89.3.77')).toBe('10.89.3.77');
    expect(() => allocateAddress(subnet, new Set(), '10.89.4.7')).toThrow(/does not belong/);
    expect(() => allocateAddress(subnet, new Set(['10.89.3.77']), '10.89.3.77')).toThrow(/already in use/);
    expect(() => allocateAddress(subnet, new Set(), '10.89.3.1')).toThrow(/already in use/);
  });

  it('says when the subnet is full', () => {
    const full = { Subnet: '10.1.0.0/30', Gateway: '10.1.0.1' };
    expect(() => allocateAddress(full, new Set(['10.1.0.2']))).toThrow(/no available IPv4 addresses/);
  });
});

describe('ipv4', () => {
  it('overlap, reverse names, parsing', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/8'), cidr('10.89.0.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.89.0.0/24'), cidr('10.89.1.0/24'))).toBe(false);
    expect(reverseName(parseIpv4('10.89.0.2') ?? 0)).toBe('2.0.89.10.in-addr.arpa');
    expect(parseIpv4('256.1.1.1')).toBeUndefined();
    expect(parseIpv4('1.2.3')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});
