// Go's net.ParseIP, which decides whether a port's host part is an address (net/ip_test.go).
import { describe, expect, it } from 'vitest';
import { isIpAddress } from '../../src/compose/is-ip-address.js';

describe('isIpAddress', () => {
  it.each([
    '127.0.1.2',
    '127.0.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '::ffff:127.1.2.3',
    '::ffff:7f01:0203',
    '0:0:0:0:0000:ffff:127.1.2.3',
    '0:0:0:0:000000:ffff:127.1.2.3'.replace('000000', '0000'),
    '2001:4860:0:2001::68',
    '2001:4860:0000:2001:0000:0000:0000:0068',
    '::1',
    '::',
    'fe80::1:95ff:fe20:100',
  ])('accepts %s', (text) => {
    expect(isIpAddress(text)).toBe(true);
  });

  it.each([
    '127.0.0.256',
    'abc',
    '123:',
    'fe80::1%lo0',
    'fe80::1%911',
    '',
    'a1:a2:a3:a4::b1:b2:b3:b4',
    '127.001.002.003',
    '::ffff:127.001.002.003',
    '123.000.000.000',
    '1.2..4',
    '0123.0.0.1',
    '127.0.1',
    'localhost',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
  ])('refuses %s', (text) => {
    expect(isIpAddress(text)).toBe(false);
  });
});
