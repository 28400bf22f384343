/**
 * Makes sure this user's namespaces exist and returns the pid to join them through. A live
 * rootlesskit (its API answers on `<rootlesskitDir>/api.sock`) is reused; otherwise a new one is
 * started, detached in its own session so it outlives the CLI call that started it, with its output
 * in `<runtimeDir>/rootlesskit.log`.
 *
 * Race safety: "look, then start" runs under a lock file, so two callers that both find nothing
 * start one rootlesskit, and the second caller finds the first one's. Behind that, rootlesskit
 * flocks its state dir itself: if a second one ever starts, it exits at once and we wait for the
 * first.
 *
 * The pid returned is rootlesskit's child (`child_pid`), the process that owns the namespaces and
 * whose child is `catatonit -P`; nsenter to it joins the same namespaces as nsenter to catatonit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureRuntimeDir } from './ensure-runtime-dir.js';
import { findProgram } from './find-program.js';
import { withLockFile } from './lock-file.js';
import { rootlesskitApiSocket, type EnginePaths } from './paths.js';
import { isProcessAlive } from './process-alive.js';
import { rootlesskitArgs } from './rootlesskit-args.js';
import { rootlesskitInfo } from './rootlesskit-info.js';

export interface Namespaces {
  /** Join the namespaces with `nsenter --target <pausePid>` (see nsenter-args.ts). */
  readonly pausePid: number;
}

export interface EnsureNamespacesOptions {
  /** How long a new rootlesskit may take to set up its namespaces. */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const POLL_MS = 25;

export async function ensureNamespaces(
  paths: EnginePaths,
  options: EnsureNamespacesOptions = {},
): Promise<Namespaces> {
  const live = await findLiveNamespaces(paths);
  if (live) return live;
  ensureRuntimeDir(paths);
  return withLockFile(join(paths.runtimeDir, 'namespaces.lock'), async () => {
    const started = await findLiveNamespaces(paths);
    if (started) return started;
    return startRootlesskit(paths, options);
  });
}

/** The namespaces of a live rootlesskit for these paths, or undefined when there is none. */
export async function findLiveNamespaces(paths: EnginePaths): Promise<Namespaces | undefined> {
  const answer = await rootlesskitInfo(rootlesskitApiSocket(paths));
  if (answer.kind !== 'answered') return undefined;
  const pausePid = answer.info.childPID;
  return isProcessAlive(pausePid) ? { pausePid } : undefined;
}

async function startRootlesskit(paths: EnginePaths, options: EnsureNamespacesOptions): Promise<Namespaces> {
  const env = options.env ?? process.env;
  const programs = {
    rootlesskit: requireProgram('rootlesskit', 'rootlesskit', env),
    slirp4netns: requireProgram('slirp4netns', 'slirp4netns', env),
    catatonit: requireProgram('catatonit', 'catatonit', env),
  };
  // rootlesskit wants its state dir to exist; it clears a dead run's child_pid and api.sock itself.
  mkdirSync(paths.rootlesskitDir, { recursive: true, mode: 0o700 });
  const logFile = join(paths.runtimeDir, 'rootlesskit.log');
  const log = openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(
      programs.rootlesskit,
      rootlesskitArgs({
        stateDir: paths.rootlesskitDir,
        slirp4netns: programs.slirp4netns,
        catatonit: programs.catatonit,
      }),
      // Its own session and no pipes to us: it must survive this process and its terminal.
      { detached: true, stdio: ['ignore', log, log], cwd: '/', env: { ...env } },
    );
  } finally {
    closeSync(log);
  }
  try {
    return await waitUntilLive(paths, child, logFile, options.timeoutMs ?? 30_000);
  } finally {
    child.unref();
  }
}

async function waitUntilLive(
  paths: EnginePaths,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<Namespaces> {
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code ?? '?'}`));
  child.once('error', (error) => (exit = error.message));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = await findLiveNamespaces(paths);
    if (live) return live;
    // A rootlesskit that lost the race for the state dir's flock exits at once; the winner, still
    // setting up, is the answer. Any other exit is a failure worth showing.
    if (exit !== undefined && !lostStateDirLock(logFile)) {
      throw new Error(`rootlesskit stopped (${exit}) before its namespaces were ready:\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`rootlesskit was not ready within ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    await delay(POLL_MS);
  }
}

/** rootlesskit's message when another one holds the state dir (pkg/parent/parent.go). */
function lostStateDirLock(logFile: string): boolean {
  return tail(logFile, 3).includes('another RootlessKit is running with the same state directory');
}

function requireProgram(
  name: string,
  debianPackage: string,
  env: Readonly<Record<string, string | undefined>>,
) {
  const path = findProgram(name, env);
  if (path === undefined) {
    throw new Error(
      `${name} is not installed: sudo apt-get install ${debianPackage} (see \`tscompose doctor\`)`,
    );
  }
  return path;
}

function tail(file: string, lines = 15): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
