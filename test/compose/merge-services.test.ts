// Ports compose-go's override/merge_{cap,devices,links,profiles,volumes,mounts,mem,ulimits,
// logging}_test.go, the build cases of loader/override_test.go, and the rules of
// override/merge.go those tables leave out (command, entrypoint, healthcheck.test, depends_on,
// build as a string).
import { describe, expect, it } from 'vitest';
import { mergeYamlFiles, yamlValue, type MergeCase } from './merge-yaml.js';

const memLimitString = `
services:
  test:
    mem_limit: '256m'
`;
const memLimitNumber = `
services:
  test:
    mem_limit: 1
`;

const sequenceCases: MergeCase[] = [
  {
    name: 'TestMergeCAPSequence',
    base: `
services:
  test:
    image: foo
    cap_add:
      - CAP_BPF
      - CAP_CHOWN
    cap_drop:
      - NET_ADMIN
      - SYS_ADMIN
`,
    override: `
services:
  test:
    cap_add:
      - CAP_KILL
      - CAP_CHOWN
    cap_drop:
      - NET_ADMIN
      - CAP_FOWNER
`,
    expected: `
services:
  test:
    image: foo
    cap_add:
      - CAP_BPF
      - CAP_CHOWN
      - CAP_KILL
    cap_drop:
      - NET_ADMIN
      - SYS_ADMIN
      - CAP_FOWNER
`,
  },
  {
    name: 'Test_mergeYamlDevices',
    base: `
services:
  test:
    image: foo
    devices:
      - '/dev/sda:/dev/sda'
      - '/dev/sdb:/dev/sdb'
      - '/dev/sdc:/dev/sdc'
      - '/dev/sdd:/dev/sdd'
`,
    override: `
services:
  test:
    devices:
      - '/dev/sde:/dev/sde'
      - '/dev/sdf:/dev/sdf'
      - '/dev/sdg:/dev/sdg'
      - '/dev/sdh:/dev/sdh'
`,
    expected: `
services:
  test:
    image: foo
    devices:
      - '/dev/sda:/dev/sda'
      - '/dev/sdb:/dev/sdb'
      - '/dev/sdc:/dev/sdc'
      - '/dev/sdd:/dev/sdd'
      - '/dev/sde:/dev/sde'
      - '/dev/sdf:/dev/sdf'
      - '/dev/sdg:/dev/sdg'
      - '/dev/sdh:/dev/sdh'
`,
  },
  {
    name: 'Test_mergeYamlDevicesOverride: a device is keyed by its target',
    base: `
services:
  test:
    image: foo
    devices:
      - '/dev/sda:/dev/sda'
      - '/dev/sdb:/dev/sdb'
      - '/dev/sdc:/dev/sdc'
      - '/dev/sdd:/dev/sdd'
`,
    override: `
services:
  test:
    devices:
      - '/dev/nvme0n1p1:/dev/sda'
      - '/dev/nvme1n1p1:/dev/sdb'
      - '/dev/nvme2n1p1:/dev/sdc'
`,
    expected: `
services:
  test:
    image: foo
    devices:
      - '/dev/nvme0n1p1:/dev/sda'
      - '/dev/nvme1n1p1:/dev/sdb'
      - '/dev/nvme2n1p1:/dev/sdc'
      - '/dev/sdd:/dev/sdd'
`,
  },
  {
    name: 'TestMergeExtraLinksSequence: a link is keyed by the service before "="',
    base: `
services:
  test:
    image: foo
    links:
      - service1
      - service2
`,
    override: `
services:
  test:
    links:
      - service2=alias1
`,
    expected: `
services:
  test:
    image: foo
    links:
      - service1
      - service2=alias1
`,
  },
  {
    name: 'TestMergeProfilesUnicity',
    base: `
services:
  test:
    image: foo
    profiles:
      - profile1
      - profile2
`,
    override: `
services:
  test:
    profiles:
      - profile2
      - profile3
`,
    expected: `
services:
  test:
    image: foo
    profiles:
      - profile1
      - profile2
      - profile3
`,
  },
  {
    name: 'TestMergeVolumes: short and long syntax append',
    base: `
services:
  test:
    image: foo
    volumes:
     - a:/a
     - type: bind
       source: ./b
       target: /b
`,
    override: `
services:
  test:
    volumes:
      - c:/c
`,
    expected: `
services:
  test:
    image: foo
    volumes:
      - a:/a
      - type: bind
        source: ./b
        target: /b
      - c:/c
`,
  },
  {
    name: 'Test_mergeYamlServiceMount: a secret is keyed by its target',
    base: `
services:
  test:
    image: foo
    secrets:
      - foo
      - bar
      - zot
`,
    override: `
services:
  test:
    image: foo
    secrets:
      - source: zot
        target: /run/secrets/foo
`,
    expected: `
services:
  test:
    image: foo
    secrets:
      - source: zot
        target: /run/secrets/foo
      - bar
      - zot
`,
  },
  {
    name: 'volumes on the same target: the override wins in the base place (TestOverrideVolume)',
    base: `
services:
  test:
    volumes: [./src:/src, logs:/logs]
`,
    override: `
services:
  test:
    volumes: [./other:/src:ro, ./src:/extra]
`,
    expected: `
services:
  test:
    volumes: [./other:/src:ro, logs:/logs, ./src:/extra]
`,
  },
  {
    name: 'ports: the same short port collapses, others append',
    base: `
services:
  test:
    ports: ["8080:80", "9090:90"]
`,
    override: `
services:
  test:
    ports: ["8080:80", "8443:443"]
`,
    expected: `
services:
  test:
    ports: ["8080:80", "9090:90", "8443:443"]
`,
  },
  {
    name: 'expose and configs append uniquely',
    base: `
services:
  test:
    expose: [80, "443"]
    configs: [a, { source: b, target: /etc/b }]
`,
    override: `
services:
  test:
    expose: ["80", 8080]
    configs: [{ source: c, target: /a }, { source: b2, target: /etc/b }]
`,
    expected: `
services:
  test:
    expose: ["80", "443", 8080]
    configs: [{ source: c, target: /a }, { source: b2, target: /etc/b }]
`,
  },
  {
    name: 'TestMemLimitMixed/StringThenInt',
    base: memLimitNumber,
    override: memLimitString,
    expected: `
services:
  test:
    mem_limit: 256m
`,
  },
  {
    name: 'TestMemLimitMixed/IntThenString',
    base: memLimitString,
    override: memLimitNumber,
    expected: `
services:
  test:
    mem_limit: 1
`,
  },
];

