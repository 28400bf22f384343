// Ports compose-go's override/uncity_test.go and pins each key of override/uncity.go: the last
// definition of a key wins, in the place of the first.
import { describe, expect, it } from 'vitest';
import { enforceUnicity } from '../../src/compose/enforce-unicity.js';
import { ComposeFileError } from '../../src/compose/errors.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { yamlValue } from './merge-yaml.js';

interface UnicityCase {
  name: string;
  input: string;
  expected: string;
}

const cases: UnicityCase[] = [
  {
    name: 'Test_EnvironmentUnicity',
    input: `
services:
  test:
    image: foo
    environment:
      - FOO=BAR
      - BAR=QIX
      - QIX=
      - ZOT
      - FOO=ZOT
      - QIX
      - ZOT=
`,
    expected: `
services:
  test:
    image: foo
    environment:
      - FOO=ZOT
      - BAR=QIX
      - QIX
      - ZOT=
`,
  },
  {
    name: 'Test_VolumeUnicity',
    input: `
services:
  test:
    image: foo
    volumes:
      - .:/foo
      - foo:/bar
      - src:/foo
`,
    expected: `
services:
  test:
    image: foo
    volumes:
      - src:/foo
      - foo:/bar
`,
  },
  {
    name: 'Test_PortsShortUnicity',
    input: `
services:
  test:
    image: foo
    ports:
      - "9080:80"
      - "9081:81"
      - "9080:80"
      - "5000"
      - "6060:6060/udp"
      - "9080:6060/udp"
`,
    expected: `
services:
  test:
    image: foo
    ports:
      - "9080:80"
      - "9081:81"
      - "5000"
      - "6060:6060/udp"
      - "9080:6060/udp"
`,
  },
  {
    name: 'Test_PortsLongtUnicity',
    input: `
services:
  test:
    image: foo
    ports:
      - target: 80
        host_ip: 127.0.0.1
        published: "8080"
        protocol: tcp
        mode: host
      - target: 81
        published: "8080"
        protocol: tcp
      - target: 80
        host_ip: 127.0.0.2
        published: "8080"
        protocol: tcp
      - target: 81
        published: "8080"
        protocol: tcp
`,
    expected: `
services:
  test:
    image: foo
    ports:
      - target: 80
        host_ip: 127.0.0.1
        published: "8080"
        protocol: tcp
        mode: host
      - target: 81
        published: "8080"
        protocol: tcp
      - target: 80
        host_ip: 127.0.0.2
        published: "8080"
        protocol: tcp
`,
  },
  {
    name: 'long ports: defaults for host_ip and protocol; a numeric published is not the string',
    input: `
services:
  test:
    ports:
      - { target: 80, published: "8080" }
      - { target: 80, published: "8080", host_ip: 0.0.0.0, protocol: tcp, mode: host }
      - { target: 80, published: 8080 }
      - 3000
      - 3000
`,
    expected: `
services:
  test:
    ports:
      - { target: 80, published: "8080", host_ip: 0.0.0.0, protocol: tcp, mode: host }
      - { target: 80, published: 8080 }
      - 3000
`,
  },
  {
    name: 'volumes: long syntax by target, short syntax by its second field or its only one',
    input: `
services:
  test:
    volumes:
      - /anonymous
      - type: volume
        source: data
        target: /anonymous
      - data:/data:ro
      - other:/data
      - \${SRC:-./src}:/code
      - ./code:/code
`,
    expected: `
services:
  test:
    volumes:
      - type: volume
        source: data
        target: /anonymous
      - other:/data
      - ./code:/code
`,
  },
  {
    name: 'secrets and configs: by target, defaulting to /run/secrets/<name> and /<name>',
    input: `
services:
  test:
    secrets:
      - a
      - { source: b, target: /run/secrets/a }
      - { source: c }
      - c
    configs:
      - x
      - { source: y, target: /x }
      - { source: z, target: /etc/z }
`,
    expected: `
services:
  test:
    secrets:
      - { source: b, target: /run/secrets/a }
      - c
    configs:
      - { source: y, target: /x }
      - { source: z, target: /etc/z }
`,
  },
  {
    name: 'devices: by target; a lone path is its own target',
    input: `
services:
  test:
    devices:
      - /dev/sda
      - /dev/sdb:/dev/sda:r
      - { source: /dev/sdc, target: /dev/sdc }
      - /dev/sdd:/dev/sdc
`,
    expected: `
services:
  test:
    devices:
      - /dev/sdb:/dev/sda:r
      - /dev/sdd:/dev/sdc
`,
  },
  {
    name: 'expose: a number and the same string are one port',
    input: `
services:
  test:
    expose: [80, "80", "443", 443, "8000-8010"]
`,
    expected: `
services:
  test:
    expose: ["80", 443, "8000-8010"]
`,
  },
  {
    name: 'env_file: a path and a mapping with that path are one file',
    input: `
services:
  test:
    env_file:
      - a.env
      - { path: b.env, required: false }
      - { path: a.env, required: false }
      - b.env
`,
    expected: `
services:
  test:
    env_file:
      - { path: a.env, required: false }
      - b.env
`,
  },
  {
    name: 'key/value lists elsewhere: labels, sysctls, build args, network labels and ipam options',
    input: `
services:
  test:
    labels: [a=1, b=2, a=3]
    annotations: [a=1, a]
    sysctls: [net.core.somaxconn=1024, net.core.somaxconn=2048]
    build:
      args: [A=1, A=2]
      tags: [x, x]
      platform: [linux/amd64, linux/amd64]
    deploy:
      labels: [a=1, a=2]
    networks:
      front:
        aliases: [web, web, api]
        link_local_ips: [169.254.0.1, 169.254.0.1]
    profiles: [debug, debug]
    cap_add: [NET_ADMIN, NET_ADMIN]
    cap_drop: [ALL, ALL]
    dns: [1.1.1.1, 1.1.1.1]
    dns_opt: [use-vc, use-vc]
    dns_search: [a.example, a.example]
    tmpfs: [/run, /tmp, /run]
    links: [db, db:database]
networks:
  front:
    labels: [a=1, a=2]
    ipam:
      options: [foo=1, foo=2]
`,
    expected: `
services:
  test:
    labels: [a=3, b=2]
    annotations: [a]
    sysctls: [net.core.somaxconn=2048]
    build:
      args: [A=2]
      tags: [x]
      platform: [linux/amd64]
    deploy:
      labels: [a=2]
    networks:
      front:
        aliases: [web, api]
        link_local_ips: [169.254.0.1]
    profiles: [debug]
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    dns: [1.1.1.1]
    dns_opt: [use-vc]
    dns_search: [a.example]
    tmpfs: [/run, /tmp]
    links: [db, "db:database"]
networks:
  front:
    labels: [a=2]
    ipam:
      options: [foo=2]
`,
  },
  {
    name: 'other sequences keep their repeats',
    input: `
services:
  test:
    command: [echo, echo]
    external_links: [a, a]
    extra_hosts: [a=1.1.1.1, a=1.1.1.1]
    develop:
      watch:
        - { path: ., action: sync, target: /app }
        - { path: ., action: sync, target: /app }
`,
    expected: `
services:
  test:
    command: [echo, echo]
    external_links: [a, a]
    extra_hosts: [a=1.1.1.1, a=1.1.1.1]
    develop:
      watch:
        - { path: ., action: sync, target: /app }
        - { path: ., action: sync, target: /app }
`,
  },
  {
    name: 'mappings are left alone',
    input: `
services:
  test:
    environment: { A: "1", B: "2" }
`,
    expected: `
services:
  test:
    environment: { A: "1", B: "2" }
`,
  },
];

