/**
 * Which cgroup layout the host has, from the file system types mounted at /sys/fs/cgroup. The
 * layout decides the OCI runtime: crun wants the unified (v2-only) hierarchy and refuses a
 * hybrid one, runc handles all three.
 *
 * Pure: the statfs magic numbers come in; `probeCgroupMode` (probe-cgroup-mode.ts) reads them.
 */

export type CgroupMode = 'unified' | 'hybrid' | 'legacy' | 'none';

/** statfs(2) f_type values, from linux/magic.h. */
export const CGROUP2_SUPER_MAGIC = 0x63677270;
export const TMPFS_MAGIC = 0x01021994;

export interface CgroupMounts {
  /** f_type of /sys/fs/cgroup, or undefined when it is missing. */
  readonly root: number | undefined;
  /** f_type of /sys/fs/cgroup/unified (systemd's hybrid layout), or undefined when it is missing. */
  readonly unified: number | undefined;
}

export function classifyCgroupMode(mounts: CgroupMounts): CgroupMode {
  if (mounts.root === CGROUP2_SUPER_MAGIC) return 'unified';
  // v1 controllers under a tmpfs; systemd may add a v2 tree at unified/ for itself: hybrid.
  if (mounts.root === TMPFS_MAGIC) return mounts.unified === CGROUP2_SUPER_MAGIC ? 'hybrid' : 'legacy';
  return 'none';
}
