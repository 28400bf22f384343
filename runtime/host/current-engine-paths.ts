/**
 * The paths of the user running this process, on either side of the namespace boundary. On the
 * host that is `process.getuid()`. Inside the engine's user namespace every process is uid 0, so
 * `startEngine` hands the host uid down in `TSCOMPOSE_HOST_UID` and the engine computes the same
 * `/tmp/tscompose-<uid>` as the CLI that started it.
 */
import { homedir } from 'node:os';
import { enginePaths, type EnginePaths } from './paths.js';

/** Set by `startEngine` for the engine process: the uid that owns the engine on the host. */
export const HOST_UID_ENV = 'TSCOMPOSE_HOST_UID';

export function currentEnginePaths(
  env: Readonly<Record<string, string | undefined>> = process.env,
): EnginePaths {
  return enginePaths(env, hostUid(env), homedir());
}

export function hostUid(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const handed = env[HOST_UID_ENV];
  if (handed !== undefined && /^\d+$/.test(handed)) return Number(handed);
  if (process.getuid === undefined) throw new Error('tscompose runs on Linux only (no process.getuid)');
  return process.getuid();
}
