import { describe, expect, it } from 'vitest';
import { throughHostLoopback } from '../../../runtime/images/host-loopback-fetch.js';

describe('throughHostLoopback', () => {
  it.each([
    {
      name: '127.0.0.1 with a port',
      input: 'http://127.0.0.1:5000/v2/',
      expected: 'http://10.0.2.2:5000/v2/',
    },
    {
      name: 'localhost',
      input: 'http://localhost:5000/v2/a/manifests/1',
      expected: 'http://10.0.2.2:5000/v2/a/manifests/1',
    },
    {
      name: 'another 127/8 address',
      input: 'http://127.0.0.53/token?scope=x',
      expected: 'http://10.0.2.2/token?scope=x',
    },
    {
      name: 'a remote registry',
      input: 'https://registry.example.com/v2/',
      expected: 'https://registry.example.com/v2/',
    },
  ])('$name', ({ input, expected }) => {
    expect(String(throughHostLoopback(input, '10.0.2.2'))).toBe(expected);
  });
});
