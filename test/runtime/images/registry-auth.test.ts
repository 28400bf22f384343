// The pure parts of talking to registries: challenges and which scheme a registry speaks.
import { describe, expect, it } from 'vitest';
import { isLoopback, registryBaseUrl } from '../../../runtime/images/registry-endpoint.js';
import { parseWwwAuthenticate } from '../../../runtime/images/www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it.each([
    {
      name: "Docker Hub's bearer challenge",
      header:
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      expected: [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/busybox:pull',
          },
        },
      ],
    },
    {
      name: 'basic',
      header: 'Basic realm="Registry Realm"',
      expected: [{ scheme: 'basic', params: { realm: 'Registry Realm' } }],
    },
    {
      name: 'two challenges, spaces, unquoted value, upper-case names',
      header: 'Basic realm="a, b" , Bearer  Realm=https://t/x , Service=reg',
      expected: [
        { scheme: 'basic', params: { realm: 'a, b' } },
        { scheme: 'bearer', params: { realm: 'https://t/x', service: 'reg' } },
      ],
    },
    {
      name: 'escaped quote',
      header: 'Bearer realm="a\\"b"',
      expected: [{ scheme: 'bearer', params: { realm: 'a"b' } }],
    },
    { name: 'scheme alone', header: 'Negotiate', expected: [{ scheme: 'negotiate', params: {} }] },
    { name: 'empty', header: '', expected: [] },
  ])('$name', ({ header, expected }) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });
});

describe('registryBaseUrl', () => {
  it.each([
    { domain: 'docker.io', expected: 'https://registry-1.docker.io' },
    { domain: '127.0.0.1:5000', expected: 'http://127.0.0.1:5000' },
    { domain: '127.1.2.3', expected: 'http://127.1.2.3' },
    { domain: 'localhost:5000', expected: 'http://localhost:5000' },
    { domain: '[::1]:5000', expected: 'http://[::1]:5000' },
    { domain: 'ghcr.io', expected: 'https://ghcr.io' },
    { domain: '10.0.0.1:5000', expected: 'https://10.0.0.1:5000' },
    { domain: '127.0.0.1.example.com', expected: 'https://127.0.0.1.example.com' },
    { domain: 'localhost.example.com', expected: 'https://localhost.example.com' },
  ])('$domain → $expected', ({ domain, expected }) => {
    expect(registryBaseUrl(domain)).toBe(expected);
    expect(isLoopback(domain)).toBe(expected.startsWith('http:'));
  });
});
