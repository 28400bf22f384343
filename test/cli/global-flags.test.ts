/**
 * Docker Compose's global flags and the COMPOSE_* variables that stand in for them, as a user
 * meets them: the built binary run in a real directory, checked against what docker compose does
 * (cmd/compose/compose.go, docs/reference/compose.md, and the e2e tests named on each case).
 *
 * Each case asks `config --format json` (or a listing) and checks only what the flag changes.
 * Flags that change nothing `config` prints (--ansi, --progress, --dry-run…) only have to be
 * accepted; those cases call main() in this process with `config -q`, which prints nothing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runMain, type CliResult } from './run-cli.js';
import { fixture, makeProject } from './temp-project.js';

interface Model {
  name: string;
  services: Record<string, Record<string, unknown> & { build?: { context?: string } }>;
}

function model(result: CliResult): Model {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Model;
}

type Env = Record<string, string>;

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe.concurrent('-f / --file', () => {
  const files = {
    'base.yaml': 'services:\n  a:\n    image: a\n    build: ./ctx\n',
    'other/over.yaml': 'services:\n  a:\n    image: a2\n  b:\n    image: b\n',
  };

  it.for([
    {
      name: 'later files override earlier ones; paths start at the first file',
      args: ['-f', 'base.yaml', '-f', 'other/over.yaml'],
      expected: { name: 'app', image: 'a2', context: 'ctx' },
    },
    {
      name: 'the order of -f decides which file wins and where the project lives',
      args: ['-f', 'other/over.yaml', '-f', 'base.yaml'],
      expected: { name: 'other', image: 'a', context: 'other/ctx' },
    },
  ])('$name', async ({ args, expected }, test) => {
    const root = makeProject(test, files);
    const result = model(await runCli([...args, 'config', '--format', 'json'], { cwd: root }));
    test.expect(result.name).toBe(expected.name);
    test.expect(result.services.a?.image).toBe(expected.image);
    test.expect(result.services.a?.build?.context).toBe(join(root, expected.context));
    test.expect(Object.keys(result.services).sort()).toEqual(['a', 'b']);
  });

  it('-f - reads standard input, with paths relative to the working directory', async (test) => {
    const root = makeProject(test, { 'unrelated.txt': '' });
    const stdin = 'services:\n  s:\n    image: s\n    build: ./ctx\n';
    const result = model(await runCli(['-f', '-', 'config', '--format', 'json'], { cwd: root, stdin }));
    test.expect(result.name).toBe('app');
    test.expect(result.services.s?.build?.context).toBe(join(root, 'ctx'));
  });

  it('-f - merges with named files in command-line order', async (test) => {
    const root = makeProject(test, files);
    const stdin = 'services:\n  a:\n    image: from-stdin\n  c:\n    image: c\n';
    const result = model(
      await runCli(['-f', 'base.yaml', '-f', '-', 'config', '--format', 'json'], { cwd: root, stdin }),
    );
    test.expect(result.services.a?.image).toBe('from-stdin');
    test.expect(Object.keys(result.services).sort()).toEqual(['a', 'c']);
  });

  it.for<{ name: string; env: Env }>([
    {
      name: 'COMPOSE_FILE names the files, split on ":"',
      env: { COMPOSE_FILE: 'base.yaml:other/over.yaml' },
    },
    {
      name: 'COMPOSE_PATH_SEPARATOR changes the separator',
      env: { COMPOSE_FILE: 'base.yaml,other/over.yaml', COMPOSE_PATH_SEPARATOR: ',' },
    },
  ])('$name', async ({ env }, test) => {
    const root = makeProject(test, files);
    const result = await runCli(['config', '--services'], { cwd: root, env });
    test.expect(result).toMatchObject({ exitCode: 0, stdout: 'a\nb\n' });
  });

  it('-f wins over COMPOSE_FILE', async (test) => {
    const root = makeProject(test, files);
    const result = await runCli(['-f', 'base.yaml', 'config', '--services'], {
      cwd: root,
      env: { COMPOSE_FILE: 'other/over.yaml' },
    });
    test.expect(result).toMatchObject({ exitCode: 0, stdout: 'a\n' });
  });
});

describe.concurrent('project name: -p, COMPOSE_PROJECT_NAME, name:, directory', () => {
  const unnamed = 'services:\n  s:\n    image: s\n';
  const named = `name: from-file\n${unnamed}`;
  const dotenv = 'COMPOSE_PROJECT_NAME=from-dotenv\n';
  it.for<{ name: string; files: Env; env?: Env; args?: string[]; expected: string }>([
    { name: 'the directory name by default', files: { 'compose.yaml': unnamed }, expected: 'app' },
    {
      name: 'name: in the file beats the directory',
      files: { 'compose.yaml': named },
      expected: 'from-file',
    },
    {
      name: 'COMPOSE_PROJECT_NAME beats name:',
      files: { 'compose.yaml': named },
      env: { COMPOSE_PROJECT_NAME: 'from-env' },
      expected: 'from-env',
    },
    {
      name: 'COMPOSE_PROJECT_NAME in .env beats name:',
      files: { 'compose.yaml': named, '.env': dotenv },
      expected: 'from-dotenv',
    },
    {
      name: 'the process environment beats .env',
      files: { 'compose.yaml': named, '.env': dotenv },
      env: { COMPOSE_PROJECT_NAME: 'from-env' },
      expected: 'from-env',
    },
    {
      name: '-p beats everything',
      files: { 'compose.yaml': named, '.env': dotenv },
      env: { COMPOSE_PROJECT_NAME: 'from-env' },
      args: ['-p', 'from-flag'],
      expected: 'from-flag',
    },
    {
      name: '--project-name=value works as well',
      files: { 'compose.yaml': named },
      args: ['--project-name=from-flag'],
      expected: 'from-flag',
    },
  ])('$name', async ({ files, env, args, expected }, test) => {
    const root = makeProject(test, files);
    const result = model(await runCli([...(args ?? []), 'config', '--format', 'json'], { cwd: root, env }));
    test.expect(result.name).toBe(expected);
  });

  it('an invalid -p is refused with docker compose’s message', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  s:\n    image: s\n' });
    const result = await runCli(['-p', 'Bad_Name', 'config'], { cwd: root });
    test.expect(result.exitCode).toBe(1);
    test
      .expect(result.stderr)
      .toContain(
        'invalid project name "Bad_Name": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
      );
  });
});

describe.concurrent('--project-directory', () => {
  it('reads .env and finds compose files there (docker e2e TestComposeFileSetByProjectDirectory)', async (test) => {
    const result = await runCli(['--project-directory', 'dotenv/development', 'config'], {
      cwd: fixture('.'),
    });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('image: backend:latest');
    test.expect(result.stdout).not.toContain('enabled:profile');
  });

  it('is where relative paths start, even when -f names a file elsewhere', async (test) => {
    const root = makeProject(test, {
      'files/compose.yaml': 'services:\n  s:\n    image: s\n    build: ./ctx\n',
      'proj/.env': 'TAG=from-project-directory\n',
    });
    const result = model(
      await runCli(
        ['--project-directory', 'proj', '-f', 'files/compose.yaml', 'config', '--format', 'json'],
        {
          cwd: root,
        },
      ),
    );
    test.expect(result.name).toBe('proj');
    test.expect(result.services.s?.build?.context).toBe(join(root, 'proj', 'ctx'));
  });
});

describe.concurrent('--env-file', () => {
  const project = {
    'proj/compose.yaml': 'services:\n  s:\n    image: ${X:-none}:${Y:-none}\n    command: echo ${Z:-unset}\n',
    'proj/.env': 'Z=from-dotenv\n',
    'envs/one.env': 'X=one\nY=one\n',
    'envs/two.env': 'Y=two\n',
  };

  it('is repeatable, later files win, and paths start at the working directory', async (test) => {
    const root = makeProject(test, project);
    const args = ['-f', 'proj/compose.yaml', '--env-file', 'envs/one.env', '--env-file', 'envs/two.env'];
    const result = model(await runCli([...args, 'config', '--format', 'json'], { cwd: root }));
    test.expect(result.services.s?.image).toBe('one:two');
  });

  it('COMPOSE_ENV_FILES stands in for it, comma-separated', async (test) => {
    const root = makeProject(test, project);
    const result = model(
      await runCli(['-f', 'proj/compose.yaml', 'config', '--format', 'json'], {
        cwd: root,
        env: { COMPOSE_ENV_FILES: 'envs/one.env,envs/two.env' },
      }),
    );
    test.expect(result.services.s?.image).toBe('one:two');
  });

  it('replaces the project’s .env', async (test) => {
    const root = makeProject(test, project);
    const args = ['-f', 'proj/compose.yaml', '--env-file', 'envs/one.env'];
    const result = model(await runCli([...args, 'config', '--format', 'json'], { cwd: root }));
    test.expect(result.services.s?.command).toEqual(['echo', 'unset']);
  });

  it('without it, the project’s .env applies', async (test) => {
    const root = makeProject(test, project);
    const result = model(
      await runCli(['-f', 'proj/compose.yaml', 'config', '--format', 'json'], { cwd: root }),
    );
    test.expect(result.services.s?.command).toEqual(['echo', 'from-dotenv']);
  });

  it('can set COMPOSE_FILE and COMPOSE_PROFILES (docker e2e TestComposeFileSetByEnvFile)', async (test) => {
    const root = makeProject(test, {
      'my.env':
        'COMPOSE_FILE=dotenv/development/compose.yaml\nIMAGE_NAME=test\nIMAGE_TAG=latest\nCOMPOSE_PROFILES=test\n',
    });
    const result = await runCli(['--env-file', join(root, 'my.env'), 'config'], { cwd: fixture('.') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('image: test:latest');
    test.expect(result.stdout).toContain('image: enabled:profile');
  });

  // Regression test (was a bug): Node 20 reads a script's own `--env-file` argument as its option
  // (nodejs/node#54232) and exits 9 with "node: nope.env: not found" before tscompose starts.
  // bin/tscompose.js needs a shebang that ends node's options, e.g. `#!/usr/bin/env -S node --`.
  it('a missing file is reported as docker compose reports it', async (test) => {
    const root = makeProject(test, { 'compose.yaml': 'services:\n  s:\n    image: s\n' });
    const result = await runCli(['--env-file', 'nope.env', 'config'], { cwd: root });
    test.expect(result).toMatchObject({
      exitCode: 1,
      stderr: `couldn't find env file: ${join(root, 'nope.env')}\n`,
    });
  });
});

describe.concurrent('--profile and COMPOSE_PROFILES', () => {
  it.for<{ name: string; args: string[]; env: Env; expected: string[] }>([
    { name: 'no profile: only services without profiles', args: [], env: {}, expected: ['web'] },
    {
      name: '--profile is repeatable',
      args: ['--profile', 'debug', '--profile', 'tools'],
      env: {},
      expected: ['debug', 'tools', 'web'],
    },
    {
      name: 'COMPOSE_PROFILES is a comma-separated list',
      args: [],
      env: { COMPOSE_PROFILES: 'debug,tools' },
      expected: ['debug', 'tools', 'web'],
    },
    {
      name: '--profile wins over COMPOSE_PROFILES',
      args: ['--profile', 'debug'],
      env: { COMPOSE_PROFILES: 'tools' },
      expected: ['debug', 'web'],
    },
    {
      name: '--profile "*" enables every profile',
      args: ['--profile', '*'],
      env: {},
      expected: ['debug', 'tools', 'web'],
    },
  ])('$name', async ({ args, env, expected }, test) => {
    const result = await runCli([...args, 'config', '--services'], { cwd: fixture('discovery'), env });
    test.expect(result.exitCode).toBe(0);
    // docker compose lists services in dependency order, else in no set order: compare as sets.
    test.expect(lines(result.stdout).sort()).toEqual(expected);
  });

  it('.env can set COMPOSE_FILE and COMPOSE_PROFILES (docker e2e TestComposeFileSetByDotEnv)', async (test) => {
    const result = await runCli(['config'], { cwd: fixture('dotenv') });
    test.expect(result.exitCode).toBe(0);
    test.expect(result.stdout).toContain('image: test:latest');
    test.expect(result.stdout).toContain('image: enabled:profile');
  });
});

describe.concurrent('finding the project from a sub-directory', () => {
  it('searches upwards for compose.yaml and picks up compose.override.yaml beside it', async (test) => {
    const result = model(
      await runCli(['config', '--format', 'json'], { cwd: join(fixture('discovery'), 'sub', 'deeper') }),
    );
    test.expect(result.name).toBe('discovery');
    test.expect(result.services.web).toMatchObject({
      image: 'web:from-dotenv',
      environment: { FROM_OVERRIDE: 'yes' },
      build: { context: join(fixture('discovery'), 'src') },
    });
  });

  it.for([
    { dir: '.', command: ['echo', 'root', 'win=root'] },
    { dir: 'sub', command: ['echo', 'root', 'sub', 'win=sub'] },
  ])(
    'reads the .env of the working directory, then the project’s (docker e2e TestNestedDotEnv) from $dir',
    async ({ dir, command }, test) => {
      const result = model(
        await runCli(['config', '--format', 'json'], { cwd: join(fixture('nested'), dir) }),
      );
      test.expect(result.name).toBe('nested');
      test.expect(result.services.echo?.command).toEqual(command);
    },
  );
});

describe('flags that change no config output are accepted where docker compose accepts them', () => {
  const compose = join(fixture('config-flags'), 'compose.yaml');

  it.each([
    { name: '--ansi never', argv: ['--ansi', 'never', '-f', compose, 'config', '-q'] },
    { name: '--ansi=always', argv: ['--ansi=always', '-f', compose, 'config', '-q'] },
    { name: '--ansi auto', argv: ['--ansi', 'auto', '-f', compose, 'config', '-q'] },
    ...['auto', 'tty', 'plain', 'json', 'quiet'].map((mode) => ({
      name: `--progress ${mode}`,
      argv: ['--progress', mode, '-f', compose, 'config', '-q'],
    })),
    { name: '--dry-run before the command', argv: ['--dry-run', '-f', compose, 'config', '-q'] },
    { name: '--dry-run after the command', argv: ['-f', compose, 'config', '--dry-run', '-q'] },
    { name: '--compatibility', argv: ['--compatibility', '-f', compose, 'config', '-q'] },
    { name: '--parallel 2', argv: ['--parallel', '2', '-f', compose, 'config', '-q'] },
    { name: '--all-resources', argv: ['--all-resources', '-f', compose, 'config', '-q'] },
  ])('$name', async ({ argv }) => {
    expect(await runMain(argv)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  // "none" is an alias of "quiet" in docker compose (selectEventProcessor in cmd/compose/compose.go).
  it('--progress none is accepted as quiet', async () => {
    expect(await runMain(['--progress', 'none', '-f', compose, 'config', '-q'])).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: '',
    });
  });

  // docker compose's selectEventProcessor refuses progress output that contradicts --ansi.
  it.each([
    {
      name: '--progress tty with --ansi never',
      argv: ['--ansi', 'never', '--progress', 'tty'],
      message: "can't use --progress tty while ANSI support is disabled",
    },
    {
      name: '--progress plain with --ansi always',
      argv: ['--ansi', 'always', '--progress', 'plain'],
      message: "can't use --progress plain while ANSI support is forced",
    },
  ])('$name is refused', async ({ argv, message }) => {
    const result = await runMain([...argv, '-f', compose, 'config', '-q']);
    expect(result).toMatchObject({ exitCode: 1, stderr: `${message}\n` });
  });
});

describe('deprecated global flags docker compose still accepts', () => {
  const project = join(fixture('config-flags'), 'compose.yaml');

  it.each([
    { name: '--no-ansi', argv: ['--no-ansi', '-f', project, 'config', '-q'] },
    { name: '--verbose', argv: ['--verbose', '-f', project, 'config', '-q'] },
    { name: '--workdir', argv: ['--workdir', fixture('config-flags'), '-f', project, 'config', '-q'] },
  ])('$name is accepted', async ({ argv }) => {
    expect(await runMain(argv)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('--no-ansi counts as --ansi never against --progress tty', async () => {
    const result = await runMain(['--no-ansi', '--progress', 'tty', '-f', project, 'config', '-q']);
    expect(result).toMatchObject({
      exitCode: 1,
      stderr: "can't use --progress tty while ANSI support is disabled\n",
    });
  });
});
