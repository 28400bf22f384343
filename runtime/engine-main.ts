/**
 * The engine process. `startEngine` (runtime/host) runs it inside the user's namespaces, as
 * uid 0 there, with stdout and stderr appended to the engine log. It reads its environment,
 * detects the OCI runtime and storage driver, builds the engine, recovers the containers a
 * previous engine left, serves the API on the socket (0600) and records its pid.
 *
 * SIGTERM or SIGINT stops serving and exits 0; containers keep running under their conmon, and
 * the next engine finds them. SIGKILL loses nothing either: the socket file it leaves is replaced
 * and the pid file is checked against the live process by whoever reads it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_API_VERSION } from './api/api-version.js';
import { createApiServer, listenOnSocket } from './api/server.js';
import { buildEngine } from './engine.js';
import { currentEnginePaths } from './host/current-engine-paths.js';
import { detectOciRuntime } from './host/detect-oci-runtime.js';
import { detectStorageDriver } from './host/detect-storage-driver.js';
import { ensureRuntimeDir } from './host/ensure-runtime-dir.js';
import { socketAccepts } from './host/socket-accepts.js';
import { writeFileAtomicSync } from './write-file-atomic.js';

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

/** The package's version, from the package.json above this file (dist/runtime or runtime). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'tscompose') return manifest.version ?? '0.0.0';
    } catch (error) {
      // ENOENT: no package.json at this level; keep walking up.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return '0.0.0';
}

async function main(): Promise<number> {
  const env = process.env;
  const paths = currentEnginePaths(env);
  ensureRuntimeDir(paths);
  if (await socketAccepts(paths.socket)) {
    log(`another engine already serves ${paths.socket}; exiting`);
    return 1;
  }
  const [ociRuntime, storageDriver] = await Promise.all([
    detectOciRuntime(env),
    detectStorageDriver(paths, env),
  ]);
  const engineVersion = packageVersion();
  const engine = await buildEngine({ paths, env, engineVersion, ociRuntime, storageDriver });
  await engine.recover();
  const server = createApiServer({ services: engine.services, serverVersion: engineVersion, log });
  const listening = await listenOnSocket(server, paths.socket);
  writeFileAtomicSync(paths.pidFile, `${process.pid}\n`);
  log(
    `engine ${engineVersion} (pid ${process.pid}) serving API ${MAX_API_VERSION} on ${paths.socket}` +
      ` with ${ociRuntime} and ${storageDriver}`,
  );

  const stopped = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const signal = await stopped;
  log(`${signal}: shutting down; containers keep running`);
  engine.close();
  await listening.close();
  removeOwnPidFile(paths.pidFile);
  return 0;
}

/** Removes the pid file only if it still names us: a newer engine may have replaced it. */
function removeOwnPidFile(pidFile: string): void {
  try {
    if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) rmSync(pidFile);
  } catch (error) {
    // ENOENT: `tscompose engine stop` removed it already.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`engine failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
