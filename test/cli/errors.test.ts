/**
 * How the CLI fails: command-line mistakes worded as docker compose (cobra and pflag) words them,
 * and bad compose files printed as `file:line:col: path: message` with the offending line and a
 * caret, every problem in file order. Every failure exits 1, prints nothing on stdout, and never
 * shows a stack trace.
 *
 * Most cases call main(argv, io) in this process with absolute paths (errors go through `io`);
 * what depends on the working directory runs the built binary.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, runMain, type CliResult } from './run-cli.js';
import { fixture, makeProject } from './temp-project.js';

const compose = join(fixture('config-flags'), 'compose.yaml');

function expectCleanFailure(result: CliResult): void {
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** A compose file in a fresh folder; returns its absolute path. */
function composeFile(content: string, name = 'compose.yaml'): string {
  return join(makeProject({ onTestFinished }, { [name]: content }), name);
}

describe('command-line mistakes', () => {
  it.each([
    {
      name: 'unknown command',
      argv: ['foo'],
      stderr: 'unknown tscompose command: "foo"\nRun \'tscompose --help\' for the list of commands.\n',
    },
    { name: 'unknown flag before the command', argv: ['--foo', 'config'], stderr: 'unknown flag: --foo\n' },
    { name: 'unknown flag after the command', argv: ['config', '--foo'], stderr: 'unknown flag: --foo\n' },
    { name: 'unknown flag with a value', argv: ['config', '--foo=bar'], stderr: 'unknown flag: --foo\n' },
    { name: 'missing value of -p', argv: ['-p'], stderr: "flag needs an argument: 'p' in -p\n" },
    { name: 'missing value of -f', argv: ['-f'], stderr: "flag needs an argument: 'f' in -f\n" },
    {
      name: 'missing value of --project-name',
      argv: ['--project-name'],
      stderr: 'flag needs an argument: --project-name\n',
    },
    {
      name: 'missing value of --env-file',
      argv: ['--env-file'],
      stderr: 'flag needs an argument: --env-file\n',
    },
    {
      name: 'missing value of --profile',
      argv: ['--profile'],
      stderr: 'flag needs an argument: --profile\n',
    },
    {
      name: 'missing value of --project-directory',
      argv: ['--project-directory'],
      stderr: 'flag needs an argument: --project-directory\n',
    },
  ])('$name', async ({ argv, stderr }) => {
    const result = await runMain(argv);
    expectCleanFailure(result);
    expect(result.stderr).toBe(stderr);
  });

  it.each([
    {
      name: 'an unknown --progress mode',
      argv: ['--progress', 'fancy', '-f', compose, 'config'],
      value: 'fancy',
    },
    { name: 'an unknown --format', argv: ['-f', compose, 'config', '--format', 'xml'], value: 'xml' },
    { name: 'an unknown version --format', argv: ['version', '--format', 'xml'], value: 'xml' },
  ])('$name is refused, naming the value', async ({ argv, value }) => {
    const result = await runMain(argv);
    expectCleanFailure(result);
    expect(result.stderr).toContain(`"${value}"`);
  });

  it('version takes no arguments', async () => {
    expectCleanFailure(await runMain(['version', 'extra']));
  });

  it.each([
    {
      // usage-error.ts, translateUsageMessage: pflag words an unknown shorthand differently.
      name: 'unknown shorthand flag',
      argv: ['config', '-x'],
      stderr: "unknown shorthand flag: 'x' in -x\n",
    },
    {
      // config.ts, configCommand: --hash lacks `requiresArg`, so it runs with "" ("no such service: ").
      name: 'missing value of config --hash',
      argv: ['-f', compose, 'config', '--hash'],
      stderr: 'flag needs an argument: --hash\n',
    },
    {
      // config.ts, configCommand: -o lacks `requiresArg`, so the model goes to stdout.
      name: 'missing value of config -o',
      argv: ['-f', compose, 'config', '-q', '-o'],
      stderr: "flag needs an argument: 'o' in -o\n",
    },
    {
      // config.ts, configCommand: --format lacks `requiresArg` ('invalid argument "" …').
      name: 'missing value of config --format',
      argv: ['-f', compose, 'config', '--format'],
      stderr: 'flag needs an argument: --format\n',
    },
  ])('$name', async ({ argv, stderr }) => {
    const result = await runMain(argv);
    expectCleanFailure(result);
    expect(result.stderr).toBe(stderr);
  });
});

