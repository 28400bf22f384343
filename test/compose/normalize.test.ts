// Ports compose-go's loader/normalize_test.go (inputs written in canonical form, as our
// normalize stage receives them), plus the branches of loader/normalize.go it leaves untested.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalizeProject } from '../../src/compose/normalize.js';

interface Case {
  name: string;
  input: string;
  environment?: Record<string, string>;
  projectName?: string;
  expected: string;
}

const cases: Case[] = [
  {
    name: 'TestNormalizeNetworkNames: names networks, resolves build args, defaults the Dockerfile',
    environment: { FOO: 'BAR' },
    input: `
      name: myProject
      services:
        foo:
          build:
            context: ./testdata
            args:
              FOO: null
              ZOT: null
      networks:
        myExternalnet:
          external: true
        myNamedNet:
          name: CustomName
        mynet: {}
    `,
    expected: `
      name: myProject
      services:
        foo:
          build:
            context: ./testdata
            dockerfile: Dockerfile
            args:
              FOO: BAR
          networks:
            default: null
      networks:
        default:
          name: myProject_default
        myExternalnet:
          name: myExternalnet
          external: true
        myNamedNet:
          name: CustomName
        mynet:
          name: myProject_mynet
    `,
  },
  {
    name: 'TestNormalizeVolumes: external keeps its key, others get the project prefix',
    input: `
      name: myProject
      volumes:
        myExternalVol:
          external: true
        myvol: {}
        myNamedVol:
          name: CustomName
    `,
    expected: `
      name: myProject
      volumes:
        myExternalVol:
          name: myExternalVol
          external: true
        myvol:
          name: myProject_myvol
        myNamedVol:
          name: CustomName
    `,
  },
  {
    name: 'TestNormalizeDependsOn: network_mode and volumes_from imply dependencies',
    input: `
      name: myProject
      services:
        foo:
          depends_on:
            bar:
              condition: service_healthy
              required: true
              restart: true
          network_mode: service:zot
        bar:
          volumes_from:
            - zot
            - container:xxx
        zot: {}
    `,
    expected: `
      name: myProject
      services:
        bar:
          depends_on:
            zot:
              condition: service_started
              required: true
              restart: false
          networks:
            default: null
          volumes_from:
            - zot
            - container:xxx
        foo:
          depends_on:
            bar:
              condition: service_healthy
              required: true
              restart: true
            zot:
              condition: service_started
              required: true
              restart: true
          network_mode: service:zot
        zot:
          networks:
            default: null
      networks:
        default:
          name: myProject_default
    `,
  },
  {
    name: 'TestNormalizeImplicitDependencies: every service: namespace, volumes_from and links',
    input: `
      name: myProject
      services:
        test:
          ipc: service:foo
          cgroup: service:bar
          uts: service:baz
          pid: service:qux
          volumes_from: [quux]
          links: [corge]
          depends_on:
            foo:
              condition: service_healthy
    `,
    expected: `
      name: myProject
      services:
        test:
          ipc: service:foo
          cgroup: service:bar
          uts: service:baz
          pid: service:qux
          volumes_from: [quux]
          links: [corge]
          depends_on:
            foo:
              condition: service_healthy
            bar: { condition: service_started, restart: true, required: true }
            baz: { condition: service_started, restart: true, required: true }
            qux: { condition: service_started, restart: true, required: true }
            quux: { condition: service_started, restart: false, required: true }
            corge: { condition: service_started, restart: true, required: true }
          networks:
            default: null
      networks:
        default:
          name: myProject_default
    `,
  },
  {
    name: 'TestImplicitContextPath: an empty build gets context . and the default Dockerfile',
    input: `
      name: myProject
      services:
        test:
          build: {}
    `,
    expected: `
      name: myProject
      services:
        test:
          build:
            context: .
            dockerfile: Dockerfile
          networks:
            default: null
      networks:
        default:
          name: myProject_default
    `,
  },
  {
    name: 'TestNormalizeDefaultNetwork: a service with no networks joins default',
    input: `
      name: myProject
      services:
        test:
          image: test
    `,
    expected: `
      name: myProject
      networks:
        default:
          name: myProject_default
      services:
        test:
          image: test
          networks:
            default: null
    `,
  },
  {
    name: 'TestNormalizeCustomNetwork: no default network when no service uses it',
    input: `
      name: myProject
      services:
        test:
          networks:
            my_network: null
      networks:
        my_network: null
    `,
    expected: `
      name: myProject
      networks:
        my_network:
          name: myProject_my_network
      services:
        test:
          networks:
            my_network: null
    `,
  },
  {
    name: 'TestNormalizeEnvironment: a variable without value is looked up, or stays unset',
    environment: { BAR: 'bar', ZOT: 'zot' },
    input: `
      name: myProject
      services:
        test:
          environment:
            FOO: null
            BAR: null
            ZOT: QIX
    `,
    expected: `
      name: myProject
      networks:
        default:
          name: myProject_default
      services:
        test:
          environment:
            FOO: null
            BAR: bar
            ZOT: QIX
          networks:
            default: null
    `,
  },
  {
    name: 'TestNormalizePreStartInheritsServiceImage: hooks without image run the service image',
    input: `
      name: myProject
      services:
        app:
          image: alpine
          pre_start:
            - command: ["migrate"]
            - image: busybox
              command: ["chown", "-R", "1000:1000", "/data"]
        builder:
          build:
            context: .
          pre_start:
            - command: ["init"]
        hybrid:
          image: ubuntu
          build:
            context: .
          pre_start:
            - command: ["bootstrap"]
    `,
    expected: `
      name: myProject
      services:
        app:
          image: alpine
          networks:
            default: null
          pre_start:
            - command: ["migrate"]
              image: alpine
            - image: busybox
              command: ["chown", "-R", "1000:1000", "/data"]
        builder:
          build:
            context: .
            dockerfile: Dockerfile
          networks:
            default: null
          pre_start:
            - command: ["init"]
        hybrid:
          image: ubuntu
          build:
            context: .
            dockerfile: Dockerfile
          networks:
            default: null
          pre_start:
            - command: ["bootstrap"]
              image: ubuntu
      networks:
        default:
          name: myProject_default
    `,
  },
  {
    name: 'the project name given replaces the written one and leads the model',
    projectName: 'demo',
    input: `
      services:
        web:
          image: nginx
      name: written
    `,
    expected: `
      name: demo
      services:
        web:
          image: nginx
          networks:
            default: null
      networks:
        default:
          name: demo_default
    `,
  },
  {
    name: 'pull_policy if_not_present is the old spelling of missing',
    input: `
      services:
        a: { image: x, pull_policy: if_not_present, network_mode: none }
        b: { image: x, pull_policy: always, network_mode: none }
    `,
    expected: `
      name: myProject
      services:
        a: { image: x, pull_policy: missing, network_mode: none }
        b: { image: x, pull_policy: always, network_mode: none }
    `,
  },
  {
    name: 'network_mode and provider services join no network, so no default network exists',
    input: `
      services:
        host: { image: x, network_mode: host }
        model: { provider: { type: model } }
    `,
    expected: `
      name: myProject
      services:
        host: { image: x, network_mode: host }
        model: { provider: { type: model } }
    `,
  },
  {
    name: 'an empty networks mapping means default; a list of networks naming default uses it',
    input: `
      services:
        empty: { image: x, networks: {} }
        both: { image: x, networks: { default: null, back: { aliases: [b] } } }
      networks:
        back: {}
    `,
    expected: `
      name: myProject
      services:
        empty: { image: x, networks: { default: null } }
        both: { image: x, networks: { default: null, back: { aliases: [b] } } }
      networks:
        back: { name: myProject_back }
        default: { name: myProject_default }
    `,
  },
  {
    name: 'a declared default network keeps its settings and gets a name',
    input: `
      services:
        web: { image: x }
      networks:
        default: { driver: bridge, name: shared }
    `,
    expected: `
      name: myProject
      services:
        web: { image: x, networks: { default: null } }
      networks:
        default: { driver: bridge, name: shared }
    `,
  },
  {
    name: 'secrets and configs are named like volumes',
    input: `
      secrets:
        token: { file: /project/token }
        shared: { external: true }
        named: { name: custom, file: /project/x }
      configs:
        app: { content: hello }
        ext: { external: "true" }
        off: { external: false, file: /project/y }
    `,
    expected: `
      name: myProject
      secrets:
        token: { name: myProject_token, file: /project/token }
        shared: { name: shared, external: true }
        named: { name: custom, file: /project/x }
      configs:
        app: { name: myProject_app, content: hello }
        ext: { name: ext, external: "true" }
        off: { name: myProject_off, external: false, file: /project/y }
    `,
  },
  {
    name: 'links name the service before the colon; compose-go keeps a link with more colons whole',
    input: `
      services:
        web: { image: x, links: ["db:database", "cache", "a:b:c"], network_mode: none }
    `,
    expected: `
      name: myProject
      services:
        web:
          image: x
          links: ["db:database", "cache", "a:b:c"]
          network_mode: none
          depends_on:
            db: { condition: service_started, restart: true, required: true }
            cache: { condition: service_started, restart: true, required: true }
            "a:b:c": { condition: service_started, restart: true, required: true }
    `,
  },
  {
    name: 'volumes_from drops the access mode; an explicit dependency is not overridden',
    input: `
      services:
        web:
          image: x
          network_mode: none
          volumes_from: ["data:ro", "container:abc"]
          links: [data]
          depends_on:
            data: { condition: service_healthy, required: false }
    `,
    expected: `
      name: myProject
      services:
        web:
          image: x
          network_mode: none
          volumes_from: ["data:ro", "container:abc"]
          links: [data]
          depends_on:
            data: { condition: service_healthy, required: false }
    `,
  },
  {
    name: 'volume targets are cleaned like a Go path',
    input: `
      services:
        web:
          image: x
          network_mode: none
          volumes:
            - { type: volume, source: data, target: /data/ }
            - { type: bind, source: /project, target: /app/./src/../lib }
            - { type: tmpfs, target: //tmp }
    `,
    expected: `
      name: myProject
      services:
        web:
          image: x
          network_mode: none
          volumes:
            - { type: volume, source: data, target: /data }
            - { type: bind, source: /project, target: /app/lib }
            - { type: tmpfs, target: /tmp }
    `,
  },
  {
    name: 'build keeps a written Dockerfile, and dockerfile_inline needs none; unset args are dropped',
    input: `
      services:
        a: { build: { context: /project/a, dockerfile: app.Dockerfile }, network_mode: none }
        b:
          build: { context: /project/b, dockerfile_inline: "FROM scratch", args: { GONE: null, SET: "1" } }
          network_mode: none
    `,
    expected: `
      name: myProject
      services:
        a: { build: { context: /project/a, dockerfile: app.Dockerfile }, network_mode: none }
        b:
          build: { context: /project/b, dockerfile_inline: "FROM scratch", args: { SET: "1" } }
          network_mode: none
    `,
  },
  {
    name: 'a pre_start hook with an explicit null image keeps it, and a service without image gives none',
    input: `
      services:
        a: { image: "", pre_start: [{ command: [x] }], network_mode: none }
        b: { image: alpine, pre_start: [{ command: [x], image: null }], network_mode: none }
    `,
    expected: `
      name: myProject
      services:
        a: { image: "", pre_start: [{ command: [x] }], network_mode: none }
        b: { image: alpine, pre_start: [{ command: [x], image: null }], network_mode: none }
    `,
  },
];

describe('normalizeProject', () => {
  it.each(cases)('$name', ({ input, environment, projectName, expected }) => {
    const tree = parse(input) as Record<string, unknown>;
    const written = structuredClone(tree);
    const normalized = normalizeProject(tree, { projectName: projectName ?? 'myProject', environment });
    expect(normalized).toEqual(parse(expected));
    expect(Object.keys(normalized)[0]).toBe('name');
    expect(tree).toEqual(written);
  });
});
