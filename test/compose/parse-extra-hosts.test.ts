// Ports compose-go's types/hostList_test.go (testHostsList with both separators) and
// loader/tests/extra_hosts_test.go.
import { describe, expect, it } from 'vitest';
import { parseExtraHosts } from '../../src/compose/parse-extra-hosts.js';

describe.each(['=', ':'])('parseExtraHosts with "%s"', (sep) => {
  it.each([
    { doc: 'IPv4', input: [`myhost${sep}192.168.0.1`], expected: { myhost: ['192.168.0.1'] } },
    {
      doc: 'IPv4 with brackets',
      input: [`myhost${sep}[192.168.0.1]`],
      expected: { myhost: ['192.168.0.1'] },
    },
    {
      doc: 'host and domain',
      input: [`host.invalid${sep}10.0.2.1`],
      expected: { 'host.invalid': ['10.0.2.1'] },
    },
    { doc: 'IPv6', input: [`anipv6host${sep}2003:ab34:e::1`], expected: { anipv6host: ['2003:ab34:e::1'] } },
    {
      doc: 'IPv6, brackets',
      input: [`anipv6host${sep}[2003:ab34:e::1]`],
      expected: { anipv6host: ['2003:ab34:e::1'] },
    },
    { doc: 'IPv6 localhost', input: [`ipv6local${sep}::1`], expected: { ipv6local: ['::1'] } },
    { doc: 'IPv6 localhost, brackets', input: [`ipv6local${sep}[::1]`], expected: { ipv6local: ['::1'] } },
    {
      doc: 'host-gateway',
      input: [`host.docker.internal${sep}host-gateway`],
      expected: { 'host.docker.internal': ['host-gateway'] },
    },
    {
      doc: 'multiple inputs',
      input: [`myhost${sep}192.168.0.1`, `anipv6host${sep}[2003:ab34:e::1]`],
      expected: { myhost: ['192.168.0.1'], anipv6host: ['2003:ab34:e::1'] },
    },
  ])('$doc', ({ input, expected }) => {
    expect(parseExtraHosts(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseExtraHosts', () => {
  it.each([
    {
      doc: 'both ipv4 and ipv6',
      input: ['foo:127.0.0.2', 'foo:ff02::1'],
      expected: { foo: ['127.0.0.2', 'ff02::1'] },
    },
    {
      doc: 'list of values',
      input: ['foo=127.0.0.2,127.0.0.3'],
      expected: { foo: ['127.0.0.2', '127.0.0.3'] },
    },
    {
      doc: 'mapping',
      input: { alpha: '50.31.209.229', zulu: '162.242.195.82' },
      expected: { alpha: ['50.31.209.229'], zulu: ['162.242.195.82'] },
    },
    {
      doc: 'mapping to a list',
      input: { myhost: ['0.0.0.1', '0.0.0.2'] },
      expected: { myhost: ['0.0.0.1', '0.0.0.2'] },
    },
    {
      doc: 'mapping value is not split',
      input: { h: '1.1.1.1,2.2.2.2' },
      expected: { h: ['1.1.1.1,2.2.2.2'] },
    },
    { doc: 'mapping to null', input: { h: null }, expected: { h: [''] } },
  ])('$doc', ({ input, expected }) => {
    expect(parseExtraHosts(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { doc: 'bad host, colon', input: ['::::1'], error: "bad host name ''" },
    { doc: 'bad host, eq', input: ['=::1'], error: "bad host name ''" },
    { doc: 'missing IP', input: ['myhost'], error: 'invalid additional host, missing IP: myhost' },
    { doc: 'not a list', input: 'h:1.1.1.1', error: 'unexpected value type string for extra_hosts' },
  ])('refuses $doc', ({ input, error }) => {
    expect(parseExtraHosts(input)).toEqual({ ok: false, error });
  });
});
