// The canonical stage, one row per attribute: compose-go's transform/*_test.go tables
// (build, envfile, external, ports, ssh) and the forms loader/tests/<attribute>_test.go binds to.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toCanonical, toCanonicalSyntax, type CanonicalOptions } from '../../src/compose/canonical.js';
import { ComposeErrors, ComposeFileError } from '../../src/compose/errors.js';

/** The canonical form of one service, written as the YAML body of `services.web`. */
function service(yaml: string, options?: CanonicalOptions): unknown {
  const tree = toCanonical({ services: { web: parse(yaml) as unknown } }, options);
  return (tree.services as Record<string, unknown>).web;
}

function project(yaml: string, options?: CanonicalOptions): Record<string, unknown> {
  return toCanonical(parse(yaml) as Record<string, unknown>, options);
}

function errorsOf(run: () => unknown): ComposeFileError[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ComposeErrors) return [...error.errors];
    if (error instanceof ComposeFileError) return [error];
    throw error;
  }
  throw new Error('expected the stage to fail');
}

describe('toCanonical: services', () => {
  it.each([
    {
      name: 'build string is the context',
      input: 'build: ./dir',
      expected: { build: { context: './dir' } },
    },
    {
      name: 'build mapping without context stays as is (defaults add it)',
      input: 'build: {dockerfile: foo.Dockerfile}',
      expected: { build: { dockerfile: 'foo.Dockerfile' } },
    },
    {
      name: 'environment list becomes a map, KEY alone is null and KEY= is empty',
      input: 'environment: [FOO=1, BAR=2, BU=, ZO, MEU, "URL=a=b"]',
      expected: { environment: { FOO: '1', BAR: '2', BU: '', ZO: null, MEU: null, URL: 'a=b' } },
    },
    {
      name: 'environment map values become strings, null stays null',
      input: 'environment: {FOO: "1", BAR: 2, GA: 2.5, BU: "", ZO: null, T: true, F: false, S: 0.00001}',
      expected: {
        environment: { FOO: '1', BAR: '2', GA: '2.5', BU: '', ZO: null, T: 'true', F: 'false', S: '1e-05' },
      },
    },
    {
      name: 'build args take the environment form',
      input: 'build: {context: ., args: [A=1, B]}',
      expected: { build: { context: '.', args: { A: '1', B: null } } },
    },
    {
      name: 'labels list becomes a map, KEY alone is empty',
      input:
        'labels: ["com.example.description=Accounting webapp", "com.example.number=42", com.example.empty-label]',
      expected: {
        labels: {
          'com.example.description': 'Accounting webapp',
          'com.example.number': '42',
          'com.example.empty-label': '',
        },
      },
    },
    {
      name: 'labels map values become strings, null is empty',
      input: 'labels: {a: Accounting, n: 42, e: null, b: true}',
      expected: { labels: { a: 'Accounting', n: '42', e: '', b: 'true' } },
    },
    {
      name: 'annotations and sysctls take the labels form',
      input:
        'annotations: [com.example.foo=bar]\nsysctls: [net.core.somaxconn=1024, testing.one.one=, testing.one.two]',
      expected: {
        annotations: { 'com.example.foo': 'bar' },
        sysctls: { 'net.core.somaxconn': '1024', 'testing.one.one': '', 'testing.one.two': '' },
      },
    },
    {
      name: 'sysctls map values become strings',
      input: 'sysctls: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 0, testing.one.two: null}',
      expected: {
        sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0', 'testing.one.two': '' },
      },
    },
    {
      name: 'depends_on list becomes started, required dependencies',
      input: 'depends_on: [db, redis]',
      expected: {
        depends_on: {
          db: { condition: 'service_started', required: true },
          redis: { condition: 'service_started', required: true },
        },
      },
    },
    {
      name: 'depends_on mapping entries get condition and required',
      input: 'depends_on: {db: {condition: service_healthy, restart: true}, redis: {required: false}}',
      expected: {
        depends_on: {
          db: { condition: 'service_healthy', restart: true, required: true },
          redis: { condition: 'service_started', required: false },
        },
      },
    },
    {
      name: 'networks list becomes a map of nulls',
      input: 'networks: [front, back]',
      expected: { networks: { front: null, back: null } },
    },
    {
      name: 'models list becomes a map of nulls',
      input: 'models: [llm]',
      expected: { models: { llm: null } },
    },
    {
      name: 'env_file string',
      input: 'env_file: .env',
      expected: { env_file: [{ path: '.env', required: true }] },
    },
    {
      name: 'env_file list of strings and mappings',
      input: 'env_file: [.env, {path: other.env, required: false}, {path: raw.env, format: raw}]',
      expected: {
        env_file: [
          { path: '.env', required: true },
          { path: 'other.env', required: false },
          { path: 'raw.env', format: 'raw', required: true },
        ],
      },
    },
    {
      name: 'secrets and configs by name become sources',
      input: 'secrets: [token, {source: cert, target: server.cert}]\nconfigs: [app]',
      expected: {
        secrets: [{ source: 'token' }, { source: 'cert', target: 'server.cert' }],
        configs: [{ source: 'app' }],
      },
    },
    {
      name: 'file modes: text is octal, numbers stay',
      input:
        'secrets: [{source: a, mode: "0440"}, {source: b, mode: 288}]\nconfigs: [{source: c, mode: "755"}]',
      expected: {
        secrets: [
          { source: 'a', mode: 0o440 },
          { source: 'b', mode: 288 },
        ],
        configs: [{ source: 'c', mode: 0o755 }],
      },
    },
    {
      name: 'uid and gid written as numbers become strings',
      input: 'secrets: [{source: a, uid: 103, gid: 103}]',
      expected: { secrets: [{ source: 'a', uid: '103', gid: '103' }] },
    },
    {
      name: 'healthcheck test string runs in a shell, durations print as Go does',
      input:
        'healthcheck: {test: echo "hello world", interval: 10s, timeout: 1s, retries: 5, start_period: 90s, start_interval: 1h}',
      expected: {
        healthcheck: {
          test: ['CMD-SHELL', 'echo "hello world"'],
          interval: '10s',
          timeout: '1s',
          retries: 5,
          start_period: '1m30s',
          start_interval: '1h0m0s',
        },
      },
    },
    {
      name: 'healthcheck test list stays',
      input: 'healthcheck: {test: [CMD, curl, -f, "http://localhost"]}',
      expected: { healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost'] } },
    },
    {
      name: 'command and entrypoint strings are split like shellwords',
      input: 'command: bundle exec thin -p 3000\nentrypoint: /code/entrypoint.sh -p 3000',
      expected: {
        command: ['bundle', 'exec', 'thin', '-p', '3000'],
        entrypoint: ['/code/entrypoint.sh', '-p', '3000'],
      },
    },
    {
      name: 'command list stays, empty string clears, null stays null',
      input: 'command: [bundle, exec]\nentrypoint: ""',
      expected: { command: ['bundle', 'exec'], entrypoint: [] },
    },
    {
      name: 'extra_hosts list with both separators',
      input: 'extra_hosts: ["alpha:50.31.209.229", "zulu:127.0.0.2", "zulu:ff02::1", "v6=[::1]"]',
      expected: { extra_hosts: { alpha: ['50.31.209.229'], zulu: ['127.0.0.2', 'ff02::1'], v6: ['::1'] } },
    },
    {
      name: 'extra_hosts repeated addresses and mapping form',
      input: 'extra_hosts: {myhost: ["0.0.0.1", "0.0.0.2"], alpha: "50.31.209.229"}',
      expected: { extra_hosts: { myhost: ['0.0.0.1', '0.0.0.2'], alpha: ['50.31.209.229'] } },
    },
    {
      name: 'extra_hosts comma list',
      input: 'extra_hosts: ["myhost=0.0.0.1,0.0.0.2"]',
      expected: { extra_hosts: { myhost: ['0.0.0.1', '0.0.0.2'] } },
    },
    {
      name: 'ulimits: one number sets both limits',
      input: 'ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}',
      expected: { ulimits: { nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } } },
    },
    {
      name: 'ulimits written as text are numbers',
      input: 'ulimits: {nproc: "65535", nofile: {soft: "20000", hard: "40000"}}',
      expected: { ulimits: { nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } } },
    },
    {
      name: 'devices short syntax',
      input: 'devices: ["/dev/source:/dev/target:permissions", /dev/single, "/dev/a:/dev/b"]',
      expected: {
        devices: [
          { source: '/dev/source', target: '/dev/target', permissions: 'permissions' },
          { source: '/dev/single', target: '/dev/single', permissions: 'rwm' },
          { source: '/dev/a', target: '/dev/b', permissions: 'rwm' },
        ],
      },
    },
    {
      name: 'expose numbers become strings',
      input: 'expose: ["3000", 8000, "8080-8085/tcp"]',
      expected: { expose: ['3000', '8000', '8080-8085/tcp'] },
    },
    {
      name: 'byte sizes become numbers',
      input: 'mem_limit: 512m\nmem_reservation: 256m\nmem_swappiness: 60\nmemswap_limit: 1g\nshm_size: 64m',
      expected: {
        mem_limit: 536870912,
        mem_reservation: 268435456,
        mem_swappiness: 60,
        memswap_limit: 1073741824,
        shm_size: 67108864,
      },
    },
    {
      name: 'stop_grace_period prints as Go does',
      input: 'stop_grace_period: 1m30s',
      expected: { stop_grace_period: '1m30s' },
    },
    {
      name: 'dns, dns_search and tmpfs strings become lists',
      input: 'dns: 8.8.8.8\ndns_search: example.com\ntmpfs: /run',
      expected: { dns: ['8.8.8.8'], dns_search: ['example.com'], tmpfs: ['/run'] },
    },
    {
      name: 'empty dns entries are dropped',
      input: 'dns: ""',
      expected: { dns: [] },
    },
    {
      name: 'label_file string becomes a list',
      input: 'label_file: ./app.labels',
      expected: { label_file: ['./app.labels'] },
    },
    {
      name: 'ports short syntax',
      input: 'ports: ["80:8080", "90:8090/udp", 8600, "127.0.0.1:8081:81"]',
      expected: {
        ports: [
          { mode: 'ingress', target: 8080, published: '80', protocol: 'tcp' },
          { mode: 'ingress', target: 8090, published: '90', protocol: 'udp' },
          { mode: 'ingress', target: 8600, protocol: 'tcp' },
          { mode: 'ingress', host_ip: '127.0.0.1', target: 81, published: '8081', protocol: 'tcp' },
        ],
      },
    },
    {
      name: 'ports range expands',
      input: 'ports: ["80-82:8080-8082"]',
      expected: {
        ports: [
          { mode: 'ingress', target: 8080, published: '80', protocol: 'tcp' },
          { mode: 'ingress', target: 8081, published: '81', protocol: 'tcp' },
          { mode: 'ingress', target: 8082, published: '82', protocol: 'tcp' },
        ],
      },
    },
    {
      name: 'ports long syntax: published becomes text, target a number',
      input: 'ports: [{target: "80", published: 8080, protocol: tcp, mode: host}]',
      expected: { ports: [{ target: 80, published: '8080', protocol: 'tcp', mode: 'host' }] },
    },
    {
      name: 'volumes short syntax, target cleaned',
      input: 'volumes: ["./src:/app/:ro,z", "data:/var/lib/data", /anonymous, "~/cfg:/etc/cfg:rw"]',
      expected: {
        volumes: [
          {
            type: 'bind',
            source: './src',
            target: '/app',
            read_only: true,
            bind: { selinux: 'z', create_host_path: true },
          },
          { type: 'volume', source: 'data', target: '/var/lib/data', volume: {} },
          { type: 'volume', target: '/anonymous', volume: {} },
          { type: 'bind', source: '~/cfg', target: '/etc/cfg', bind: { create_host_path: true } },
        ],
      },
    },
    {
      name: 'volumes long syntax: tmpfs size in bytes, booleans from text',
      input: 'volumes: [{type: tmpfs, target: /cache, tmpfs: {size: 10m, mode: 1777}, read_only: "true"}]',
      expected: {
        volumes: [
          { type: 'tmpfs', target: '/cache', tmpfs: { size: 10485760, mode: 1777 }, read_only: true },
        ],
      },
    },
    {
      name: 'volume labels take the labels form',
      input: 'volumes: [{type: volume, source: v, target: /v, volume: {labels: [a=b, c]}}]',
      expected: {
        volumes: [{ type: 'volume', source: 'v', target: '/v', volume: { labels: { a: 'b', c: '' } } }],
      },
    },
    {
      name: 'gpus all',
      input: 'gpus: all',
      expected: { gpus: [{ count: -1 }] },
    },
    {
      name: 'gpus list: counts are numbers',
      input: 'gpus: [{driver: nvidia, count: "2"}, {driver: 3dfx, device_ids: [voodoo2], options: {q: 42}}]',
      expected: {
        gpus: [
          { driver: 'nvidia', count: 2 },
          { driver: '3dfx', device_ids: ['voodoo2'], options: { q: '42' } },
        ],
      },
    },
    {
      name: 'deploy: labels, durations, sizes, cpus, device count',
      input: [
        'deploy:',
        '  labels: [FOO=BAR]',
        '  replicas: "6"',
        '  update_config: {parallelism: 3, delay: 10s, monitor: 60s, max_failure_ratio: "0.3"}',
        '  restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 120s}',
        "  resources: {limits: {cpus: '0.001', memory: 50M, pids: 100}, reservations: {cpus: 0.5, memory: 20M, devices: [{capabilities: [gpu], count: all, options: {q_bits: 42}}]}}",
      ].join('\n'),
      expected: {
        deploy: {
          labels: { FOO: 'BAR' },
          replicas: 6,
          update_config: { parallelism: 3, delay: '10s', monitor: '1m0s', max_failure_ratio: 0.3 },
          restart_policy: { condition: 'on-failure', delay: '5s', max_attempts: 3, window: '2m0s' },
          resources: {
            limits: { cpus: 0.001, memory: 52428800, pids: 100 },
            reservations: {
              cpus: 0.5,
              memory: 20971520,
              devices: [{ capabilities: ['gpu'], count: -1, options: { q_bits: '42' } }],
            },
          },
        },
      },
    },
    {
      name: 'blkio rates in bytes',
      input:
        'blkio_config: {weight: 300, device_read_bps: [{path: /dev/sda, rate: 1024k}], device_write_iops: [{path: /dev/sda, rate: 200}]}',
      expected: {
        blkio_config: {
          weight: 300,
          device_read_bps: [{ path: '/dev/sda', rate: 1048576 }],
          device_write_iops: [{ path: '/dev/sda', rate: 200 }],
        },
      },
    },
    {
      name: 'logging and network driver options become strings',
      input:
        'logging: {driver: syslog, options: {max-file: 3, compress: true, empty: null}}\nnetworks: {front: {driver_opts: {mtu: 1500}}}',
      expected: {
        logging: { driver: 'syslog', options: { 'max-file': '3', compress: 'true', empty: '' } },
        networks: { front: { driver_opts: { mtu: '1500' } } },
      },
    },
    {
      name: 'provider options repeat',
      input: 'provider: {type: foo, options: {bar: zot, numbers: [12, 34], booleans: [true, false]}}',
      expected: {
        provider: {
          type: 'foo',
          options: { bar: ['zot'], numbers: ['12', '34'], booleans: ['true', 'false'] },
        },
      },
    },
    {
      name: 'hooks: command split, environment as a map',
      input:
        "pre_start: [{image: busybox, command: sh -c 'chown -R 1000:1000 /data', environment: [FOO=BAR]}]\npost_start: [{command: echo start}]",
      expected: {
        pre_start: [
          {
            image: 'busybox',
            command: ['sh', '-c', 'chown -R 1000:1000 /data'],
            environment: { FOO: 'BAR' },
          },
        ],
        post_start: [{ command: ['echo', 'start'] }],
      },
    },
    {
      name: 'build: ssh list, additional contexts list, attestations, lists from strings',
      input: [
        'build:',
        '  context: .',
        '  ssh: [default, "key=~/.ssh/id"]',
        '  additional_contexts: [base=docker-image://alpine]',
        '  provenance: true',
        '  sbom: true',
        '  cache_from: user/app:cache',
        '  no_cache_filter: foo',
        '  tags: foo:v1',
        '  platforms: linux/amd64',
        '  labels: [FOO=BAR]',
        '  shm_size: 128m',
        '  extra_hosts: ["host:10.0.0.1"]',
        '  ulimits: {nofile: 1024}',
        '  secrets: [npmrc]',
      ].join('\n'),
      expected: {
        build: {
          context: '.',
          ssh: { default: null, key: '~/.ssh/id' },
          additional_contexts: { base: 'docker-image://alpine' },
          provenance: 'true',
          sbom: 'true',
          cache_from: ['user/app:cache'],
          no_cache_filter: ['foo'],
          tags: ['foo:v1'],
          platforms: ['linux/amd64'],
          labels: { FOO: 'BAR' },
          shm_size: 134217728,
          extra_hosts: { host: ['10.0.0.1'] },
          ulimits: { nofile: { single: 1024 } },
          secrets: [{ source: 'npmrc' }],
        },
      },
    },
    {
      name: 'develop watch ignore and include strings become lists',
      input:
        'develop: {watch: [{path: ./src, action: sync, target: /app, ignore: node_modules/, include: "*.js"}]}',
      expected: {
        develop: {
          watch: [
            { path: './src', action: 'sync', target: '/app', ignore: ['node_modules/'], include: ['*.js'] },
          ],
        },
      },
    },
    {
      name: 'extends string names the service',
      input: 'extends: base',
      expected: { extends: { service: 'base' } },
    },
    {
      name: 'typed scalars written as text or numbers',
      input:
        'privileged: "true"\nread_only: "FALSE"\ncpus: "1.5"\ncpu_shares: "1024"\nscale: "3"\nuser: 1000\ncontainer_name: 42\ninit: "false"',
      expected: {
        privileged: true,
        read_only: false,
        cpus: 1.5,
        cpu_shares: 1024,
        scale: 3,
        user: '1000',
        container_name: '42',
        init: false,
      },
    },
    {
      name: 'attributes without a short syntax pass through',
      input: 'image: redis\ncap_add: [ALL]\nlinks: ["db:database"]\nx-custom: {a: [1]}',
      expected: { image: 'redis', cap_add: ['ALL'], links: ['db:database'], 'x-custom': { a: [1] } },
    },
  ])('$name', ({ input, expected }) => {
    expect(service(input)).toEqual(expected);
  });
});