const structureCases: MergeCase[] = [
  {
    name: 'Test_mergeYamlUlimits: each limit is replaced whole',
    base: `
services:
  test:
    image: foo
    ulimits:
      nofile: 
          soft: 20000
          hard: 40000
      nproc: 65535
      locks: 
          soft: 20000
          hard: 40000
`,
    override: `
services:
  test:
    image: foo
    ulimits:
      nofile: 
          soft: 10000
          hard: 40000
      nproc: 
          soft: 65535
      locks:
          hard: 65535
`,
    expected: `
services:
  test:
    image: foo
    ulimits:
      nofile: 
          soft: 10000
          hard: 40000
      nproc: 
          soft: 65535
      locks:
          hard: 65535
`,
  },
  {
    name: 'Test_mergeYamlLoggingSameDriver: options merge',
    base: `
services:
  test:
    image: foo
    logging:
      driver: syslog
      options:
        syslog-address: "tcp://192.168.0.42:123"
`,
    override: `
services:
  test:
    logging:
      driver: syslog
      options:
        syslog-address: "tcp://127.0.0.1:123"
`,
    expected: `
services:
  test:
    image: foo
    logging:
      driver: syslog
      options:
        syslog-address: "tcp://127.0.0.1:123"
`,
  },
  {
    name: 'Test_mergeYamlLoggingDistinctDriver: a new driver brings its own options',
    base: `
services:
  test:
    image: foo
    logging:
      driver: local
      options:
        max-size: "10m"
`,
    override: `
services:
  test:
    logging:
      driver: syslog
      options:
        syslog-address: "tcp://127.0.0.1:123"
`,
    expected: `
services:
  test:
    image: foo
    logging:
      driver: syslog
      options:
        syslog-address: "tcp://127.0.0.1:123"
`,
  },
  {
    name: 'Test_mergeYamlLoggingImplicitDriver',
    base: `
services:
  test:
    image: foo
    logging:
      options:
        max-size: "10m"
`,
    override: `
services:
  test:
    logging:
      options:
        max-file: 3
`,
    expected: `
services:
  test:
    image: foo
    logging:
      options:
        max-size: "10m"
        max-file: 3
`,
  },
  {
    name: 'logging: a driver on one side only still merges options',
    base: `
services:
  test:
    logging:
      driver: json-file
      options: { max-size: 10m }
`,
    override: `
services:
  test:
    logging:
      options: { max-file: "3" }
`,
    expected: `
services:
  test:
    logging:
      driver: json-file
      options: { max-size: 10m, max-file: "3" }
`,
  },
  {
    name: 'command, entrypoint and healthcheck.test are replaced, not appended',
    base: `
services:
  test:
    command: [echo, foo]
    entrypoint: [/bin/sh, -c]
    healthcheck:
      test: [CMD, curl, -f, http://localhost]
      interval: 10s
`,
    override: `
services:
  test:
    command: [echo, bar]
    entrypoint: /entry.sh
    healthcheck:
      test: [CMD-SHELL, "exit 0"]
`,
    expected: `
services:
  test:
    command: [echo, bar]
    entrypoint: /entry.sh
    healthcheck:
      test: [CMD-SHELL, "exit 0"]
      interval: 10s
`,
  },
  {
    name: 'a string command replaces a list',
    base: `
services:
  test:
    command: [a, b]
`,
    override: `
services:
  test:
    command: c d
`,
    expected: `
services:
  test:
    command: c d
`,
  },
  {
    name: 'TestOverrideBuildContext: a string build is a context',
    base: `
services:
  test:
    build: .
`,
    override: `
services:
  test:
    build:
      context: src
`,
    expected: `
services:
  test:
    build:
      context: src
`,
  },
  {
    name: 'build: a string over a mapping replaces the context only',
    base: `
services:
  test:
    build:
      context: .
      dockerfile: Dockerfile.dev
`,
    override: `
services:
  test:
    build: ./app
`,
    expected: `
services:
  test:
    build:
      context: ./app
      dockerfile: Dockerfile.dev
`,
  },
  {
    name: 'build: two strings',
    base: `
services:
  test:
    build: .
`,
    override: `
services:
  test:
    build: ./app
`,
    expected: `
services:
  test:
    build:
      context: ./app
`,
  },
  {
    name: 'depends_on: a list over a list becomes a mapping with defaults',
    base: `
services:
  test:
    depends_on: [db]
`,
    override: `
services:
  test:
    depends_on: [cache]
`,
    expected: `
services:
  test:
    depends_on:
      db: { condition: service_started, required: true }
      cache: { condition: service_started, required: true }
`,
  },
  {
    name: 'TestOverrideDepends_on: a mapping refines a listed service',
    base: `
services:
  test:
    image: test
    depends_on:
      - foo
  foo:
    image: foo
`,
    override: `
services:
  test:
    depends_on:
      foo:
        condition: service_healthy
        required: false
`,
    expected: `
services:
  test:
    image: test
    depends_on:
      foo: { condition: service_healthy, required: false }
  foo:
    image: foo
`,
  },
  {
    name: 'TestOverridePartial: a partial dependency merges with the base one',
    base: `
services:
  test:
    image: test
    depends_on:
      foo:
        condition: service_healthy
  foo: 
    image: foo
`,
    override: `
services:
  test:
    depends_on:
      foo:
        required: false
`,
    expected: `
services:
  test:
    image: test
    depends_on:
      foo: { condition: service_healthy, required: false }
  foo:
    image: foo
`,
  },
  {
    name: 'other scalars are replaced and new keys added (13-merge.md)',
    base: `
services:
  foo:
    key1: value1
    key2: value2
`,
    override: `
services:
  foo:
    key2: VALUE
    key3: value3
`,
    expected: `
services:
  foo:
    key1: value1
    key2: VALUE
    key3: value3
`,
  },
  {
    name: 'other sequences append (13-merge.md)',
    base: `
services:
  foo:
    DNS:
      - 1.1.1.1
`,
    override: `
services:
  foo:
    DNS: 
      - 8.8.8.8
`,
    expected: `
services:
  foo:
    DNS:
      - 1.1.1.1
      - 8.8.8.8
`,
  },
];

describe('merging service attributes', () => {
  it.each([...sequenceCases, ...structureCases])('$name', ({ base, override, expected }) => {
    expect(mergeYamlFiles(base, override).tree).toEqual(yamlValue(expected));
  });
});
