// Ports compose-go schema/schema_test.go (every case; TestValidateVariables with its
// using-variables.yaml inline), then one row per kind of schema mistake with the message a user
// reads, each asserted with its field path and line:column.
import { describe, expect, it } from 'vitest';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { load, report, type Reported } from './located-errors.js';
import { validateSchema } from '../../src/compose/validate-schema.js';

function validate(yaml: string): Reported[] {
  return report(validateSchema(load(yaml)));
}

describe('compose-go schema_test.go: valid documents', () => {
  it.each([
    {
      name: 'TestValidate',
      yaml: `
        services:
          foo:
            image: busybox
      `,
    },
    {
      name: 'TestValidateAllowsXTopLevelFields',
      yaml: `
        x-extra-stuff: {}
      `,
    },
    {
      name: 'TestValidateAllowsXFields',
      yaml: `
        services:
          bar:
            x-extra-stuff: {}
          foo:
            depends_on:
              x-dependency:
                condition: service_started
        volumes:
          bar:
            x-extra-stuff: {}
        networks:
          bar:
            x-extra-stuff: {}
        configs:
          bar:
            x-extra-stuff: {}
        secrets:
          bar:
            x-extra-stuff: {}
      `,
    },
    {
      name: 'TestValidateSecretConfigNames',
      yaml: `
        configs:
          bar:
            name: foobar
        secrets:
          baz:
            name: foobaz
      `,
    },
    {
      name: 'TestValidatePlacement',
      yaml: `
        services:
          foo:
            image: busybox
            deploy:
              placement:
                preferences:
                  - spread: node.labels.az
      `,
    },
    {
      name: 'TestValidateIsolation',
      yaml: `
        services:
          foo:
            image: busybox
            isolation: some-isolation-value
      `,
    },
    {
      name: 'TestValidateRollbackConfig',
      yaml: `
        services:
          foo:
            image: busybox
            deploy:
              rollback_config:
                parallelism: 1
      `,
    },
    {
      name: 'TestValidateRollbackConfigWithOrder',
      yaml: `
        services:
          foo:
            image: busybox
            deploy:
              rollback_config:
                parallelism: 1
                order: start-first
      `,
    },
    {
      name: 'TestValidateRollbackConfigWithUpdateConfig',
      yaml: `
        services:
          foo:
            image: busybox
            deploy:
              update_config:
                parallelism: 1
                order: start-first
              rollback_config:
                parallelism: 1
                order: start-first
      `,
    },
    {
      name: 'TestValidateRollbackConfigWithUpdateConfigFull',
      yaml: `
        services:
          foo:
            image: busybox
            deploy:
              update_config:
                parallelism: 1
                order: start-first
                delay: 10s
                failure_action: pause
                monitor: 10s
              rollback_config:
                parallelism: 1
                order: start-first
                delay: 10s
                failure_action: pause
                monitor: 10s
      `,
    },
    {
      // schema/using-variables.yaml: every field may hold an uninterpolated ${VARIABLE}.
      name: 'TestValidateVariables',
      yaml: `
        name: \${VARIABLE}
        services:
          foo:
            deploy:
              mode: \${VARIABLE}
              replicas: \${VARIABLE}
              rollback_config:
                parallelism: \${VARIABLE}
                delay: \${VARIABLE}
                failure_action: \${VARIABLE}
                monitor: \${VARIABLE}
                max_failure_ratio: \${VARIABLE}
              update_config:
                parallelism: \${VARIABLE}
                delay: \${VARIABLE}
                failure_action: \${VARIABLE}
                monitor: \${VARIABLE}
                max_failure_ratio: \${VARIABLE}
              resources:
                limits:
                  memory: \${VARIABLE}
                reservations:
                  memory: \${VARIABLE}
                  generic_resources:
                    - discrete_resource_spec:
                        kind: \${VARIABLE}
                        value: \${VARIABLE}
                    - discrete_resource_spec:
                        kind: \${VARIABLE}
                        value: \${VARIABLE}
              restart_policy:
                condition: \${VARIABLE}
                delay: \${VARIABLE}
                max_attempts: \${VARIABLE}
                window: \${VARIABLE}
              placement:
                max_replicas_per_node: \${VARIABLE}
                preferences:
                  - spread: \${VARIABLE}
              endpoint_mode: \${VARIABLE}
            expose:
              - \${VARIABLE}
            external_links:
              - \${VARIABLE}
            extra_hosts:
              - \${VARIABLE}
            hostname: \${VARIABLE}
            healthcheck:
              test: \${VARIABLE}
              interval: \${VARIABLE}
              timeout: \${VARIABLE}
              retries: \${VARIABLE}
              start_period: \${VARIABLE}
              start_interval: \${VARIABLE}
            image: \${VARIABLE}
            mac_address: \${VARIABLE}
            networks:
              some-network:
                aliases:
                  - \${VARIABLE}
              other-network:
                ipv4_address: \${VARIABLE}
                ipv6_address: \${VARIABLE}
                mac_address: \${VARIABLE}
            ports:
              - \${VARIABLE}
            privileged: \${VARIABLE}
            read_only: \${VARIABLE}
            restart: \${VARIABLE}
            secrets:
              - source: \${VARIABLE}
                target: \${VARIABLE}
                uid: \${VARIABLE}
                gid: \${VARIABLE}
                mode: \${VARIABLE}
            stdin_open: \${VARIABLE}
            stop_grace_period: \${VARIABLE}
            stop_signal: \${VARIABLE}
            storage_opt:
              size: \${VARIABLE}
            sysctls:
              net.core.somaxconn: \${VARIABLE}
            tmpfs:
              - \${VARIABLE}
            tty: \${VARIABLE}
            ulimits:
              nproc: \${VARIABLE}
              nofile:
                soft: \${VARIABLE}
                hard: \${VARIABLE}
            user: \${VARIABLE}
            volumes:
              - \${VARIABLE}:\${VARIABLE}
              - type: tmpfs
                target: \${VARIABLE}
                tmpfs:
                  size: \${VARIABLE}
        networks:
          network:
            ipam:
              driver: \${VARIABLE}
              config:
                - subnet: \${VARIABLE}
                  ip_range: \${VARIABLE}
                  gateway: \${VARIABLE}
                  aux_addresses:
                    host1: \${VARIABLE}
          external-network:
            external: \${VARIABLE}
        volumes:
          external-volume:
            external: \${VARIABLE}
        configs:
          config1:
            external: \${VARIABLE}
        secrets:
          secret1:
            external: \${VARIABLE}
      `,
    },
    {
      name: 'extension fields inside a service, a port and a volume mapping',
      yaml: `
        services:
          web:
            image: nginx
            x-notes: anything
            ports:
              - target: 80
                x-lb: round-robin
            volumes:
              - type: bind
                source: .
                target: /src
                x-sync: true
      `,
    },
    {
      name: 'pre_start hooks, newer than the compose-spec copy of the schema',
      yaml: `
        services:
          web:
            image: nginx
            pre_start:
              - command: ["migrate"]
                per_replica: true
            build:
              context: .
              no_cache_filter: [deps]
      `,
    },
  ])('$name', ({ yaml }) => {
    expect(validate(yaml)).toEqual([]);
  });

  it('TestValidateConcurrent: validating again gives the same answer (the validator is compiled once)', () => {
    const yaml = 'services:\n  web:\n    restart: 3\n';
    expect(validate(yaml)).toEqual(validate(yaml));
  });
});

