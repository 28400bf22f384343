/**
 * The listings of `tscompose config` (--services, --volumes, --networks, --images, --profiles,
 * --models, --environment, --hash, --variables), run as the built binary against docker compose's
 * behaviour: cmd/compose/config.go (runServices, runHash, runVariables…) and the expected outputs
 * of pkg/e2e/config_test.go, whose projects are ported to fixtures/cli/.
 *
 * Where docker compose prints in no set order (Go map iteration: --volumes, --networks, --images),
 * the cases compare sorted lines.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { runCli } from './run-cli.js';
import { fixture, makeProject } from './temp-project.js';

const flags = fixture('config-flags');
const inFlags = { cwd: flags };

const sortedLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .sort();

describe.concurrent('listings', () => {
  it.for([
    { name: '--services: enabled services', args: ['config', '--services'], expected: ['db', 'web'] },
    {
      name: '--services with --profile',
      args: ['--profile', 'jobs', 'config', '--services'],
      expected: ['db', 'web', 'worker'],
    },
    { name: '--volumes: volumes in use', args: ['config', '--volumes'], expected: ['data', 'dbdata'] },
    {
      name: '--volumes with --all-resources',
      args: ['--all-resources', 'config', '--volumes'],
      expected: ['data', 'dbdata', 'unused'],
    },
    { name: '--networks: networks in use', args: ['config', '--networks'], expected: ['back', 'front'] },
    { name: '--images', args: ['config', '--images'], expected: ['nginx:1.25', 'postgres:16'] },
    {
      name: '--images names a built image <project>-<service>',
      args: ['--profile', 'jobs', 'config', '--images'],
      expected: ['config-flags-worker', 'nginx:1.25', 'postgres:16'],
    },
    {
      name: '--profiles: every profile of every service, enabled or not',
      args: ['config', '--profiles'],
      expected: ['debug', 'jobs', 'tools'],
    },
  ])('$name', async ({ args, expected }, test) => {
    const result = await runCli(args, inFlags);
    test.expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    test.expect(sortedLines(result.stdout)).toEqual(expected);
    test.expect(result.stdout.endsWith('\n')).toBe(true);
  });

  it('--profiles is sorted', async (test) => {
    test.expect((await runCli(['config', '--profiles'], inFlags)).stdout).toBe('debug\njobs\ntools\n');
  });

  it.for([
    {
      name: '--services lists the incomplete service',
      args: ['config', '--no-consistency', '--services'],
      expected: 'incomplete\n',
    },
    {
      name: '--volumes lists the declared volume',
      args: ['config', '--no-consistency', '--volumes'],
      expected: 'data\n',
    },
    {
      name: '--networks lists the declared network',
      args: ['config', '--no-consistency', '--networks'],
      expected: 'internal\n',
    },
    {
      name: '--models lists the declared model',
      args: ['config', '--no-consistency', '--models'],
      expected: 'ai/example\n',
    },
    {
      name: '--profile exposes the gated service',
      args: ['--profile', 'extra', 'config', '--no-consistency', '--services'],
      expected: 'gated\nincomplete\n',
    },
  ])(
    '--no-consistency: $name (docker e2e TestLocalComposeConfigNoConsistency)',
    async ({ args, expected }, test) => {
      const result = await runCli(args, { cwd: fixture('no-consistency') });
      test.expect(result).toMatchObject({ exitCode: 0, stdout: expected });
    },
  );

  it('--no-consistency: --hash still hashes the incomplete service', async (test) => {
    const result = await runCli(['config', '--no-consistency', '--hash', '*'], {
      cwd: fixture('no-consistency'),
    });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toMatch(/^incomplete [0-9a-f]{64}\n$/);
  });

  it('without --no-consistency the same project is refused', async (test) => {
    const result = await runCli(['config'], { cwd: fixture('no-consistency') });
    test.expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    test
      .expect(result.stderr)
      .toContain(
        'service "incomplete" has neither an image nor a build context specified: invalid compose project',
      );
  });

  it('--environment prints the interpolation environment, sorted', async (test) => {
    const root = makeProject(test, {
      'compose.yaml': 'services:\n  s:\n    image: s\n',
      '.env': 'FROM_DOTENV=1\n',
    });
    const result = await runCli(['config', '--environment'], { cwd: root, env: { ZED: 'z', ALPHA: 'a' } });
    const expected = [
      'ALPHA=a',
      'COMPOSE_PROJECT_NAME=app',
      'FROM_DOTENV=1',
      `HOME=${process.env.HOME ?? '/'}`,
      `PATH=${join(process.execPath, '..')}:/usr/bin:/bin`,
      `PWD=${root}`,
      'ZED=z',
    ];
    test.expect(result).toEqual({ exitCode: 0, stderr: '', stdout: expected.map((l) => `${l}\n`).join('') });
  });

  // Regression test (was a bug): run-config.ts (renderListing, --environment) sorts by name; docker compose sorts
  // the `NAME=value` strings (types.Mapping.Values), so `A1=…` comes before `A=…`.
  it('--environment sorts KEY=value lines as docker compose does', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  s:\n    image: s\n' });
    const result = await runCli(['config', '--environment'], { cwd: root, env: { A: 'x', A1: 'y' } });
    test.expect(result.stdout.indexOf('A1=y\n')).toBeLessThan(result.stdout.indexOf('A=x\n'));
  });

  // Regression test (was a bug): run-config.ts (renderListing) sorts service names; docker compose walks them with
  // Project.ForEachService, which visits a service's dependencies before the service.
  it('--services lists dependencies before their dependents', async (test) => {
    const root = makeProject(test, {
      'compose.yaml': 'services:\n  api:\n    image: api\n    depends_on: [zdb]\n  zdb:\n    image: db\n',
    });
    test.expect((await runCli(['config', '--services'], { cwd: root })).stdout).toBe('zdb\napi\n');
  });

  // Regression test (was a bug): run-config.ts passes the service arguments to the loader for every listing;
  // docker compose's runServices, runVolumes, runNetworks and runHash ignore them.
  it('--services ignores service arguments', async (test) => {
    const result = await runCli(['config', '--services', 'worker'], inFlags);
    test.expect(result).toMatchObject({ exitCode: 0, stdout: 'db\nweb\n' });
  });
});

describe.concurrent('--hash', () => {
  it('prints "<service> <sha256>" for one service', async (test) => {
    const result = await runCli(['config', '--hash', 'web'], inFlags);
    test.expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    test.expect(result.stdout).toMatch(/^web [0-9a-f]{64}\n$/);
  });

  it('takes a comma-separated list, or * for every enabled service, sorted by name', async (test) => {
    const [one, list, all] = await Promise.all([
      runCli(['config', '--hash', 'web'], inFlags),
      runCli(['config', '--hash', 'web,db'], inFlags),
      runCli(['config', '--hash', '*'], inFlags),
    ]);
    test.expect(list.stdout).toMatch(/^db [0-9a-f]{64}\nweb [0-9a-f]{64}\n$/);
    test.expect(all.stdout).toBe(list.stdout);
    test.expect(list.stdout).toContain(one.stdout);
  });

  it('changes when the service changes, not when another one does', async (test) => {
    const base = 'services:\n  a:\n    image: a\n  b:\n    image: b\n';
    const [before, otherChanged, ownChanged] = await Promise.all(
      [base, base.replace('image: b', 'image: b2'), base.replace('image: a', 'image: a2')].map((compose) =>
        runCli(['config', '--hash', 'a'], { cwd: makeProject(test, { 'compose.yaml': compose }) }),
      ),
    );
    test.expect(otherChanged?.stdout).toBe(before?.stdout);
    test.expect(ownChanged?.stdout).not.toBe(before?.stdout);
  });

  it('names an unknown service', async (test) => {
    const result = await runCli(['config', '--hash', 'nope'], inFlags);
    test.expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'no such service: nope\n' });
  });
});

describe.concurrent('--variables', () => {
  // The blank line at the end is docker compose's: formatter.Print encodes the map with a trailing
  // newline, then prints it with Fprintln.
  it('--format json prints each variable with its default (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--variables', '--format', 'json'], inFlags);
    test.expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    test.expect(result.stdout).toBe(`{
    "GREETING": {
        "Name": "GREETING",
        "DefaultValue": "hello",
        "PresenceValue": "",
        "Required": false
    },
    "TAG": {
        "Name": "TAG",
        "DefaultValue": "1.25",
        "PresenceValue": "",
        "Required": false
    }
}

`);
  });

  it('reads required and alternate values', async (test) => {
    const root = makeProject(test, {
      'compose.yaml':
        'services:\n  s:\n    image: ${IMG:?need an image}\n    command: echo ${OPT:+alt} $PLAIN\n',
    });
    const result = await runCli(['config', '--variables', '--format', 'json'], { cwd: root });
    test.expect(JSON.parse(result.stdout)).toEqual({
      IMG: { Name: 'IMG', DefaultValue: '', PresenceValue: '', Required: true },
      OPT: { Name: 'OPT', DefaultValue: '', PresenceValue: 'alt', Required: false },
      PLAIN: { Name: 'PLAIN', DefaultValue: '', PresenceValue: '', Required: false },
    });
  });

  it('warns that service arguments are ignored (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--variables', 'web'], inFlags);
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stderr).toContain('service filtering is not applied when --variables is set');
    test.expect(result.stdout).toContain('GREETING');
  });

  // docker compose uses yaml.Marshal, which indents by four.
  it('--format yaml indents as docker compose does (docker e2e TestLocalComposeConfig)', async (test) => {
    const root = makeProject(test, {
      'compose.yaml': 'services:\n  test:\n    image: test:${PORT:-8080}\n',
    });
    const result = await runCli(['config', '--variables', '--format', 'yaml'], { cwd: root });
    test.expect(result.stdout).toContain(`PORT:
    name: PORT
    defaultvalue: "8080"
    presencevalue: ""
    required: false`);
  });

  // docker compose's PrintPrettySection uses tabwriter.NewWriter(out, 20, 1, 3, ' ', 0): columns
  // at least 20 wide, and the padding of the last tab-terminated cell is kept.
  it('the table pads columns as docker compose’s tabwriter does', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  test:\n    image: test:${PORT:-8080}\n' });
    const result = await runCli(['config', '--variables'], { cwd: root });
    test
      .expect(result.stdout)
      .toBe(
        'NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE\n' +
          'PORT                false               8080                \n',
      );
  });

  it('reads the variables of a port (docker e2e TestLocalComposeConfig)', async (test) => {
    const result = await runCli(['config', '--variables', '--format', 'json'], {
      cwd: fixture('local-config'),
    });
    test.expect(result.stdout).toContain(`{
    "PORT": {
        "Name": "PORT",
        "DefaultValue": "8080",
        "PresenceValue": "",
        "Required": false
    }
}`);
  });
});
