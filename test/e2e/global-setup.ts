/**
 * Once per end-to-end run: a real registry (Debian's docker-registry) on 127.0.0.1 with the
 * busybox test image pushed to it, handed to the tests through vitest's `provide`. At the end,
 * every container this user's engine still has is removed, then the engine and its namespaces are
 * stopped, so the run leaves no process behind (scripts/run-e2e.sh removes the state folder).
 */
import type { TestProject } from 'vitest/node';
import { currentEnginePaths } from '../../runtime/host/current-engine-paths.js';
import { stopEngine } from '../../runtime/host/stop-engine.js';
import { pushBusybox, startRegistry } from '../support/registry.js';
import { docker } from './support/commands.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `127.0.0.1:<port>` of the run's registry. */
    registry: string;
    /** The busybox test image on that registry, and the manifest digest the registry serves. */
    busybox: { reference: string; digest: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const registry = await startRegistry();
  project.provide('registry', registry.host);
  project.provide('busybox', await pushBusybox(registry));
  return async () => {
    await removeEveryContainer();
    await stopEngine(currentEnginePaths(), { namespaces: 'stop' });
    await registry.stop();
  };
}

async function removeEveryContainer(): Promise<void> {
  const listed = await docker(['ps', '-aq']);
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (listed.code === 0 && ids.length > 0) await docker(['rm', '-f', ...ids]);
}
