/**
 * Golden files for `tscompose config`: each folder of fixtures/config is a small project that
 * `docker compose` could load as is, and its `expected.yaml` (for some also `expected.json`, or
 * `expected.txt` for listings and tables) is what `docker compose config` prints for it, byte for
 * byte. Those files are the reference: they
 * were derived by hand from docker/compose's e2e tests and from compose-go's and go-yaml's
 * marshalling rules (see the comment at the top of each compose.yaml), never copied from our own
 * output, so there is deliberately no "update snapshots" mode here.
 *
 * Each case runs the real CLI in a child process, with the case folder as working directory and a
 * fixed environment (no HOME, no COMPOSE_* from the developer's shell). The absolute path of the
 * case folder is written `${PROJECT_DIR}` in the expected files.
 *
 * A case folder may also hold:
 * - `args`: extra arguments for `config`, one per line (`--format json` is added for expected.json);
 * - `process-env`: `NAME=value` lines, the process environment docker compose would see.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES_DIR = join(ROOT, 'fixtures', 'config');
const BIN = join(ROOT, 'bin', 'tscompose.js');
const BUILT_MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Which expected file; only `json` changes the command line (it adds `--format json`). */
type OutputFormat = 'yaml' | 'json' | 'txt';

interface GoldenCase {
  readonly name: string;
  readonly format: OutputFormat;
  readonly dir: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly expectedFile: string;
}

const CASES: GoldenCase[] = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .flatMap((name) => casesIn(name));

function casesIn(name: string): GoldenCase[] {
  const dir = join(CASES_DIR, name);
  const args = linesOf(join(dir, 'args'));
  const env = Object.fromEntries(
    linesOf(join(dir, 'process-env')).map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
    }),
  );
  const formats: OutputFormat[] = ['yaml', 'json', 'txt'];
  return formats
    .map((format) => ({ format, expectedFile: join(dir, `expected.${format}`) }))
    .filter(({ expectedFile }) => existsSync(expectedFile))
    .map(({ format, expectedFile }) => ({
      name,
      format,
      dir,
      args: format === 'json' ? [...args, '--format', 'json'] : args,
      env,
      expectedFile,
    }));
}

function linesOf(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/**
 * The built CLI when dist/ is up to date (CI builds it before the tests), else the sources through
 * tsx, so a stale build never hides a change and a missing one never fails the suite.
 */
function cliCommand(): string[] {
  if (existsSync(BUILT_MAIN) && newestSourceTime(join(ROOT, 'src')) <= statSync(BUILT_MAIN).mtimeMs) {
    return [BIN];
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const main = pathToFileURL(join(ROOT, 'src', 'cli', 'main.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  return ['--import', tsx, '--input-type=module', '--eval', script, '--'];
}

function newestSourceTime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    return Math.max(newest, time);
  }, 0);
}

const CLI = cliCommand();

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runConfig(testCase: GoldenCase): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent-home', ...testCase.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI, 'config', ...testCase.args],
      { cwd: testCase.dir, env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The case folder's absolute path, as typed and as the child sees it (symlinks resolved), becomes a placeholder. */
function normalise(output: string, dir: string): string {
  return [realpathSync(dir), dir].reduce((text, path) => text.split(path).join('${PROJECT_DIR}'), output);
}

describe.concurrent('tscompose config prints what docker compose config prints', () => {
  it('has at least fifteen projects', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)('$name ($format)', async (testCase) => {
    const result = await runConfig(testCase);
    expect(result.code, result.stderr).toBe(0);
    expect(normalise(result.stdout, testCase.dir)).toBe(readFileSync(testCase.expectedFile, 'utf8'));
  });
});
