/**
 * Picks the OCI runtime: what `TSCOMPOSE_RUNTIME` forces, else crun on a unified cgroup v2 host
 * (it starts containers faster), else runc, which also handles hybrid and v1 hosts that crun
 * refuses. Pure: the cgroup mode, the installed runtimes and the forced value come in.
 */
import type { CgroupMode } from './cgroup-mode.js';

export const OCI_RUNTIMES = ['runc', 'crun'] as const;
export type OciRuntime = (typeof OCI_RUNTIMES)[number];

export interface OciRuntimeFacts {
  readonly mode: CgroupMode;
  readonly installed: readonly OciRuntime[];
  /** The value of TSCOMPOSE_RUNTIME, if set. */
  readonly forced: string | undefined;
}

export type OciRuntimeChoice =
  | { kind: 'chosen'; runtime: OciRuntime; reason: string; warning?: string }
  | { kind: 'none'; message: string; fix: string };

export function chooseOciRuntime(facts: OciRuntimeFacts): OciRuntimeChoice {
  if (facts.forced !== undefined && facts.forced !== '') return chooseForced(facts, facts.forced);
  const preferred: OciRuntime = facts.mode === 'unified' ? 'crun' : 'runc';
  if (facts.installed.includes(preferred)) {
    return { kind: 'chosen', runtime: preferred, reason: `${preferred} for ${describeMode(facts.mode)}` };
  }
  if (facts.mode === 'unified' && facts.installed.includes('runc')) {
    return {
      kind: 'chosen',
      runtime: 'runc',
      reason: `runc (crun, preferred on cgroup v2, is not installed)`,
    };
  }
  return {
    kind: 'none',
    message: `no OCI runtime installed (${preferred} is needed for ${describeMode(facts.mode)})`,
    fix: `sudo apt-get install -y ${preferred}`,
  };
}

function chooseForced(facts: OciRuntimeFacts, forced: string): OciRuntimeChoice {
  if (!isOciRuntime(forced)) {
    return {
      kind: 'none',
      message: `TSCOMPOSE_RUNTIME=${forced} is not a runtime tscompose knows (runc or crun)`,
      fix: 'unset TSCOMPOSE_RUNTIME',
    };
  }
  if (!facts.installed.includes(forced)) {
    return {
      kind: 'none',
      message: `TSCOMPOSE_RUNTIME=${forced}, but ${forced} is not installed`,
      fix: `sudo apt-get install -y ${forced}`,
    };
  }
  const reason = `${forced}, forced by TSCOMPOSE_RUNTIME`;
  if (forced === 'crun' && facts.mode !== 'unified') {
    return { kind: 'chosen', runtime: forced, reason, warning: `crun refuses ${describeMode(facts.mode)}` };
  }
  return { kind: 'chosen', runtime: forced, reason };
}

export function isOciRuntime(name: string): name is OciRuntime {
  return (OCI_RUNTIMES as readonly string[]).includes(name);
}

export function describeMode(mode: CgroupMode): string {
  switch (mode) {
    case 'unified':
      return 'unified cgroup v2';
    case 'hybrid':
      return 'hybrid cgroups (v1 controllers, v2 for systemd)';
    case 'legacy':
      return 'cgroup v1';
    case 'none':
      return 'no cgroup file system';
    default: {
      const unknownMode: never = mode;
      return String(unknownMode);
    }
  }
}
