// Ports compose-go's types/types_test.go (TestParsePortConfig), transform/ports_test.go and the
// docker/go-connections v0.4.0 nat_test.go cases its short syntax goes through.
import { describe, expect, it } from 'vitest';
import { parsePortSpec } from '../../src/compose/parse-port.js';

const tcp = (target: number, published?: string, host_ip?: string) => ({
  mode: 'ingress',
  ...(host_ip === undefined ? {} : { host_ip }),
  target,
  ...(published === undefined ? {} : { published }),
  protocol: 'tcp',
});
const udp = (target: number, published?: string) => ({ ...tcp(target, published), protocol: 'udp' });

describe('parsePortSpec', () => {
  it.each([
    { spec: '80', expected: [tcp(80)] },
    { spec: '80:8080', expected: [tcp(8080, '80')] },
    { spec: '80-90:8080', expected: [tcp(8080, '80-90')] },
    { spec: '8080:80/tcp', expected: [tcp(80, '8080')] },
    { spec: '80:8080/udp', expected: [udp(8080, '80')] },
    { spec: '80-81:8080-8081/tcp', expected: [tcp(8080, '80'), tcp(8081, '81')] },
    { spec: '80-82:8080-8082/udp', expected: [udp(8080, '80'), udp(8081, '81'), udp(8082, '82')] },
    { spec: '80-82:8080/udp', expected: [udp(8080, '80-82')] },
    { spec: '80-80:8080/tcp', expected: [tcp(8080, '80')] },
    { spec: '1.1.1.1:80:80', expected: [tcp(80, '80', '1.1.1.1')] },
    // transform/ports_test.go
    { spec: '127.0.0.1:8080:80', expected: [tcp(80, '8080', '127.0.0.1')] },
    { spec: '127.0.0.1:8081:81', expected: [tcp(81, '8081', '127.0.0.1')] },
    // go-connections
    {
      spec: '0.0.0.0:1234-1235:3333-3334/tcp',
      expected: [tcp(3333, '1234', '0.0.0.0'), tcp(3334, '1235', '0.0.0.0')],
    },
    { spec: '[2001:4860:0:2001::68]::333', expected: [tcp(333, undefined, '2001:4860:0:2001::68')] },
    { spec: '[::1]:80:80', expected: [tcp(80, '80', '::1')] },
    { spec: '1234/sctp', expected: [{ ...tcp(1234), protocol: 'sctp' }] },
    { spec: '1234-1236/tcp', expected: [tcp(1234), tcp(1235), tcp(1236)] },
    { spec: '0.0.0.0:1234:1234/tcp', expected: [tcp(1234, '1234', '0.0.0.0')] },
    // the forms the compose specification lists
    { spec: '3000', expected: [tcp(3000)] },
    { spec: '3000-3005', expected: [3000, 3001, 3002, 3003, 3004, 3005].map((p) => tcp(p)) },
    { spec: '8000:8000', expected: [tcp(8000, '8000')] },
    { spec: '9090-9091:8080-8081', expected: [tcp(8080, '9090'), tcp(8081, '9091')] },
    { spec: '49100:22', expected: [tcp(22, '49100')] },
    { spec: '8000-9000:80', expected: [tcp(80, '8000-9000')] },
    { spec: '127.0.0.1:8001:8001', expected: [tcp(8001, '8001', '127.0.0.1')] },
    {
      spec: '127.0.0.1:5000-5010:5000-5010',
      expected: [...Array(11).keys()].map((i) => tcp(5000 + i, String(5000 + i), '127.0.0.1')),
    },
    { spec: '127.0.0.1::5000', expected: [tcp(5000, undefined, '127.0.0.1')] },
    { spec: '6060:6060/udp', expected: [udp(6060, '6060')] },
    { spec: '[::1]:6001:6001', expected: [tcp(6001, '6001', '::1')] },
    // protocols are case-insensitive and lower-cased; an empty one is tcp
    { spec: '53:53/UDP', expected: [udp(53, '53')] },
    { spec: '80/', expected: [tcp(80)] },
    // compose-go sorts by "port/protocol" text
    { spec: '9999-10001', expected: [tcp(10000), tcp(10001), tcp(9999)] },
    // leading zeros are read as decimal; a third range bound is ignored
    { spec: '0080:0081', expected: [tcp(81, '80')] },
    { spec: '80-81-99:80-81', expected: [tcp(80, '80'), tcp(81, '81')] },
  ])('$spec', ({ spec, expected }) => {
    expect(parsePortSpec(spec)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { spec: '9999999', error: 'Invalid containerPort: 9999999' },
    { spec: '80/xyz', error: 'Invalid proto: xyz' },
    { spec: 'tcp', error: 'Invalid containerPort: tcp' },
    { spec: 'udp', error: 'Invalid containerPort: udp' },
    { spec: '', error: 'No port specified: <empty>' },
    { spec: '/udp', error: 'No port specified: /udp<empty>' },
    { spec: '127.0.1:8080:80', error: 'Invalid ip address: 127.0.1' },
    { spec: 'localhost:1234:1234/tcp', error: 'Invalid ip address: localhost' },
    { spec: '${HOST_IP}:${HOST_PORT}:80', error: 'Invalid ip address: ${HOST_IP}' },
    { spec: '${PORT}:80', error: 'Invalid hostPort: ${PORT}' },
    { spec: '80:${PORT}', error: 'Invalid containerPort: ${PORT}' },
    { spec: '::1:80:80', error: 'Invalid ip address ::1: address ::1:: too many colons in address' },
    { spec: '[::1:80:80', error: "Invalid ip address [::1: address [::1:: missing ']' in address" },
    {
      spec: '80:8080-8081',
      error: 'Invalid ranges specified for container and host Ports: 8080-8081 and 80',
    },
    {
      spec: '80-81:8080-8082',
      error: 'Invalid ranges specified for container and host Ports: 8080-8082 and 80-81',
    },
    { spec: '82-80:8080', error: 'Invalid hostPort: 82-80' },
    { spec: '80:65536', error: 'Invalid containerPort: 65536' },
    { spec: '-1:80', error: 'Invalid hostPort: -1' },
    { spec: '010.0.0.1:80:80', error: 'Invalid ip address: 010.0.0.1' },
  ])('refuses $spec', ({ spec, error }) => {
    expect(parsePortSpec(spec)).toEqual({ ok: false, error });
  });
});
