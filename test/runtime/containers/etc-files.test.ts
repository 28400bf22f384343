import { describe, expect, it } from 'vitest';
import {
  hostnameFile,
  hostsFile,
  parseExtraHost,
  resolvConfFile,
} from '../../../runtime/containers/etc-files.js';

describe('/etc/hosts', () => {
  it('localhost lines, extra hosts, then the container itself', () => {
    expect(
      hostsFile({
        hostname: 'web',
        extraHosts: ['db:10.0.0.5', 'host.docker.internal:host-gateway', 'v6=[::1]'],
        hostGateway: '10.0.2.2',
      }),
    ).toBe(
      [
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::\tip6-localnet',
        'ff00::\tip6-mcastprefix',
        'ff02::1\tip6-allnodes',
        'ff02::2\tip6-allrouters',
        '10.0.0.5\tdb',
        '10.0.2.2\thost.docker.internal',
        '::1\tv6',
        '127.0.1.1\tweb',
        '',
      ].join('\n'),
    );
  });

  it('a domain name and an address', () => {
    expect(hostsFile({ hostname: 'web', domainname: 'example.org', address: '10.1.0.2' })).toContain(
      '10.1.0.2\tweb.example.org web\n',
    );
  });

  it.each(['nocolon', ':1.2.3.4', 'name:'])('refuses %s (400)', (entry) => {
    expect(() => parseExtraHost(entry)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it('host-gateway needs a known gateway', () => {
    expect(() => parseExtraHost('h:host-gateway')).toThrow('unable to derive the IP value for host-gateway');
  });
});

describe('/etc/resolv.conf', () => {
  const base = 'nameserver 127.0.0.53\nnameserver 10.0.2.3\nsearch lan\noptions edns0\n';

  it.each([
    {
      name: 'engine servers without loopback ones',
      input: { base },
      expected: 'nameserver 10.0.2.3\nsearch lan\noptions edns0\n',
    },
    {
      name: 'only loopback servers fall back to public ones',
      input: { base: 'nameserver 127.0.0.1\n' },
      expected: 'nameserver 8.8.8.8\nnameserver 8.8.4.4\n',
    },
    {
      name: 'request settings replace',
      input: { base, dns: ['1.1.1.1'], dnsSearch: ['corp'], dnsOptions: ['ndots:2'] },
      expected: 'nameserver 1.1.1.1\nsearch corp\noptions ndots:2\n',
    },
  ])('$name', ({ input, expected }) => {
    expect(resolvConfFile(input)).toBe(expected);
  });
});

it('/etc/hostname is the name and a newline', () => {
  expect(hostnameFile('web')).toBe('web\n');
});
