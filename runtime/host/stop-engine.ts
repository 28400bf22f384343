/**
 * Stops this user's engine: SIGTERM, then SIGKILL when it has not exited within the grace period.
 * The pause process, and with it the namespaces, the containers (conmon keeps them) and their
 * published ports, stay, so the next engine finds them; `namespaces: 'stop'` also ends rootlesskit
 * (see stop-namespaces.ts), which is what a full tear-down wants.
 */
import { unlinkSync } from 'node:fs';
import type { EnginePaths } from './paths.js';
import { readEnginePid } from './read-engine-pid.js';
import { stopNamespaces } from './stop-namespaces.js';
import { signalAndWait, type Stopped } from './signal-and-wait.js';

export interface StopEngineOptions {
  /** Whether the namespaces survive the engine. */
  readonly namespaces?: 'keep' | 'stop';
  /** How long SIGTERM gets before SIGKILL. */
  readonly graceMs?: number;
}

export interface StoppedEngine {
  readonly engine: Stopped;
  readonly namespaces: Stopped | 'kept';
}

export async function stopEngine(
  paths: EnginePaths,
  options: StopEngineOptions = {},
): Promise<StoppedEngine> {
  const pid = readEnginePid(paths);
  const engine = pid === undefined ? 'not-running' : await signalAndWait(pid, options.graceMs ?? 10_000);
  removeIfPresent(paths.pidFile);
  if (options.namespaces !== 'stop') return { engine, namespaces: 'kept' };
  return { engine, namespaces: await stopNamespaces(paths, options.graceMs) };
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    // ENOENT: nothing to remove; the engine was never started or already cleaned up.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