describe('toCanonical: top-level resources', () => {
  it.each([
    {
      name: 'not external',
      input: 'networks: {test: {driver: foo}}',
      expected: { networks: { test: { driver: 'foo' } } },
    },
    {
      name: 'external named',
      input: 'volumes: {test: {external: true, name: foo}}',
      expected: { volumes: { test: { external: true, name: 'foo' } } },
    },
    {
      name: 'external unnamed',
      input: 'secrets: {test: {external: true}}',
      expected: { secrets: { test: { external: true } } },
    },
    {
      name: 'legacy external.name becomes the name',
      input: 'configs: {test: {external: {name: foo}}}',
      expected: { configs: { test: { external: true, name: 'foo' } } },
    },
    {
      name: 'legacy external.name equal to name',
      input: 'networks: {test: {external: {name: foo}, name: foo}}',
      expected: { networks: { test: { external: true, name: 'foo' } } },
    },
    {
      name: 'external from text',
      input: 'volumes: {v: {external: "true"}}\nnetworks: {n: {internal: "false", enable_ipv6: "true"}}',
      expected: {
        volumes: { v: { external: true } },
        networks: { n: { internal: false, enable_ipv6: true } },
      },
    },
    {
      name: 'labels, driver options and aux addresses',
      input: [
        'networks:',
        '  n:',
        '    labels: [foo=bar]',
        '    driver_opts: {foo: bar, baz: 1}',
        '    ipam: {options: {x: 1}, config: [{subnet: 172.28.0.0/16, aux_addresses: {host1: 172.28.1.5}}]}',
        'volumes:',
        '  v: {driver_opts: {baz: 1}, labels: {foo: bar}}',
        'secrets:',
        '  s: {file: ./s, labels: [a=b]}',
      ].join('\n'),
      expected: {
        networks: {
          n: {
            labels: { foo: 'bar' },
            driver_opts: { foo: 'bar', baz: '1' },
            ipam: {
              options: { x: '1' },
              config: [{ subnet: '172.28.0.0/16', aux_addresses: { host1: '172.28.1.5' } }],
            },
          },
        },
        volumes: { v: { driver_opts: { baz: '1' }, labels: { foo: 'bar' } } },
        secrets: { s: { file: './s', labels: { a: 'b' } } },
      },
    },
    {
      name: 'empty resources stay null',
      input: 'networks: {a: null}\nvolumes: {b: null}',
      expected: { networks: { a: null }, volumes: { b: null } },
    },
    {
      name: 'include strings become paths',
      input: 'include: [other.yaml, {path: [a.yaml]}]',
      expected: { include: [{ path: 'other.yaml' }, { path: ['a.yaml'] }] },
    },
  ])('$name', ({ input, expected }) => {
    expect(project(input)).toEqual(expected);
  });

  it('warns about the deprecated external.name', () => {
    const warnings: string[] = [];
    project('volumes: {data: {external: {name: legacy}}}', { warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([
      'volumes.data: external.name is deprecated. Please set name and external: true',
    ]);
  });

  it('warns about YAML 1.1 booleans', () => {
    const warnings: string[] = [];
    expect(service('privileged: "yes"', { warn: (message) => warnings.push(message) })).toEqual({
      privileged: true,
    });
    expect(warnings).toEqual(['"yes" for boolean is not supported by YAML 1.2, please use `true`']);
  });
});

describe('toCanonical: errors', () => {
  it.each([
    {
      name: 'name and external.name conflict',
      input: 'volumes: {data: {name: a, external: {name: b}}}',
      path: ['volumes', 'data'],
      message: 'name and external.name conflict; only use name',
    },
    {
      name: 'invalid port IP',
      input: 'services: {web: {ports: ["127.0.1:8080:80"]}}',
      path: ['services', 'web', 'ports', 0],
      message: 'Invalid ip address: 127.0.1',
    },
    {
      name: 'invalid volume spec',
      input: 'services: {web: {volumes: ["/foo:/foo:ro:foo"]}}',
      path: ['services', 'web', 'volumes', 0],
      message: 'invalid spec: /foo:/foo:ro:foo: too many colons',
    },
    {
      name: 'environment variable with a trailing space',
      input: 'services: {web: {environment: ["DEBUG = true"]}}',
      path: ['services', 'web', 'environment'],
      message: 'environment variable DEBUG  is declared with a trailing space',
    },
    {
      name: 'confusing device mapping',
      input: 'services: {web: {devices: ["a:b:c:d"]}}',
      path: ['services', 'web', 'devices', 0],
      message: 'confusing device mapping, please use long syntax: a:b:c:d',
    },
    {
      name: 'additional context without a value',
      input: 'services: {web: {build: {context: ., additional_contexts: [base]}}}',
      path: ['services', 'web', 'build', 'additional_contexts'],
      message: 'invalid value base, expected key=value',
    },
    {
      name: 'ssh key without a path',
      input: 'services: {web: {build: {context: ., ssh: [mykey]}}}',
      path: ['services', 'web', 'build', 'ssh'],
      message: 'invalid ssh key "mykey"',
    },
    {
      name: 'extra host without an address',
      input: 'services: {web: {extra_hosts: [myhost]}}',
      path: ['services', 'web', 'extra_hosts'],
      message: 'invalid additional host, missing IP: myhost',
    },
    {
      name: 'unterminated quote in a command',
      input: `services: {web: {command: "echo 'oops"}}`,
      path: ['services', 'web', 'command'],
      message: 'invalid command line string',
    },
    {
      name: 'a size that is not one',
      input: 'services: {web: {mem_limit: lots}}',
      path: ['services', 'web', 'mem_limit'],
      message: "invalid size: 'lots'",
    },
    {
      name: 'a duration without a unit',
      input: 'services: {web: {stop_grace_period: 10}}',
      path: ['services', 'web', 'stop_grace_period'],
      message: 'time: missing unit in duration "10"',
    },
    {
      name: 'a device count that is neither all nor a number',
      input: 'services: {web: {gpus: [{count: some}]}}',
      path: ['services', 'web', 'gpus', 0, 'count'],
      message: `invalid value "some", the only value allowed is 'all' or a number`,
    },
    {
      name: 'a boolean that is not one',
      input: 'services: {web: {privileged: maybe}}',
      path: ['services', 'web', 'privileged'],
      message: 'invalid boolean: maybe',
    },
    {
      name: 'build of the wrong type',
      input: 'services: {web: {build: 42}}',
      path: ['services', 'web', 'build'],
      message: 'invalid type int for build',
    },
    {
      name: 'env_file of the wrong type',
      input: 'services: {web: {env_file: 42}}',
      path: ['services', 'web', 'env_file'],
      message: 'invalid type int for env_file',
    },
  ])('$name', ({ input, path, message }) => {
    const [error, ...others] = errorsOf(() => project(input));
    expect(others).toEqual([]);
    expect(error?.path).toEqual(path);
    expect(error?.detail).toBe(message);
  });

  it('collects every problem in one pass, with positions from the source map', () => {
    const source = {
      position: { file: 'compose.yaml', line: 1, column: 1 },
      children: new Map([
        [
          'services',
          {
            position: { file: 'compose.yaml', line: 1, column: 1 },
            children: new Map([
              [
                'web',
                {
                  position: { file: 'compose.yaml', line: 2, column: 3 },
                  children: new Map([
                    ['ports', { position: { file: 'compose.yaml', line: 3, column: 5 } }],
                    ['mem_limit', { position: { file: 'compose.yaml', line: 4, column: 5 } }],
                  ]),
                },
              ],
            ]),
          },
        ],
      ]),
    };
    const errors = errorsOf(() => project('services: {web: {ports: ["x:80"], mem_limit: lots}}', { source }));
    expect(errors.map((e) => [e.file, e.line, e.column, e.detail])).toEqual([
      ['compose.yaml', 3, 5, 'Invalid hostPort: x'],
      ['compose.yaml', 4, 5, "invalid size: 'lots'"],
    ]);
  });
});

describe('toCanonical: options and properties', () => {
  const uninterpolated = [
    'ports: ["${HOST_IP}:${HOST_PORT}:80"]',
    'volumes: ["${SRC}:${DST}:${MODE}:x"]',
    'mem_limit: "${MEM}"',
    'privileged: "${PRIV}"',
    'stop_grace_period: "${GRACE}"',
    'devices: ["${A}:b:c:d"]',
    'environment: ["FOO=${BAR}"]',
  ].join('\n');

  it('keeps what cannot be read when asked to (interpolation off)', () => {
    expect(service(uninterpolated, { unreadable: 'keep' })).toEqual({
      ports: ['${HOST_IP}:${HOST_PORT}:80'],
      volumes: ['${SRC}:${DST}:${MODE}:x'],
      mem_limit: '${MEM}',
      privileged: '${PRIV}',
      stop_grace_period: '${GRACE}',
      devices: ['${A}:b:c:d'],
      environment: { FOO: '${BAR}' },
    });
  });

  it('fails on the same values by default', () => {
    expect(errorsOf(() => service(uninterpolated)).map((e) => e.path.join('.'))).toEqual([
      'services.web.ports.0',
      'services.web.volumes.0',
      'services.web.mem_limit',
      'services.web.privileged',
      'services.web.stop_grace_period',
      'services.web.devices.0',
    ]);
  });

  it('toCanonicalSyntax stops at the tree compose-go canonicalises each file to', () => {
    const tree = toCanonicalSyntax({
      services: {
        web: parse('environment: [A=1]\ncommand: echo hi\nports: ["80:80"]\nmem_limit: 1g\ndepends_on: [db]'),
      },
    });
    expect((tree.services as Record<string, unknown>).web).toEqual({
      environment: ['A=1'],
      command: 'echo hi',
      ports: [{ mode: 'ingress', target: 80, published: '80', protocol: 'tcp' }],
      mem_limit: '1g',
      depends_on: { db: { condition: 'service_started', required: true } },
    });
  });

  it('does not change its input', () => {
    const input = parse('services: {web: {environment: [A=1], ports: ["80:80"], build: .}}') as Record<
      string,
      unknown
    >;
    const copy = structuredClone(input);
    toCanonical(input);
    expect(input).toEqual(copy);
  });

  it('is idempotent, so it may run after every merged file', () => {
    const once = project(
      [
        'services:',
        '  web:',
        '    build: .',
        '    environment: [A=1, B]',
        '    ports: ["80-81:80-81", {target: 90, published: 9090}]',
        '    volumes: ["./a:/b:ro", "v:/v"]',
        '    healthcheck: {test: curl x, interval: 90s}',
        '    command: echo "a b"',
        '    extra_hosts: ["h:1.1.1.1"]',
        '    ulimits: {nofile: 10}',
        '    mem_limit: 1g',
        '    gpus: all',
        '    secrets: [{source: s, mode: "0400"}]',
        '    depends_on: [db]',
        '    env_file: .env',
        '    build_args_placeholder: null',
        'volumes: {v: {external: {name: x}}}',
      ].join('\n'),
    );
    expect(toCanonical(once)).toEqual(once);
  });
});
