/** classifyCgroupMode: the cgroup layout from the file system types at /sys/fs/cgroup. */
import { describe, expect, it } from 'vitest';
import { CGROUP2_SUPER_MAGIC, classifyCgroupMode, TMPFS_MAGIC } from '../../../runtime/host/cgroup-mode.js';

const CGROUP_V1_MAGIC = 0x27e0eb;

describe('classifyCgroupMode', () => {
  it.each([
    {
      name: 'cgroup2 at the root: unified',
      root: CGROUP2_SUPER_MAGIC,
      unified: undefined,
      expected: 'unified',
    },
    {
      name: 'tmpfs with cgroup2 at unified/: hybrid',
      root: TMPFS_MAGIC,
      unified: CGROUP2_SUPER_MAGIC,
      expected: 'hybrid',
    },
    { name: 'tmpfs without unified/: legacy v1', root: TMPFS_MAGIC, unified: undefined, expected: 'legacy' },
    {
      name: 'tmpfs with a v1 tree at unified/: legacy',
      root: TMPFS_MAGIC,
      unified: CGROUP_V1_MAGIC,
      expected: 'legacy',
    },
    { name: 'nothing mounted', root: undefined, unified: undefined, expected: 'none' },
  ])('$name', ({ root, unified, expected }) => {
    expect(classifyCgroupMode({ root, unified })).toBe(expected);
  });
});
