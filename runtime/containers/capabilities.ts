/**
 * The container's capability set: Docker's default fourteen, changed by `CapAdd`/`CapDrop`
 * (names with or without `CAP_`, any case, and `ALL`), or every capability for a privileged
 * container. Inside the user namespace these are capabilities over the namespace only, which is
 * what makes `--privileged` tolerable rootless.
 *
 * Order follows moby's `caps.TweakCapabilities`: start from the defaults (or all when `ALL` is
 * added), add, then drop (`ALL` dropped leaves only what is added explicitly).
 */
import { badRequest } from '../status-error.js';

export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Every capability the kernel knows, by number (the index), as of Linux 5.9. */
export const ALL_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

export function containerCapabilities(options: {
  capAdd?: readonly string[] | null;
  capDrop?: readonly string[] | null;
  privileged?: boolean;
}): string[] {
  if (options.privileged) return [...ALL_CAPABILITIES];
  const add = (options.capAdd ?? []).map(normalize);
  const drop = (options.capDrop ?? []).map(normalize);
  const result = new Set(add.includes('ALL') ? ALL_CAPABILITIES : DEFAULT_CAPABILITIES);
  if (drop.includes('ALL')) result.clear();
  for (const name of add) if (name !== 'ALL') result.add(name);
  for (const name of drop) if (name !== 'ALL' && !add.includes(name)) result.delete(name);
  return ALL_CAPABILITIES.filter((name) => result.has(name));
}

/** `net_admin` → `CAP_NET_ADMIN`; unknown names are a bad request, as in Docker. */
function normalize(name: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === 'ALL') return 'ALL';
  const full = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (!ALL_CAPABILITIES.includes(full)) throw badRequest(`invalid capability: ${name}`);
  return full;
}

/** The capability bits as /proc/<pid>/status prints them (`CapEff: 00000000a80425fb`). */
export function capabilityMask(names: readonly string[]): string {
  let mask = 0n;
  for (const name of names) mask |= 1n << BigInt(ALL_CAPABILITIES.indexOf(name));
  return mask.toString(16).padStart(16, '0');
}
