/** checkTun and checkFuse: which device is needed when, and the fix for each way it fails. */
import { describe, expect, it } from 'vitest';
import { checkFuse, checkTun, type DeviceAccess } from '../../../../runtime/host/doctor/check-devices.js';

const usable: DeviceAccess = { kind: 'usable' };
const denied: DeviceAccess = {
  kind: 'unusable',
  code: 'EACCES',
  message: "EACCES: permission denied, open '/dev/x'",
};
const absent: DeviceAccess = {
  kind: 'unusable',
  code: 'ENOENT',
  message: "ENOENT: no such file or directory, open '/dev/x'",
};

describe('checkTun', () => {
  it.each([
    { name: 'usable', tun: usable, expected: { status: 'ok' } },
    { name: 'mode 0600', tun: denied, expected: { status: 'fail', fix: 'sudo chmod 0666 /dev/net/tun' } },
    { name: 'no device node', tun: absent, expected: { status: 'fail', fix: 'sudo modprobe tun' } },
  ])('$name', ({ tun, expected }) => {
    expect(checkTun({ tun, fuse: usable, nativeOverlay: true })).toMatchObject({
      name: '/dev/net/tun',
      ...expected,
    });
  });
});

describe('checkFuse', () => {
  it.each([
    { name: 'usable', fuse: usable, nativeOverlay: false, expected: { status: 'ok' } },
    {
      name: 'denied while native overlay works: a warning',
      fuse: denied,
      nativeOverlay: true,
      expected: { status: 'warn', fix: 'sudo chmod 0666 /dev/fuse' },
    },
    {
      name: 'denied and native overlay fails: a failure',
      fuse: denied,
      nativeOverlay: false,
      expected: { status: 'fail', fix: 'sudo chmod 0666 /dev/fuse' },
    },
    {
      name: 'no device node',
      fuse: absent,
      nativeOverlay: false,
      expected: { status: 'fail', fix: 'sudo modprobe fuse' },
    },
  ])('$name', ({ fuse, nativeOverlay, expected }) => {
    expect(checkFuse({ tun: usable, fuse, nativeOverlay })).toMatchObject({ name: '/dev/fuse', ...expected });
  });
});
