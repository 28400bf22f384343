/**
 * Runs tscompose the two ways the CLI tests need. `runCli` executes the built binary,
 * `bin/tscompose.js`, through its shebang exactly as a shell would, in a chosen directory with a
 * chosen environment and standard input: that is how a user meets the command. `runMain` calls
 * `main(argv, io)` in this process and returns what it wrote through `io`; it is fast, and it is
 * the contract the binary is built on, but it runs in this process's directory and environment,
 * so tests give it absolute `-f` paths and use it where those cannot change the outcome.
 *
 * The binary runs what `npm run build` wrote to dist/. `npm test` builds first; a stale dist/
 * would test yesterday's code, so `runCli` refuses to run it and says how to fix that.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO_ROOT, 'bin', 'tscompose.js');
const BUILT_ENTRY = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  /** The directory the command runs in. */
  readonly cwd: string;
  /**
   * The environment, on top of a minimal one (PATH to node, HOME). Nothing of the test runner's
   * own environment leaks in, so a COMPOSE_FILE set by whoever runs the tests changes nothing.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Standard input; closed at once when absent, so `-f -` never waits. */
  readonly stdin?: string;
}

export async function runCli(args: readonly string[], run: CliRun): Promise<CliResult> {
  assertBuilt();
  const child = spawn(BIN, [...args], {
    cwd: run.cwd,
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: process.env.HOME ?? '/', ...run.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(run.stdin ?? '');
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return { exitCode, stdout, stderr };
}

/** `main(argv, io)` in this process: its exit code and what it wrote through `io`. */
export async function runMain(argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { exitCode, stdout, stderr };
}

let builtChecked = false;

function assertBuilt(): void {
  if (builtChecked) return;
  let built: number;
  try {
    built = statSync(BUILT_ENTRY).mtimeMs;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first (\`npm test\` does)`, {
      cause,
    });
  }
  const newest = newestSourceChange(join(REPO_ROOT, 'src'));
  if (newest > built) {
    throw new Error('dist/ is older than src/: run `npm run build` first (`npm test` does)');
  }
  builtChecked = true;
}

function newestSourceChange(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const changed = entry.isDirectory() ? newestSourceChange(path) : statSync(path).mtimeMs;
    return Math.max(newest, changed);
  }, 0);
}
