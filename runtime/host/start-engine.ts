/**
 * Starts this user's engine: makes sure the namespaces exist, then runs `node <entry>` inside
 * them through nsenter, detached in its own session (it must outlive the CLI call that started
 * it), stdout and stderr appended to `logFile`, and returns once the socket accepts connections.
 * An engine already answering on the socket is returned as is, so calling this twice, or from two
 * processes at once (a lock file serialises them), starts one engine.
 *
 * The engine runs as uid 0 in the user namespace; `TSCOMPOSE_HOST_UID` tells it the host uid so
 * it computes the same paths (current-engine-paths.ts). The entry is the caller's choice: the CLI
 * passes the built `runtime/engine-main.js`, tests a small script of their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { HOST_UID_ENV, hostUid } from './current-engine-paths.js';
import { ensureNamespaces } from './ensure-namespaces.js';
import { ensureRuntimeDir } from './ensure-runtime-dir.js';
import { findProgram } from './find-program.js';
import { withLockFile } from './lock-file.js';
import { nsenterArgs } from './nsenter-args.js';
import type { EnginePaths } from './paths.js';
import { readEnginePid } from './read-engine-pid.js';
import { socketAccepts } from './socket-accepts.js';
import { writeFileAtomicSync } from '../write-file-atomic.js';

export interface StartedEngine {
  /** The engine's pid on the host, or undefined for an engine found running without a pid file. */
  readonly pid: number | undefined;
  readonly pausePid: number;
  readonly socket: string;
  /** 'started' by this call, or 'running' already. */
  readonly how: 'started' | 'running';
}

export interface StartEngineOptions {
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const POLL_MS = 25;

export async function startEngine(
  paths: EnginePaths,
  entry: string,
  options: StartEngineOptions = {},
): Promise<StartedEngine> {
  const env = options.env ?? process.env;
  ensureRuntimeDir(paths);
  const { pausePid } = await ensureNamespaces(paths, { env });
  return withLockFile(join(paths.runtimeDir, 'engine-start.lock'), async () => {
    if (await socketAccepts(paths.socket)) {
      return { pid: readEnginePid(paths), pausePid, socket: paths.socket, how: 'running' };
    }
    const nsenter = findProgram('nsenter', env);
    if (nsenter === undefined) throw new Error('nsenter is not installed: sudo apt-get install util-linux');
    removeStaleSocket(paths.socket);
    mkdirSync(dirname(paths.logFile), { recursive: true, mode: 0o700 });
    const log = openSync(paths.logFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(nsenter, [...nsenterArgs(pausePid), process.execPath, entry], {
        detached: true,
        stdio: ['ignore', log, log],
        cwd: '/',
        env: { ...env, [HOST_UID_ENV]: String(hostUid(env)) },
      });
    } finally {
      closeSync(log);
    }
    try {
      const pid = await waitForSocket(paths, child, options.timeoutMs ?? 30_000);
      return { pid, pausePid, socket: paths.socket, how: 'started' };
    } finally {
      child.unref();
    }
  });
}

async function waitForSocket(paths: EnginePaths, child: ChildProcess, timeoutMs: number): Promise<number> {
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code ?? '?'}`));
  child.once('error', (error) => (exit = error.message));
  // nsenter execs node in place, so this pid is the engine's own.
  if (child.pid !== undefined) writeFileAtomicSync(paths.pidFile, `${child.pid}\n`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit !== undefined) {
      throw new Error(
        `the engine stopped (${exit}) before it served ${paths.socket}:\n${tail(paths.logFile)}`,
      );
    }
    if (await socketAccepts(paths.socket)) return child.pid ?? -1;
    if (Date.now() > deadline) {
      throw new Error(
        `the engine did not serve ${paths.socket} within ${timeoutMs} ms:\n${tail(paths.logFile)}`,
      );
    }
    await delay(POLL_MS);
  }
}

/** A socket file nobody answers on is a dead engine's; a new engine could not bind over it. */
function removeStaleSocket(socket: string): void {
  try {
    unlinkSync(socket);
  } catch (error) {
    // ENOENT: no engine ever ran, or it cleaned up after itself.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function tail(file: string, lines = 15): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
