/**
 * Can this user open /dev/net/tun and /dev/fuse? slirp4netns creates the namespace's tap device
 * through /dev/net/tun, so that one is needed; fuse-overlayfs needs /dev/fuse, so that one matters
 * only when native overlay does not mount. Some minimal hosts ship both 0600; a desktop has 0666.
 * Pure: the open attempts come in.
 */
import type { CheckResult } from './check-result.js';

export type DeviceAccess = { kind: 'usable' } | { kind: 'unusable'; code: string; message: string };

export interface DeviceFacts {
  readonly tun: DeviceAccess;
  readonly fuse: DeviceAccess;
  readonly nativeOverlay: boolean;
}

export function checkTun(facts: DeviceFacts): CheckResult {
  return checkDevice('/dev/net/tun', facts.tun, 'fail', 'tun');
}

export function checkFuse(facts: DeviceFacts): CheckResult {
  return checkDevice('/dev/fuse', facts.fuse, facts.nativeOverlay ? 'warn' : 'fail', 'fuse');
}

function checkDevice(
  path: string,
  access: DeviceAccess,
  status: 'warn' | 'fail',
  module: string,
): CheckResult {
  if (access.kind === 'usable') return { name: path, status: 'ok', detail: 'usable' };
  const fix = access.code === 'ENOENT' ? `sudo modprobe ${module}` : `sudo chmod 0666 ${path}`;
  const needed = status === 'warn' ? ' (only fuse-overlayfs needs it, and native overlay works)' : '';
  return { name: path, status, detail: `${access.message}${needed}`, fix };
}
