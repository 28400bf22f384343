// The create request for a service container, field by field, from real compose files through
// the real loader (so the inputs are the canonical model, as `up` will see them). Expected
// values follow docker compose's getCreateConfigs (pkg/compose/create.go) and the Engine API.
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/compose/file-system.js';
import { loadProject } from '../../src/compose/load-project.js';
import { buildContainerRequest, type ContainerRequestInput } from '../../src/plan/container-request.js';
import { ReconcileError } from '../../src/plan/reconcile-error.js';
import { LABEL_CONTEXT } from './simulate-plan.js';

function request(yaml: string, extra: Partial<ContainerRequestInput> = {}) {
  const fs = memoryFileSystem({ '/project/compose.yaml': yaml, '/project/s1.txt': 'x' });
  const project = loadProject({ workingDir: '/project', environment: {} }, fs).project;
  return buildContainerRequest({
    project,
    labels: LABEL_CONTEXT,
    serviceName: 'web',
    number: 1,
    containerIdOf: (service) => (service === 'db' ? 'dbid' : undefined),
    ...extra,
  });
}

const service = (body: string): string => `name: demo\nservices:\n  web:\n    image: busybox\n${body}`;

describe('buildContainerRequest', () => {
  it.each([
    {
      name: 'command, entrypoint, environment and the plain fields',
      yaml: service(
        '    command: ["sh", "-c", "echo hi"]\n    entrypoint: /bin/sh\n    environment: {A: "1", B: null}\n' +
          '    working_dir: /app\n    user: "1000:1000"\n    hostname: webhost\n    domainname: example.com\n' +
          '    stop_signal: SIGINT\n    stop_grace_period: 1m30s\n    tty: true\n    stdin_open: true\n',
      ),
      expected: {
        Image: 'busybox',
        Cmd: ['sh', '-c', 'echo hi'],
        Entrypoint: ['/bin/sh'],
        Env: ['A=1', 'B'],
        WorkingDir: '/app',
        User: '1000:1000',
        Hostname: 'webhost',
        Domainname: 'example.com',
        StopSignal: 'SIGINT',
        StopTimeout: 90,
        Tty: true,
        OpenStdin: true,
      },
    },
    {
      name: 'a healthcheck in nanoseconds',
      yaml: service(
        '    healthcheck: {test: [CMD, "true"], interval: 1s, timeout: 500ms, retries: 3, start_period: 5s, start_interval: 100ms}\n',
      ),
      expected: {
        Healthcheck: {
          Test: ['CMD', 'true'],
          Interval: 1e9,
          Timeout: 5e8,
          Retries: 3,
          StartPeriod: 5e9,
          StartInterval: 1e8,
        },
      },
    },
    {
      name: 'a disabled healthcheck',
      yaml: service('    healthcheck: {disable: true}\n'),
      expected: { Healthcheck: { Test: ['NONE'] } },
    },
    {
      name: 'ports: exposed and bound, host ip, ranges, udp; expose ranges',
      yaml: service(
        '    ports: ["8080:80", "127.0.0.1:5353:53/udp", "9000-9001:9000-9001", "3000"]\n    expose: ["4000", "5000-5001/udp"]\n',
      ),
      expected: {
        ExposedPorts: {
          '80/tcp': {},
          '53/udp': {},
          '9000/tcp': {},
          '9001/tcp': {},
          '3000/tcp': {},
          '4000/tcp': {},
          '5000/udp': {},
          '5001/udp': {},
        },
        HostConfig: {
          PortBindings: {
            '80/tcp': [{ HostIp: '', HostPort: '8080' }],
            '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
            '9000/tcp': [{ HostIp: '', HostPort: '9000' }],
            '9001/tcp': [{ HostIp: '', HostPort: '9001' }],
            '3000/tcp': [{ HostIp: '', HostPort: '' }],
          },
        },
      },
    },
    {
      name: 'networks with aliases, addresses and priority; the primary names the mode',
      yaml:
        service(
          '    networks:\n      front: {aliases: [www], ipv4_address: 172.20.0.5}\n      back: {priority: 10}\n',
        ) + 'networks:\n  front: {}\n  back: {}\n',
      expected: {
        HostConfig: { NetworkMode: 'demo_back' },
        NetworkingConfig: {
          EndpointsConfig: {
            demo_back: { Aliases: ['demo-web-1', 'web'] },
            demo_front: { Aliases: ['demo-web-1', 'web', 'www'], IPAMConfig: { IPv4Address: '172.20.0.5' } },
          },
        },
      },
    },
    {
      name: 'the default network',
      yaml: service(''),
      expected: {
        HostConfig: { NetworkMode: 'demo_default' },
        NetworkingConfig: { EndpointsConfig: { demo_default: { Aliases: ['demo-web-1', 'web'] } } },
      },
    },
    {
      name: 'network_mode service: resolved to the container id',
      yaml:
        service('    network_mode: "service:db"\n    ipc: "service:db"\n    volumes_from: ["db:ro"]\n') +
        '  db: {image: db}\n',
      expected: {
        HostConfig: { NetworkMode: 'container:dbid', IpcMode: 'container:dbid', VolumesFrom: ['dbid:ro'] },
      },
    },
    {
      name: 'volumes: binds, named volumes, anonymous volumes, tmpfs, secrets and configs',
      yaml:
        service(
          '    volumes:\n      - ./src:/src:ro\n      - data:/data\n      - /anon\n' +
            '      - {type: tmpfs, target: /cache, tmpfs: {size: 1m}}\n' +
            '      - {type: bind, source: ./conf, target: /conf, bind: {propagation: rshared}}\n' +
            '      - {type: volume, source: data, target: /sub, volume: {subpath: a}}\n' +
            '    tmpfs: [/run, "/tmp:size=64m"]\n    secrets: [s1]\n',
        ) + 'volumes:\n  data: {}\nsecrets:\n  s1: {file: ./s1.txt}\n',
      expected: {
        HostConfig: {
          Binds: ['/project/src:/src:ro', 'demo_data:/data:rw'],
          Mounts: [
            { Type: 'volume', Source: '', Target: '/anon', VolumeOptions: {} },
            { Type: 'tmpfs', Target: '/cache', TmpfsOptions: { SizeBytes: 1048576 } },
            {
              Type: 'bind',
              Source: '/project/conf',
              Target: '/conf',
              BindOptions: { Propagation: 'rshared', CreateMountpoint: true },
            },
            { Type: 'volume', Source: 'demo_data', Target: '/sub', VolumeOptions: { Subpath: 'a' } },
            {
              Type: 'bind',
              Source: '/project/s1.txt',
              Target: '/run/secrets/s1',
              ReadOnly: true,
              BindOptions: { CreateMountpoint: false },
            },
          ],
          Tmpfs: { '/run': '', '/tmp': 'size=64m' },
        },
      },
    },
    {
      name: 'restart policies: the service form, and deploy over it',
      yaml: service('    restart: on-failure:3\n'),
      expected: { HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } } },
    },
    {
      name: 'deploy.restart_policy maps swarm words to the engine’s',
      yaml: service('    deploy: {restart_policy: {condition: any}}\n'),
      expected: { HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } } },
    },
    {
      name: 'security, hosts, dns and kernel settings',
      yaml: service(
        '    cap_add: [NET_ADMIN]\n    cap_drop: [ALL]\n    init: true\n    read_only: true\n    privileged: true\n' +
          '    extra_hosts: ["host.docker.internal:host-gateway", "a=1.2.3.4"]\n    dns: 8.8.8.8\n    dns_search: example.com\n' +
          '    dns_opt: [ndots:2]\n    group_add: [audio]\n    security_opt: [no-new-privileges]\n' +
          '    sysctls: {net.core.somaxconn: 1024}\n    shm_size: 64m\n',
      ),
      expected: {
        HostConfig: {
          CapAdd: ['NET_ADMIN'],
          CapDrop: ['ALL'],
          Init: true,
          ReadonlyRootfs: true,
          Privileged: true,
          ExtraHosts: ['a:1.2.3.4', 'host.docker.internal:host-gateway'],
          Dns: ['8.8.8.8'],
          DnsSearch: ['example.com'],
          DnsOptions: ['ndots:2'],
          GroupAdd: ['audio'],
          SecurityOpt: ['no-new-privileges'],
          Sysctls: { 'net.core.somaxconn': '1024' },
          ShmSize: 67108864,
        },
      },
    },
    {
      name: 'resources, ulimits, devices and logging',
      yaml: service(
        '    mem_limit: 64m\n    cpus: 0.5\n    pids_limit: 100\n    ulimits: {nofile: {soft: 10, hard: 20}, nproc: 5}\n' +
          '    devices: ["/dev/fuse:/dev/fuse:rwm"]\n    logging: {driver: json-file, options: {max-size: 1m}}\n',
      ),
      expected: {
        HostConfig: {
          Memory: 67108864,
          NanoCpus: 5e8,
          PidsLimit: 100,
          Ulimits: [
            { Name: 'nofile', Soft: 10, Hard: 20 },
            { Name: 'nproc', Soft: 5, Hard: 5 },
          ],
          Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
          LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
        },
      },
    },
  ])('$name', ({ yaml, expected }) => {
    expect(request(yaml).body).toMatchObject(expected);
  });

  it('names the container and labels it as docker compose does', () => {
    const result = request(
      service('    labels: {x: y}\n    depends_on: {db: {condition: service_healthy}}\n') +
        '  db: {image: db}\n',
      {
        imageId: 'sha256:abc',
      },
    );
    expect(result.name).toBe('demo-web-1');
    expect(result.body.Labels).toEqual({
      x: 'y',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.version': '0.1.0',
      'com.docker.compose.project.working_dir': '/project',
      'com.docker.compose.project.config_files': '/project/compose.yaml',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.depends_on': 'db:service_healthy:false',
      'com.docker.compose.image': 'sha256:abc',
    });
  });

  it('uses container_name when set', () => {
    expect(request(service('    container_name: site\n')).name).toBe('site');
  });

  it('inherits the anonymous volumes of the container it replaces', () => {
    const result = request(service('    volumes: [/anon]\n'), {
      inherit: [
        { type: 'volume', name: 'f00d', source: '/x/f00d/_data', destination: '/anon', readOnly: false },
      ],
    });
    expect(result.body.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'f00d', Target: '/anon', ReadOnly: false },
    ]);
  });

  it.each([
    {
      name: 'network_mode',
      body: '    network_mode: "service:cache"\n',
      error: 'cannot share network namespace with service cache: container missing',
    },
    {
      name: 'volumes_from',
      body: '    volumes_from: [cache]\n',
      error: 'cannot share volume with service cache: container missing',
    },
  ])('refuses a $name reference to a service with no container', ({ body, error }) => {
    const run = (): unknown => request(service(body) + '  cache: {image: redis}\n');
    expect(run).toThrow(ReconcileError);
    expect(run).toThrow(error);
  });

  it('refuses start_interval without start_period, as docker compose does', () => {
    expect(() => request(service('    healthcheck: {test: [CMD, "true"], start_interval: 1s}\n'))).toThrow(
      'healthcheck.start_interval requires healthcheck.start_period to be set',
    );
  });
});
