/**
 * Makes the engine's runtime folder, mode 0700, and refuses one that someone else owns. The
 * fallback `/tmp/tscompose-<uid>` sits in a world-writable folder, so another user could create
 * it first and read our sockets; checking the owner after mkdir closes that hole.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import type { EnginePaths } from './paths.js';

export function ensureRuntimeDir(paths: EnginePaths): void {
  mkdirSync(paths.runtimeDir, { recursive: true, mode: 0o700 });
  const stat = statSync(paths.runtimeDir);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new Error(
      `${paths.runtimeDir} belongs to uid ${stat.uid}, not to you (uid ${uid}): remove it or set XDG_RUNTIME_DIR`,
    );
  }
  if ((stat.mode & 0o777) !== 0o700) chmodSync(paths.runtimeDir, 0o700);
}