describe('enforceUnicity', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(enforceUnicity(located(input)).tree).toEqual(yamlValue(expected));
  });

  it('returns the same tree when nothing repeats', () => {
    const document = located('services: { test: { ports: ["80", "81"], environment: [A=1] } }');
    expect(enforceUnicity(document)).toBe(document);
  });

  it('does not change its input', () => {
    const document = located('services: { test: { ports: ["80", "80"] } }');
    enforceUnicity(document);
    expect(document.tree).toEqual({ services: { test: { ports: ['80', '80'] } } });
  });

  it.each([
    {
      name: 'a non-string environment item',
      input: 'services:\n  test:\n    environment:\n      - A=1\n      - 12\n',
      at: 'unicity.yaml:5:9',
      path: 'services.test.environment[1]',
      message: 'expected a string, got int',
    },
    {
      name: 'a long volume without a target',
      input: 'services:\n  test:\n    volumes:\n      - type: volume\n        source: data\n',
      at: 'unicity.yaml:4:9',
      path: 'services.test.volumes[0]',
      message: 'missing a mount target',
    },
    {
      name: 'a short volume with too many colons',
      input: 'services:\n  test:\n    volumes:\n      - "src:/b:ro:extra"\n',
      at: 'unicity.yaml:4:9',
      path: 'services.test.volumes[0]',
      message: 'invalid spec: src:/b:ro:extra: too many colons',
    },
    {
      name: 'a long port without a target',
      input: 'services:\n  test:\n    ports:\n      - published: "80"\n',
      at: 'unicity.yaml:4:9',
      path: 'services.test.ports[0]',
      message: 'missing a target port',
    },
    {
      name: 'an env_file mapping without a path',
      input: 'services:\n  test:\n    env_file:\n      - required: false\n',
      at: 'unicity.yaml:4:9',
      path: 'services.test.env_file[0]',
      message: 'missing its path',
    },
    {
      name: 'an expose entry that is a mapping',
      input: 'services:\n  test:\n    expose:\n      - { port: 80 }\n',
      at: 'unicity.yaml:4:9',
      path: 'services.test.expose[0]',
      message: 'expected a port number or a string, got map[string]interface {}',
    },
  ])('rejects $name', ({ input, at, path, message }) => {
    let caught: unknown;
    try {
      enforceUnicity(located(input));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComposeFileError);
    const error = caught as ComposeFileError;
    expect(`${error.file}:${error.line}:${error.column}`).toBe(at);
    expect(error.message).toContain(`${path}: `);
    expect(error.detail).toContain(message);
  });
});

function located(text: string): LocatedTree {
  const [document] = parseComposeYaml('unicity.yaml', text);
  return { tree: document!.tree as Record<string, unknown>, source: document!.source };
}
