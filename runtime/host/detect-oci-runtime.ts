/**
 * The OCI runtime the engine uses on this host: the cgroup layout and the installed programs,
 * decided by chooseOciRuntime. Throws with the fix when there is none to use.
 */
import {
  chooseOciRuntime,
  OCI_RUNTIMES,
  type OciRuntime,
  type OciRuntimeFacts,
} from './choose-oci-runtime.js';
import { findProgram } from './find-program.js';
import { probeCgroupMode } from './probe-cgroup-mode.js';

export async function detectOciRuntime(
  env: Readonly<Record<string, string | undefined>>,
): Promise<OciRuntime> {
  const choice = chooseOciRuntime(probeOciRuntimeFacts(env));
  if (choice.kind === 'none') throw new Error(`${choice.message}: ${choice.fix}`);
  return choice.runtime;
}

export function probeOciRuntimeFacts(env: Readonly<Record<string, string | undefined>>): OciRuntimeFacts {
  return {
    mode: probeCgroupMode(),
    installed: OCI_RUNTIMES.filter((name) => findProgram(name, env) !== undefined),
    forced: env.TSCOMPOSE_RUNTIME,
  };
}
