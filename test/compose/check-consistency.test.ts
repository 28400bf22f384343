// Ports compose-go loader/validate_test.go (every case; the Go structs written as canonical YAML),
// validation/validation_test.go (TestValidateSecret on configs, TestIPAddress) and
// types.Project.CheckContainerNameUnicity, then the rules of loader/validate.go and validation/
// that compose-go leaves untested and the reference checks the brief adds (links, volumes_from,
// extends, service:x namespaces). Each row asserts path, line:column and message.
import { describe, expect, it } from 'vitest';
import { checkConsistency, type ConsistencyOptions } from '../../src/compose/check-consistency.js';
import { load, report, type Reported } from './located-errors.js';

function check(yaml: string, options?: ConsistencyOptions): Reported[] {
  return report(checkConsistency(load(yaml), options));
}

interface Case {
  name: string;
  yaml: string;
  options?: ConsistencyOptions;
  expected: Reported[];
}

const cases: Case[] = [
  // loader/validate_test.go
  {
    name: 'TestValidateAnonymousVolume',
    yaml: `
      services:
        myservice:
          image: my/service
          volumes:
            - type: volume
              target: /use/local
    `,
    expected: [],
  },
  {
    name: 'TestValidateNamedVolume: undeclared',
    yaml: `
      services:
        myservice:
          image: my/service
          volumes:
            - type: volume
              source: myVolume
              target: /use/local
    `,
    expected: [
      {
        path: 'services.myservice.volumes[0]',
        at: '5:9',
        message: 'service "myservice" refers to undefined volume myVolume: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateNamedVolume: declared',
    yaml: `
      services:
        myservice:
          image: my/service
          volumes:
            - type: volume
              source: myVolume
              target: /use/local
      volumes:
        myVolume:
          name: myVolume
    `,
    expected: [],
  },
  {
    name: 'TestValidateNoBuildNoImage',
    yaml: `
      services:
        myservice: {}
    `,
    expected: [
      {
        path: 'services.myservice',
        at: '2:3',
        message:
          'service "myservice" has neither an image nor a build context specified: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateNetworkMode: service:x to an existing service',
    yaml: `
      services:
        myservice1:
          image: scratch
        myservice2:
          image: scratch
          network_mode: service:myservice1
    `,
    expected: [],
  },
  {
    name: 'TestValidateNetworkMode: service:x to an unknown service',
    yaml: `
      services:
        myservice1:
          image: scratch
        myservice2:
          image: scratch
          network_mode: service:nonexistentservice
    `,
    expected: [
      {
        path: 'services.myservice2.network_mode',
        at: '6:5',
        message: `service "nonexistentservice" not found for network_mode 'service:nonexistentservice'`,
      },
    ],
  },
  {
    name: 'TestValidateNetworkMode: container:x is not checked',
    yaml: `
      services:
        myservice1:
          image: scratch
          container_name: mycontainer_name
        myservice2:
          image: scratch
          network_mode: container:mycontainer_name
    `,
    expected: [],
  },
  {
    name: "TestValidateNetworkMode: network_mode & networks can't both be defined",
    yaml: `
      services:
        myservice1:
          image: scratch
          network_mode: host
          networks:
            mynetwork: {}
      networks:
        mynetwork: {}
    `,
    expected: [
      {
        path: 'services.myservice1.network_mode',
        at: '4:5',
        message:
          'service myservice1 declares mutually exclusive `network_mode` and `networks`: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateSecret: secret set by file',
    yaml: `
      secrets:
        foo:
          file: .secret
    `,
    expected: [],
  },
  {
    name: 'TestValidateSecret: secret set by environment',
    yaml: `
      secrets:
        foo:
          environment: TOKEN
    `,
    expected: [],
  },
  {
    name: 'TestValidateSecret: external secret',
    yaml: `
      secrets:
        foo:
          external: true
    `,
    expected: [],
  },
  {
    // compose-go's loader stops earlier, in validation.go, with this message for a bare secret.
    name: 'TestValidateSecret: unset secret type',
    yaml: `
      secrets:
        foo: {}
    `,
    expected: [{ path: 'secrets.foo', at: '2:3', message: 'one of file|environment must be set' }],
  },
  {
    name: 'TestValidateSecret: a driver alone does not give a secret its content',
    yaml: `
      secrets:
        foo:
          driver: vault
    `,
    expected: [
      {
        path: 'secrets.foo',
        at: '2:3',
        message: 'secret "foo" must declare either `file` or `environment`: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateSecret: service secret exist',
    yaml: `
      services:
        myservice:
          image: scratch
          secrets:
            - source: foo
      secrets:
        foo:
          external: true
    `,
    expected: [],
  },
  {
    name: 'TestValidateSecret: service secret undefined',
    yaml: `
      services:
        myservice:
          image: scratch
          secrets:
            - source: foo
    `,
    expected: [
      {
        path: 'services.myservice.secrets[0]',
        at: '5:9',
        message: 'service "myservice" refers to undefined secret foo: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateDependsOn',
    yaml: `
      services:
        myservice:
          image: scratch
          depends_on:
            missingservice:
              condition: service_started
              required: true
    `,
    expected: [
      {
        path: 'services.myservice.depends_on.missingservice',
        at: '5:7',
        message: 'service "myservice" depends on undefined service "missingservice": invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateContainerName (Project.CheckContainerNameUnicity)',
    yaml: `
      services:
        myservice:
          image: scratch
          container_name: mycontainer
        myservice2:
          image: scratch
          container_name: mycontainer
    `,
    expected: [
      {
        path: 'services.myservice2.container_name',
        at: '7:5',
        message: 'container name "mycontainer" is already in use by service myservice',
      },
    ],
  },
  {
    name: 'TestValidateWatch: watch valid configuration',
    yaml: `
      services:
        myservice:
          image: scratch
          develop:
            watch:
              - action: sync
                path: /app
                target: /container/app
    `,
    expected: [],
  },
  {
    name: 'TestValidateWatch: watch missing target for sync action',
    yaml: `
      services:
        myservice:
          image: scratch
          develop:
            watch:
              - action: sync
                path: /app
    `,
    expected: [
      {
        path: 'services.myservice.develop.watch[0]',
        at: '6:11',
        message: 'target is required for non-rebuild actions: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateWatch: watch missing target for sync+restart action',
    yaml: `
      services:
        myservice:
          image: scratch
          develop:
            watch:
              - action: sync+restart
                path: /app
    `,
    expected: [
      {
        path: 'services.myservice.develop.watch[0]',
        at: '6:11',
        message: 'target is required for non-rebuild actions: invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateWatch: watch config valid with missing target for rebuild action',
    yaml: `
      services:
        myservice:
          image: scratch
          develop:
            watch:
              - action: rebuild
                path: /app
    `,
    expected: [],
  },
  {
    name: 'TestValidateWatch: depends on disabled service',
    yaml: `
      services:
        myservice:
          image: scratch
          depends_on:
            other:
              condition: service_started
              required: false
    `,
    options: { disabledServices: { other: { profiles: ['debug'] } } },
    expected: [],
  },
  {
    name: 'TestValidateWatch: depends on unknown service',
    yaml: `
      services:
        myservice:
          image: scratch
          depends_on:
            other:
              condition: service_started
              required: false
    `,
    expected: [
      {
        path: 'services.myservice.depends_on.other',
        at: '5:7',
        message: 'service "myservice" depends on undefined service "other": invalid compose project',
      },
    ],
  },
  {
    name: 'TestValidateMountConflict',
    yaml: `
      services:
        myservice:
          image: scratch
          tmpfs:
            - /foo
            - /conflict:size=64m
          volumes:
            - type: bind
              target: /bar
              source: .
            - type: bind
              target: /conflict
              source: .
    `,
    expected: [
      {
        path: 'services.myservice.volumes[1]',
        at: '11:9',
        message: 'target /conflict already mounted as services.myservice.tmpfs[1]',
      },
    ],
  },
  {
    name: 'TestValidateNegativeScale: scale',
    yaml: `
      services:
        myservice:
          image: scratch
          scale: -1
    `,
    expected: [
      { path: 'services.myservice.scale', at: '4:5', message: 'must be greater than or equal to 0' },
    ],
  },
  {
    name: 'TestValidateNegativeScale: deploy.replicas',
    yaml: `
      services:
        myservice:
          image: scratch
          deploy:
            replicas: -1
    `,
    expected: [
      {
        path: 'services.myservice.deploy.replicas',
        at: '5:7',
        message: 'must be greater than or equal to 0',
      },
    ],
  },

  // validation/validation_test.go
  ...[
    { name: 'file config', body: 'file: ./httpd.conf' },
    { name: 'environment config', body: 'environment: CONFIG' },
    { name: 'inlined config', body: 'content: foo=bar' },
    { name: 'external config', body: 'external: true' },
  ].map(({ name, body }) => ({
    name: `TestValidateSecret (configs): ${name}`,
    yaml: `configs:\n  test:\n    name: test\n    ${body}\n`,
    expected: [],
  })),
  {
    name: 'TestValidateSecret (configs): conflict config',
    yaml: `
      configs:
        test:
          name: test
          environment: CONFIG
          content: foo=bar
    `,
    expected: [
      {
        path: 'configs.test',
        at: '2:3',
        message: 'file|environment|content attributes are mutually exclusive',
      },
    ],
  },
  {
    name: 'TestValidateSecret (configs): missing config',
    yaml: `
      configs:
        test:
          name: test
    `,
    expected: [{ path: 'configs.test', at: '2:3', message: 'one of file|environment|content must be set' }],
  },
  {
    name: 'TestValidateSecret (configs): a driver may supply the content',
    yaml: `
      configs:
        test:
          driver: custom
    `,
    expected: [],
  },
  {
    name: 'TestIPAddress: port long syntax, invalid IP',
    yaml: `
      services:
        web:
          image: nginx
          ports:
            - host_ip: notavalidip
              target: 1234
              published: "1234"
    `,
    expected: [{ path: 'services.web.ports[0]', at: '5:9', message: 'invalid ip address: notavalidip' }],
  },
  ...['target: 1234', 'host_ip: 192.168.3.4', 'host_ip: "::1"'].map((extra) => ({
    name: `TestIPAddress: port long syntax, ${extra}`,
    yaml: `services:\n  web:\n    image: nginx\n    ports:\n      - target: 1234\n        published: "1234"\n        ${extra === 'target: 1234' ? 'protocol: tcp' : extra}\n`,
    expected: [],
  })),
];

describe('compose-go validate_test.go and validation_test.go', () => {
  it.each(cases)('$name', ({ yaml, options, expected }) => {
    expect(check(yaml, options)).toEqual(expected);
  });
});

const moreCases: Case[] = [
  {
    name: 'build: dockerfile and dockerfile_inline exclude each other',
    yaml: `
      services:
        web:
          build:
            context: .
            dockerfile: Dockerfile
            dockerfile_inline: FROM alpine
    `,
    expected: [
      {
        path: 'services.web.build.dockerfile_inline',
        at: '6:7',
        message:
          'service "web" declares mutually exclusive dockerfile and dockerfile_inline: invalid compose project',
      },
    ],
  },
  {
    name: 'build: an additional context from an unknown and from a non-buildable service',
    yaml: `
      services:
        base:
          image: alpine
        web:
          build:
            context: .
            additional_contexts:
              deps: service:deps
              base: service:base
    `,
    expected: [
      {
        path: 'services.web.build.additional_contexts.deps',
        at: '8:9',
        message: 'service "web" declares unknown service "deps" as additional contexts deps',
      },
      {
        path: 'services.web.build.additional_contexts.base',
        at: '9:9',
        message: 'service "web" declares non-buildable service "base" as additional contexts base',
      },
    ],
  },
  {
    name: 'build: platforms must include the service platform',
    yaml: `
      services:
        web:
          platform: linux/arm64
          build:
            context: .
            platforms: [linux/amd64]
    `,
    expected: [
      {
        path: 'services.web.platform',
        at: '3:5',
        message:
          'service.build.platforms MUST include service.platform "linux/arm64": invalid compose project',
      },
    ],
  },
  {
    name: 'an undeclared network; default needs no declaration',
    yaml: `
      services:
        web:
          image: nginx
          networks:
            default: {}
            front: {}
    `,
    expected: [
      {
        path: 'services.web.networks.front',
        at: '6:7',
        message: 'service "web" refers to undefined network front: invalid compose project',
      },
    ],
  },
  {
    name: 'networks in the short list form',
    yaml: `
      services:
        web:
          image: nginx
          networks: [back]
      networks:
        front: {}
    `,
    expected: [
      {
        path: 'services.web.networks.back',
        at: '4:5',
        message: 'service "web" refers to undefined network back: invalid compose project',
      },
    ],
  },
  {
    name: 'an undeclared config, build secret and model',
    yaml: `
      services:
        web:
          image: nginx
          build:
            context: .
            secrets: [npmrc]
          configs:
            - source: nginx.conf
          models:
            llm: {}
    `,
    expected: [
      {
        path: 'services.web.build.secrets[0]',
        at: '6:17',
        message: 'service "web" refers to undefined build secret npmrc: invalid compose project',
      },
      {
        path: 'services.web.configs[0]',
        at: '8:9',
        message: 'service "web" refers to undefined config nginx.conf: invalid compose project',
      },
      {
        path: 'services.web.models.llm',
        at: '10:7',
        message: 'service "web" refers to undefined model llm: invalid compose project',
      },
    ],
  },
  {
    name: 'healthcheck test must start with CMD, CMD-SHELL or NONE',
    yaml: `
      services:
        web:
          image: nginx
          healthcheck:
            test: [curl, -f, http://localhost]
    `,
    expected: [
      {
        path: 'services.web.healthcheck.test',
        at: '5:7',
        message: 'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
      },
    ],
  },
  {
    name: 'a healthcheck test string is the shell form',
    yaml: `
      services:
        web:
          image: nginx
          healthcheck:
            test: curl -f http://localhost
    `,
    expected: [],
  },
  {
    name: 'a required dependency on a disabled service names its profiles',
    yaml: `
      services:
        web:
          image: nginx
          depends_on:
            db:
              condition: service_started
              required: true
    `,
    options: { disabledServices: { db: { profiles: ['data'] } } },
    expected: [
      {
        path: 'services.web.depends_on.db',
        at: '5:7',
        message: 'service "web" depends on undefined service "db": invalid compose project',
        hint: 'service "db" is required by "web" but is disabled. Can be enabled by profiles [data]',
      },
    ],
  },
  {
    name: 'links, volumes_from and ipc: service:x to unknown services',
    yaml: `
      services:
        web:
          image: nginx
          links:
            - cache:redis
          volumes_from:
            - store:ro
            - container:legacy
          ipc: service:shm
    `,
    expected: [
      {
        path: 'services.web.links[0]',
        at: '5:9',
        message: 'service "web" depends on undefined service "cache": invalid compose project',
      },
      {
        path: 'services.web.volumes_from[0]',
        at: '7:9',
        message: 'service "web" depends on undefined service "store": invalid compose project',
      },
      {
        path: 'services.web.ipc',
        at: '9:5',
        message: 'service "web" depends on undefined service "shm": invalid compose project',
      },
    ],
  },
  {
    name: 'extends a service that is not there',
    yaml: `
      services:
        web:
          image: nginx
          extends: base
    `,
    expected: [
      {
        path: 'services.web.extends',
        at: '4:5',
        message: 'cannot extend service "web" in compose.yaml: service "base" not found',
      },
    ],
  },
  {
    name: 'scale and deploy.replicas disagree',
    yaml: `
      services:
        web:
          image: nginx
          scale: 2
          deploy:
            replicas: 3
    `,
    expected: [
      {
        path: 'services.web.scale',
        at: '4:5',
        message: "can't set distinct values on 'scale' and 'deploy.replicas': invalid compose project",
      },
    ],
  },
  {
    name: 'container_name with deploy.replicas above one',
    yaml: `
      services:
        web:
          image: nginx
          container_name: web
          deploy:
            replicas: 2
    `,
    expected: [
      {
        path: 'services.web.container_name',
        at: '4:5',
        message:
          "can't set container_name and deploy.replicas as container name must be unique: invalid compose project",
      },
    ],
  },
  {
    name: 'cpus, mem_limit, mem_reservation and pids_limit against deploy.resources',
    yaml: `
      services:
        web:
          image: nginx
          cpus: 0.5
          mem_limit: 512m
          mem_reservation: 128m
          pids_limit: 100
          deploy:
            resources:
              limits:
                cpus: "1.5"
                memory: 536870912
              reservations:
                memory: 64m
    `,
    expected: [
      {
        path: 'services.web.cpus',
        at: '4:5',
        message:
          "can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus': invalid compose project",
      },
      {
        path: 'services.web.mem_reservation',
        at: '6:5',
        message:
          "can't set distinct values on 'mem_reservation' and 'deploy.resources.reservations.memory': invalid compose project",
      },
      {
        path: 'services.web.pids_limit',
        at: '7:5',
        message:
          "can't set distinct values on 'pids_limit' and 'deploy.resources.limits.pids': invalid compose project",
      },
    ],
  },
  {
    name: 'a watch path that is blank',
    yaml: `
      services:
        web:
          image: nginx
          develop:
            watch:
              - path: ""
                action: rebuild
    `,
    expected: [{ path: 'services.web.develop.watch[0].path', at: '6:11', message: "value can't be blank" }],
  },
  {
    name: 'a device request with both count and device_ids',
    yaml: `
      services:
        web:
          image: nginx
          gpus:
            - count: 1
              device_ids: ["0"]
          deploy:
            resources:
              reservations:
                devices:
                  - capabilities: [gpu]
                    count: all
                    device_ids: ["1"]
    `,
    expected: [
      {
        path: 'services.web.gpus[0]',
        at: '5:9',
        message: '"count" and "device_ids" attributes are exclusive',
      },
      {
        path: 'services.web.deploy.resources.reservations.devices[0]',
        at: '11:15',
        message: '"count" and "device_ids" attributes are exclusive',
      },
    ],
  },
  {
    name: 'a short port whose host and container ranges differ in length',
    yaml: `
      services:
        web:
          image: nginx
          ports:
            - "80-82:8080-8081"
            - "8000-8010:80"
    `,
    expected: [
      {
        path: 'services.web.ports[0]',
        at: '5:9',
        message: 'Invalid ranges specified for container and host Ports: 8080-8081 and 80-82',
      },
    ],
  },
  {
    name: 'an external volume with creation attributes',
    yaml: `
      volumes:
        data:
          external: true
          name: shared-data
          driver: local
          labels: { team: web }
          x-note: kept
    `,
    expected: [
      {
        path: 'volumes.data.driver',
        at: '5:5',
        message: 'conflicting parameters "external" and "driver" specified',
      },
      {
        path: 'volumes.data.labels',
        at: '6:5',
        message: 'conflicting parameters "external" and "labels" specified',
      },
    ],
  },
  {
    name: 'a cycle through depends_on is spelled out',
    yaml: `
      services:
        a:
          image: alpine
          depends_on:
            b: { condition: service_started }
        b:
          image: alpine
          depends_on:
            a: { condition: service_started }
    `,
    expected: [
      { path: 'services.a.depends_on.b', at: '5:7', message: 'dependency cycle detected: a -> b -> a' },
    ],
  },
];

describe('the rest of loader/validate.go and validation/, and the reference checks', () => {
  it.each(moreCases)('$name', ({ yaml, options, expected }) => {
    expect(check(yaml, options)).toEqual(expected);
  });

  it('reports a link once, not again as the depends_on entry normalisation derives from it', () => {
    const project = load(`
      services:
        web:
          image: nginx
          links: [db]
    `);
    const web = (project.tree.services as Record<string, Record<string, unknown>>).web!;
    web.depends_on = { db: { condition: 'service_started', restart: true, required: true } };
    expect(report(checkConsistency(project))).toEqual([
      {
        path: 'services.web.links[0]',
        at: '4:13',
        message: 'service "web" depends on undefined service "db": invalid compose project',
      },
    ]);
  });
});

describe('every problem at once', () => {
  it('returns every problem of the project, in file order', () => {
    const problems = check(`
      services:
        web:
          image: nginx
          depends_on:
            api: { condition: service_started }
          networks: [front]
          secrets: [token]
        worker: {}
      volumes:
        data:
          external: true
          driver: local
    `);
    expect(problems.map(({ path, at }) => ({ path, at }))).toEqual([
      { path: 'services.web.depends_on.api', at: '5:7' },
      { path: 'services.web.networks.front', at: '6:5' },
      { path: 'services.web.secrets[0]', at: '7:15' },
      { path: 'services.worker', at: '8:3' },
      { path: 'volumes.data.driver', at: '12:5' },
    ]);
  });
});
