/**
 * `tscompose version`, `-v` and `--version`, as `docker compose version` behaves
 * (cmd/compose/version.go and its test; cmd/compatibility/convert.go turns `-v`/`--version`
 * into the command): the same three formats, and no compose file is read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { REPO_ROOT, runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

describe.concurrent('version', () => {
  it.for([
    { args: ['version'], stdout: `tscompose version ${version}\n` },
    { args: ['-v'], stdout: `tscompose version ${version}\n` },
    { args: ['--version'], stdout: `tscompose version ${version}\n` },
    { args: ['version', '--short'], stdout: `${version}\n` },
    { args: ['version', '--format', 'json'], stdout: `{"version":"${version}"}\n` },
    { args: ['version', '-f', 'json'], stdout: `{"version":"${version}"}\n` },
    { args: ['version', '--format', 'pretty'], stdout: `tscompose version ${version}\n` },
  ])('$args prints $stdout', async ({ args, stdout }, test) => {
    const root = makeProject(test, {});
    test.expect(await runCli(args, { cwd: root })).toEqual({ exitCode: 0, stdout, stderr: '' });
  });

  it('reads no compose file, even when COMPOSE_FILE names a broken one', async (test) => {
    const root = makeProject(test, { 'broken.yaml': 'services: [\n' });
    const result = await runCli(['version'], { cwd: root, env: { COMPOSE_FILE: 'broken.yaml' } });
    test.expect(result).toEqual({ exitCode: 0, stdout: `tscompose version ${version}\n`, stderr: '' });
  });
});
