/**
 * The thin launcher: the only runtime module the CLI imports (src/engine/connect.ts and
 * src/cli/engine.ts load it on demand). It finds this user's engine (its paths), starts one
 * through the host module's `startEngine` (namespaces, then `node dist/runtime/engine-main.js`
 * inside them), stops it, and reads its pid. Everything heavier (services, runc, images) lives in
 * the engine process; the CLI reaches it only over the socket.
 *
 * Why a module and not a spawned helper: the CLI needs the socket path on every call, and a
 * spawned process would cost a node start-up each time; this module and runtime/host's few files
 * it pulls in are small, synchronous path arithmetic plus `startEngine`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentEnginePaths } from './host/current-engine-paths.js';
import type { EnginePaths } from './host/paths.js';
import { readEnginePid } from './host/read-engine-pid.js';
import { socketAccepts } from './host/socket-accepts.js';
import { startEngine, type StartedEngine } from './host/start-engine.js';
import { stopEngine, type StoppedEngine } from './host/stop-engine.js';

export type { EnginePaths, StartedEngine, StoppedEngine };

type Env = Readonly<Record<string, string | undefined>>;

/** Overrides the engine entry (tests, or a development checkout running from source). */
export const ENGINE_ENTRY_ENV = 'TSCOMPOSE_ENGINE_ENTRY';

export function locateEngine(env: Env = process.env): EnginePaths {
  return currentEnginePaths(env);
}

export function engineAnswers(paths: EnginePaths): Promise<boolean> {
  return socketAccepts(paths.socket);
}

export function launchEngine(
  env: Env = process.env,
  options: { timeoutMs?: number } = {},
): Promise<StartedEngine> {
  return startEngine(locateEngine(env), engineEntry(env), { env, ...options });
}

export function haltEngine(
  env: Env = process.env,
  options: { namespaces?: 'keep' | 'stop'; graceMs?: number } = {},
): Promise<StoppedEngine> {
  return stopEngine(locateEngine(env), options);
}

export function enginePid(env: Env = process.env): number | undefined {
  return readEnginePid(locateEngine(env));
}

/**
 * The built engine entry, `<package>/dist/runtime/engine-main.js`. This module may run from
 * dist/runtime/ or bundled into dist/bundle/tscompose.mjs, so it walks up to the package root.
 */
export function engineEntry(env: Env = process.env, from: string = fileURLToPath(import.meta.url)): string {
  const forced = env[ENGINE_ENTRY_ENV];
  if (forced !== undefined && forced !== '') return forced;
  const root = packageRoot(dirname(from));
  const entry = join(root, 'dist', 'runtime', 'engine-main.js');
  if (!existsSync(entry))
    throw new Error(`the engine is not built (${entry} is missing): run \`npm run build\``);
  return entry;
}

function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tscompose'
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the tscompose package above ${start}`);
  }
}
