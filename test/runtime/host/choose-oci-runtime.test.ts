/** chooseOciRuntime: crun on unified cgroup v2, runc otherwise, TSCOMPOSE_RUNTIME forcing either. */
import { describe, expect, it } from 'vitest';
import { chooseOciRuntime, type OciRuntimeFacts } from '../../../runtime/host/choose-oci-runtime.js';

const both = ['runc', 'crun'] as const;

describe('chooseOciRuntime', () => {
  it.each<{ name: string; facts: OciRuntimeFacts; expected: unknown }>([
    {
      name: 'unified v2 with both: crun',
      facts: { mode: 'unified', installed: both, forced: undefined },
      expected: { kind: 'chosen', runtime: 'crun' },
    },
    {
      name: 'hybrid with both: runc, since crun refuses hybrid',
      facts: { mode: 'hybrid', installed: both, forced: undefined },
      expected: { kind: 'chosen', runtime: 'runc' },
    },
    {
      name: 'legacy v1: runc',
      facts: { mode: 'legacy', installed: both, forced: undefined },
      expected: { kind: 'chosen', runtime: 'runc' },
    },
    {
      name: 'unified without crun: runc',
      facts: { mode: 'unified', installed: ['runc'], forced: undefined },
      expected: { kind: 'chosen', runtime: 'runc' },
    },
    {
      name: 'hybrid with crun only: none, install runc',
      facts: { mode: 'hybrid', installed: ['crun'], forced: undefined },
      expected: { kind: 'none', fix: 'sudo apt-get install -y runc' },
    },
    {
      name: 'nothing installed on v2: install crun',
      facts: { mode: 'unified', installed: [], forced: undefined },
      expected: { kind: 'none', fix: 'sudo apt-get install -y crun' },
    },
    {
      name: 'forced runc on v2',
      facts: { mode: 'unified', installed: both, forced: 'runc' },
      expected: { kind: 'chosen', runtime: 'runc', reason: 'runc, forced by TSCOMPOSE_RUNTIME' },
    },
    {
      name: 'forced crun on hybrid: chosen, with a warning',
      facts: { mode: 'hybrid', installed: both, forced: 'crun' },
      expected: {
        kind: 'chosen',
        runtime: 'crun',
        warning: 'crun refuses hybrid cgroups (v1 controllers, v2 for systemd)',
      },
    },
    {
      name: 'forced but not installed',
      facts: { mode: 'unified', installed: ['runc'], forced: 'crun' },
      expected: { kind: 'none', message: 'TSCOMPOSE_RUNTIME=crun, but crun is not installed' },
    },
    {
      name: 'forced to something unknown',
      facts: { mode: 'unified', installed: both, forced: 'youki' },
      expected: { kind: 'none', fix: 'unset TSCOMPOSE_RUNTIME' },
    },
    {
      name: 'an empty TSCOMPOSE_RUNTIME forces nothing',
      facts: { mode: 'hybrid', installed: both, forced: '' },
      expected: { kind: 'chosen', runtime: 'runc' },
    },
  ])('$name', ({ facts, expected }) => {
    expect(chooseOciRuntime(facts)).toMatchObject(expected as object);
  });
});
