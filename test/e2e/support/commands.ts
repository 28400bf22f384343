/**
 * Runs the two clients the end-to-end suite drives: our own CLI (`node bin/tscompose.js`, built by
 * setup) and the stock docker CLI pointed at our engine's socket. Results are returned, never
 * thrown, so a test can assert on the exit code of a command that is meant to fail.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { currentEnginePaths } from '../../../runtime/host/current-engine-paths.js';

const TSCOMPOSE_BIN = fileURLToPath(new URL('../../../bin/tscompose.js', import.meta.url));

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export function engineSocket(): string {
  return currentEnginePaths().socket;
}

export function tscompose(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return run(process.execPath, [TSCOMPOSE_BIN, ...args], options);
}

export function docker(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const env = { DOCKER_HOST: `unix://${engineSocket()}`, DOCKER_CONFIG: dockerConfigDir(), ...options.env };
  return run('docker', args, { ...options, env });
}

/** docker output, trimmed, or a thrown error that shows what the command said. */
export async function dockerOk(args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await docker(args, options);
  if (result.code !== 0) {
    throw new Error(
      `docker ${args.join(' ')} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout.trim();
}

/** A docker CLI config folder of the suite's own, so no user config (contexts, auth) leaks in. */
function dockerConfigDir(): string {
  return `${currentEnginePaths().runtimeDir}-docker-config`;
}

function run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
