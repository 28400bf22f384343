/**
 * Opens /dev/net/tun and /dev/fuse read-write, as slirp4netns and fuse-overlayfs will. Opening
 * creates nothing: a tun device exists only after TUNSETIFF, a FUSE connection only after mount.
 */
import { closeSync, openSync } from 'node:fs';
import type { DeviceAccess } from './check-devices.js';

export function probeDevice(path: string): DeviceAccess {
  try {
    closeSync(openSync(path, 'r+'));
    return { kind: 'usable' };
  } catch (error) {
    const { code = 'UNKNOWN', message } = error as NodeJS.ErrnoException;
    return { kind: 'unusable', code, message };
  }
}
