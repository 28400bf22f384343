/** checkPrograms: every needed program found; fuse-overlayfs needed only without native overlay. */
import { describe, expect, it } from 'vitest';
import { checkPrograms } from '../../../../runtime/host/doctor/check-programs.js';
import { REQUIRED_PROGRAMS } from '../../../../runtime/host/required-programs.js';

const all = Object.fromEntries(
  REQUIRED_PROGRAMS.map((program) => [program.name, `/usr/bin/${program.name}`]),
);
const without = (...names: string[]) => ({
  ...all,
  ...Object.fromEntries(names.map((name) => [name, undefined])),
});

describe('checkPrograms', () => {
  it.each([
    { name: 'all there', found: all, nativeOverlay: true, expected: { status: 'ok' } },
    {
      name: 'rootlesskit and slirp4netns missing: one apt-get for both',
      found: without('rootlesskit', 'slirp4netns'),
      nativeOverlay: true,
      expected: { status: 'fail', fix: 'sudo apt-get install -y rootlesskit slirp4netns' },
    },
    {
      name: 'nsenter and unshare share a package',
      found: without('nsenter', 'unshare'),
      nativeOverlay: true,
      expected: { status: 'fail', fix: 'sudo apt-get install -y util-linux' },
    },
    {
      name: 'fuse-overlayfs missing while native overlay works: a warning',
      found: without('fuse-overlayfs'),
      nativeOverlay: true,
      expected: { status: 'warn', fix: 'sudo apt-get install -y fuse-overlayfs' },
    },
    {
      name: 'fuse-overlayfs missing and native overlay fails: a failure',
      found: without('fuse-overlayfs'),
      nativeOverlay: false,
      expected: { status: 'fail' },
    },
  ])('$name', ({ found, nativeOverlay, expected }) => {
    expect(checkPrograms({ programs: REQUIRED_PROGRAMS, found, nativeOverlay })).toMatchObject({
      name: 'programs',
      ...expected,
    });
  });
});
