/** The storage driver decision: forced, remembered for this kernel, or probed (native first). */
import { describe, expect, it } from 'vitest';
import {
  decideBeforeProbing,
  parseRememberedDriver,
  pickProbedDriver,
} from '../../../runtime/host/choose-storage-driver.js';
import type { MountProbe } from '../../../runtime/host/probe-overlay-mount.js';

const KERNEL = '6.1.0-18-amd64';

describe('decideBeforeProbing', () => {
  it.each([
    {
      name: 'forced overlay',
      forced: 'overlay',
      remembered: undefined,
      expected: { kind: 'use', driver: 'overlay', source: 'forced' },
    },
    {
      name: 'forced wins over remembered',
      forced: 'fuse-overlayfs',
      remembered: { driver: 'overlay', kernel: KERNEL },
      expected: { kind: 'use', driver: 'fuse-overlayfs', source: 'forced' },
    },
    {
      name: 'forced to an unknown driver',
      forced: 'btrfs',
      remembered: undefined,
      expected: { kind: 'invalid' },
    },
    {
      name: 'remembered for this kernel',
      forced: undefined,
      remembered: { driver: 'fuse-overlayfs', kernel: KERNEL },
      expected: { kind: 'use', driver: 'fuse-overlayfs', source: 'remembered' },
    },
    {
      name: 'remembered for another kernel: probe again',
      forced: undefined,
      remembered: { driver: 'fuse-overlayfs', kernel: '5.10.0-28-amd64' },
      expected: { kind: 'probe' },
    },
    { name: 'nothing known: probe', forced: '', remembered: undefined, expected: { kind: 'probe' } },
  ] as const)('$name', ({ forced, remembered, expected }) => {
    expect(decideBeforeProbing({ forced, remembered, kernel: KERNEL })).toMatchObject(expected);
  });
});

describe('pickProbedDriver', () => {
  const mounted: MountProbe = { kind: 'mounted' };
  const failed = (error: string): MountProbe => ({ kind: 'failed', error });
  it.each([
    {
      name: 'native mounts',
      native: mounted,
      fuse: undefined,
      expected: { kind: 'chosen', driver: 'overlay' },
    },
    {
      name: 'native fails, fuse mounts',
      native: failed('EPERM'),
      fuse: mounted,
      expected: { kind: 'chosen', driver: 'fuse-overlayfs' },
    },
    {
      name: 'both fail: both reasons given',
      native: failed('mount: permission denied'),
      fuse: failed('fuse: device not found'),
      expected: {
        kind: 'none',
        message:
          'neither overlay mounts in a user namespace: native overlay: mount: permission denied; fuse-overlayfs: fuse: device not found',
      },
    },
  ])('$name', ({ native, fuse, expected }) => {
    expect(pickProbedDriver(native, fuse)).toEqual(expected);
  });
});

describe('parseRememberedDriver', () => {
  it.each([
    {
      name: 'a good answer',
      text: '{"driver":"overlay","kernel":"6.1.0"}',
      expected: { driver: 'overlay', kernel: '6.1.0' },
    },
    { name: 'damaged JSON', text: '{"driver":"over', expected: undefined },
    { name: 'an unknown driver', text: '{"driver":"zfs","kernel":"6.1.0"}', expected: undefined },
    { name: 'no kernel', text: '{"driver":"overlay"}', expected: undefined },
    { name: 'null', text: 'null', expected: undefined },
  ])('$name', ({ text, expected }) => {
    expect(parseRememberedDriver(text)).toEqual(expected);
  });
});