describe('bad compose files', () => {
  it('a schema error names file:line:col and the field, and shows the line', async () => {
    const file = composeFile('services:\n  web:\n    image: nginx\n  db:\n    image: 42\n');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toBe(
      `${file}:5:5: services.db.image: must be a string\n` + '  5 |     image: 42\n' + '    |     ^\n',
    );
  });

  it('every schema error is printed, in file order', async () => {
    const file = composeFile(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    ports: "8080:80"',
        '  db:',
        '    image: 42',
        'networks:',
        '  front:',
        '    driver: [x]',
        '',
      ].join('\n'),
    );
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toBe(
      `${file}:4:5: services.web.ports: must be a list\n` +
        '  4 |     ports: "8080:80"\n' +
        '    |     ^\n' +
        `${file}:6:5: services.db.image: must be a string\n` +
        '  6 |     image: 42\n' +
        '    |     ^\n' +
        `${file}:9:5: networks.front.driver: must be a string\n` +
        '  9 |     driver: [x]\n' +
        '    |     ^\n',
    );
  });

  it('a YAML syntax error names its line and shows it', async () => {
    const file = composeFile('services:\n  a:\n    image: x\n   bad: indent\n');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:4:\\d+: `));
    expect(result.stderr).toContain('\n  4 |    bad: indent\n    | ');
    expect(result.stderr).toMatch(/^ {4}\| *\^$/m);
  });

  it('an undefined dependency names the service, as compose-go words it', async () => {
    const file = composeFile('services:\n  web:\n    image: nginx\n    depends_on: [ghost]\n');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toBe(
      `${file}:4:5: services.web.depends_on.ghost: service "web" depends on undefined service "ghost": invalid compose project\n` +
        '  4 |     depends_on: [ghost]\n' +
        '    |     ^\n',
    );
  });

  it('a missing required variable gives its message', async () => {
    const file = composeFile('services:\n  web:\n    image: ${IMG:?IMG is needed}\n');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${escape(file)}:3:\\d+: services\\.web\\.image: required variable IMG is missing a value: IMG is needed\\n`,
      ),
    );
  });

  it('an error in an override file points into the override file', async () => {
    const root = makeProject(
      { onTestFinished },
      {
        'compose.yaml': 'services:\n  web:\n    image: nginx\n',
        'compose.override.yaml': 'services:\n  web:\n    privileged: maybe\n',
      },
    );
    const result = await runMain([
      '-f',
      join(root, 'compose.yaml'),
      '-f',
      join(root, 'compose.override.yaml'),
      'config',
    ]);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(
      new RegExp(`^${escape(join(root, 'compose.override.yaml'))}:3:\\d+: services\\.web\\.privileged: `),
    );
    expect(result.stderr).toContain('  3 |     privileged: maybe\n');
  });

  it('a bad port names its place', async () => {
    const file = composeFile('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80:80:80"\n');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:5:\\d+: services\\.web\\.ports\\[0\\]: `));
    expect(result.stderr).toContain('  5 |       - "80:80:80:80"\n');
  });

  it('several bad ports each name their place', async () => {
    const file = composeFile(
      'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80:80:80"\n  db:\n    image: pg\n    ports:\n      - "abc"\n',
    );
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(
      new RegExp(`^${escape(file)}:5:\\d+: services\\.web\\.ports\\[0\\]: `, 'm'),
    );
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}:9:\\d+: services\\.db\\.ports\\[0\\]: `, 'm'));
  });

  it('a file read from stdin is named "-" and shown without a code frame', async () => {
    const root = makeProject({ onTestFinished }, {});
    const result = await runCli(['-f', '-', 'config'], {
      cwd: root,
      stdin: 'services:\n  web:\n    image: 42\n',
    });
    expectCleanFailure(result);
    expect(result.stderr).toBe('-:3:5: services.web.image: must be a string\n');
  });

  it('a missing -f file is named', async () => {
    const file = join(makeProject({ onTestFinished }, {}), 'nope.yaml');
    const result = await runMain(['-f', file, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('no such file or directory');
  });

  it('a missing --env-file is named as docker compose names it', async () => {
    const file = join(makeProject({ onTestFinished }, {}), 'nope.env');
    const result = await runMain(['--env-file', file, '-f', compose, 'config']);
    expectCleanFailure(result);
    expect(result.stderr).toBe(`couldn't find env file: ${file}\n`);
  });

  it('a project without a compose file says so', async () => {
    const root = makeProject({ onTestFinished }, { 'README.md': 'no compose file here\n' });
    const result = await runCli(['config'], { cwd: root });
    expectCleanFailure(result);
    expect(result.stderr).toContain('no configuration file provided: not found');
  });

  it('-q still reports the error and exits 1', async () => {
    const file = composeFile('services:\n  db:\n    image: 42\n');
    const result = await runMain(['-f', file, 'config', '-q']);
    expectCleanFailure(result);
    expect(result.stderr).toContain(`${file}:3:5: services.db.image: must be a string\n`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
