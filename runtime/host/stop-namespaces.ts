/**
 * Ends this user's rootlesskit, and so its namespaces and everything still inside them: the
 * parent gets SIGTERM (it forwards it to its child, whose catatonit exits), then SIGKILL after the
 * grace period. rootlesskit removes its state dir on a clean exit. Use it for a full tear-down
 * only: containers lose their network with it.
 */
import type { EnginePaths } from './paths.js';
import { findLiveNamespaces } from './ensure-namespaces.js';
import { parentPid, processCommandLine } from './process-alive.js';
import { signalAndWait, type Stopped } from './signal-and-wait.js';

export async function stopNamespaces(paths: EnginePaths, graceMs = 10_000): Promise<Stopped> {
  const live = await findLiveNamespaces(paths);
  if (live === undefined) return 'not-running';
  const parent = parentPid(live.pausePid);
  // Signal the parent only if it is the rootlesskit of these paths, never an unrelated process.
  const isRootlesskit =
    parent !== undefined &&
    (processCommandLine(parent) ?? []).includes(`--state-dir=${paths.rootlesskitDir}`);
  return signalAndWait(isRootlesskit ? parent : live.pausePid, graceMs);
}
