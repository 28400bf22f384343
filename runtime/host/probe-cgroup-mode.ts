/** Reads the file system types at /sys/fs/cgroup and classifies them (see cgroup-mode.ts). */
import { statfsSync } from 'node:fs';
import { classifyCgroupMode, type CgroupMode } from './cgroup-mode.js';

export function probeCgroupMode(root = '/sys/fs/cgroup'): CgroupMode {
  return classifyCgroupMode({ root: fsType(root), unified: fsType(`${root}/unified`) });
}

function fsType(path: string): number | undefined {
  try {
    return statfsSync(path).type;
  } catch (error) {
    // ENOENT: nothing mounted there (no cgroup fs at all, or no hybrid unified/ tree).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