describe('each kind of schema mistake, worded for compose users', () => {
  it.each<{ name: string; yaml: string; expected: Reported[] }>([
    {
      name: 'TestValidateUndefinedTopLevelOption: an unknown top-level key',
      yaml: `
        helicopters:
          foo:
            image: busybox
      `,
      expected: [{ path: '', at: '1:1', message: 'additional property "helicopters" is not allowed' }],
    },
    {
      name: 'a misspelt top-level key gets a suggestion',
      yaml: `
        service:
          web:
            image: nginx
      `,
      expected: [
        {
          path: '',
          at: '1:1',
          message: 'additional property "service" is not allowed',
          hint: 'did you mean "services"?',
        },
      ],
    },
    {
      name: 'a misspelt service key points at the key and suggests the right one',
      yaml: `
        services:
          web:
            imagee: nginx
      `,
      expected: [
        {
          path: 'services.web',
          at: '3:5',
          message: 'additional property "imagee" is not allowed',
          hint: 'did you mean "image"?',
        },
      ],
    },
    {
      name: 'an unknown key with nothing close gets no suggestion',
      yaml: `
        services:
          web:
            image: nginx
            flavour: vanilla
      `,
      expected: [
        { path: 'services.web', at: '4:5', message: 'additional property "flavour" is not allowed' },
      ],
    },
    {
      name: 'a wrong type',
      yaml: `
        services:
          web:
            image: nginx
            restart: 3
      `,
      expected: [{ path: 'services.web.restart', at: '4:5', message: 'must be a string' }],
    },
    {
      name: 'a wrong type where two are allowed',
      yaml: `
        services:
          web:
            image: nginx
            privileged: 3
      `,
      expected: [{ path: 'services.web.privileged', at: '4:5', message: 'must be a boolean or string' }],
    },
    {
      name: 'an integer field',
      yaml: `
        services:
          web:
            image: nginx
            scale: 1.5
      `,
      expected: [{ path: 'services.web.scale', at: '4:5', message: 'must be an integer or string' }],
    },
    {
      name: 'services must be a mapping',
      yaml: `
        services: [web]
      `,
      expected: [{ path: 'services', at: '1:1', message: 'must be a mapping' }],
    },
    {
      name: 'a list expected',
      yaml: `
        services:
          web:
            image: nginx
            networks:
              front:
                aliases: web.local
      `,
      expected: [{ path: 'services.web.networks.front.aliases', at: '6:9', message: 'must be a list' }],
    },
    {
      name: 'a port that is neither short syntax nor a mapping',
      yaml: `
        services:
          web:
            image: nginx
            ports: [true]
      `,
      expected: [
        {
          path: 'services.web.ports[0]',
          at: '4:13',
          message: 'expected a port such as "8080:80" or a mapping, got true',
        },
      ],
    },
    {
      name: 'a long-syntax port with an unknown key: the mapping alternative is the one reported',
      yaml: `
        services:
          web:
            image: nginx
            ports:
              - target: 80
                publish: 8080
      `,
      expected: [
        {
          path: 'services.web.ports[0]',
          at: '6:9',
          message: 'additional property "publish" is not allowed',
          hint: 'did you mean "published"?',
        },
      ],
    },
    {
      name: 'a volume that is neither short syntax nor a mapping',
      yaml: `
        services:
          web:
            image: nginx
            volumes:
              - 42
      `,
      expected: [
        {
          path: 'services.web.volumes[0]',
          at: '5:9',
          message: 'expected a volume such as "./data:/data" or a mapping, got 42',
        },
      ],
    },
    {
      name: 'a long-syntax volume with an unknown type',
      yaml: `
        services:
          web:
            image: nginx
            volumes:
              - type: nfs
                target: /data
      `,
      expected: [
        {
          path: 'services.web.volumes[0].type',
          at: '5:9',
          message: 'must be one of "bind", "volume", "tmpfs", "cluster", "npipe", "image", got "nfs"',
        },
      ],
    },
    {
      name: 'a long-syntax volume without its type',
      yaml: `
        services:
          web:
            image: nginx
            volumes:
              - target: /data
      `,
      expected: [{ path: 'services.web.volumes[0]', at: '5:9', message: 'missing required property "type"' }],
    },
    {
      name: 'the same volume twice',
      yaml: `
        services:
          web:
            image: nginx
            volumes:
              - ./data:/data
              - ./data:/data
      `,
      expected: [
        { path: 'services.web.volumes[1]', at: '6:9', message: 'duplicate entry, the same as volumes[0]' },
      ],
    },
    {
      name: 'the same string twice in a list of strings (ajv scans those from the end)',
      yaml: `
        services:
          web:
            image: nginx
            security_opt:
              - no-new-privileges:true
              - no-new-privileges:true
      `,
      expected: [
        {
          path: 'services.web.security_opt[1]',
          at: '6:9',
          message: 'duplicate entry, the same as security_opt[0]',
        },
      ],
    },
    {
      name: 'build as a number',
      yaml: `
        services:
          web:
            build: 3
      `,
      expected: [
        {
          path: 'services.web.build',
          at: '3:5',
          message: 'expected a build context path or a mapping, got 3',
        },
      ],
    },
    {
      name: 'an unknown build key',
      yaml: `
        services:
          web:
            build:
              context: .
              dockerfil: Dockerfile.dev
      `,
      expected: [
        {
          path: 'services.web.build',
          at: '5:7',
          message: 'additional property "dockerfil" is not allowed',
          hint: 'did you mean "dockerfile"?',
        },
      ],
    },
    {
      name: 'depends_on with an unknown condition',
      yaml: `
        services:
          web:
            image: nginx
            depends_on:
              db:
                condition: service_ready
      `,
      expected: [
        {
          path: 'services.web.depends_on.db.condition',
          at: '6:9',
          message:
            'must be one of "service_started", "service_healthy", "service_completed_successfully", got "service_ready"',
        },
      ],
    },
    {
      name: 'depends_on long syntax without a condition',
      yaml: `
        services:
          web:
            image: nginx
            depends_on:
              db:
                restart: true
      `,
      expected: [
        { path: 'services.web.depends_on.db', at: '5:7', message: 'missing required property "condition"' },
      ],
    },
    {
      name: 'depends_on as a string',
      yaml: `
        services:
          web:
            image: nginx
            depends_on: db
      `,
      expected: [
        {
          path: 'services.web.depends_on',
          at: '4:5',
          message: 'expected a list of service names or a mapping, got "db"',
        },
      ],
    },
    {
      name: 'an environment list with a number in it',
      yaml: `
        services:
          web:
            image: nginx
            environment:
              - 1
      `,
      expected: [{ path: 'services.web.environment[0]', at: '5:9', message: 'must be a string' }],
    },
    {
      name: 'an environment mapping with a list value',
      yaml: `
        services:
          web:
            image: nginx
            environment:
              PATHS: [a, b]
      `,
      expected: [
        {
          path: 'services.web.environment.PATHS',
          at: '5:7',
          message: 'must be a boolean, null, number or string',
        },
      ],
    },
    {
      name: 'environment as a string',
      yaml: `
        services:
          web:
            image: nginx
            environment: FOO=bar
      `,
      expected: [
        {
          path: 'services.web.environment',
          at: '4:5',
          message: 'expected a mapping or a list of "KEY=value" strings, got "FOO=bar"',
        },
      ],
    },
    {
      name: 'command as a mapping',
      yaml: `
        services:
          web:
            image: nginx
            command:
              run: server
      `,
      expected: [
        {
          path: 'services.web.command',
          at: '4:5',
          message: 'expected a string, a list of strings or null, got a mapping',
        },
      ],
    },
    {
      name: 'extra_hosts with a number for a host',
      yaml: `
        services:
          web:
            image: nginx
            extra_hosts:
              db: 5
      `,
      expected: [
        { path: 'services.web.extra_hosts.db', at: '5:7', message: 'expected a string or a list, got 5' },
      ],
    },
    {
      name: 'a value below the minimum (an alternative of a oneOf)',
      yaml: `
        services:
          web:
            image: nginx
            cpu_count: -1
      `,
      expected: [
        { path: 'services.web.cpu_count', at: '4:5', message: 'must be greater than or equal to 0' },
      ],
    },
    {
      name: 'a value above the maximum',
      yaml: `
        services:
          web:
            image: nginx
            oom_score_adj: 2000
      `,
      expected: [
        { path: 'services.web.oom_score_adj', at: '4:5', message: 'must be less than or equal to 1000' },
      ],
    },
    {
      name: 'a container name that fails the pattern',
      yaml: `
        services:
          web:
            image: nginx
            container_name: "-"
      `,
      expected: [
        {
          path: 'services.web.container_name',
          at: '4:5',
          message: 'invalid container name "-": use a letter or digit, then letters, digits, "_", "." or "-"',
        },
      ],
    },
    {
      name: 'an unknown pull policy',
      yaml: `
        services:
          web:
            image: nginx
            pull_policy: sometimes
      `,
      expected: [
        {
          path: 'services.web.pull_policy',
          at: '4:5',
          message:
            'must be always, never, build, missing, refresh, daily, weekly or every_<duration>, got "sometimes"',
        },
      ],
    },
    {
      name: 'a service name with a space',
      yaml: `
        services:
          my web:
            image: nginx
      `,
      expected: [
        {
          path: 'services.my web',
          at: '2:3',
          message: 'invalid service name "my web": only letters, digits, ".", "_" and "-" are allowed',
        },
      ],
    },
    {
      name: 'a volume name with a slash',
      yaml: `
        volumes:
          data/db: {}
      `,
      expected: [
        {
          path: 'volumes.data/db',
          at: '2:3',
          message: 'invalid volume name "data/db": only letters, digits, ".", "_" and "-" are allowed',
        },
      ],
    },
    {
      name: 'ulimits with soft but not hard',
      yaml: `
        services:
          web:
            image: nginx
            ulimits:
              nofile:
                soft: 1024
      `,
      expected: [
        { path: 'services.web.ulimits.nofile', at: '5:7', message: 'missing required property "hard"' },
      ],
    },
    {
      name: 'extends without a service',
      yaml: `
        services:
          web:
            extends:
              file: base.yaml
      `,
      expected: [{ path: 'services.web.extends', at: '3:5', message: 'missing required property "service"' }],
    },
    {
      name: 'gpus as a word other than all',
      yaml: `
        services:
          web:
            image: nginx
            gpus: some
      `,
      expected: [{ path: 'services.web.gpus', at: '4:5', message: 'must be one of "all", got "some"' }],
    },
    {
      name: 'a watch action that does not exist',
      yaml: `
        services:
          web:
            image: nginx
            develop:
              watch:
                - path: ./src
                  action: reload
      `,
      expected: [
        {
          path: 'services.web.develop.watch[0].action',
          at: '7:11',
          message: 'must be one of "rebuild", "sync", "restart", "sync+restart", "sync+exec", got "reload"',
        },
      ],
    },
    {
      name: 'an include entry that is a number',
      yaml: `
        include:
          - 3
      `,
      expected: [{ path: 'include[0]', at: '2:5', message: 'expected a path or a mapping, got 3' }],
    },
    {
      name: 'a secret with a misspelt key',
      yaml: `
        secrets:
          token:
            flie: ./token.txt
      `,
      expected: [
        {
          path: 'secrets.token',
          at: '3:5',
          message: 'additional property "flie" is not allowed',
          hint: 'did you mean "file"?',
        },
      ],
    },
    {
      name: 'a long string value is cut short in the message',
      yaml: `
        services:
          web:
            image: nginx
            depends_on: "a very long service name that nobody would ever type in full"
      `,
      expected: [
        {
          path: 'services.web.depends_on',
          at: '4:5',
          message:
            'expected a list of service names or a mapping, got "a very long service name that nobody ..."',
        },
      ],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(validate(yaml)).toEqual(expected);
  });
});

describe('every problem at once', () => {
  it('returns all the problems of a file, in file order', () => {
    const problems = validate(`
      services:
        web:
          image: nginx
          ports: [true]
          restart: 3
        db:
          imagee: postgres
          environment: 3
      volumes:
        data:
          driver: [local]
    `);
    expect(problems.map(({ path, at }) => ({ path, at }))).toEqual([
      { path: 'services.web.ports[0]', at: '4:13' },
      { path: 'services.web.restart', at: '5:5' },
      { path: 'services.db', at: '7:5' },
      { path: 'services.db.environment', at: '8:5' },
      { path: 'volumes.data.driver', at: '11:5' },
    ]);
  });

  it('points an error inside an anchored value at the anchor, where the value is written', () => {
    const problems = validate(`
      x-port: &port
        - true
      services:
        web:
          image: nginx
          ports: *port
    `);
    expect(problems).toEqual([
      {
        path: 'services.web.ports[0]',
        at: '2:5',
        message: 'expected a port such as "8080:80" or a mapping, got true',
      },
    ]);
  });

  it('points an error after a merge at the file that set the value', () => {
    const [base] = parseComposeYaml('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    const [override] = parseComposeYaml('compose.override.yaml', 'services:\n  web:\n    restart: 3\n');
    // What the merge stage hands over: values and their source nodes side by side.
    const tree = { services: { web: { image: 'nginx', restart: 3 } } };
    const source = base!.source;
    const web = source.children!.get('services')!.children!.get('web')!;
    web.children!.set(
      'restart',
      override!.source.children!.get('services')!.children!.get('web')!.children!.get('restart')!,
    );
    const [error] = validateSchema({ tree, source });
    expect({ file: error?.file, line: error?.line, column: error?.column }).toEqual({
      file: 'compose.override.yaml',
      line: 3,
      column: 5,
    });
  });
});
