/**
 * `tscompose --help` and `tscompose config --help` offer every option docker compose documents,
 * with docker compose's description. The tables below are data copied from
 * docker/compose docs/reference/compose.md and compose_config.md (their Options tables); value
 * lists in parentheses are left out, since yargs prints choices its own way.
 *
 * yargs wraps long descriptions onto the next line, so the help is compared with its
 * whitespace collapsed: `--flag description` must appear as one run of words.
 */
import { describe, expect, it } from 'vitest';
import { runCli, runMain } from './run-cli.js';
import { fixture } from './temp-project.js';

/** docs/reference/compose.md, "Options". */
const GLOBAL_OPTIONS = [
  ['--all-resources', 'Include all resources, even those not used by services'],
  ['--ansi', 'Control when to print ANSI control characters'],
  ['--compatibility', 'Run compose in backward compatibility mode'],
  ['--dry-run', 'Execute command in dry run mode'],
  ['--env-file', 'Specify an alternate environment file'],
  ['-f, --file', 'Compose configuration files'],
  ['--parallel', 'Control max parallelism, -1 for unlimited'],
  ['--profile', 'Specify a profile to enable'],
  ['--progress', 'Set type of progress output'],
  [
    '--project-directory',
    'Specify an alternate working directory (default: the path of the, first specified, Compose file)',
  ],
  ['-p, --project-name', 'Project name'],
] as const;

/** docs/reference/compose_config.md, "Options". */
const CONFIG_OPTIONS = [
  ['--dry-run', 'Execute command in dry run mode'],
  ['--environment', 'Print environment used for interpolation.'],
  ['--format', 'Format the output. Values: [yaml | json]'],
  ['--hash', 'Print the service config hash, one per line.'],
  ['--images', 'Print the image names, one per line.'],
  ['--lock-image-digests', 'Produces an override file with image digests'],
  ['--models', 'Print the model names, one per line.'],
  ['--networks', 'Print the network names, one per line.'],
  ['--no-consistency', "Don't check model consistency - warning: may produce invalid Compose output"],
  ['--no-env-resolution', "Don't resolve service env files"],
  ['--no-interpolate', "Don't interpolate environment variables"],
  ['--no-normalize', "Don't normalize compose model"],
  ['--no-path-resolution', "Don't resolve file paths"],
  ['-o, --output', 'Save to file (default to stdout)'],
  ['--profiles', 'Print the profile names, one per line.'],
  ['-q, --quiet', "Only validate the configuration, don't print anything"],
  ['--resolve-image-digests', 'Pin image tags to digests'],
  ['--services', 'Print the service names, one per line.'],
  ['--variables', 'Print model variables and default values.'],
  ['--volumes', 'Print the volume names, one per line.'],
] as const;

const collapse = (text: string) => text.replace(/\s+/g, ' ');
const where = { cwd: fixture('config-flags') };

describe.concurrent('tscompose --help', () => {
  it.for(['--help', '-h'])('%s exits 0 and lists every docker compose global option', async (flag, test) => {
    const result = await runCli([flag], where);
    test.expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const help = collapse(result.stdout);
    for (const [option, description] of GLOBAL_OPTIONS) {
      test.expect(help, option).toContain(`${option} ${description}`);
    }
  });

  it('lists the commands', async (test) => {
    const help = (await runCli(['--help'], where)).stdout;
    test
      .expect(help)
      .toMatch(/^\s+tscompose config\b.*Parse, resolve and render compose file in canonical format$/m);
    test.expect(help).toMatch(/^\s+tscompose version\b.*Show the tscompose version information$/m);
  });

  it('offers the --ansi and --progress values docker compose accepts', async (test) => {
    const help = collapse((await runCli(['--help'], where)).stdout);
    for (const mode of ['never', 'always', 'auto'])
      test.expect(help).toMatch(new RegExp(`--ansi .*"${mode}"`));
    for (const mode of ['auto', 'tty', 'plain', 'json', 'quiet']) {
      test.expect(help).toMatch(new RegExp(`--progress .*"${mode}"`));
    }
  });

  it.for(['--help', '-h'])(
    'config %s exits 0 and lists every option of docker compose config',
    async (flag, test) => {
      const result = await runCli(['config', flag], where);
      test.expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      const help = collapse(result.stdout);
      for (const [option, description] of CONFIG_OPTIONS) {
        test.expect(help, option).toContain(`${option} ${description}`);
      }
    },
  );

  // cobra gives docker compose `help COMMAND`, the same as `COMMAND --help`.
  it('help config prints the help of config', async (test) => {
    const result = await runCli(['help', 'config'], where);
    test.expect(result).toMatchObject({ exitCode: 0 });
    test.expect(collapse(result.stdout)).toContain('--no-interpolate');
  });
});

describe('tscompose without a command', () => {
  it('prints the help through io and exits 0, as docker compose does', async () => {
    const result = await runMain([]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage:  tscompose [OPTIONS] COMMAND');
    expect(collapse(result.stdout)).toContain('-f, --file Compose configuration files');
  });
});
