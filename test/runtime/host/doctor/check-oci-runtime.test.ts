/** checkOciRuntime: the cgroup layout and the runtime it leads to, as a doctor line. */
import { describe, expect, it } from 'vitest';
import { checkOciRuntime } from '../../../../runtime/host/doctor/check-oci-runtime.js';

describe('checkOciRuntime', () => {
  it.each([
    {
      name: 'hybrid: runc',
      facts: { mode: 'hybrid', installed: ['runc', 'crun'], forced: undefined },
      expected: { status: 'ok', detail: 'hybrid cgroups (v1 controllers, v2 for systemd): runc' },
    },
    {
      name: 'unified: crun',
      facts: { mode: 'unified', installed: ['runc', 'crun'], forced: undefined },
      expected: { status: 'ok', detail: 'unified cgroup v2: crun' },
    },
    {
      name: 'crun forced on hybrid: a warning',
      facts: { mode: 'hybrid', installed: ['runc', 'crun'], forced: 'crun' },
      expected: { status: 'warn', fix: 'unset TSCOMPOSE_RUNTIME' },
    },
    {
      name: 'no runtime',
      facts: { mode: 'legacy', installed: [], forced: undefined },
      expected: { status: 'fail', fix: 'sudo apt-get install -y runc' },
    },
  ] as const)('$name', ({ facts, expected }) => {
    expect(checkOciRuntime(facts)).toMatchObject({ name: 'cgroups and OCI runtime', ...expected });
  });
});
