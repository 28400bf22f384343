// Default values, as compose-go's transform/defaults.go sets them (transform/ports_test.go
// Test_portDefaults, defaults_test.go inputs with the stock rules, and the loader/tests cases
// that rely on a default: TestGpus, TestDeviceReservation, TestVolumeBindCreateHostPathDefault).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setDefaultValues } from '../../src/compose/defaults.js';

function service(yaml: string): unknown {
  const tree = setDefaultValues({ services: { web: parse(yaml) as unknown } });
  return (tree.services as Record<string, unknown>).web;
}

describe('setDefaultValues', () => {
  it.each([
    {
      name: 'a port gets protocol tcp and mode ingress',
      input: 'ports: [{target: 80, published: 8080}]',
      expected: { ports: [{ target: 80, published: 8080, mode: 'ingress', protocol: 'tcp' }] },
    },
    {
      name: 'a port keeps its protocol and mode',
      input: 'ports: [{target: 443, protocol: udp, mode: host}]',
      expected: { ports: [{ target: 443, protocol: 'udp', mode: 'host' }] },
    },
    {
      name: 'build gets context . (the Dockerfile default is normalisation)',
      input: 'build: {args: {A: "1"}}',
      expected: { build: { args: { A: '1' }, context: '.' } },
    },
    {
      name: 'build keeps its context and dockerfile',
      input: 'build: {context: ./app, dockerfile: app.Dockerfile}',
      expected: { build: { context: './app', dockerfile: 'app.Dockerfile' } },
    },
    {
      name: 'a secret is mounted under /run/secrets by default',
      input: 'secrets: [{source: token}, {source: cert, target: /etc/cert}]',
      expected: {
        secrets: [
          { source: 'token', target: '/run/secrets/token' },
          { source: 'cert', target: '/etc/cert' },
        ],
      },
    },
    {
      name: 'a config gets no default target (the engine mounts it at /<source>)',
      input: 'configs: [{source: app}]',
      expected: { configs: [{ source: 'app' }] },
    },
    {
      name: 'a GPU request without count or ids takes all devices',
      input: 'gpus: [{driver: nvidia}, {driver: 3dfx, device_ids: [voodoo2]}, {count: 2}]',
      expected: {
        gpus: [{ driver: 'nvidia', count: -1 }, { driver: '3dfx', device_ids: ['voodoo2'] }, { count: 2 }],
      },
    },
    {
      name: 'a device reservation without count or ids takes all devices',
      input:
        'deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}, limits: {devices: [{capabilities: [gpu]}]}}}',
      expected: {
        deploy: {
          resources: {
            reservations: { devices: [{ capabilities: ['gpu'], count: -1 }] },
            limits: { devices: [{ capabilities: ['gpu'] }] },
          },
        },
      },
    },
    {
      name: 'a bind section creates the host path unless told not to',
      input: [
        'volumes:',
        '  - {type: bind, source: /host, target: /container, bind: {}}',
        '  - {type: bind, source: /host, target: /other, bind: {create_host_path: false}}',
        '  - {type: bind, source: /host, target: /third}',
      ].join('\n'),
      expected: {
        volumes: [
          { type: 'bind', source: '/host', target: '/container', bind: { create_host_path: true } },
          { type: 'bind', source: '/host', target: '/other', bind: { create_host_path: false } },
          { type: 'bind', source: '/host', target: '/third' },
        ],
      },
    },
    {
      name: 'other attributes are left alone',
      input: 'image: alpine\nenvironment: {A: null}',
      expected: { image: 'alpine', environment: { A: null } },
    },
  ])('$name', ({ input, expected }) => {
    expect(service(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = { services: { web: { build: {}, ports: [{ target: 80 }] } } };
    setDefaultValues(input);
    expect(input).toEqual({ services: { web: { build: {}, ports: [{ target: 80 }] } } });
  });
});
