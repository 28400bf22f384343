/**
 * `tscompose config` rendering the model, run as the built binary and compared with what
 * `docker compose config` prints: cmd/compose/config.go for the behaviour, and the expected
 * outputs of pkg/e2e/compose_test.go (TestConfig, TestConfigInterpolate) and
 * pkg/e2e/config_test.go, whose projects are ported to fixtures/cli/. The listings (--services,
 * --hash, --variables…) are in config-listings.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, type CliResult } from './run-cli.js';
import { fixture, makeProject } from './temp-project.js';

const flags = fixture('config-flags');
const inFlags = { cwd: flags };

function json(
  result: CliResult,
): Record<string, unknown> & { services: Record<string, Record<string, unknown>> } {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ReturnType<typeof json>;
}

describe.concurrent('rendering the model', () => {
  it('prints the canonical model with the build context made absolute (docker e2e TestConfig)', async (test) => {
    const dir = fixture('build-context');
    const result = await runCli(['config'], { cwd: dir });
    test.expect(result).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: `name: build-context
services:
  nginx:
    build:
      context: ${join(dir, 'nginx-build')}
      dockerfile: Dockerfile
    networks:
      default: null
networks:
  default:
    name: build-context_default
`,
    });
  });

  it('--no-interpolate keeps ${VAR} and sorts keys (docker e2e TestConfigInterpolate)', async (test) => {
    const dir = fixture('build-context-variable');
    const result = await runCli(['config', '--no-interpolate'], { cwd: dir });
    test.expect(result).toMatchObject({
      exitCode: 0,
      stdout: `name: build-context-variable
networks:
  default:
    name: build-context-variable_default
services:
  nginx:
    build:
      context: ${join(dir, 'nginx-build')}
      dockerfile: \${MYVAR}
    networks:
      default: null
`,
    });
  });

  it('expands the port shorthand in YAML (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config'], { cwd: fixture('local-config') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain(`
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp`);
  });

  it('expands the port shorthand in JSON (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--format', 'json'], { cwd: fixture('local-config') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('"published": "8080"');
  });

  it('--format yaml is the default', async (test) => {
    const [plain, yaml] = await Promise.all([
      runCli(['config'], inFlags),
      runCli(['config', '--format', 'yaml'], inFlags),
    ]);
    test.expect(yaml).toEqual(plain);
  });

  it('--format json prints the same services as the YAML', async (test) => {
    const [yaml, asJson] = await Promise.all([
      runCli(['config'], inFlags),
      runCli(['config', '--format', 'json'], inFlags),
    ]);
    const fromYaml = parse(yaml.stdout) as ReturnType<typeof json>;
    const fromJson = json(asJson);
    // compose-go's JSON tags lack omitempty on a few fields (a service's command and entrypoint,
    // a network's ipam), so JSON prints them empty where YAML leaves them out.
    for (const service of Object.values(fromJson.services)) {
      test.expect(service).toMatchObject({ command: null, entrypoint: null });
      delete service.command;
      delete service.entrypoint;
    }
    test.expect(fromJson.name).toBe(fromYaml.name);
    test.expect(fromJson.services).toEqual(fromYaml.services);
  });

  it('doubles every $ of the interpolated output, in YAML and JSON, so it loads back unchanged', async (test) => {
    const env = { GREETING: 'a$b' };
    const [yaml, asJson] = await Promise.all([
      runCli(['config'], { ...inFlags, env }),
      runCli(['config', '--format', 'json'], { ...inFlags, env }),
    ]);
    test.expect(yaml.stdout).toContain('PRICE: $$5\n');
    test.expect(yaml.stdout).toContain('GREETING: a$$b\n');
    test.expect(json(asJson).services.web?.environment).toEqual({ PRICE: '$$5', GREETING: 'a$$b' });
  });

  it('--no-interpolate leaves $ and ${VAR} as written', async (test) => {
    const result = await runCli(['config', '--no-interpolate'], inFlags);
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('image: nginx:${TAG:-1.25}\n');
    test.expect(result.stdout).toContain('GREETING: ${GREETING:-hello}\n');
    test.expect(result.stdout).toContain('PRICE: $$5\n');
  });

  // compose-go's transform.Canonical leaves a value it cannot parse as written when interpolation
  // is off, so a port holding a variable survives.
  it('--no-interpolate keeps a port with a variable (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--no-interpolate'], { cwd: fixture('local-config') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('- ${PORT:-8080}:80');
  });

  it('--no-interpolate warns that service arguments are ignored (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--no-interpolate', 'test'], { cwd: fixture('local-config') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stderr).toContain('service filtering is not applied when --no-interpolate is set');
    test.expect(result.stdout).toContain('- ${PORT:-8080}:80');
  });

  it('--no-interpolate warns that service arguments are ignored, and renders every service', async (test) => {
    const result = await runCli(['config', '--no-interpolate', 'db'], inFlags);
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stderr).toContain('service filtering is not applied when --no-interpolate is set');
    test
      .expect(Object.keys((parse(result.stdout) as { services: object }).services).sort())
      .toEqual(['db', 'debug', 'web', 'worker']);
  });

  it('--no-normalize adds no default network and names no resource', async (test) => {
    const model = parse((await runCli(['config', '--no-normalize'], inFlags)).stdout) as {
      networks: Record<string, { name?: string } | null>;
      volumes: Record<string, { name?: string } | null>;
    };
    test.expect(Object.keys(model.networks).sort()).toEqual(['back', 'front']);
    test.expect(model.networks.back?.name).toBeUndefined();
    test.expect(model.volumes.data?.name).toBeUndefined();
  });

  // compose-go sets the default `dockerfile: Dockerfile` in loader/normalize.go.
  it('--no-normalize sets no default Dockerfile', async (test) => {
    const result = json(await runCli(['config', '--no-normalize', '--format', 'json'], inFlags));
    test.expect(result.services.web?.build).toEqual({ context: join(flags, 'web') });
  });

  // compose-go's top-level networks and volumes are maps of structs, so an entry declared empty
  // prints as `{}`, not null.
  it('--no-normalize prints an empty network as {}', async (test) => {
    const result = await runCli(['config', '--no-normalize'], inFlags);
    test.expect(result.stdout).toContain('networks:\n  back: {}\n  front: {}\n');
  });

  it('--no-path-resolution keeps relative paths as written', async (test) => {
    const web = json(await runCli(['config', '--no-path-resolution', '--format', 'json'], inFlags)).services
      .web;
    test.expect(web).toMatchObject({
      build: { context: './web' },
      volumes: [{ source: 'data' }, { type: 'bind', source: './html' }],
    });
  });

  it('--no-env-resolution keeps env_file instead of merging it into environment', async (test) => {
    const project = {
      'compose.yaml':
        'services:\n  s:\n    image: s\n    env_file: [api.env]\n    environment:\n      B: "2"\n',
      'api.env': 'A=1\n',
    };
    const root = makeProject(test, project);
    const [resolved, kept] = await Promise.all([
      runCli(['config', '--format', 'json'], { cwd: root }),
      runCli(['config', '--no-env-resolution', '--format', 'json'], { cwd: root }),
    ]);
    test.expect(json(resolved).services.s?.environment).toEqual({ A: '1', B: '2' });
    test.expect(json(resolved).services.s?.env_file).toBeUndefined();
    test.expect(json(kept).services.s).toMatchObject({
      environment: { B: '2' },
      env_file: [{ path: join(root, 'api.env') }],
    });
  });
});

describe.concurrent('service arguments', () => {
  it('render the named services and their dependencies', async (test) => {
    const result = json(await runCli(['config', '--format', 'json', 'web'], inFlags));
    test.expect(Object.keys(result.services).sort()).toEqual(['db', 'web']);
  });

  it('enable a named service whose profile is off', async (test) => {
    const result = json(await runCli(['config', '--format', 'json', 'worker'], inFlags));
    test.expect(Object.keys(result.services).sort()).toEqual(['db', 'worker']);
  });

  it('name an unknown service', async (test) => {
    const result = await runCli(['config', 'nope'], inFlags);
    test.expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'no such service: nope\n' });
  });
});

describe.concurrent('-q and -o', () => {
  it('-q prints nothing and exits 0 on a valid project', async (test) => {
    test.expect(await runCli(['config', '-q'], inFlags)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('--quiet exits 1 on an invalid project, with the error on stderr only', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  s:\n    image: 42\n' });
    const result = await runCli(['config', '--quiet'], { cwd: root });
    test.expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    test.expect(result.stderr).toContain('services.s.image');
  });

  it.for([
    { name: '-o writes the YAML to a file relative to the working directory', args: ['-o', 'out.yaml'] },
    { name: '--output with --format json', args: ['--output', 'out.json', '--format', 'json'] },
  ])('$name', async ({ args }, test) => {
    const root = makeProject(test, { 'proj/compose.yaml': 'services:\n  s:\n    image: s\n' });
    const format = args.includes('json') ? ['--format', 'json'] : [];
    const [written, printed] = await Promise.all([
      runCli(['-f', 'proj/compose.yaml', 'config', ...args], { cwd: root }),
      runCli(['-f', 'proj/compose.yaml', 'config', ...format], { cwd: root }),
    ]);
    test.expect(written).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    test.expect(readFileSync(join(root, args[1] ?? ''), 'utf8')).toBe(printed.stdout);
  });

  // Regression test (was a bug): run-config.ts writes a listing to the -o file; docker compose's listings
  // (runServices, runVolumes…) always print to stdout and -o only applies to the model.
  it('-o does not capture a listing', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  s:\n    image: s\n' });
    const result = await runCli(['config', '--services', '-o', 'out.txt'], { cwd: root });
    test.expect(result).toMatchObject({ exitCode: 0, stdout: 's\n' });
  });
});
